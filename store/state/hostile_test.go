package state

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"dispatch/internal/diskio"
)

// TestFutureTimesDoNotWinEveryMerge: a file whose change times lie in the
// future (a clock that ran ahead, or a crafted file) must not undo what the
// user does now.
func TestFutureTimesDoNotWinEveryMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	now := time.Unix(1_800_000_000, 0)
	future := now.Add(365 * 24 * time.Hour).UnixNano()
	data := fmt.Sprintf(`{"version":1,"articles":{"a@1":{"bookmarked":true,"bookmark_at":%d,"read":true,"read_at":%d}}}`, future, future)
	os.WriteFile(path, []byte(data), 0o644)
	tick := now
	clock := func() time.Time { tick = tick.Add(time.Millisecond); return tick }
	s, err := Open(path, Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	s.SetBookmarked("a@1", false)
	s.SetRead("a@1", false)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := readStateFile(t, path).Articles["a@1"]
	if got.Bookmarked || got.Read {
		t.Errorf("the user's unbookmark and unread were reverted by future times: %+v", got)
	}
	again, _ := Open(path, Options{Now: clock})
	if a := again.Article("a@1"); a.Bookmarked || a.Read {
		t.Errorf("reopened: %+v", a)
	}
}

// TestLargeStateFileIsRead: a big library's state file is not "damaged"
// for being over 32 MiB (a cap it once had). The file is a real state with
// white space after it, which costs JSON little to read; what a large
// library's entries take is TestStateCapLeavesRoomForALargeLibrary's.
func TestLargeStateFileIsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st := Empty()
	for i := range 1000 {
		st.Articles[fmt.Sprintf("article-%04d@%012x", i, i)] = ArticleState{Read: true, ReadAt: 1}
	}
	data, _ := encode(st)
	data = append(data, bytes.Repeat([]byte(" "), 33<<20)...)
	os.WriteFile(path, data, 0o644)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 0 || s.Status() != "" {
		t.Fatalf("warnings %q, status %q", w, s.Status())
	}
	if n := len(s.Snapshot().Articles); n != 1000 {
		t.Errorf("%d articles read", n)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 0 {
		t.Errorf("moved aside: %v", aside)
	}
}

// TestStateCapLeavesRoomForALargeLibrary: 200,000 articles read, bookmarked
// and placed, with long slugs, fit under the cap with room to spare.
func TestStateCapLeavesRoomForALargeLibrary(t *testing.T) {
	st := Empty()
	const sample = 1000
	for i := range sample {
		st.Articles[fmt.Sprintf("article-number-%07d-with-a-long-slug-of-words@%012x", i, i)] = ArticleState{
			Read: true, ReadAt: 1_700_000_000_000_000_000, Bookmarked: true, BookmarkAt: 1_700_000_000_000_000_000,
			Position: &Position{Passage: 300, Within: 0.5, Line: 4000, Width: 120, Percent: 40}, PositionAt: 1_700_000_000_000_000_000}
	}
	data, err := encode(st)
	if err != nil {
		t.Fatal(err)
	}
	if need := len(data) / sample * 200_000; need > maxBytes/2 {
		t.Errorf("200,000 articles take about %d MiB, over half the cap of %d MiB", need>>20, maxBytes>>20)
	}
}

