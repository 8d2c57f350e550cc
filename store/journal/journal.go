// Package journal records the changes dispatch makes to a folder it owns
// (the fetched feed items), so that a later run finds what changed by
// reading the journal's end rather than by looking at every file: a warm
// command over 100,000 items stats one file, not 100,000.
//
// The journal is the hidden file .journal in the folder (the listing
// passes hidden files by). Its first line names it, with an id chosen
// when it was started:
//
//	dispatch journal 1 5f0c2a9e61b3d8a4
//
// then one line a record, appended under the lock .journal.lock:
//
//	? 3fa1c09b "lakeside-gazette/2025-11-22-ferry-9c1e0b3a7d21.md"
//	! 3fa1c09b
//
// A writer appends an intent ("?", a token and a path, quoted as Go
// quotes strings) for every file or folder it is about to write, replace
// or remove, syncs it, makes the change, and then appends the token's
// confirmation ("!"). A reader that saw the intent but not yet its
// confirmation looks at the path again on its next run as well (its mark
// stays before the intent), so neither a crash between the two nor a
// reader running during the change can hide it: what the journal names
// after a mark is a superset of what changed since. A path that is a
// folder stands for everything under it.
//
// A reader keeps a Mark (the journal's id and how far it read) beside
// what it built from the files. A journal it cannot follow from its mark
// (none, another id, a line it cannot read, a file too large) answers
// "look at everything", never a guess. Past maxBytes the next writer
// starts a new journal under a new id, so it stays small; readers then
// look at everything once.
package journal

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
)

// Name is the journal's file name in the folder it records.
const Name = ".journal"

// lockName is the lock writers take to append whole records.
const lockName = ".journal.lock"

// header begins the first line; the id follows.
const header = "dispatch journal 1 "

// maxBytes is the size past which a writer starts a new journal: a day's
// fetch of a few hundred items adds some tens of kilobytes.
const maxBytes = 4 << 20

// readLimit bounds what a reader reads: a writer rotates past maxBytes,
// so a larger file is not one this package wrote (or a writer failed to
// rotate); the reader then looks at everything.
const readLimit = maxBytes + 1<<20

// lockWait bounds the wait for another writer's append.
const lockWait = 10 * time.Second

// Mark is how far a reader followed a journal: its id and the offset of
// the first record it has not taken into account. The zero Mark follows
// no journal.
type Mark struct {
	ID     string
	Offset int64
}

// String is the mark as a snapshot keeps it ("" for the zero Mark).
func (m Mark) String() string {
	if m.ID == "" {
		return ""
	}
	return m.ID + ":" + strconv.FormatInt(m.Offset, 10)
}

// ParseMark reads a Mark written by String; anything else is the zero
// Mark, which follows nothing.
func ParseMark(s string) Mark {
	id, off, ok := strings.Cut(s, ":")
	n, err := strconv.ParseInt(off, 10, 64)
	if !ok || err != nil || n < 0 || !validID(id) {
		return Mark{}
	}
	return Mark{ID: id, Offset: n}
}

func validID(id string) bool {
	if len(id) != 16 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// Begin records in root's journal that the paths (slash-separated,
// relative to root; a folder stands for all under it) are about to
// change, and returns done, to call once they have. An error means
// nothing was recorded: the caller must not make the change, or a reader
// trusting the journal would miss it. done's own failure only leaves the
// paths to be looked at again by readers, so it reports nothing.
func Begin(root string, paths ...string) (done func(), err error) {
	if len(paths) == 0 {
		return func() {}, nil
	}
	for _, p := range paths {
		if !fs.ValidPath(p) || p == "." {
			return nil, fmt.Errorf("journal %s: not a path in the folder: %q", root, p)
		}
	}
	token := newID()[:8]
	var b bytes.Buffer
	for _, p := range paths {
		b.WriteString("? " + token + " " + strconv.Quote(p) + "\n")
	}
	if err := appendRecords(root, b.Bytes()); err != nil {
		return nil, err
	}
	return func() { _ = appendRecords(root, []byte("! "+token+"\n")) }, nil
}

// appendRecords appends lines to root's journal under its lock, starting
// a new journal when there is none, it is too large or not one.
func appendRecords(root string, lines []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	unlock, err := diskio.Lock(ctx, filepath.Join(root, lockName))
	if err != nil {
		return fmt.Errorf("journal %s: %w", root, err)
	}
	defer unlock()
	path := filepath.Join(root, Name)
	diskio.RemoveTemps(path) // of a writer killed while starting one
	end, ok := journalEnd(path)
	switch {
	case !ok || end.size > maxBytes:
		// begun anew, the records in the same write
		data := append([]byte(header+newID()+"\n"), lines...)
		if err := diskio.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("journal %s: %w", root, err)
		}
		return nil
	case end.lastByte != '\n':
		// a record cut short by a crash stays a line of its own, which
		// readers refuse, rather than spoil this one
		lines = append([]byte{'\n'}, lines...)
	}
	if err := diskio.Append(path, lines, 0o644); err != nil {
		return fmt.Errorf("journal %s: %w", root, err)
	}
	return nil
}

// fileEnd is a journal's size and last byte.
type fileEnd struct {
	size     int64
	lastByte byte
}

// journalEnd says whether path is a journal (its first line is a header)
// and where it ends.
func journalEnd(path string) (fileEnd, bool) {
	f, err := safefile.Open(path)
	if err != nil {
		return fileEnd{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return fileEnd{}, false
	}
	head := make([]byte, len(header)+17)
	if _, err := io.ReadFull(f, head); err != nil || parseHeader(head) == "" {
		return fileEnd{}, false
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, fi.Size()-1); err != nil {
		return fileEnd{}, false
	}
	return fileEnd{size: fi.Size(), lastByte: last[0]}, true
}

// parseHeader is the id of a journal's first line, "" when it is not one.
func parseHeader(line []byte) string {
	s, ok := strings.CutPrefix(string(line), header)
	if !ok || len(s) != 17 || s[16] != '\n' || !validID(s[:16]) {
		return ""
	}
	return s[:16]
}

// newID is 16 random hex digits.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}
