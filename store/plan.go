package store

import (
	"time"

	"dispatch/store/article"
)

// How the files now compare with what a snapshot saw of them.

// touchedRewrite is how many files whose time changed but not their text a
// run accepts (hashing each again on every run) before it saves a
// snapshot with their new times.
const touchedRewrite = 64

// A file system keeps times to some granularity, and gives a file written
// again within the same tick the same time: a rewrite of the same size in
// that tick would go unseen. A file whose modification time is within a
// tick of its listing's start is "racy", as git calls such files: hashed
// before its times are trusted, next time. The tick is guessed from the
// time itself: whole seconds suggest a file system that keeps no more (FAT
// keeps 2 s, HFS+ and ext3 1 s); others keep a kernel's clock tick or
// finer (exFAT 10 ms).
const (
	racyWindow       = 20 * time.Millisecond
	coarseRacyWindow = 2 * time.Second
)

// racy reports a modification time too close to when listing l began to
// tell a later change by.
func racy(modTime int64, l *article.Listing) bool {
	window := racyWindow
	if modTime%int64(time.Second) == 0 {
		window = coarseRacyWindow
	}
	return modTime >= l.Began().Add(-window).UnixNano()
}

// updatePlan is how the files now compare with a snapshot: for every item
// (built-in article i for i below len(builtin), listed file i-len(builtin)
// after), the article of the snapshot it still is, or -1 to read it.
type updatePlan struct {
	oldDoc  []int          // by item: the snapshot's article, or -1
	oldFile []int          // by item: the snapshot's file entry, or -1
	fresh   []int          // items to read and index
	files   []snapshotFile // by item, for the snapshot to save, when unchanged
	reused  int
	removed int
	touched int // files whose time changed but not their text
}

func (p updatePlan) unchanged() bool { return len(p.fresh) == 0 && p.removed == 0 }

// planUpdate compares the built-in articles and the listed files with what
// snapshot s holds. A file whose size, modification time, change time and
// inode are unchanged is taken as it was, unless its time was too close to
// its listing to tell (racy); one of the same size whose times or inode
// changed, or racy, is read and hashed, and taken as it was if its text is
// the same. A file the listing did not look at (known to be unchanged, see
// listSources) is taken as it was.
func planUpdate(s *snapshot, builtin []article.Article, l *article.Listing) updatePlan {
	type place struct {
		source int
		name   string
	}
	// the files are usually where the snapshot has them, in the same
	// order: each is looked for at the entry after the last one found,
	// and in a map of all (made on first need) only when not there
	var old map[place]int
	find := func(at place, next int) (int, bool) {
		if next < len(s.files) && s.files[next].source == at.source && s.files[next].name == at.name {
			return next, true
		}
		if old == nil {
			old = make(map[place]int, len(s.files))
			for i, f := range s.files {
				old[place{f.source, f.name}] = i
			}
		}
		i, ok := old[at]
		return i, ok
	}
	next := 0
	n := len(builtin) + l.Len()
	p := updatePlan{oldDoc: make([]int, n), oldFile: make([]int, n), files: make([]snapshotFile, n)}
	matched := make([]bool, len(s.files))
	for i := range n {
		p.oldDoc[i], p.oldFile[i] = -1, -1
		var at place
		var info article.FileInfo
		if i < len(builtin) {
			at = place{-1, builtin[i].Path}
		} else {
			info = l.File(i - len(builtin))
			at = place{info.Source, info.Name}
		}
		fi, ok := find(at, next)
		if !ok {
			p.fresh = append(p.fresh, i)
			continue
		}
		next = fi + 1
		f := s.files[fi]
		same := false
		switch {
		case i < len(builtin):
			same = f.hash == builtin[i].Hash
		case f.size != info.Size:
		case f.modTime == info.ModTime && f.change == info.Change && f.inode == info.Inode && (!f.racy || info.Known):
			// a known file was not looked at: its time cannot have come
			// too close to this listing to tell
			same = true
		case f.hash != "":
			if h, err := l.Hash(i - len(builtin)); err == nil && h == f.hash {
				same = true
				p.touched++
				f.modTime, f.change, f.inode, f.racy = info.ModTime, info.Change, info.Inode, racy(info.ModTime, l)
			}
		}
		if !same {
			p.fresh = append(p.fresh, i)
			continue
		}
		matched[fi] = true
		p.oldDoc[i], p.oldFile[i], p.files[i] = f.doc, fi, f
		if f.doc >= 0 {
			p.reused++
		}
	}
	for fi, m := range matched {
		if !m && s.files[fi].doc >= 0 {
			p.removed++
		}
	}
	// a file that became an article before but not now, or the other way,
	// changed: the fresh list has it
	return p
}