// TestStateOverTheCapIsNotRead: a file past the cap is read as nothing and
// never saved over (a sparse file: no disk is spent on it).
func TestStateOverTheCapIsNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte(`{"version":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, maxBytes+1); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.SetRead("a@1", true)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != maxBytes+1 {
		t.Errorf("the file over the cap was changed: %v %v", fi.Size(), err)
	}
	if s.Status() == "" {
		t.Error("no status says the state is not being saved")
	}
}

func TestStateWithByteOrderMarkIsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte("\xef\xbb\xbf"+`{"version":1,"articles":{"a@1":{"read":true,"read_at":1}}}`), 0o644)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Article("a@1").Read || len(s.Warnings()) != 0 {
		t.Errorf("read %v, warnings %q", s.Article("a@1").Read, s.Warnings())
	}
}

// TestLockHeldByAnotherProcessDoesNotBlock: a stuck instance holding the
// lock delays opening and saving by a bounded wait, no more.
func TestLockHeldByAnotherProcessDoesNotBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version":1,"articles":{"a@1":{"read":true,"read_at":1}}}`), 0o644)
	holder, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	// flock locks belong to the open file: this one excludes Open's own
	if err := unix.Flock(int(holder.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{LockWait: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Article("a@1").Read {
		t.Error("marks not loaded while another instance held the lock")
	}
	if !strings.Contains(s.Status(), "another dispatch is holding") {
		t.Errorf("status %q", s.Status())
	}
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

// TestSaveWaitsForALockOnlySoLong: a save that cannot get the lock fails
// and keeps the change for the next try.
func TestSaveWaitsForALockOnlySoLong(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := Open(path, Options{LockWait: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	holder, _ := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	unix.Flock(int(holder.Fd()), unix.LOCK_EX)
	s.SetBookmarked("a@1", true)
	if err := s.Flush(); !errors.Is(err, diskio.ErrLocked) || !strings.Contains(s.Status(), "another dispatch is holding the reading state's lock") {
		t.Fatalf("flush under another's lock: %v, status %q", err, s.Status())
	}
	holder.Close() // releases the lock
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !readStateFile(t, path).Articles["a@1"].Bookmarked {
		t.Error("the change was lost")
	}
}

// TestCleanupTakesPathsLiterally: glob characters in the state path must
// not make the clean-up of temporary files delete unrelated files.
func TestCleanupTakesPathsLiterally(t *testing.T) {
	dir := t.TempDir()
	unrelated := filepath.Join(dir, "a.json.tmp-keep")
	os.WriteFile(unrelated, []byte("mine"), 0o644)
	leftover := filepath.Join(dir, "[ab].json.tmp-123")
	os.WriteFile(leftover, []byte("{half"), 0o644)
	if _, err := Open(filepath.Join(dir, "[ab].json"), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(unrelated); err != nil {
		t.Errorf("an unrelated file was deleted: %v", err)
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("the leftover temporary file is still there")
	}
}

// TestForeignFilesAreLeftAlone: a --state naming something that is not a
// state file is refused, never renamed or overwritten.
func TestForeignFilesAreLeftAlone(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"notes", "# My notes\n\nDo not lose these.\n"},
		{"other JSON", `{"name":"package","version":"1.0"}`},
		{"array", `[1,2,3]`},
		{"binary", "\x00\x01\x02\xff"},
		// JSON with a "version" of its own: package.json's is a string,
		// a settings file's may be 1, with keys no state file has
		{"package.json", readFile(t, filepath.Join("testdata", "package.json"))},
		{"settings.json", readFile(t, filepath.Join("testdata", "settings.json"))},
		{"settings.json cut short", `{"version": 1, "theme": "da`},
		{"no version", `{"articles":{}}`},
		{"version zero", `{"version":0}`},
		{"another format", `{"format":"prettier","version":1}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.md")
			os.WriteFile(path, []byte(tt.data), 0o644)
			_, err := Open(path, Options{})
			if err == nil || err.Error() != "state file "+path+": not a dispatch state file; choose another with --state" {
				t.Fatalf("error %v", err)
			}
			if got := readFile(t, path); got != tt.data {
				t.Errorf("the file was changed to %q", got)
			}
			if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 0 {
				t.Errorf("moved aside: %v", aside)
			}
			if _, err := os.Stat(path + ".lock"); err == nil {
				t.Error("a lock file was left beside the refused file")
			}
			if _, err := Read(path); err == nil {
				t.Error("Read took it as a state file")
			}
		})
	}
}

// TestWhateverIsAtTheOwnPathIsMovedAside: at dispatch's own path, a file
// that does not read as state (zeros left by a crash, a half-written start)
// is damaged state: moved aside with a warning, and the reader starts.
func TestWhateverIsAtTheOwnPathIsMovedAside(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"zeros", strings.Repeat("\x00", 300)},
		{"a broken start", "{corrupt"},
		{"other JSON", `[1,2,3]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			os.WriteFile(path, []byte(tt.data), 0o644)
			s, err := Open(path, Options{Owned: true})
			if err != nil {
				t.Fatal(err)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) != 1 || readFile(t, aside[0]) != tt.data {
				t.Fatalf("not moved aside whole: %v", aside)
			}
			if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "moved it to") {
				t.Errorf("warnings %q", w)
			}
			s.SetRead("a@1", true)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got, err := Read(path); err != nil || !got.Articles["a@1"].Read {
				t.Errorf("the fresh state was not saved: %v", err)
			}
		})
	}
}

// TestPipesAndDevicesAreRefusedWithoutWaiting: opening a named pipe with
// no writer would block forever. (Were Open to block, go test's -timeout
// would report it, with the stack of the stuck open.)
func TestPipesAndDevicesAreRefusedWithoutWaiting(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "state.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, os.DevNull} {
		if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: error %v", path, err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
