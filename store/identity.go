package store

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"time"

	"dispatch/store/article"
	"dispatch/store/ident"
)

// Identities: every article of a library is numbered, whatever made the
// library (a build, a merge, a catalogue, a snapshot), by the identity
// journal of store/ident. An article is named in the journal by a key
// that stays with it: a feed item by its file below the feeds folder
// ("item:lakeside/2025-11-23-cafe-3f2a1b.md"), which the feeds keep for
// it; a user's file by its absolute path ("file:/home/me/notes/a.md"); a
// built-in article by its file name ("builtin:01-geneva.md"). A snapshot
// keeps the numbers it was built with and the journal's stamp then: while
// the journal is as it was, or only grew, a warm command trusts them and
// does not read the journal.

// naming is how one load of a library names its articles.
type naming struct {
	journal string // "" keeps identities in memory
	feeds   string // the feeds folder's Root, "" for none
	now     time.Time
}

func namingOf(in Inputs) naming {
	return naming{journal: in.Identities, feeds: in.Feeds, now: time.Now()}
}

// itemKey is the journal's key for item i of in: built-in article i below
// len(builtin), listed file i-len(builtin) after.
func itemKey(in Inputs, i int) string {
	if i < len(in.Builtin) {
		return "builtin:" + in.Builtin[i].Path
	}
	info := in.Listing.File(i - len(in.Builtin))
	src := in.Listing.Sources()[info.Source]
	switch {
	case src.Root != "" && src.Root == in.Feeds:
		return "item:" + info.Name // as NumberFeedItems names it
	case src.Root != "":
		return "file:" + filepath.Join(src.Root, filepath.FromSlash(info.Name))
	}
	return "file:" + path.Join(src.Label, info.Name) // a folder in memory
}

// numbered is what numbering a library's articles gave: the warnings to
// say (slugs taken, a journal that could not be kept) and the journal's
// stamp after.
type numbered struct {
	warnings []article.Warning
	stamp    ident.Stamp
}

// registry opens the journal; one that cannot be read is said, and
// identities are then kept in memory for this run.
func (nm naming) registry() (*ident.Registry, []article.Warning) {
	reg, err := ident.Open(nm.journal)
	if err != nil {
		reg, _ = ident.Open("")
		return reg, []article.Warning{{Path: "article numbers", Msg: fmt.Sprintf("%v: numbers are given for this run only", err)}}
	}
	return reg, nil
}

// number gives every article arts its identity: arts[d] is item items[d]
// of in. Articles that carry an identity already (read from a snapshot)
// lend it to a registry in memory, so that without a journal they keep it.
func (nm naming) number(in Inputs, arts []article.Article, items []int) numbered {
	reg, warns := nm.registry()
	reqs := make([]ident.Request, len(arts))
	fresh := make([]bool, len(arts))
	for d := range arts {
		reqs[d] = ident.Request{Key: itemKey(in, items[d]), Title: arts[d].Title}
		a := &arts[d]
		if a.Number > 0 {
			reg.Remember(reqs[d].Key, ident.Identity{Number: a.Number, Slug: a.Slug, Seen: a.Seen})
		}
		_, known := reg.Lookup(reqs[d].Key)
		fresh[d] = !known
	}
	ids := reg.Assign(reqs, article.Slugify, nm.now)
	for d := range arts {
		arts[d].Number, arts[d].Slug, arts[d].Seen = ids[d].Number, ids[d].Slug, ids[d].Seen
	}
	// a slug taken is said when the newcomer gets another, once: two of
	// your files with one title is worth a word; two feed items with one
	// title is what feeds are like
	var holder map[string]int // by slug, made for the first taken
	for d := range arts {
		a := &arts[d]
		if !fresh[d] || a.Feed != "" {
			continue
		}
		base := article.Slugify(a.Title)
		if a.Slug == base {
			continue
		}
		if holder == nil {
			holder = make(map[string]int, len(arts))
			for h := range arts {
				holder[arts[h].Slug] = h
			}
		}
		by := "an article seen before"
		if h, ok := holder[base]; ok {
			by = arts[h].Path
		}
		warns = append(warns, article.Warning{Path: a.Path, Msg: fmt.Sprintf("slug %q is taken by %s; this one is %q", base, by, a.Slug)})
	}
	if w := reg.Warning(); w != "" {
		warns = append(warns, article.Warning{Path: "article numbers", Msg: w})
	}
	return numbered{warnings: warns, stamp: ident.StampOf(reg.Path())}
}

// peek gives a catalogue's articles the identities they have, and the
// others those they would get next, giving none: their titles are their
// files' names, not theirs.
func (nm naming) peek(in Inputs, arts []article.Article) {
	reg, _ := nm.registry()
	reqs := make([]ident.Request, len(arts))
	for d := range arts {
		reqs[d] = ident.Request{Key: itemKey(in, d), Title: arts[d].Title}
	}
	for d, id := range reg.Peek(reqs, article.Slugify, nm.now) {
		arts[d].Number, arts[d].Slug, arts[d].Seen = id.Number, id.Slug, id.Seen
	}
}

// trusts reports whether the identities a snapshot saved are still the
// journal's without reading it: the same journal, unchanged or grown.
// Without a journal, the snapshot's identities are the best there are.
func (nm naming) trusts(m snapshotMeta) bool {
	return nm.journal == "" || m.journal == nm.journal && ident.StampOf(nm.journal).Covers(m.stamp)
}

// verify reads the journal and reports whether it gives every article of
// snapshot s the number s saved: when the journal was replaced (or the
// data folder moved), the numbers may have changed. Articles the journal
// does not know (it was lost, or is new) are given back the snapshot's
// identities, written to it, unless another has taken their number or
// slug since.
func (nm naming) verify(s *snapshot, in Inputs, p updatePlan) bool {
	reg, err := ident.Open(nm.journal)
	if err != nil {
		return false
	}
	var keys []string
	var ids []ident.Identity
	mismatch := false
	if damageOf(func() {
		numbers := s.idTables().numbers
		for i, d := range p.oldDoc {
			if d < 0 {
				continue
			}
			key := itemKey(in, i)
			if id, ok := reg.Lookup(key); ok {
				if id.Number != int(numbers[d]) {
					mismatch = true
					return
				}
				continue
			}
			a := s.article(d)
			keys, ids = append(keys, key), append(ids, ident.Identity{Number: a.Number, Slug: a.Slug, Seen: a.Seen})
		}
	}) != nil || mismatch {
		return false // rebuilt: numbered by the journal, or mended
	}
	refused, err := reg.Adopt(keys, ids)
	return err == nil && refused == 0
}

// NumberFeedItems gives items of the feeds folder, by their path in it
// and with their titles, the numbers the library gives them: those the
// journal has, or new ones given now, which the library then finds there.
// It is how a fetch names what it brought before any library is loaded.
// Without a journal there is nothing to keep a number: all are 0.
func NumberFeedItems(journal string, paths, titles []string) ([]int, error) {
	out := make([]int, len(paths))
	if journal == "" {
		return out, nil
	}
	reg, err := ident.Open(journal)
	if err != nil {
		return out, err
	}
	reqs := make([]ident.Request, len(paths))
	for i, p := range paths {
		reqs[i] = ident.Request{Key: "item:" + p, Title: titles[i]}
	}
	for i, id := range reg.Assign(reqs, article.Slugify, time.Now()) {
		out[i] = id.Number
	}
	if w := reg.Warning(); w != "" && reg.Path() == "" {
		return out, errors.New(w)
	}
	return out, nil
}
