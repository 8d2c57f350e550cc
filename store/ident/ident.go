// Package ident gives every article an identity that never changes once
// seen: a number and a slug, assigned the first time dispatch sees the
// article and remembered for good, with the time it was first seen.
//
// Identities live in one append-only journal (a line an article) under the
// data folder, which survives the index cache being deleted. A number is
// never given twice and a slug never moves from one article to another: an
// article that goes away keeps both, and a newcomer whose slug is taken
// gets a suffix ("-2"), never the article already known. Articles are
// named by a key that stays with them (a feed item's file, a user file's
// absolute path, a built-in article's name), so a rewording, a new feed
// sorting before the others, or another --dir changes no one's number.
//
// Several dispatch processes may assign at once: a new identity is written
// under a lock after reading what the others wrote meanwhile, so two
// processes give the same article the same number. A journal that cannot
// be written (a read-only data folder) costs a warning: the identities of
// this run are then given in memory, in the library's order.
package ident

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
)

// Limits on what the journal may hold: it is read at every start, and it
// is input like any other file in the user's folders.
const (
	// MaxJournalBytes bounds the journal read: 64 MiB is over 400,000
	// identities.
	MaxJournalBytes = 64 << 20
	maxKeyBytes     = 4096
	maxSlugBytes    = 128
	lockWait        = 5 * time.Second
)

// Identity is what an article is known by.
type Identity struct {
	Number int       // 1 for the first article ever seen; never reused
	Slug   string    // unique among all identities ever given
	Seen   time.Time // when it was first seen, to the second
}

// Registry is the identities given so far. It is not safe for concurrent
// use; a library assigns under one goroutine.
type Registry struct {
	path     string // the journal; "" keeps everything in memory
	read     int64  // bytes of the journal read so far
	byKey    map[string]Identity
	bySlug   map[string]bool
	byNumber map[int]bool
	next     int // the number the next new article gets
	warning  string
}

// Open reads the journal at path; a missing journal is an empty registry.
// path "" gives a registry in memory only. A journal that cannot be read
// is an error; lines it cannot parse (a crash cut the last one short, or
// the file was edited) are skipped with a warning.
func Open(path string) (*Registry, error) {
	r := &Registry{path: path, byKey: map[string]Identity{}, bySlug: map[string]bool{}, byNumber: map[int]bool{}, next: 1}
	if path == "" {
		return r, nil
	}
	if err := r.catchUp(); err != nil {
		return nil, err
	}
	return r, nil
}

// Path is the journal's path, "" for a registry in memory.
func (r *Registry) Path() string { return r.path }

// Len is the number of identities given.
func (r *Registry) Len() int { return len(r.byKey) }

// Warning is what went wrong keeping identities, "" when nothing did.
func (r *Registry) Warning() string { return r.warning }

// Lookup is the identity of key, if it has one.
func (r *Registry) Lookup(key string) (Identity, bool) {
	id, ok := r.byKey[key]
	return id, ok
}

// Request is an article that needs an identity: its key and its title,
// which its slug is made from.
type Request struct {
	Key   string
	Title string
}

// Assign gives every request its identity: the one it has, or a new one,
// in the order given. New identities are written to the journal before
// Assign returns, under its lock, after what other processes wrote
// meanwhile is read — so that an article another dispatch has just named
// keeps that name. When the journal cannot be written, the identities hold
// for this run only and Warning says so.
func (r *Registry) Assign(reqs []Request, slugify func(title string) string, now time.Time) []Identity {
	out := make([]Identity, len(reqs))
	missing := r.missing(reqs)
	if len(missing) > 0 && r.path != "" {
		if err := r.assignLocked(reqs, missing, slugify, now); err != nil {
			r.warning = fmt.Sprintf("article numbers could not be kept (%v): new ones may change next time", err)
			r.path = "" // in memory from here on
		}
	}
	for _, i := range r.missing(reqs) { // without a journal, or it failed
		r.give(reqs[i], slugify, now)
	}
	for i, q := range reqs {
		out[i] = r.byKey[q.Key]
	}
	return out
}

// missing is the indexes of the requests without an identity.
func (r *Registry) missing(reqs []Request) []int {
	var out []int
	seen := map[string]bool{}
	for i, q := range reqs {
		if _, ok := r.byKey[q.Key]; !ok && !seen[q.Key] {
			seen[q.Key] = true
			out = append(out, i)
		}
	}
	return out
}

