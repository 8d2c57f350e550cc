package feed

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Every file this package writes is replaced atomically: the new content goes
// to a temporary file in the same directory, is synced, and is renamed over
// the old one, and the directory is synced. A process killed at any moment
// leaves the old file or the new one, never a mix.
//
// Temporary names are ".<name>.tmp-<random>": hidden, so the article loader
// never shows one left behind by a killed process, and matched on the next
// run by plain string comparison (a user's path may hold glob characters).

const tmpMarker = ".tmp-"

// tempName is a fresh temporary name for the file base.
func tempName(base string) string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return "." + base + tmpMarker + hex.EncodeToString(b[:])
}

// isTempOf reports whether name is a temporary file for base.
func isTempOf(name, base string) bool {
	return strings.HasPrefix(name, "."+base+tmpMarker)
}

// isAnyTemp reports whether name is a temporary file of this package, for
// the feed directories, which hold nothing else that could match.
func isAnyTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tmpMarker)
}

// removeTemps deletes leftover temporary files in dir that match; it is
// called under the lock, so no live writer owns them.
func removeTemps(dir string, match func(name string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // nothing to clean, or nothing we could clean
	}
	for _, e := range entries {
		if !e.IsDir() && match(e.Name()) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// writeTemp writes data to a new temporary file for path, synced if sync is
// set, and returns its path.
func writeTemp(path string, data []byte, sync bool) (string, error) {
	tmp := filepath.Join(filepath.Dir(path), tempName(filepath.Base(path)))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// writeFileAtomic replaces path with data: temporary file, fsync, rename,
// fsync of the directory.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data, true)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	// some file systems cannot sync a directory; the rename stands
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// batchSize is how many item files are written before they are synced and
// renamed together; it bounds the work a killed fetch loses.
const batchSize = 256

// batchWriter writes item files atomically, syncing them in batches: one
// sync per batch instead of one per file makes the first fetch of a
// 10,000-item feed take seconds, not a minute. Until flush, new content sits
// in hidden temporary files.
type batchWriter struct {
	dir     string
	pending []pendingFile
}

type pendingFile struct{ tmp, final string }

// write stages data as the file name in the writer's directory.
func (w *batchWriter) write(name string, data []byte) error {
	final := filepath.Join(w.dir, name)
	tmp, err := writeTemp(final, data, false)
	if err != nil {
		return fmt.Errorf("write %s: %w", final, err)
	}
	w.pending = append(w.pending, pendingFile{tmp: tmp, final: final})
	if len(w.pending) >= batchSize {
		return w.flush()
	}
	return nil
}

// flush syncs the staged files, renames them into place and syncs the
// directory.
func (w *batchWriter) flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	pending := w.pending
	w.pending = nil
	tmps := make([]string, len(pending))
	for i, p := range pending {
		tmps[i] = p.tmp
	}
	if err := syncFiles(w.dir, tmps); err != nil {
		w.discard(pending)
		return fmt.Errorf("sync items in %s: %w", w.dir, err)
	}
	for i, p := range pending {
		if err := os.Rename(p.tmp, p.final); err != nil {
			w.discard(pending[i:])
			return fmt.Errorf("write %s: %w", p.final, err)
		}
	}
	return syncDir(w.dir)
}

// discard removes staged files that will not be renamed.
func (w *batchWriter) discard(files []pendingFile) {
	for _, p := range files {
		_ = os.Remove(p.tmp)
	}
}

// fsyncEach syncs files one by one: the portable way.
func fsyncEach(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// ensureDir creates dir and its parents.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}
