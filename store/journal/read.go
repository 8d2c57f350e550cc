package journal

import (
	"bytes"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"

	"dispatch/internal/safefile"
)

// Changes is what a journal says changed in its folder since a mark.
type Changes struct {
	// Followed says the journal could be followed from the mark: Touched
	// then names every path changed since (perhaps with some that were
	// not). When false the caller must look at every file.
	Followed bool
	Touched  []string
	// Next is the mark to keep with what the caller builds now: past the
	// records read, but before any change not yet confirmed. The zero Mark
	// when there is no journal to follow.
	Next Mark
}

// Read reads root's journal after since. It costs one open and a read of
// the records since the mark; without a mark (or with another journal's)
// it reads the whole journal, at most a few megabytes, for the mark to
// keep after the caller looked at everything.
func Read(root string, since Mark) Changes { return read(filepath.Join(root, Name), since) }

func read(path string, since Mark) Changes {
	f, err := safefile.Open(path)
	if err != nil {
		return Changes{}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > readLimit {
		return Changes{}
	}
	data, err := io.ReadAll(io.LimitReader(f, readLimit))
	if err != nil {
		return Changes{}
	}
	return parse(data, since)
}

// parse reads a journal's bytes after since.
func parse(data []byte, since Mark) Changes {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return Changes{}
	}
	id := parseHeader(data[:nl+1])
	if id == "" {
		return Changes{}
	}
	start := int64(nl + 1)
	c := Changes{Followed: since.ID == id && since.Offset >= start && since.Offset <= int64(len(data))}
	if c.Followed {
		start = since.Offset
	}
	// only whole lines: the last may be being written, or cut short
	end := int64(bytes.LastIndexByte(data, '\n') + 1)
	if end < start {
		end = start
	}
	first := map[string]int64{} // token → offset of its first intent
	confirmed := map[string]bool{}
	for off := start; off < end; {
		n := int64(bytes.IndexByte(data[off:end], '\n'))
		line := string(data[off : off+n])
		switch tok, p, kind := parseRecord(line); kind {
		case '?':
			if c.Followed {
				c.Touched = append(c.Touched, p)
			}
			if _, ok := first[tok]; !ok {
				first[tok] = off
			}
		case '!':
			confirmed[tok] = true
		default:
			c.Followed = false
			c.Touched = nil
		}
		off += n + 1
	}
	next := end
	for tok, off := range first {
		if !confirmed[tok] {
			next = min(next, off)
		}
	}
	c.Next = Mark{ID: id, Offset: next}
	return c
}

// parseRecord reads one line: an intent ('?', its token and path) or a
// confirmation ('!', its token); kind 0 for anything else.
func parseRecord(line string) (token, path string, kind byte) {
	if len(line) < 10 || line[1] != ' ' || !isToken(line[2:10]) {
		return "", "", 0
	}
	token = line[2:10]
	switch line[0] {
	case '!':
		if len(line) == 10 {
			return token, "", '!'
		}
	case '?':
		if len(line) < 12 || line[10] != ' ' {
			return "", "", 0
		}
		p, err := strconv.Unquote(line[11:])
		if err == nil && fs.ValidPath(p) && p != "." {
			return token, p, '?'
		}
	}
	return "", "", 0
}

func isToken(s string) bool {
	for i := range len(s) {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
