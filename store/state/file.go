package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// maxSavedHistory bounds each history stack kept in the file.
const maxSavedHistory = 100

// defaultLockWait is how long a save waits for another instance holding
// the lock: saves take milliseconds, so one that holds it longer is stuck.
const defaultLockWait = 2 * time.Second

// openLockWait is how long Open waits for the lock at most. It reads
// without it (saves replace the file whole), and what needs the lock —
// moving a damaged file aside, removing what interrupted saves left — can
// wait for the first save.
const openLockWait = 200 * time.Millisecond

// File keeps State in memory and saves it: debounced after changes, at once
// on Flush and Close. Writes are atomic (diskio.WriteFile) and merged with
// what other instances wrote meanwhile, under a lock file. It is safe for
// concurrent use.
type File struct {
	path     string
	owned    bool
	debounce time.Duration
	lockWait time.Duration
	limit    int64
	now      func() time.Time
	saved    func(error)
	lockBusy func()

	io      sync.Mutex // one flush at a time; guards cleaned
	cleaned bool       // what interrupted saves left is removed

	mu       sync.Mutex // guards what follows
	st       State
	dirty    bool
	timer    *time.Timer
	readOnly string // why nothing is saved; "" when saving
	saveErr  error
	warnings []string
	closed   bool
	version  uint64 // counts the changes to st, for callers that cache what they derive from it
}

// Options tune a File.
type Options struct {
	Debounce time.Duration    // wait after a change before saving; 0 saves only on Flush
	Now      func() time.Time // the clock, for tests
	LockWait time.Duration    // how long a save waits for another instance's lock; 0 means 2 s
	Saved    func(error)      // called after every save that had something to write (tests wait on it)
	// Owned says path is dispatch's own (the default under the XDG state
	// directory), so whatever is there and does not read as a state file
	// (zeros after a crash, half a write) is damaged state, moved aside. At
	// a path the user named, such a file may be something else named by
	// mistake, and is refused.
	Owned bool

	limit    int64  // what a state file may hold, for tests; 0 means maxBytes
	lockBusy func() // called when a lock is found busy, before waiting (tests)
}

// Open loads the state file at path, or starts empty when there is none.
// What cannot stop the reader becomes a warning: a damaged state file is
// moved aside to path.corrupt-<time>; a file from a newer dispatch, one
// too large, one whose folder or lock cannot be made is read if it can be
// and never saved over. A lock another instance holds only delays saving
// to the next change. A file that is not a dispatch state file at all, or
// not a regular file, is an error: it is left alone. Leftover temporary
// files of interrupted saves are removed. An empty path keeps state in
// memory only.
func Open(path string, opts Options) (*File, error) {
	s := &File{path: path, owned: opts.Owned, debounce: opts.Debounce, now: opts.Now, saved: opts.Saved,
		lockWait: opts.LockWait, limit: opts.limit, lockBusy: opts.lockBusy, st: Empty()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.lockWait <= 0 {
		s.lockWait = defaultLockWait
	}
	if s.limit <= 0 {
		s.limit = maxBytes
	}

	if path == "" {
		return s, nil
	}
	locked, busy := false, false
	_, err := os.Lstat(path + ".lock")
	newLock := errors.Is(err, fs.ErrNotExist) // made here: removed if the path is refused
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		s.notSaving(fmt.Sprintf("cannot save reading state: %v", err))
	} else if unlock, err := s.lock(min(openLockWait, s.lockWait)); errors.Is(err, diskio.ErrLocked) {
		busy = true
		s.saveErr = err // the status says so until a save gets the lock
	} else if err != nil {
		s.notSaving(lockProblem(path, err))
	} else {
		defer unlock()
		locked = true
	}
	st, err := readDisk(path, s.now().UnixNano(), s.limit)
	if opts.Owned && errors.Is(err, errForeign) {
		err = errDamaged
	}
	switch {
	case err == nil:
		s.st, s.version = merge(s.st, st), s.version+1
	case errors.Is(err, ErrNewer):
		s.notSaving(fmt.Sprintf("%s: %v; not saving", path, err))
	case errors.Is(err, errDamaged) && locked:
		aside, rerr := moveAside(path, s.stamp())
		if rerr != nil {
			s.notSaving(fmt.Sprintf("state file %s is %v and cannot be moved aside (%v); not saving", path, err, rerr))
			break
		}
		s.warnings = append(s.warnings, fmt.Sprintf("state file was %v; moved it to %s and started afresh", err, aside))
	case errors.Is(err, errDamaged) && busy:
		s.warnings = append(s.warnings, fmt.Sprintf("state file %s is %v; started afresh, and it is moved aside at the first save", path, err))
	case errors.Is(err, errDamaged):
		s.notSaving(fmt.Sprintf("state file %s is %v; not saving", path, err))
	case errors.Is(err, errForeign), errors.Is(err, safefile.ErrNotRegular):
		if locked && newLock {
			os.Remove(path + ".lock") // leave the user's folder as it was
		}
		return nil, fmt.Errorf("state file %s: %w; choose another with --state", path, err)
	case errors.Is(err, safefile.ErrTooLarge):
		s.notSaving(fmt.Sprintf("state file %s: %v, so not read; not saving", path, err))
	default:
		s.notSaving(fmt.Sprintf("cannot read reading state: %v; not saving", err))
	}
	if locked {
		diskio.RemoveTemps(path) // the path is dispatch's: checked above
		s.cleaned = true
	}
	return s, nil
}

