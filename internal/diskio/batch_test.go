package diskio

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

func TestBatchCommitsWhenFullAndOnCommit(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("old b"), 0o640)
	os.Chmod(filepath.Join(dir, "b.md"), 0o640)
	b := NewBatch(dir, 2, 0o644)
	for _, n := range []string{"a.md", "b.md", "c.md"} {
		if err := b.Write(n, []byte("new "+n)); err != nil {
			t.Fatal(err)
		}
	}
	// two made a full batch, committed; the third waits for Commit
	if got := names(t, dir); len(got) != 3 || !slices.Contains(got, "a.md") || slices.Contains(got, "c.md") {
		t.Errorf("after a full batch: %q", got)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md", "b.md", "c.md"}) {
		t.Errorf("after Commit: %q", got)
	}
	if got, m := readString(t, filepath.Join(dir, "b.md")), mode(t, filepath.Join(dir, "b.md")); got != "new b.md" || m != 0o640 {
		t.Errorf("b.md %q, mode %v", got, m)
	}
	if err := b.Commit(); err != nil {
		t.Errorf("an empty commit: %v", err)
	}
}

func TestBatchDiscardLeavesTheFolderAsItWas(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
	b := NewBatch(dir, 10, 0o644)
	b.Write("a.md", []byte("new"))
	b.Write("b.md", []byte("new"))
	b.Discard()
	if got := names(t, dir); !slices.Equal(got, []string{"a.md"}) || readString(t, filepath.Join(dir, "a.md")) != "old" {
		t.Errorf("left %q", got)
	}
}

// TestBatchFailures: a file that cannot be staged fails alone; a rename
// that fails discards the rest of the batch. Both stop root too.
func TestBatchFailures(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
	b := NewBatch(dir, 10, 0o644)
	if err := b.Write("file/x.md", []byte("x")); !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("staging below a file: %v", err)
	}
	os.MkdirAll(filepath.Join(dir, "b.md", "inside"), 0o755)
	for _, n := range []string{"a.md", "b.md", "c.md"} {
		if err := b.Write(n, []byte(n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err == nil {
		t.Fatal("renaming over a folder succeeded")
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.md", "b.md", "file"}) {
		t.Errorf("left %q: c.md's temporary file should be gone with the failed batch", got)
	}
	if err := NewBatch(filepath.Join(dir, "missing"), 1, 0o644).Write("a.md", nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a batch into no folder: %v", err)
	}
}

// TestFsyncEach: the portable sync of a batch, where syncfs is refused,
// syncs every file and fails on one that is gone.
func TestFsyncEach(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	os.WriteFile(a, []byte("a"), 0o644)
	if err := fsyncEach([]string{a}); err != nil {
		t.Error(err)
	}
	if err := fsyncEach([]string{a, filepath.Join(dir, "gone")}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file that is gone: %v", err)
	}
}
