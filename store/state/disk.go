package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// maxBytes bounds what is read as a state file. 100,000 articles read,
// bookmarked and placed take about 25 MB; a file past this is not read,
// and not saved over.
const maxBytes = 256 << 20

// Problems with what is at the state file's path.
var (
	// errDamaged: a dispatch state file that does not parse.
	errDamaged = errors.New("damaged")
	// errForeign: a file that is not a dispatch state file at all.
	errForeign = errors.New("not a dispatch state file")
)

// readDisk reads the state file at path as it is now; a missing file is an
// empty state. The errors tell what is there instead: ErrNewer,
// errDamaged, errForeign, safefile.ErrNotRegular, safefile.ErrTooLarge, or
// the error reading it.
func readDisk(path string, now int64) (State, error) {
	data, err := safefile.ReadFile(path, maxBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Empty(), nil
	case err != nil:
		return Empty(), err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark from an editor
	if len(bytes.TrimSpace(data)) == 0 {
		return Empty(), nil // nothing to lose: an empty file is an empty state
	}
	st, err := decode(data)
	switch {
	case errors.Is(err, ErrNewer):
		return Empty(), err
	case err != nil && looksLikeState(data):
		return Empty(), fmt.Errorf("%w (%s)", errDamaged, termout.OneLine(err.Error()))
	case err != nil:
		return Empty(), errForeign
	}
	st.clampTimes(now)
	return st, nil
}

// stateStart matches how a state file begins: an object whose first key is
// one dispatch writes (it writes "version" first).
var stateStart = regexp.MustCompile(`^\{\s*"(version|articles|last|last_at|back|forward|history_at)"\s*:`)

// looksLikeState reports whether data is recognisably a dispatch state
// file, damaged or not: only such a file is ever moved aside. Anything
// else at the path (notes.md named by mistake) is left alone.
func looksLikeState(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return stateStart.Match(bytes.TrimLeft(head, " \t\r\n"))
}

// moveAside renames a damaged state file out of the way, keeping it.
func moveAside(path, stamp string) (string, error) {
	aside := path + ".corrupt-" + stamp
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	return aside, nil
}

// tempPrefix starts the names of the temporary files of saves.
const tempPrefix = ".tmp-"

// removeTemps deletes temporary files left by saves that were interrupted;
// the caller holds the lock, so no save is writing one now. Names are
// compared as text: the path may hold characters a glob pattern would read
// as wildcards.
func removeTemps(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), base+tempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// encode is the file form of st.
func encode(st State) ([]byte, error) {
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	return append(data, '\n'), nil
}

// writeAtomic replaces path with data so that a crash at any moment leaves
// either the old file or the new one, never a mix.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		err = d.Sync()
		d.Close()
		// some file systems cannot sync a directory; the rename stands
		if err != nil && !errors.Is(err, syscall.EINVAL) {
			return fmt.Errorf("save state: sync %s: %w", dir, err)
		}
	}
	return nil
}

// Read reads the state file at path without changing anything on disk,
// for commands that only look: a missing file is an empty state; anything
// else that is not a readable state file is an error.
func Read(path string) (State, error) {
	st, err := readDisk(path, time.Now().UnixNano())
	if err != nil {
		return Empty(), fmt.Errorf("state file %s: %w", path, err)
	}
	return st, nil
}
