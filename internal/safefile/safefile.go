// Package safefile opens and reads files that come from outside — a user's
// article folders, the state and topics files named on the command line —
// without letting them stall or flood the program: files are opened
// without blocking (a named pipe or device swapped in for a file waits for
// nobody), checked on the opened descriptor to be regular files, and read
// up to a size limit.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is the folder dir as an fs.FS whose files are opened the safe way
// (see openFile): a named pipe or device swapped in for a file after the
// folder was listed cannot block loading. Directories are listed and
// stat'ed as os.DirFS does.
func DirFS(dir string) fs.FS { return dirFS{dir: dir, FS: os.DirFS(dir)} }

type dirFS struct {
	dir string
	fs.FS
}

// Open opens name without blocking on a pipe or device.
func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := Open(filepath.Join(d.dir, filepath.FromSlash(name)))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name
		}
		return nil, err
	}
	return f, nil
}

// ReadDir lists a directory of the folder.
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

// Stat describes a file of the folder, following symbolic links.
func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

// ErrTooLarge reports a file over the size limit of what it should be.
var ErrTooLarge = errors.New("file larger than")

// ErrNotRegular reports a file that is a pipe, a socket, a device or a
// directory where a regular file was expected.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads the regular file at path, of at most limit bytes.
// It is opened without blocking and checked on the opened descriptor, so a
// named pipe or a device given (or swapped in) by mistake is refused
// rather than waited on. Errors do not repeat the path: callers name the
// file as their messages need ("--topics x.yaml: open: no such file").
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", pe.Op, pe.Err)
		}
		return nil, err
	}
	defer f.Close()
	return ReadOpened(f, limit)
}

// ReadOpened reads an opened file, which must be a regular file of at
// most limit bytes.
func ReadOpened(f fs.File, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, FileType(info.Mode().Type()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%w %s", ErrTooLarge, byteSize(limit))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w %s", ErrTooLarge, byteSize(limit))
	}
	return data, nil
}

// byteSize names a size limit: "4 MiB", "64 KiB".
func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// FileType names a file type that is not a regular file.
func FileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeDir != 0:
		return "a directory"
	case m&fs.ModeIrregular != 0:
		return "irregular"
	}
	return m.String()
}
