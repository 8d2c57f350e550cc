package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
)

// What the last fetch brought: every fetch replaces, atomically and under
// the feeds' lock, the hidden file DataDir/feeds/.new with the items it
// created (new items, not updated ones), one a line, each by its path
// below the feeds folder ("lakeside/2025-11-23-cafe-meeting-3f2a1b.md").
// A fetch that brought nothing leaves it empty: what the fetch before
// brought is new no longer. The loader passes hidden files by.

// newFile is the list's name in the feeds folder.
const newFile = ".new"

// maxNewBytes bounds the list read back: a fetch stores at most
// MaxItemsPerFetch items of each of MaxSubscriptions feeds, far less than
// this in practice.
const maxNewBytes = 16 << 20

// writeNew replaces the list of new items with those of results.
func (m *Manager) writeNew(results []Result) error {
	var b bytes.Buffer
	for _, r := range results {
		for _, p := range r.NewFiles {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	if err := diskio.WriteFile(filepath.Join(m.FeedsDir(), newFile), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("record the new items: %w", err)
	}
	return nil
}

// LastNew are the items the last fetch into feedsDir brought, by their
// path below it, in the order fetched; none when there was no fetch yet.
// Lines that cannot be an item's path (an edit, damage) are left out.
func LastNew(feedsDir string) ([]string, error) {
	data, err := safefile.ReadFile(filepath.Join(feedsDir, newFile), maxNewBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the new items: %w", err)
	}
	var out []string
	seen := map[string]bool{}
	for line := range strings.SplitSeq(string(data), "\n") {
		if dir, file := path.Split(line); dir != "" && fs.ValidPath(line) && validItemFile(file) && !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	return out, nil
}
