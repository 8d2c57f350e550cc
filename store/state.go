package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// StateVersion is the version of the state file this build reads and writes.
const StateVersion = 1

// maxStateBytes bounds a state file; anything larger is not one of ours.
const maxStateBytes = 32 << 20

// maxSavedHistory bounds each history stack kept in the file.
const maxSavedHistory = 100

// State is what dispatch remembers between runs. Every field that can change
// carries the time of its change (unix nanoseconds), so two instances can
// merge their files field by field: the later change wins.
type State struct {
	Version   int                     `json:"version"`
	Articles  map[string]ArticleState `json:"articles,omitempty"`
	Last      *Position               `json:"last,omitempty"` // the article read last, and where
	LastAt    int64                   `json:"last_at,omitempty"`
	Back      []Position              `json:"back,omitempty"` // reading history, oldest first
	Forward   []Position              `json:"forward,omitempty"`
	HistoryAt int64                   `json:"history_at,omitempty"`
}

// ArticleState is what is remembered of one article, keyed by
// Article.StateKey.
type ArticleState struct {
	Read       bool      `json:"read,omitempty"`
	ReadAt     int64     `json:"read_at,omitempty"`
	Bookmarked bool      `json:"bookmarked,omitempty"`
	BookmarkAt int64     `json:"bookmark_at,omitempty"`
	Position   *Position `json:"position,omitempty"`
	PositionAt int64     `json:"position_at,omitempty"`
}

// Position is a place in an article: the line at the top of the reader at a
// given width, and the passage there, which finds the place again at any
// other width.
type Position struct {
	Article string `json:"article,omitempty"` // state key; empty inside ArticleState
	Passage int    `json:"passage"`
	Line    int    `json:"line"`
	Width   int    `json:"width"`
	Percent int    `json:"percent,omitempty"` // how far through, for "continue at 42%"
}

// ErrNewerState reports a state file written by a newer dispatch.
var ErrNewerState = errors.New("state file is from a newer dispatch")

// decodeState parses a state file. It rejects anything that is not a state
// file of this version, so a damaged file is never half-trusted.
func decodeState(data []byte) (State, error) {
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return State{}, fmt.Errorf("not a state file: %w", err)
	}
	switch {
	case probe.Version == nil:
		return State{}, errors.New("not a state file: no version")
	case *probe.Version > StateVersion:
		return State{}, fmt.Errorf("%w (version %d, this one reads %d)", ErrNewerState, *probe.Version, StateVersion)
	case *probe.Version < 1:
		return State{}, fmt.Errorf("not a state file: version %d", *probe.Version)
	}
	var st State
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&st); err != nil {
		return State{}, fmt.Errorf("not a state file: %w", err)
	}
	if dec.More() {
		return State{}, errors.New("not a state file: data after the end")
	}
	if err := st.validate(); err != nil {
		return State{}, fmt.Errorf("not a state file: %w", err)
	}
	return st, nil
}

func (st *State) validate() error {
	check := func(p *Position) error {
		if p != nil && (p.Passage < -1 || p.Line < 0 || p.Width < 0 || p.Percent < 0 || p.Percent > 100) {
			return fmt.Errorf("bad position %+v", *p)
		}
		return nil
	}
	for k, a := range st.Articles {
		if k == "" {
			return errors.New("article without a key")
		}
		if err := check(a.Position); err != nil {
			return err
		}
	}
	for _, p := range append(append([]Position{}, st.Back...), st.Forward...) {
		if err := check(&p); err != nil {
			return err
		}
	}
	return check(st.Last)
}

// clone copies st deeply enough that neither copy can change the other.
func (st State) clone() State {
	out := st
	out.Articles = make(map[string]ArticleState, len(st.Articles))
	for k, a := range st.Articles {
		if a.Position != nil {
			p := *a.Position
			a.Position = &p
		}
		out.Articles[k] = a
	}
	if st.Last != nil {
		p := *st.Last
		out.Last = &p
	}
	out.Back = append([]Position(nil), st.Back...)
	out.Forward = append([]Position(nil), st.Forward...)
	return out
}

