package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"dispatch/internal/filelock"

	"dispatch/internal/recovered"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// maxSavedHistory bounds each history stack kept in the file.
const maxSavedHistory = 100

// defaultLockWait is how long opening or saving waits for another
// instance holding the lock: saves take milliseconds, so one that holds
// it longer is stuck.
const defaultLockWait = 2 * time.Second

// File keeps State in memory and saves it: debounced after changes, at once
// on Flush and Close. Writes are atomic (temporary file, fsync, rename,
// fsync of the directory) and merged with what other instances wrote
// meanwhile, under a lock file. It is safe for concurrent use.
type File struct {
	path     string
	debounce time.Duration
	lockWait time.Duration
	now      func() time.Time
	saved    func(error)

	io sync.Mutex // one flush at a time

	mu       sync.Mutex // guards what follows
	st       State
	dirty    bool
	timer    *time.Timer
	readOnly string // why nothing is saved; "" when saving
	saveErr  error
	warnings []string
	closed   bool
}

// Options tune a File.
type Options struct {
	Debounce time.Duration    // wait after a change before saving; 0 saves only on Flush
	Now      func() time.Time // the clock, for tests
	LockWait time.Duration    // how long to wait for another instance's lock; 0 means 2 s
	Saved    func(error)      // called after every save that had something to write (tests wait on it)
	// Owned says path is dispatch's own (the default under the XDG state
	// directory), so whatever is there and does not read as a state file
	// (zeros after a crash, half a write) is damaged state, moved aside. At
	// a path the user named, such a file may be something else named by
	// mistake, and is refused.
	Owned bool
}

// Open loads the state file at path, or starts empty when there is none.
// What cannot stop the reader becomes a warning: a damaged state file is
// moved aside to path.corrupt-<time>; a file from a newer dispatch, one
// too large, one that cannot be locked or written is read if it can be and
// never saved over. A file that is not a dispatch state file at all, or not
// a regular file, is an error: it is left alone. Leftover temporary files
// of interrupted saves are removed. An empty path keeps state in memory
// only.
func Open(path string, opts Options) (*File, error) {
	s := &File{path: path, debounce: opts.Debounce, now: opts.Now, saved: opts.Saved, lockWait: opts.LockWait, st: Empty()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.lockWait <= 0 {
		s.lockWait = defaultLockWait
	}

	if path == "" {
		return s, nil
	}
	locked := false
	_, err := os.Lstat(path + ".lock")
	newLock := errors.Is(err, fs.ErrNotExist) // made here: removed if the path is refused
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		s.notSaving(fmt.Sprintf("cannot save reading state: %v", err))
	} else if unlock, err := filelock.Lock(path+".lock", s.lockWait); err != nil {
		s.notSaving(lockProblem(path, err))
	} else {
		defer unlock()
		locked = true
		removeTemps(path)
	}
	st, err := readDisk(path, s.now().UnixNano())
	if opts.Owned && errors.Is(err, errForeign) {
		err = errDamaged
	}
	switch {
	case err == nil:
		s.st = merge(s.st, st)
	case errors.Is(err, ErrNewer):
		s.notSaving(fmt.Sprintf("%s: %v; not saving", path, err))
	case errors.Is(err, errDamaged) && locked:
		aside, rerr := moveAside(path, s.stamp())
		if rerr != nil {
			s.notSaving(fmt.Sprintf("state file %s is %v and cannot be moved aside (%v); not saving", path, err, rerr))
			break
		}
		s.warnings = append(s.warnings, fmt.Sprintf("state file was %v; moved it to %s and started afresh", err, aside))
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
	return s, nil
}

// lockProblem says why saving is off when the lock cannot be taken.
func lockProblem(path string, err error) string {
	if errors.Is(err, filelock.ErrLocked) {
		return "another dispatch is holding the reading state's lock; not saving"
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Sprintf("cannot save reading state: %s is read-only", filepath.Dir(path))
	}
	return fmt.Sprintf("cannot save reading state: lock %s: %v", path+".lock", err)
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
	s.dirty = true
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

// Flush saves now, merged with whatever another instance saved meanwhile,
// and reports whether the save reached the disk.
func (s *File) Flush() error {
	s.io.Lock()
	defer s.io.Unlock()
	s.mu.Lock()
	if !s.dirty || s.readOnly != "" || s.path == "" {
		s.dirty = false
		s.mu.Unlock()
		return nil
	}
	snap := s.st.clone()
	s.dirty = false
	s.mu.Unlock()

	merged, warn, err := s.writeMergedRecovering(snap)

	s.mu.Lock()
	if warn != "" {
		s.warnings = append(s.warnings, warn)
	}
	switch {
	case errors.Is(err, ErrNewer):
		s.notSaving(fmt.Sprintf("%s: %v; not saving", s.path, err))
	case err != nil:
		s.saveErr = err
		s.dirty = true // try again with the next change or at Close
	default:
		s.saveErr = nil
		s.st = merge(merged, s.st)
	}
	saved := s.saved
	s.mu.Unlock()
	if saved != nil {
		saved(err)
	}
	return err
}

// writeMergedRecovering is writeMerged with a panic turned into an error:
// saves run on a timer's goroutine, where a panic would end the process
// without restoring the terminal, and the state would be lost with it.
func (s *File) writeMergedRecovering(snap State) (merged State, warn string, err error) {
	defer func() {
		if p := recover(); p != nil {
			merged, warn, err = snap, "", fmt.Errorf("save %s: %w", s.path, recovered.Error(p))
		}
	}()
	return s.writeMerged(snap)
}

// writeMerged writes snap merged with the file on disk, under the lock.
func (s *File) writeMerged(snap State) (State, string, error) {
	unlock, err := filelock.Lock(s.path+".lock", s.lockWait)
	if err != nil {
		return snap, "", fmt.Errorf("lock %s: %w", s.path+".lock", err)
	}
	defer unlock()
	warn := ""
	disk, err := readDisk(s.path, s.now().UnixNano())
	switch {
	case errors.Is(err, errDamaged):
		aside, rerr := moveAside(s.path, s.stamp())
		if rerr != nil {
			return snap, "", fmt.Errorf("state file is %v and cannot be moved aside: %w", err, rerr)
		}
		warn = fmt.Sprintf("state file was %v; moved it to %s", err, aside)
		disk = Empty()
	case err != nil:
		return snap, "", err
	}
	merged := merge(disk, snap)
	data, err := encode(merged)
	if err != nil {
		return snap, warn, err
	}
	return merged, warn, writeAtomic(s.path, data)
}

// Close stops the debounce timer and saves what is pending.
func (s *File) Close() error {
	s.mu.Lock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	return s.Flush()
}
