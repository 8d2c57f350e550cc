package store

import (
	"slices"

	"dispatch/store/article"
	"dispatch/store/story"
)

// freshEntry is one new article's use of a key, for the merge.
type freshEntry struct {
	doc       int32
	positions []int32
	flags     uint8
}

// mergeLibrary builds the library of the items now from snapshot s and the
// files plan p says to read: these are read and indexed, the rest is taken
// from s, and the posting lists of both are merged, key by key, into the
// order a fresh build would give (built-in articles, then the files in
// listing order). Positions are copied as they are; nothing of an unchanged
// article is read or tokenized again.
//
// Numbers stay as they were (the journal gives the new articles theirs),
// and the saved grouping into stories is added to: the fresh articles'
// features go in, the gone ones come out, nothing else is grouped again.
func mergeLibrary(s *snapshot, in Inputs, p updatePlan, progress func(done, total int)) (*Library, []snapshotFile) {
	builtin, l := in.Builtin, in.Listing
	n := len(builtin) + l.Len()
	fresh := make(map[int]loaded, len(p.fresh))
	readAll(builtin, l, p.fresh, false, func(k int, r loaded) {
		fresh[p.fresh[k]] = r
		if progress != nil && (k%64 == 0 || k == len(p.fresh)-1) {
			progress(k+1, len(p.fresh))
		}
	})

	// the new order, and where each article comes from
	oldToNew := make([]int32, s.meta.docs)
	for i := range oldToNew {
		oldToNew[i] = -1
	}
	var arts []article.Article
	var items []int
	var feats []story.Features // of the fresh articles
	var freshArts []int        // their docs
	var warns []article.Warning
	files := make([]snapshotFile, 0, n)
	freshKeys := map[string][]freshEntry{}
	mem := newMemIndex(NewAnalyzer(), n)
	for i := range n {
		doc := len(arts)
		if r, ok := fresh[i]; ok {
			warns = append(warns, r.warns...)
			files = append(files, fileRecord(builtin, l, i, r, doc))
			if !r.ok {
				continue
			}
			arts = append(arts, r.art)
			items = append(items, i)
			feats, freshArts = append(feats, r.features), append(freshArts, doc)
			for _, tp := range r.tokens.terms {
				freshKeys[tp.term] = append(freshKeys[tp.term], freshEntry{int32(doc), tp.positions, tp.flags()})
			}
			mem.addDoc(r.tokens.words, r.tokens.fields, r.tokens.passLen)
			continue
		}
		f := p.files[i]
		warns = append(warns, f.warns...)
		od := p.oldDoc[i]
		if od < 0 {
			files = append(files, f) // skipped before, unchanged since
			continue
		}
		f.doc = doc
		files = append(files, f)
		oldToNew[od] = int32(doc)
		a := s.article(od)
		if i < len(builtin) {
			a.ShareText(&builtin[i])
		} else {
			l.Attach(i-len(builtin), &a)
		}
		arts = append(arts, a)
		items = append(items, i)
		mem.addDoc(s.docLen[od], s.fieldsOf(od), s.passLenOf(od))
	}
	s.release(secDocs, secFields, secPassLen) // read once: see verifyAll

	// the keys of both, in sorted order, each list merged in article order
	newKeys := make([]string, 0, len(freshKeys))
	for k := range freshKeys {
		newKeys = append(newKeys, k)
	}
	slices.Sort(newKeys)
	var scratch []byte
	oldKeys := int32(s.meta.keys)
	oldID, j := int32(0), 0
	oldKey := ""
	if oldKeys > 0 {
		oldKey = s.keyAt(0)
	}
	for oldID < oldKeys || j < len(newKeys) {
		var key string
		inOld := false
		switch {
		case j == len(newKeys) || oldID < oldKeys && oldKey < newKeys[j]:
			key, inOld = oldKey, true
		case oldID == oldKeys || newKeys[j] < oldKey:
			key = newKeys[j]
			j++
		default: // in both
			key, inOld = newKeys[j], true
			j++
		}
		var pl postingList
		entries := freshKeys[key]
		add := func(e freshEntry) { scratch = pl.add(e.doc, e.positions, e.flags, scratch) }
		if inOld {
			s.withList(oldID, func(old *postingList) {
				it := old.iter()
				for it.next() {
					doc := oldToNew[it.doc]
					if doc < 0 {
						continue // gone, or changed: its new version is fresh
					}
					for len(entries) > 0 && entries[0].doc < doc {
						add(entries[0])
						entries = entries[1:]
					}
					pl.addEncoded(doc, it.count, it.flags, it.data[it.posOff:it.posEnd])
				}
			})
			if oldID++; oldID < oldKeys {
				oldKey = s.keyAt(oldID)
			}
			if oldID%verifyBatch == 0 {
				s.release(secPostings, secSkips) // each old list is read once
			}
		}
		for _, e := range entries {
			add(e)
		}
		if pl.df == 0 {
			continue // no article uses it any more
		}
		mem.addList(key, pl)
	}
	nm := namingOf(in)
	named := nm.number(in, arts, items)
	freshOnes := make([]article.Article, len(freshArts))
	for k, d := range freshArts {
		freshOnes[k] = arts[d]
	}
	numberFeatures(feats, freshOnes)
	oldNumbers := s.idTables().numbers
	var gone []int
	for od, d := range oldToNew {
		if d < 0 {
			gone = append(gone, int(oldNumbers[od]))
		}
	}
	g, err := addToGrouping(s.grouperBytes(), gone, feats)
	if err != nil {
		damaged("stories: %v", err)
	}
	lib := newLibrary(arts, mem.finish(), in.Topics)
	lib.journal, lib.stamp = nm.journal, named.stamp
	lib.setGrouping(g)
	lib.fresh = freshDocs(in, files)
	lib.warnings = append(append(append(append([]article.Warning(nil), l.Warnings()...), warns...), named.warnings...), lib.warnings...)
	return lib, files
}
