//go:build unix

package diskio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAppendRefusesWhatIsNotAFile: a named pipe in the file's place is
// refused without waiting for a reader; no folder is an error, for root
// too.
func TestAppendRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Append(fifo, []byte("x"), 0o644); err == nil || !strings.HasPrefix(err.Error(), "append to "+fifo+": ") {
		t.Errorf("a pipe: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	if err := Append(filepath.Join(dir, "folder"), []byte("x"), 0o644); err == nil {
		t.Error("appended to a folder")
	}
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
	if err := Append(filepath.Join(dir, "file", "x"), []byte("x"), 0o644); !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("below a file: %v", err)
	}
}
