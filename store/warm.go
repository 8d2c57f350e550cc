package store

import (
	"dispatch/store/article"
	"dispatch/store/journal"
)

// trustedLibrary is the library snapshot s holds when every file may be
// taken as s saw it without looking at any: each folder is dispatch's own
// with nothing in its journal since s, or trusted (CacheOptions.Trust),
// and the built-in articles are the same. It reads neither a folder nor
// the snapshot's file table, only the records of the articles used: work
// proportional to what a command shows, not to the library. False when a
// file may have changed: the caller then lists and compares them.
func trustedLibrary(s *snapshot, in Inputs, opts CacheOptions) (*Library, CacheReport, bool) {
	if s == nil || opts.Examine || !namingOf(in).trusts(s.meta) || s.meta.topics != in.Topics.fingerprint() || s.meta.numTopics != len(in.Topics) ||
		s.meta.builtin != len(in.Builtin) || len(s.sources.marks) != len(in.Sources) {
		return nil, CacheReport{}, false
	}
	for si, src := range in.Sources {
		switch {
		case src.Owned && src.Root != "":
			c := journal.Read(src.Root, journal.ParseMark(s.sources.marks[si]))
			if !c.Followed || len(c.Touched) > 0 {
				return nil, CacheReport{}, false
			}
		case !opts.Trust || si >= len(s.sources.dirs) || len(s.sources.dirs[si]) == 0 ||
			!article.FoldersUnchanged(src.FS, s.sources.dirs[si]):
			// trusted, a folder is taken as it was unless a file was
			// added, removed or renamed in it
			return nil, CacheReport{}, false
		}
	}
	if opts.Verify && s.verifyAll() != nil {
		return nil, CacheReport{}, false
	}
	var lib *Library
	same := true
	err := damageFound(func() {
		for i := range in.Builtin {
			f := s.fileOfDoc(i)
			same = same && f.source == -1 && f.name == in.Builtin[i].Path && f.hash == in.Builtin[i].Hash
		}
		if !same {
			return
		}
		files := make([]*article.Files, len(in.Sources))
		for i, src := range in.Sources {
			files[i] = article.NewFiles(src)
		}
		builtin := in.Builtin
		lib = snapshotLibrary(s, in.Topics, func(d int, a *article.Article) {
			if d < len(builtin) {
				a.ShareText(&builtin[d])
				return
			}
			if f := s.fileOfDoc(d); f.source >= 0 && f.source < len(files) {
				files[f.source].Attach(f.name, a)
			}
		})
		for _, f := range s.warnedFiles() {
			lib.warnings = append(lib.warnings, f.warns...)
		}
		lib.recordWarnings(lib.warnings)
		if len(in.New) > 0 {
			// the last fetch's items are found by name: only then is the
			// file table read
			if err := s.loadFiles(); err != nil {
				panic(err)
			}
			lib.fresh = freshDocs(in, s.files)
		}
	})
	if err != nil || !same {
		return nil, CacheReport{}, false
	}
	return lib, CacheReport{Path: s.path, Reused: s.meta.docs, Size: int64(len(s.data)), Created: s.meta.created}, true
}