// assignLocked takes the journal's lock, reads what others appended, and
// appends an identity for each request still missing one.
func (r *Registry) assignLocked(reqs []Request, missing []int, slugify func(string) string, now time.Time) error {
	if err := os.MkdirAll(filepath.Dir(r.path), 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	unlock, err := diskio.Lock(ctx, r.path+".lock")
	if err != nil {
		return err
	}
	defer unlock()
	if err := r.catchUpWhole(); err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, i := range missing {
		q := reqs[i]
		if _, ok := r.byKey[q.Key]; ok {
			continue // another dispatch named it meanwhile
		}
		id := r.give(q, slugify, now)
		writeLine(&buf, q.Key, id)
	}
	if buf.Len() == 0 {
		return nil
	}
	if err := diskio.Append(r.path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	r.read += int64(buf.Len())
	return nil
}

// give makes a new identity for q in memory.
func (r *Registry) give(q Request, slugify func(string) string, now time.Time) Identity {
	base := slugify(q.Title)
	slug := base
	for n := 2; r.bySlug[slug]; n++ {
		slug = base + "-" + strconv.Itoa(n)
	}
	id := Identity{Number: r.next, Slug: slug, Seen: now.Truncate(time.Second)}
	r.add(q.Key, id)
	return id
}

func (r *Registry) add(key string, id Identity) {
	r.byKey[key] = id
	r.bySlug[id.Slug] = true
	r.byNumber[id.Number] = true
	r.next = max(r.next, id.Number+1)
}

// catchUpWhole is catchUp under the lock, before writing: a last line
// without its end (a crash, an edit) is ended and read, so that what
// follows is a line of its own and it counts if whole.
func (r *Registry) catchUpWhole() error {
	if err := r.catchUp(); err != nil {
		return err
	}
	if info, err := os.Stat(r.path); err == nil && info.Size() > r.read {
		if err := diskio.Append(r.path, []byte{'\n'}, 0o644); err != nil {
			return err
		}
		return r.catchUp()
	}
	return nil
}

// catchUp reads the journal from where the last read ended: an append-only
// file only grows, so what was read stays true. A journal that shrank was
// replaced: it is read again whole.
func (r *Registry) catchUp() error {
	f, err := safefile.Open(r.path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil // none yet (or none can be: writing says why)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", r.path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", r.path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("read %s: a %s, not a file", r.path, safefile.FileType(info.Mode()))
	}
	if info.Size() > MaxJournalBytes {
		return fmt.Errorf("read %s: larger than %d MiB", r.path, MaxJournalBytes>>20)
	}
	if info.Size() < r.read {
		*r = Registry{path: r.path, byKey: map[string]Identity{}, bySlug: map[string]bool{}, byNumber: map[int]bool{}, next: 1}
	}
	if _, err := f.Seek(r.read, io.SeekStart); err != nil {
		return fmt.Errorf("read %s: %w", r.path, err)
	}
	rd := bufio.NewReaderSize(io.LimitReader(f, MaxJournalBytes-r.read), 64<<10)
	bad := 0
	for {
		line, err := rd.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// a line longer than any identity: skip to its end
			bad++
			r.read += int64(len(line))
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = rd.ReadSlice('\n')
				r.read += int64(len(line))
			}
			continue
		}
		if err != nil { // EOF: a last line without its newline is not finished
			break
		}
		r.read += int64(len(line))
		key, id, ok := parseLine(line[:len(line)-1])
		if !ok {
			bad++
			continue
		}
		if _, dup := r.byKey[key]; dup || r.bySlug[id.Slug] || r.byNumber[id.Number] {
			bad++ // the first word on a key or slug stands
			continue
		}
		r.add(key, id)
	}
	if bad > 0 {
		r.warning = fmt.Sprintf("%s: %d lines that are not article identities were skipped", r.path, bad)
	}
	return nil
}

// A journal line is "number TAB seen TAB slug TAB key", the key quoted as
// a Go string so that a file name with tabs or newlines stays one field.
func writeLine(b *bytes.Buffer, key string, id Identity) {
	b.WriteString(strconv.Itoa(id.Number))
	b.WriteByte('\t')
	b.WriteString(strconv.FormatInt(id.Seen.Unix(), 10))
	b.WriteByte('\t')
	b.WriteString(id.Slug)
	b.WriteByte('\t')
	b.WriteString(strconv.Quote(key))
	b.WriteByte('\n')
}

