package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"dispatch/internal/diskio"
)

// holdLock takes the state's lock as another process would (a flock
// belongs to the open file, so this one excludes the File's own); the
// returned function lets go.
func holdLock(t *testing.T, path string) func() {
	t.Helper()
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return func() { f.Close() }
}

// TestALockHeldAtStartOnlyDelaysSaving: another instance holding the lock
// while the reader opens (for longer than the reader waits) costs no
// saving once it lets go: the next change is saved, with the ones before.
func TestALockHeldAtStartOnlyDelaysSaving(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version":1,"articles":{"a@1":{"read":true,"read_at":1}}}`), 0o644)
	release := holdLock(t, path)
	s, err := Open(path, Options{LockWait: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Article("a@1").Read {
		t.Error("the saved marks were not read while another held the lock")
	}
	if got := s.Status(); got != "another dispatch is holding the reading state's lock; saving with the next change" {
		t.Errorf("status %q", got)
	}
	s.SetBookmarked("b@2", true)
	if err := s.Flush(); !errors.Is(err, diskio.ErrLocked) {
		t.Fatalf("a save under the other's lock: %v", err)
	}
	release()
	s.SetRead("c@3", true)
	if err := s.Flush(); err != nil {
		t.Fatalf("the save after the lock was let go: %v", err)
	}
	got := readStateFile(t, path)
	if !got.Articles["a@1"].Read || !got.Articles["b@2"].Bookmarked || !got.Articles["c@3"].Read {
		t.Errorf("saved %+v", got.Articles)
	}
	if s.Status() != "" || len(s.Warnings()) != 0 {
		t.Errorf("status %q, warnings %q", s.Status(), s.Warnings())
	}
}

// TestCloseWaitsForTheLock: at quit, a lock another instance holds is
// waited for (a bounded time), and what changed is saved once it is let
// go. The other lets go when Close is found waiting, not after a time.
func TestCloseWaitsForTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	release := holdLock(t, path)
	busy := make(chan struct{}, 4)
	s, err := Open(path, Options{LockWait: 10 * 60e9, lockBusy: func() { busy <- struct{}{} }})
	if err != nil {
		t.Fatal(err)
	}
	<-busy // Open's try
	s.SetBookmarked("a@1", true)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	<-busy // Close's save waits
	release()
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if !readStateFile(t, path).Articles["a@1"].Bookmarked {
		t.Error("the change was lost at quit")
	}
}

// TestADamagedFileUnderABusyLockIsMovedAsideAtTheFirstSave: without the
// lock at start, the damaged file is left for the first save to move.
func TestADamagedFileUnderABusyLockIsMovedAsideAtTheFirstSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version":1,"articles":{"a@1":`), 0o644)
	release := holdLock(t, path)
	s, err := Open(path, Options{LockWait: 1})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "moved aside at the first save") {
		t.Errorf("warnings %q", w)
	}
	release()
	s.SetRead("b@2", true)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 1 {
		t.Errorf("moved aside: %v", aside)
	}
	if !readStateFile(t, path).Articles["b@2"].Read {
		t.Error("not saved")
	}
}

