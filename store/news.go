package store

import "slices"

// What is new: the items the last fetch brought (Inputs.New, which the
// feeds keep, see store/feed's LastNew). They are found among the
// library's files by their path in the feeds folder when a library is
// made, which reads no article; a fetch that brought nothing leaves no
// article new.

// freshDocs are the docs of in.New among files (the library's, by item),
// in order.
func freshDocs(in Inputs, files []snapshotFile) []int32 {
	if len(in.New) == 0 || in.Feeds == "" {
		return nil
	}
	sources := in.Sources
	if in.Listing != nil {
		sources = in.Listing.Sources()
	}
	feeds := -1
	for i, src := range sources {
		if src.Root == in.Feeds {
			feeds = i
		}
	}
	if feeds < 0 {
		return nil
	}
	want := make(map[string]bool, len(in.New))
	for _, p := range in.New {
		want[p] = true
	}
	var out []int32
	for _, f := range files {
		if f.source == feeds && f.doc >= 0 && want[f.name] {
			out = append(out, int32(f.doc))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// IsNew reports whether the last fetch brought article doc. That the mark
// clears once the article is read is the caller's to do, which knows the
// reading state: an article read is not shown as new (is:new and list
// --new leave it out).
func (l *Library) IsNew(doc int) bool {
	_, ok := slices.BinarySearch(l.fresh, int32(doc))
	return ok
}

// NewCount is the number of articles the last fetch brought, read or not.
func (l *Library) NewCount() int { return len(l.fresh) }

// NewDocs are the articles the last fetch brought, read or not, in doc
// order. It must not be changed.
func (l *Library) NewDocs() []int32 { return l.fresh }
