package store

import (
	"path/filepath"

	"dispatch/store/article"
	"dispatch/store/journal"
)

// How a run lists the files without looking at those it may trust.
//
// Every file of a folder was looked at (a stat each) on every run, so that
// a change is never missed: 60 % of a warm search of 100,000 files. But
// most of a growing library is written by dispatch itself (fetched feed
// items), which records each change in the folder's journal before making
// it (store/journal). A snapshot keeps, per folder, how far the journal
// was followed when its files were listed; the next run reads the
// journal's end and looks only at the paths it names. A folder without a
// journal (the user's own) is walked and every file in it looked at,
// unless the user trusts the cache (CacheOptions.Trust).

// currentSnapshot is the snapshot the cache holds for these inputs, nil
// when there is none, it is of other folders or it cannot be read (the
// load that follows says why, and rebuilds it).
func currentSnapshot(builtin []article.Article, sources []article.Source, opts CacheOptions) *snapshot {
	key, ok := sourcesKey(len(builtin), sources)
	if opts.Dir == "" || !ok || opts.Rebuild {
		return nil
	}
	s, err := openSnapshotLazily(filepath.Join(opts.Dir, "library-"+keyHash(key)+".idx"))
	if err != nil || s.meta.library != key {
		return nil
	}
	return s
}

// listSources lists sources for a run whose cache holds s (nil for none):
// a folder dispatch owns is listed from s and its journal when the
// journal can be followed from where s left it, and walked otherwise; a
// folder of the user's has its folders looked at again (a stat each: a
// file added, removed or renamed changes its folder's times) and, unless
// opts.Trust, every file (an edit in place changes only the file's); with
// opts.Examine, every folder is walked. The
// listing keeps each owned folder's new mark, for the snapshot saved from
// it.
func listSources(sources []article.Source, s *snapshot, opts CacheOptions) *article.Listing {
	return article.ListKnown(sources, func(si int) (article.Known, bool) {
		src := sources[si]
		saved := ""
		if s != nil && si < len(s.sources.marks) {
			saved = s.sources.marks[si]
		}
		switch {
		case src.Root == "":
			return article.Known{}, false
		case src.Owned:
			// read before anything is listed: a change recorded from here
			// on is after the mark kept
			c := journal.Read(src.Root, journal.ParseMark(saved))
			k := article.Known{Mark: c.Next.String()}
			if !c.Followed || s == nil || opts.Examine {
				return k, false
			}
			k.Files, k.Touched = s.filesOf(si), c.Touched
			return k, true
		case !opts.Examine && s != nil && si < len(s.sources.dirs) && len(s.sources.dirs[si]) > 0:
			// the user's: its folders looked at again for names added or
			// removed, and its files for edits in place unless trusted
			return article.Known{Files: s.filesOf(si), Dirs: s.sources.dirs[si], Look: !opts.Trust}, true
		}
		return article.Known{}, false
	})
}

// journalsStarted reports whether a folder's journal can be followed now
// where s could not follow it (there was none, or it was started anew):
// s is then saved again with the new mark, once, even with nothing
// changed, or every run would walk that folder until something did.
func journalsStarted(s *snapshot, l *article.Listing) bool {
	for i := range l.Sources() {
		now := journal.ParseMark(l.Mark(i))
		if now.ID != "" && (i >= len(s.sources.marks) || journal.ParseMark(s.sources.marks[i]).ID != now.ID) {
			return true
		}
	}
	return false
}

// filesOf is what s saw of source si's files, in listing order.
func (s *snapshot) filesOf(si int) []article.FileInfo {
	n := 0
	for _, f := range s.files {
		if f.source == si {
			n++
		}
	}
	out := make([]article.FileInfo, 0, n)
	for _, f := range s.files {
		if f.source == si {
			out = append(out, article.FileInfo{Source: si, Name: f.name, Size: f.size, ModTime: f.modTime, Change: f.change, Inode: f.inode})
		}
	}
	return out
}

// listedSources is what a snapshot keeps of how its sources were listed:
// by source, the journal's mark and the folders.
type listedSources struct {
	marks []string
	dirs  [][]article.DirInfo
}

// listedOf is what l says of its sources, for a snapshot. A folder whose
// time is too close to the listing to tell a later change by (see racy)
// is kept without its time, so that the next run lists its names again.
func listedOf(l *article.Listing) listedSources {
	src := listedSources{marks: make([]string, len(l.Sources())), dirs: make([][]article.DirInfo, len(l.Sources()))}
	for i := range src.marks {
		src.marks[i] = l.Mark(i)
		for _, d := range l.Dirs(i) {
			if racy(d.ModTime, l) {
				d.ModTime = 0
			}
			src.dirs[i] = append(src.dirs[i], d)
		}
	}
	return src
}