// TestStateIsWrittenOnlyAsLargeAsItCanBeRead: the state is written as
// compact as it is read, and never past the limit on what is read: a save
// that would be is refused with a status, and the file saved last stays
// readable. The limit is small here; it is 256 MiB in use.
func TestStateIsWrittenOnlyAsLargeAsItCanBeRead(t *testing.T) {
	const limit = 4 << 10
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := Open(path, Options{limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	// fill the state to just under the limit
	n := 0
	for ; ; n++ {
		s.SetRead(fmt.Sprintf("article-%03d@%012x", n, n), true)
		if data, _ := encode(s.Snapshot()); len(data) > limit-100 {
			break
		}
	}
	if err := s.Flush(); err != nil {
		t.Fatalf("a state under the limit: %v", err)
	}
	if data, _ := os.ReadFile(path); len(data) > limit || strings.Contains(string(data), "\n ") {
		t.Fatalf("written %d bytes (indented: %v), over the %d read back", len(data), strings.Contains(string(data), "\n "), limit)
	}
	again, err := Open(path, Options{limit: limit})
	if err != nil || len(again.Snapshot().Articles) != n+1 || again.Status() != "" {
		t.Fatalf("read back %d of %d marks, status %q, %v", len(again.Snapshot().Articles), n+1, again.Status(), err)
	}
	saved := readFile(t, path)

	for i := range 10 {
		s.SetBookmarked(fmt.Sprintf("article-%03d@%012x", i, i), true)
	}
	if err := s.Flush(); !errors.Is(err, errTooLarge) {
		t.Fatalf("a save past the limit: %v", err)
	}
	if got := s.Status(); got != "the reading state has grown past the largest state file dispatch reads back; not saving (the file saved last is kept)" {
		t.Errorf("status %q", got)
	}
	if readFile(t, path) != saved {
		t.Error("the file saved last was changed")
	}
	if !s.Article("article-000@000000000000").Bookmarked {
		t.Error("the change was lost in memory")
	}
	if _, err := Read(path); err != nil {
		t.Errorf("the file saved last cannot be read: %v", err)
	}
}

// TestStateThatCannotBeSaved: where nothing can be saved — and each case
// stops root too — the reader carries on with the marks it read, says it
// is not saving, keeps what changes in memory and leaves the file as it
// was.
func TestStateThatCannotBeSaved(t *testing.T) {
	const saved = `{"version":1,"articles":{"a@1":{"read":true,"read_at":1}}}`
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // the state path
	}{
		{"below a regular file", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
			return filepath.Join(dir, "file", "state.json")
		}},
		{"a folder where the lock goes", func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "state.json.lock"), 0o755)
			return filepath.Join(dir, "state.json")
		}},
		{"the lock a link below a regular file", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
			os.Symlink(filepath.Join(dir, "file", "lock"), filepath.Join(dir, "state.json.lock"))
			return filepath.Join(dir, "state.json")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.setup(t, dir)
			os.WriteFile(path, []byte(saved), 0o644) // fails below a file: nothing to read
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err == nil && !s.Article("a@1").Read {
				t.Error("the saved marks were not read")
			}
			if !strings.HasPrefix(s.Status(), "cannot save reading state: ") {
				t.Errorf("status %q", s.Status())
			}
			s.SetBookmarked("b@2", true)
			if err := s.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
			if !s.Article("b@2").Bookmarked {
				t.Error("the change was lost in memory")
			}
			if data, err := os.ReadFile(path); err == nil && string(data) != saved {
				t.Errorf("the file was changed to %s", data)
			}
		})
	}
}

// TestAReadOnlyFolderIsNamed: the message for a folder that refuses the
// lock file (what stops a user, not root).
func TestAReadOnlyFolderIsNamed(t *testing.T) {
	err := &fs.PathError{Op: "open", Path: "/home/u/state.json.lock", Err: syscall.EACCES}
	if got := lockProblem("/home/u/state.json", fmt.Errorf("lock x: %w", err)); got != "cannot save reading state: /home/u is read-only" {
		t.Errorf("%q", got)
	}
}

// TestAForeignFileThatAppearsIsNotSavedOver: a file put at a path the user
// named while the reader runs, that is not a state file, is not
// overwritten; at dispatch's own path it is moved aside.
func TestAForeignFileThatAppearsIsNotSavedOver(t *testing.T) {
	settings := readFile(t, filepath.Join("testdata", "settings.json"))
	for _, owned := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "state.json")
		s, err := Open(path, Options{Owned: owned})
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path, []byte(settings), 0o644)
		s.SetRead("a@1", true)
		err = s.Flush()
		aside, _ := filepath.Glob(path + ".corrupt-*")
		switch {
		case !owned && (!errors.Is(err, errForeign) || readFile(t, path) != settings || len(aside) != 0):
			t.Errorf("at a named path: %v, moved aside %v", err, aside)
		case !owned && s.Status() != "save failed: state file "+path+": not a dispatch state file":
			t.Errorf("status %q", s.Status())
		case owned && (err != nil || len(aside) != 1 || readFile(t, aside[0]) != settings || !readStateFile(t, path).Articles["a@1"].Read):
			t.Errorf("at the own path: %v, moved aside %v", err, aside)
		}
	}
}
