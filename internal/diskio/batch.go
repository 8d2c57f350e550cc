package diskio

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Batch writes many files into one folder, each replaced atomically as
// WriteFile does, but synced together: one sync for a batch instead of one
// a file makes the first fetch of a 10,000-item feed take seconds, not a
// minute. Until a commit, new content sits in hidden temporary files; a
// process killed before it leaves the old files and temporary ones for
// RemoveTempsIn. A Batch is for one goroutine.
type Batch struct {
	dir     string
	size    int
	perm    fs.FileMode
	pending []staged
}

type staged struct{ tmp, final string }

// NewBatch writes into dir, committing by itself every size files (at
// least one), which bounds what a killed process loses. perm is for new
// files; a file replaced keeps its own.
func NewBatch(dir string, size int, perm fs.FileMode) *Batch {
	return &Batch{dir: dir, size: max(size, 1), perm: perm}
}

// Write stages data as the file name in the batch's folder, and commits
// the batch when it is full.
func (b *Batch) Write(name string, data []byte) error {
	final := filepath.Join(b.dir, name)
	tmp, err := createTemp(final, b.perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", final, err)
	}
	keepMode(tmp, final)
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", final, err)
	}
	b.pending = append(b.pending, staged{tmp: tmp.Name(), final: final})
	if len(b.pending) >= b.size {
		return b.Commit()
	}
	return nil
}

// Commit syncs the staged files, renames them into place and syncs the
// folder. On an error, the files not yet renamed are discarded.
func (b *Batch) Commit() error {
	if len(b.pending) == 0 {
		return nil
	}
	pending := b.pending
	b.pending = nil
	tmps := make([]string, len(pending))
	for i, p := range pending {
		tmps[i] = p.tmp
	}
	if err := syncFiles(b.dir, tmps); err != nil {
		discard(pending)
		return fmt.Errorf("sync files in %s: %w", b.dir, err)
	}
	for i, p := range pending {
		if err := os.Rename(p.tmp, p.final); err != nil {
			discard(pending[i:])
			return fmt.Errorf("write %s: %w", p.final, err)
		}
	}
	return SyncDir(b.dir)
}

// Discard removes the staged files, leaving the folder as the last commit
// left it.
func (b *Batch) Discard() {
	discard(b.pending)
	b.pending = nil
}

func discard(files []staged) {
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