// mergeStates combines two states field by field, the later change winning,
// so no change either side made is lost.
func mergeStates(a, b State) State {
	out := a.clone()
	out.Version = StateVersion
	for k, bs := range b.clone().Articles {
		as, ok := out.Articles[k]
		if !ok {
			out.Articles[k] = bs
			continue
		}
		if bs.ReadAt > as.ReadAt {
			as.Read, as.ReadAt = bs.Read, bs.ReadAt
		}
		if bs.BookmarkAt > as.BookmarkAt {
			as.Bookmarked, as.BookmarkAt = bs.Bookmarked, bs.BookmarkAt
		}
		if bs.PositionAt > as.PositionAt {
			as.Position, as.PositionAt = bs.Position, bs.PositionAt
		}
		out.Articles[k] = as
	}
	if b.LastAt > out.LastAt {
		out.Last, out.LastAt = b.clone().Last, b.LastAt
	}
	if b.HistoryAt > out.HistoryAt {
		out.Back, out.Forward, out.HistoryAt = b.clone().Back, b.clone().Forward, b.HistoryAt
	}
	return out
}

// StateFile keeps State in memory and saves it: debounced after changes,
// at once on Flush and Close. Writes are atomic (temporary file, fsync,
// rename, fsync of the directory) and merged with what other instances wrote
// meanwhile, under a lock file. It is safe for concurrent use.
type StateFile struct {
	path     string
	debounce time.Duration
	now      func() time.Time

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

// StateOptions tune a StateFile.
type StateOptions struct {
	Debounce time.Duration    // wait after a change before saving; 0 saves only on Flush
	Now      func() time.Time // the clock, for tests
}

// OpenState loads the state file at path, or starts empty when there is
// none. A damaged file is moved aside to path.corrupt-<time> and reported as
// a warning; a file from a newer dispatch makes the StateFile read-only.
// Leftover temporary files of interrupted saves are removed. An empty path
// keeps state in memory only. The error is for what cannot go on at all.
func OpenState(path string, opts StateOptions) (*StateFile, error) {
	s := &StateFile{path: path, debounce: opts.Debounce, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	s.st = State{Version: StateVersion, Articles: map[string]ArticleState{}}
	if path == "" {
		return s, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		s.readOnly = fmt.Sprintf("not saving: %v", err)
		return s, nil
	}
	unlock, err := lockFile(path + ".lock")
	if err != nil {
		s.readOnly = fmt.Sprintf("not saving: lock %s: %v", path+".lock", err)
		return s, nil
	}
	defer unlock()
	s.removeTemps()
	st, warn, err := s.readDisk()
	switch {
	case errors.Is(err, ErrNewerState):
		s.readOnly = fmt.Sprintf("%s: %v; not saving", path, err)
		s.warnings = append(s.warnings, s.readOnly)
	case err != nil:
		return nil, err
	default:
		s.st = mergeStates(s.st, st)
	}
	if warn != "" {
		s.warnings = append(s.warnings, warn)
	}
	return s, nil
}

// readDisk reads the file as it is now. A damaged file is moved aside and
// the warning says so; no file is an empty state.
func (s *StateFile) readDisk() (State, string, error) {
	empty := State{Version: StateVersion, Articles: map[string]ArticleState{}}
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, "", nil
	}
	if err != nil {
		return empty, "", fmt.Errorf("read state: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStateBytes+1))
	f.Close()
	if err != nil {
		return empty, "", fmt.Errorf("read state: %w", err)
	}
	var st State
	if len(data) > maxStateBytes {
		err = errors.New("larger than 32 MiB")
	} else {
		st, err = decodeState(data)
	}
	if errors.Is(err, ErrNewerState) {
		return empty, "", err
	}
	if err != nil {
		aside := fmt.Sprintf("%s.corrupt-%s", s.path, s.now().UTC().Format("20060102T150405.000000000"))
		if rerr := os.Rename(s.path, aside); rerr != nil {
			return empty, "", fmt.Errorf("state file %s is damaged (%v) and cannot be moved aside: %w", s.path, err, rerr)
		}
		return empty, fmt.Sprintf("state file was damaged (%s); moved it to %s and started afresh", oneLine(err.Error()), aside), nil
	}
	return st, "", nil
}

// removeTemps deletes temporary files left by saves that were interrupted;
// the caller holds the lock, so no save is writing one now.
func (s *StateFile) removeTemps() {
	matches, _ := filepath.Glob(s.path + ".tmp-*")
	for _, m := range matches {
		os.Remove(m)
	}
}

// Warnings returns what went wrong opening the file, one line each.
func (s *StateFile) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// Status is a one-line note on saving for the footer: why nothing is saved,
// or the last save error; "" when all is well.
func (s *StateFile) Status() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.readOnly != "":
		return s.readOnly
	case s.saveErr != nil:
		return "save failed: " + oneLine(s.saveErr.Error())
	}
	return ""
}

// Article returns what is remembered of the article with key.
func (s *StateFile) Article(key string) ArticleState {
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
func (s *StateFile) Snapshot() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.clone()
}

// change applies fn to the state and schedules a save.
func (s *StateFile) change(fn func(st *State, now int64)) {
	s.mu.Lock()
	defer s.mu.Unlock()
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

func (s *StateFile) article(st *State, key string) ArticleState {
	if st.Articles == nil {
		st.Articles = map[string]ArticleState{}
	}
	return st.Articles[key]
}

// SetRead marks an article read or unread.
func (s *StateFile) SetRead(key string, read bool) {
	s.change(func(st *State, now int64) {
		a := s.article(st, key)
		a.Read, a.ReadAt = read, now
		st.Articles[key] = a
	})
}

// SetBookmarked stars or unstars an article.
func (s *StateFile) SetBookmarked(key string, on bool) {
	s.change(func(st *State, now int64) {
		a := s.article(st, key)
		a.Bookmarked, a.BookmarkAt = on, now
		st.Articles[key] = a
	})
}

// SetPosition remembers where the reader is in an article, and that it is
// the article read last.
func (s *StateFile) SetPosition(key string, p Position) {
	s.change(func(st *State, now int64) {
		a := s.article(st, key)
		p.Article = ""
		a.Position, a.PositionAt = &p, now
		st.Articles[key] = a
		last := p
		last.Article = key
		st.Last, st.LastAt = &last, now
	})
}

// SetHistory remembers the reading history.
func (s *StateFile) SetHistory(back, forward []Position) {
	trim := func(ps []Position) []Position {
		return append([]Position(nil), ps[max(len(ps)-maxSavedHistory, 0):]...)
	}
	s.change(func(st *State, now int64) {
		st.Back, st.Forward, st.HistoryAt = trim(back), trim(forward), now
	})
}

// Flush saves now, merged with whatever another instance saved meanwhile,
// and reports whether the save reached the disk.
func (s *StateFile) Flush() error {
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

	merged, warn, err := s.writeMerged(snap)

	s.mu.Lock()
	defer s.mu.Unlock()
	if warn != "" {
		s.warnings = append(s.warnings, warn)
	}
	switch {
	case errors.Is(err, ErrNewerState):
		s.readOnly = fmt.Sprintf("%s: %v; not saving", s.path, err)
		return err
	case err != nil:
		s.saveErr = err
		s.dirty = true // try again with the next change or at Close
		return err
	}
	s.saveErr = nil
	s.st = mergeStates(merged, s.st)
	return nil
}

// writeMerged writes snap merged with the file on disk, under the lock.
func (s *StateFile) writeMerged(snap State) (State, string, error) {
	unlock, err := lockFile(s.path + ".lock")
	if err != nil {
		return snap, "", fmt.Errorf("lock %s: %w", s.path+".lock", err)
	}
	defer unlock()
	disk, warn, err := s.readDisk()
	if err != nil {
		return snap, warn, err
	}
	merged := mergeStates(disk, snap)
	data, err := json.MarshalIndent(merged, "", " ")
	if err != nil {
		return snap, warn, fmt.Errorf("encode state: %w", err)
	}
	return merged, warn, writeAtomic(s.path, append(data, '\n'))
}

// writeAtomic replaces path with data so that a crash at any moment leaves
// either the old file or the new one, never a mix.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		err = d.Sync()
		d.Close()
		// some file systems cannot sync a directory; the rename stands
		if err != nil && !errors.Is(err, syscall.EINVAL) {
			return fmt.Errorf("save state: sync %s: %w", dir, err)
		}
	}
	return nil
}

// Close stops the debounce timer and saves what is pending.
func (s *StateFile) Close() error {
	s.mu.Lock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	return s.Flush()
}

// ReadState reads the state file at path without changing anything on disk,
// for commands that only look: a missing file is an empty state, a damaged
// one an error.
func ReadState(path string) (State, error) {
	empty := State{Version: StateVersion, Articles: map[string]ArticleState{}}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, nil
	}
	if err != nil {
		return empty, fmt.Errorf("read state: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxStateBytes+1))
	if err != nil {
		return empty, fmt.Errorf("read state: %w", err)
	}
	if len(data) > maxStateBytes {
		return empty, fmt.Errorf("state file %s: larger than 32 MiB", path)
	}
	st, err := decodeState(data)
	if err != nil {
		return empty, fmt.Errorf("state file %s: %w", path, err)
	}
	if st.Articles == nil {
		st.Articles = map[string]ArticleState{}
	}
	return st, nil
}
