//go:build unix

package diskio

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLockWaitsUntilItsContextEnds: while another holds the lock, Lock
// waits; cancelling its context ends the wait with an error that says
// another dispatch holds the file, and why the wait ended.
func TestLockWaitsUntilItsContextEnds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json.lock")
	unlock, err := Lock(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Lock(ctx, path)
		done <- err
	}()
	cancel()
	err = <-done
	if !errors.Is(err, ErrLocked) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want ErrLocked and context.Canceled", err)
	}
	if err.Error() != "another dispatch holds the lock "+path {
		t.Errorf("error %q", err)
	}

	past, stop := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer stop()
	if _, err := Lock(past, path); !errors.Is(err, ErrLocked) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a wait past its deadline: %v", err)
	}
	if _, err := TryLock(path); !errors.Is(err, ErrLocked) {
		t.Errorf("TryLock while held: %v", err)
	}
}

// TestLockIsTakenOnceReleased: a waiting Lock gets the lock when its
// holder lets go, and a free lock is taken even by an ended context.
func TestLockIsTakenOnceReleased(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	unlock, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		u, err := Lock(context.Background(), path)
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	if err := <-got; err != nil {
		t.Fatalf("the waiting Lock: %v", err)
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	u, err := Lock(ended, path)
	if err != nil {
		t.Fatalf("a free lock with an ended context: %v", err)
	}
	u()
}

// TestUnlockTwiceReleasesOnlyItsOwn: a second call of an unlock function
// must not release a lock taken since (its descriptor may be reused).
func TestUnlockTwiceReleasesOnlyItsOwn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	first, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	first()
	second, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer second()
	first()
	if _, err := TryLock(path); !errors.Is(err, ErrLocked) {
		t.Errorf("the second holder's lock was released: %v", err)
	}
}

// TestLockThatCannotBeTaken: a lock file that cannot be made is an error
// of its own, never ErrLocked (which would be retried as a busy lock).
// Each case stops root too.
func TestLockThatCannotBeTaken(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	for path, want := range map[string]error{
		filepath.Join(file, "lock"):    syscall.ENOTDIR,
		filepath.Join(dir, "folder"):   syscall.EISDIR,
		filepath.Join(dir, "no", "lk"): os.ErrNotExist,
	} {
		_, err := TryLock(path)
		if !errors.Is(err, want) || errors.Is(err, ErrLocked) || !strings.HasPrefix(err.Error(), "lock "+path+": ") {
			t.Errorf("%s: %v, want %v", path, err, want)
		}
	}
}
