package diskio

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// tempMarker is what every temporary name holds after the name of the
// file it replaces.
const tempMarker = ".tmp-"

// maxTempBase bounds how much of a file's name its temporary names repeat:
// with the dot, the marker and the random part they must stay under the
// 255 bytes a name may have, or a long name could never be saved.
const maxTempBase = 200

// WriteFile replaces the file at path with data, atomically (see the
// package doc). perm is for a new file; a file replaced keeps its own.
// The folder must exist.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Write(path, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// Write replaces the file at path, atomically, with what fill writes to
// the temporary file it is given (an *os.File, so that it can buffer, or
// go back and write a header with WriteAt; it must not close it). fill's
// error, or a panic in it, leaves the old file as it was and no temporary
// file behind.
func Write(path string, perm fs.FileMode, fill func(f *os.File) error) error {
	return replace(path, perm, fill, SyncDir)
}

// replace is Write with the folder sync given, so that tests can make it
// fail as file systems do.
func replace(path string, perm fs.FileMode, fill func(*os.File) error, syncDir func(string) error) error {
	tmp, err := createTemp(path, perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close() // a second Close after the one below only errs
			os.Remove(tmp.Name())
		}
	}()
	keepMode(tmp, path)
	if err := fill(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	renamed = true
	return syncDir(filepath.Dir(path))
}

// createTemp creates a new temporary file for path, in its folder.
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 10 {
		var b [6]byte
		_, _ = rand.Read(b[:]) // never fails (crypto/rand panics instead)
		name := filepath.Join(dir, tempPrefix(base)+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name beside %s", base)
}

// keepMode gives the temporary file the permissions of the file it will
// replace. Where that fails (a file system without permissions) the file
// keeps those it was created with.
func keepMode(tmp *os.File, path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		_ = tmp.Chmod(fi.Mode().Perm())
	}
}

// tempPrefix starts the temporary names of the file named base.
func tempPrefix(base string) string {
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return "." + base + tempMarker
}

// IsTemp reports whether name (a name, not a path) is one of this
// package's temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMarker)
}

// RemoveTemps deletes the temporary files that interrupted writes of path
// left in its folder, and those of the form "<name>.tmp-…" that earlier
// versions of dispatch left beside the reading state and the index cache.
// The caller holds the lock that writers of path take, so no write under
// way loses its file. Names are compared as text.
func RemoveTemps(path string) {
	dir, base := filepath.Split(path)
	prefix := tempPrefix(base)
	removeIf(dir, func(name string) bool {
		return strings.HasPrefix(name, prefix) || strings.HasPrefix(name, base+tempMarker)
	})
}

// RemoveTempsIn deletes every temporary file of this package in dir, for
// a folder that holds only files dispatch writes (a feed's items). The
// caller holds the lock its writers take.
func RemoveTempsIn(dir string) { removeIf(dir, IsTemp) }

// removeIf removes the regular files in dir whose names match. What
// cannot be listed or removed stays: the next clean-up tries again.
func removeIf(dir string, match func(name string) bool) {
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && match(e.Name()) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
