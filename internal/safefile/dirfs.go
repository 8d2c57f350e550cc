package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutside reports a symbolic link that leads out of the folder it was
// found in, by an absolute path or up past the folder: it is not
// followed.
var ErrOutside = errors.New("symbolic link out of the folder, not followed")

// ErrDirOutside is ErrOutside for a link to a directory, which a listing
// names as such.
var ErrDirOutside = fmt.Errorf("%w (a directory)", ErrOutside)

// DirFS is the folder dir as an fs.FS whose files are opened the safe way.
//
// A symbolic link is followed only to a file inside the folder, by a
// relative path: a checked-out repository can hold "notes.md ->
// /proc/kmsg" (which would stall a read forever) or "-> ~/.ssh/id_rsa"
// (which would be shown and indexed). The kernel's pseudo-files (/proc,
// /sys, /dev) and the rest of the user's disk are thus out of reach of
// any link; only the folder the user named is read. A name whose last
// part is not a link is opened straight (O_NOFOLLOW, one system call: a
// listing gives no name through a link to a directory); one that is, is
// followed with os.Root, which refuses to leave the folder at any step.
// Files are opened without blocking (a named pipe or device swapped in
// after the folder was listed waits for nobody). Names need not be valid
// UTF-8: a Latin-1 "café.md" is opened like any other (fs.ValidPath,
// which os.DirFS applies, would refuse it).
func DirFS(dir string) fs.FS { return dirFS{dir: dir} }

type dirFS struct{ dir string }

// Open opens name without blocking on a pipe or device, following a
// symbolic link only to a file inside the folder.
func (d dirFS) Open(name string) (fs.File, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := openNoFollow(d.join(name))
	if err == nil {
		return f, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, renamed(err, name)
	}
	// most likely the last part of name is a symbolic link (ELOOP on Linux,
	// EMLINK on FreeBSD...): follow it, inside the folder only
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, renamed(err, name)
	}
	defer root.Close()
	f, err = root.OpenFile(filepath.FromSlash(name), openFlags, 0)
	if err != nil {
		return nil, d.outside(name, err)
	}
	return f, nil
}

// ReadDir lists a directory of the folder.
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, err := os.ReadDir(d.join(name))
	return entries, renamed(err, name)
}

// Stat describes a file of the folder, following a symbolic link only
// inside the folder: a link out of it fails with ErrOutside.
func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, renamed(err, name)
	}
	defer root.Close()
	info, err := root.Stat(filepath.FromSlash(name))
	if err != nil {
		return nil, d.outside(name, err)
	}
	return info, nil
}

// LstatIn describes the files names of the folder's directory dir as a
// listing sees them (a link as a link, not followed), through one
// descriptor of the directory: each a single system call, without its
// path walked again from the folder (os.Root's Stat above opens the
// folder for every file). each is called for every name, in order.
func (d dirFS) LstatIn(dir string, names []string, each func(i int, info fs.FileInfo, err error)) {
	if !validName(dir) {
		for i := range names {
			each(i, nil, &fs.PathError{Op: "lstat", Path: dir, Err: fs.ErrInvalid})
		}
		return
	}
	root, err := os.OpenRoot(d.join(dir))
	if err != nil {
		for i := range names {
			each(i, nil, renamed(err, dir))
		}
		return
	}
	defer root.Close()
	for i, name := range names {
		if strings.Contains(name, "/") || !validName(name) {
			each(i, nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid})
			continue
		}
		info, err := root.Lstat(name)
		each(i, info, renamed(err, name))
	}
}

func (d dirFS) join(name string) string { return filepath.Join(d.dir, filepath.FromSlash(name)) }

// outside is the error of following name inside the folder: ErrOutside
// (ErrDirOutside) when name leads to a file (a directory) that exists
// outside it (os.Root's own error for that says only "path escapes from
// parent"), else err.
func (d dirFS) outside(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return renamed(err, name)
	}
	if info, serr := os.Stat(d.join(name)); serr == nil {
		if info.IsDir() {
			return &fs.PathError{Op: "open", Path: name, Err: ErrDirOutside}
		}
		return &fs.PathError{Op: "open", Path: name, Err: ErrOutside}
	}
	return renamed(err, name)
}

// renamed names the file of a path error by its name in the folder, as
// os.DirFS does, so messages do not repeat the folder.
func renamed(err error, name string) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return &fs.PathError{Op: strings.TrimSuffix(pe.Op, "at"), Path: name, Err: pe.Err}
	}
	return err
}

// validName is fs.ValidPath for names that need not be valid UTF-8: a
// slash-separated path inside the folder, without "." or ".." parts.
func validName(name string) bool {
	return fs.ValidPath(strings.ToValidUTF8(name, "x"))
}
