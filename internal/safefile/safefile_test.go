package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file the poller waits on that never has anything to read (/proc/kmsg
// is one, and calls itself regular) costs the read budget, not forever. A
// pipe stands in for it here: it can be made on any system, as root too.
func TestReadOfAFileThatNeverAnswersEnds(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if _, err := w.Write([]byte("a few bytes, then nothing more and no end")); err != nil {
		t.Fatal(err)
	}
	_, err = readAll(r, 1<<20, 10*time.Millisecond)
	if !errors.Is(err, ErrStalled) {
		t.Fatalf("read of a stalled file: %v, want ErrStalled", err)
	}
	if got := err.Error(); got != "nothing to read for 10ms (not a file on disk)" {
		t.Errorf("message %q", got)
	}
}

// A file on disk has no deadline to honour: it is read whole.
func TestReadOfAFileOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(path, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(path, 4); err != nil || string(data) != "text" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := ReadFile(path, 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(filepath.Dir(path), 3); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a directory: %v", err)
	}
}

func TestDirFSNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "caf\xe9.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	for _, name := range []string{"caf\xe9.md", "./caf\xe9.md", "../x", "/etc/passwd", "", "a//b"} {
		f, err := fsys.Open(name)
		if f != nil {
			f.Close()
		}
		want := name == "caf\xe9.md"
		if (err == nil) != want {
			t.Errorf("Open(%q): %v", name, err)
		}
		if err != nil && !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q): %v, want invalid", name, err)
		}
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil || len(entries) != 1 || entries[0].Name() != "caf\xe9.md" {
		t.Errorf("ReadDir: %v, %v", entries, err)
	}
	if info, err := fs.Stat(fsys, "caf\xe9.md"); err != nil || info.Size() != 1 {
		t.Errorf("Stat: %v, %v", info, err)
	}
}

// A path error names the file by its name in the folder, as os.DirFS's
// do, whichever way it was opened.
func TestDirFSErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "x.md")
	if err := os.WriteFile(outside, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(dir, "outdir")); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	if _, err := fs.Stat(fsys, "outdir"); !errors.Is(err, ErrDirOutside) || !errors.Is(err, ErrOutside) {
		t.Errorf("stat of a link to a directory out: %v", err)
	}
	_, err := fsys.Open("missing.md")
	if pe, ok := errors.AsType[*fs.PathError](err); !ok || pe.Path != "missing.md" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	for what, err := range map[string]error{"open": func() error { _, err := fsys.Open("out.md"); return err }(), "stat": func() error { _, err := fs.Stat(fsys, "out.md"); return err }()} {
		if pe, ok := errors.AsType[*fs.PathError](err); !ok || pe.Path != "out.md" || !errors.Is(err, ErrOutside) {
			t.Errorf("%s of a link out: %v", what, err)
		}
	}
}