// lockProblem says why saving is off when the lock cannot be made.
func lockProblem(path string, err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Sprintf("cannot save reading state: %s is read-only", filepath.Dir(path))
	}
	return fmt.Sprintf("cannot save reading state: %v", err)
}

// notSaving turns saving off, saying why: in the footer and as a warning.
func (s *File) notSaving(why string) {
	if s.readOnly == "" {
		s.readOnly = why
		s.warnings = append(s.warnings, why)
	}
}

// stamp names a moved-aside file by the time.
func (s *File) stamp() string { return s.now().UTC().Format("20060102T150405.000000000") }

// Warnings returns what went wrong opening or saving the file, one line
// each.
func (s *File) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// Status is a one-line note on saving for the footer: why nothing is saved,
// or the last save error; "" when all is well.
func (s *File) Status() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.readOnly != "":
		return s.readOnly
	case errors.Is(s.saveErr, diskio.ErrLocked):
		return "another dispatch is holding the reading state's lock; saving with the next change"
	case s.saveErr != nil:
		return "save failed: " + termout.OneLine(s.saveErr.Error())
	}
	return ""
}

// Article returns what is remembered of the article with key.
func (s *File) Article(key string) ArticleState {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.Articles[key]
	if a.Position != nil {
		p := *a.Position
		a.Position = &p
	}
	return a
}

// Version changes whenever the state does (a mark, a position, what a
// save merged in from another dispatch): what is worked out from the state
// is current while it stays the same.
func (s *File) Version() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// Snapshot returns a copy of the whole state.
func (s *File) Snapshot() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.clone()
}

// change applies fn to the state and schedules a save.
func (s *File) change(fn func(st *State, now int64)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.Articles == nil {
		s.st.Articles = map[string]ArticleState{}
	}
	fn(&s.st, s.now().UnixNano())
	s.dirty, s.version = true, s.version+1
	if s.debounce > 0 && !s.closed {
		if s.timer == nil {
			s.timer = time.AfterFunc(s.debounce, func() { _ = s.Flush() })
		} else {
			s.timer.Reset(s.debounce)
		}
	}
}

// SetRead marks an article read or unread.
func (s *File) SetRead(key string, read bool) {
	s.change(func(st *State, now int64) {
		a := st.Articles[key]
		a.Read, a.ReadAt = read, now
		st.Articles[key] = a
	})
}

// SetBookmarked stars or unstars an article.
func (s *File) SetBookmarked(key string, on bool) {
	s.change(func(st *State, now int64) {
		a := st.Articles[key]
		a.Bookmarked, a.BookmarkAt = on, now
		st.Articles[key] = a
	})
}

// SetPosition remembers where the reader is in an article, and that it is
// the article read last.
func (s *File) SetPosition(key string, p Position) {
	s.change(func(st *State, now int64) {
		a := st.Articles[key]
		p.Article = ""
		a.Position, a.PositionAt = &p, now
		st.Articles[key] = a
		last := p
		last.Article = key
		st.Last, st.LastAt = &last, now
	})
}

// SetHistory remembers the reading history.
func (s *File) SetHistory(back, forward []Position) {
	trim := func(ps []Position) []Position {
		return append([]Position(nil), ps[max(len(ps)-maxSavedHistory, 0):]...)
	}
	s.change(func(st *State, now int64) {
		st.Back, st.Forward, st.HistoryAt = trim(back), trim(forward), now
	})
}
