package diskio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// names lists the names in dir, to show that a failed write left nothing.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestWriteFileGivesAndKeepsPermissions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := WriteFile(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "one" {
		t.Errorf("content %q", got)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("a new file has mode %v, want the 0600 asked for", m)
	}
	// the user opened it to others: a save must not take that back
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, m := readString(t, path), mode(t, path); got != "two" || m != 0o644 {
		t.Errorf("replaced: %q, mode %v, want \"two\" and the file's own 0644", got, m)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"state.json"}) {
		t.Errorf("left in the folder: %q", got)
	}
}

// TestWriteFailuresLeaveTheOldFileAndNoTemporary goes through every way a
// replacement fails, each of which stops root too: the old file stays as
// it was, no temporary file is left, and the error names the file and
// keeps the cause.
func TestWriteFailuresLeaveTheOldFileAndNoTemporary(t *testing.T) {
	diskFull := func(f *os.File) error {
		if _, err := f.Write([]byte("half of the new")); err != nil {
			return err
		}
		return &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // the path to write
		fill  func(f *os.File) error
		want  error
	}{
		{"no folder", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "missing", "state.json")
		}, nil, fs.ErrNotExist},
		{"below a regular file", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "file"), []byte("keep"), 0o644)
			return filepath.Join(dir, "file", "state.json")
		}, nil, syscall.ENOTDIR},
		{"the disk fills up", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "state.json")
		}, diskFull, syscall.ENOSPC},
		{"a directory in the file's place", func(t *testing.T, dir string) string {
			os.Remove(filepath.Join(dir, "state.json"))
			os.MkdirAll(filepath.Join(dir, "state.json", "inside"), 0o755)
			return filepath.Join(dir, "state.json")
		}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "state.json"), []byte("old"), 0o644)
			path := tc.setup(t, dir)
			before := names(t, dir)
			fill := tc.fill
			if fill == nil {
				fill = func(f *os.File) error { _, err := f.Write([]byte("new")); return err }
			}
			err := Write(path, 0o644, fill)
			if err == nil {
				t.Fatal("the write succeeded")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "write "+path+": ") {
				t.Errorf("error %q does not name the file", err)
			}
			if got := names(t, dir); !slices.Equal(got, before) {
				t.Errorf("folder held %q, now %q", before, got)
			}
			if fi, err := os.Stat(filepath.Join(dir, "state.json")); err == nil && fi.Mode().IsRegular() {
				if got := readString(t, filepath.Join(dir, "state.json")); got != "old" {
					t.Errorf("the old file became %q", got)
				}
			}
		})
	}
}

// TestWriteThatPanicsLeavesNoTemporary: a panic in fill (a bug in an
// encoder) still removes the temporary file on its way up.
func TestWriteThatPanicsLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.idx")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not go up")
			}
		}()
		Write(path, 0o600, func(f *os.File) error { f.Write([]byte("part")); panic("encoder bug") })
	}()
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("left: %q", got)
	}
}

// TestWriteAtForAHeaderWrittenLast: fill gets the file itself, so a
// format whose header is written last (the index snapshot) can go back.
func TestWriteAtForAHeaderWrittenLast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.idx")
	err := Write(path, 0o600, func(f *os.File) error {
		if _, err := f.Write([]byte("....body")); err != nil {
			return err
		}
		_, err := f.WriteAt([]byte("HEAD"), 0)
		return err
	})
	if err != nil || readString(t, path) != "HEADbody" {
		t.Errorf("%v, %q", err, readString(t, path))
	}
}

// TestFolderSyncPolicy: a file system that cannot sync a folder (EINVAL,
// ENOTSUP, EOPNOTSUPP, ENOSYS, no permission) does not fail the write; a
// folder sync that fails (EIO) does, after the rename, which stands.
func TestFolderSyncPolicy(t *testing.T) {
	for _, tc := range []struct {
		err  error
		fail bool
	}{
		{syscall.EINVAL, false},
		{syscall.ENOTSUP, false},
		{syscall.EOPNOTSUPP, false},
		{syscall.ENOSYS, false},
		{syscall.EACCES, false},
		{syscall.EIO, true},
		{syscall.ENOSPC, true},
	} {
		t.Run(tc.err.Error(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "feeds.opml")
			refuse := func(d *os.File) error { return &fs.PathError{Op: "sync", Path: d.Name(), Err: tc.err} }
			err := replace(path, 0o644, func(f *os.File) error { _, err := f.Write([]byte("new")); return err },
				func(dir string) error { return syncDirWith(dir, refuse) })
			if tc.fail != (err != nil) {
				t.Fatalf("error %v", err)
			}
			if tc.fail && (!errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), "sync "+dir+": ")) {
				t.Errorf("error %q does not say the folder sync failed", err)
			}
			if got := readString(t, path); got != "new" {
				t.Errorf("the file is %q: the rename must stand", got)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"feeds.opml"}) {
				t.Errorf("left: %q", got)
			}
		})
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing folder: %v", err)
	}
}

// TestLongNamesCanBeSaved: a name near the longest a file system allows
// still has room for its temporary names.
func TestLongNamesCanBeSaved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, strings.Repeat("€", 80)+".json") // 245 bytes, cut inside a letter
	if err := WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("left: %q", got)
	}
	os.WriteFile(filepath.Join(dir, tempPrefix(filepath.Base(path))+"123"), nil, 0o644)
	RemoveTemps(path)
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("a long name's leftover was not removed: %q", got)
	}
}

// TestRemoveTempsTakesNamesLiterally: glob characters in a name do not
// widen the clean-up; only the file's own leftovers go (and the
// "<name>.tmp-…" ones earlier versions left), never a folder.
func TestRemoveTempsTakesNamesLiterally(t *testing.T) {
	dir := t.TempDir()
	keep := []string{"a.json", "a.json.tmp-keep", ".a.json.tmp-keep", "[ab].json", "other.tmp-1"}
	gone := []string{".[ab].json.tmp-1f2e", "[ab].json.tmp-123"}
	for _, n := range append(slices.Clone(keep), gone...) {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, ".[ab].json.tmp-dir"), 0o755)
	RemoveTemps(filepath.Join(dir, "[ab].json"))
	want := append(slices.Clone(keep), ".[ab].json.tmp-dir")
	slices.Sort(want)
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("left %q, want %q", got, want)
	}
	RemoveTempsIn(dir)
	want = slices.DeleteFunc(want, func(n string) bool { return n == ".a.json.tmp-keep" })
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("RemoveTempsIn left %q, want %q", got, want)
	}
	RemoveTemps(filepath.Join(dir, "missing", "x")) // nothing to list: nothing happens
}