func parseLine(line []byte) (key string, id Identity, ok bool) {
	fields := strings.SplitN(string(line), "\t", 4)
	if len(fields) != 4 || len(fields[2]) == 0 || len(fields[2]) > maxSlugBytes || len(fields[3]) > maxKeyBytes {
		return "", Identity{}, false
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n <= 0 {
		return "", Identity{}, false
	}
	seen, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil || seen < 0 {
		return "", Identity{}, false
	}
	if strings.ContainsFunc(fields[2], func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) {
		return "", Identity{}, false
	}
	key, err = strconv.Unquote(fields[3])
	if err != nil || key == "" {
		return "", Identity{}, false
	}
	return key, Identity{Number: n, Slug: fields[2], Seen: time.Unix(seen, 0).UTC()}, true
}

// Peek is what Assign would give the requests, without giving anything:
// the identities they have, and for the others the numbers and slugs they
// would get next, in this registry only. For a list of files not read yet
// (a catalogue), whose titles are not the articles'.
func (r *Registry) Peek(reqs []Request, slugify func(title string) string, now time.Time) []Identity {
	out := make([]Identity, len(reqs))
	next := r.next
	taken := map[string]bool{}
	given := map[string]Identity{}
	for i, q := range reqs {
		if id, ok := r.byKey[q.Key]; ok {
			out[i] = id
			continue
		}
		if id, ok := given[q.Key]; ok {
			out[i] = id
			continue
		}
		base := slugify(q.Title)
		slug := base
		for n := 2; r.bySlug[slug] || taken[slug]; n++ {
			slug = base + "-" + strconv.Itoa(n)
		}
		taken[slug] = true
		out[i] = Identity{Number: next, Slug: slug, Seen: now.Truncate(time.Second)}
		given[q.Key] = out[i]
		next++
	}
	return out
}

// Adopt takes into the journal identities given before and kept
// elsewhere (an index cache that outlived its journal), so that their
// articles keep them: each whose key has none yet and whose number and
// slug are free, written under the lock after what others wrote. It
// returns how many it could not take (the key known with another
// identity, or its number or slug taken); an error when the journal
// cannot be written.
func (r *Registry) Adopt(keys []string, ids []Identity) (refused int, err error) {
	take := func() []int {
		var out []int
		taken := map[string]bool{}
		numbers := map[int]bool{}
		for i, key := range keys {
			id := ids[i]
			if have, ok := r.byKey[key]; ok {
				if have.Number != id.Number || have.Slug != id.Slug {
					refused++
				}
				continue
			}
			if key == "" || id.Number <= 0 || id.Slug == "" || r.bySlug[id.Slug] || r.byNumber[id.Number] || taken[id.Slug] || numbers[id.Number] {
				refused++
				continue
			}
			taken[id.Slug], numbers[id.Number] = true, true
			out = append(out, i)
		}
		return out
	}
	if r.path == "" {
		for _, i := range take() {
			r.add(keys[i], ids[i])
		}
		return refused, nil
	}
	if err := os.MkdirAll(filepath.Dir(r.path), 0o755); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	unlock, err := diskio.Lock(ctx, r.path+".lock")
	if err != nil {
		return 0, err
	}
	defer unlock()
	if err := r.catchUpWhole(); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	adopted := take()
	for _, i := range adopted {
		writeLine(&buf, keys[i], ids[i])
	}
	if buf.Len() == 0 {
		return refused, nil
	}
	if err := diskio.Append(r.path, buf.Bytes(), 0o644); err != nil {
		return 0, err
	}
	r.read += int64(buf.Len())
	for _, i := range adopted {
		r.add(keys[i], ids[i])
	}
	return refused, nil
}

// Remember takes identities known elsewhere (an index cache) into a
// registry kept in memory, so that the articles it names keep them; one
// whose key, number or slug is taken already is left out.
func (r *Registry) Remember(key string, id Identity) {
	if r.path != "" || key == "" || id.Number <= 0 || id.Slug == "" {
		return
	}
	if _, dup := r.byKey[key]; dup || r.bySlug[id.Slug] || r.byNumber[id.Number] {
		return
	}
	r.add(key, id)
}

// Stamp tells whether a journal changed since it was looked at.
type Stamp struct {
	Size    int64
	ModTime int64  // nanoseconds
	Inode   uint64 // 0 where the system has none
}

// StampOf is the journal at path as it is now; the zero Stamp when there
// is none.
func StampOf(path string) Stamp {
	if path == "" {
		return Stamp{}
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return Stamp{}
	}
	return Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Inode: inodeOf(info)}
}

// Covers reports whether the identities a journal stamped old gave are
// still what a journal stamped s gives: it is the same, or the same file
// grown (a journal is only appended to, and a key's first identity is the
// one that stands).
func (s Stamp) Covers(old Stamp) bool {
	if s == old {
		return true
	}
	return old.Inode != 0 && s.Inode == old.Inode && s.Size > old.Size && old.Size > 0
}
