package state

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// maxBytes bounds what is read as a state file, and so what is written:
// a file past it could not be read back. 100,000 articles read,
// bookmarked and placed, with long slugs, take about 27 MB.
const maxBytes = 256 << 20

// Problems with what is at the state file's path (errForeign is the
// format's).
var (
	// errDamaged: a dispatch state file that does not parse.
	errDamaged = errors.New("damaged")
	// errTooLarge: a state that has outgrown what a state file may hold.
	errTooLarge = errors.New("the reading state has grown past the largest state file dispatch reads back")
)

// readDisk reads the state file at path as it is now, of at most limit
// bytes; a missing file is an empty state. The errors tell what is there
// instead: ErrNewer, errDamaged, errForeign, safefile.ErrNotRegular,
// safefile.ErrTooLarge, or the error reading it.
func readDisk(path string, now, limit int64) (State, error) {
	data, err := safefile.ReadFile(path, limit)
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
	case errors.Is(err, ErrNewer), errors.Is(err, errForeign):
		return Empty(), err
	case err != nil:
		return Empty(), fmt.Errorf("%w (%s)", errDamaged, termout.OneLine(err.Error()))
	}
	st.clampTimes(now)
	return st, nil
}

// encodeWithin is the file form of st, refused with errTooLarge when it
// is over limit bytes.
func encodeWithin(st State, limit int64) ([]byte, error) {
	data, err := encode(st)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// moveAside renames a damaged state file out of the way, keeping it.
func moveAside(path, stamp string) (string, error) {
	aside := path + ".corrupt-" + stamp
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	return aside, nil
}

// Read reads the state file at path without changing anything on disk,
// for commands that only look: a missing file is an empty state; anything
// else that is not a readable state file is an error.
func Read(path string) (State, error) {
	st, err := readDisk(path, time.Now().UnixNano(), maxBytes)
	if err != nil {
		return Empty(), fmt.Errorf("state file %s: %w", path, err)
	}
	return st, nil
}
