// Package safefile opens and reads files that come from outside — a user's
// article folders, the state and topics files named on the command line —
// without letting them stall or flood the program: files are opened
// without blocking (a named pipe or device swapped in for a file waits for
// nobody), checked on the opened descriptor to be regular files, read up
// to a size limit and within a time limit, and in a folder (DirFS) reached
// through symbolic links only when they stay inside it.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// ErrTooLarge reports a file over the size limit of what it should be.
var ErrTooLarge = errors.New("file larger than")

// ErrNotRegular reports a file that is a pipe, a socket, a device or a
// directory where a regular file was expected.
var ErrNotRegular = errors.New("not a regular file")

// ErrStalled reports a file that gave nothing to read for readBudget.
var ErrStalled = errors.New("nothing to read for")

// readBudget bounds reading a whole file. A file on disk never waits, but
// a kernel file that calls itself regular can: /proc/kmsg, reached by a
// folder named under /proc, parks a read until the kernel logs something.
// Go waits for such a file in its poller, which honours a deadline; a
// file on disk is read without one (it cannot be polled).
const readBudget = 3 * time.Second

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
	return readAll(f, limit, readBudget)
}

// readAll reads f, of at most limit bytes, within budget when f is a
// file the poller waits on.
func readAll(f io.Reader, limit int64, budget time.Duration) ([]byte, error) {
	if d, ok := f.(interface{ SetReadDeadline(time.Time) error }); ok {
		_ = d.SetReadDeadline(time.Now().Add(budget)) // os.ErrNoDeadline for a file on disk: it never waits
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, fmt.Errorf("%w %v (not a file on disk)", ErrStalled, budget)
	}
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
