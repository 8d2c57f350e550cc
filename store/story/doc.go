// Package story finds the same news told more than once: copies of one
// item carried by several feeds, reports of one event grouped into a
// story, and, for one story, who says what.
//
// It is pure: it knows nothing of the index, the cache or the screen. The
// caller gives each article as a Doc (its id, source, guid, address, title,
// date and passages) and keeps what Extract returns, a small Features value,
// in its index cache; a Grouper then groups Features incrementally (a fetch
// adds a few hundred documents without regrouping the library) and is saved
// whole with MarshalBinary. Compare takes the documents of one story and
// returns its View: sources × facets (names, numbers, dates, topics, quoted
// phrases), what every source states, what one source alone states, what a
// source leaves out, and where two sources give different values for the
// same thing. Every line of a View points at text: a document, a passage
// and a byte span in it.
//
// # Copies
//
// Two documents are copies when they have the same guid (a guid that looks
// like a feed's local counter counts only within one source, and any guid
// only when the texts are not plainly different), the same address once
// tracking parameters are removed (canonicalURL), the same text (folded
// words), or nearly the same text: the estimated Jaccard likeness of their
// sets of 5-word shingles is at least copyLikeness. The estimate is a
// one-permutation MinHash of sigBins bins (Li, Owen and Zhang 2012, with
// the rotation densification of Shrivastava and Li 2014) kept as 16-bit
// values. Near copies are looked for among the members, dated within
// copyWindow, of the copyStories stories a document is likest to join by
// its terms: copies travel together and share nearly every term.
//
// # Stories
//
// Documents are taken in date order (ties by id) and each joins the story
// it is most like when the likeness passes joinLikeness, or starts a new
// one: single-pass clustering as in the TDT evaluations (Allan et al.
// 1998). A document's vector weighs its profile — its most frequent words,
// its capitalised names, its numbers with what they count — by tf·idf, the
// idf counted over the documents grouped before it, and is kept (a byte a
// term) so that it never changes after. Likeness is the cosine between
// that vector and a story's centroid, the sum of its latest
// centroidMembers members' vectors (copies left out). A document is
// compared with at most candidateStories stories: those with a member
// dated within storyWindow of it that share the most idf with it in terms
// not too common (commonShare). A story's window slides with its members,
// so a story followed for days stays one story, while the same topic a
// month later is another. A copy joins the story of what it copies.
//
// Grouping depends only on the documents and their order: adding them one
// by one in date order gives the groups that adding them all at once gives,
// and a saved and reloaded Grouper goes on as the original would.
//
// # Who says what
//
// Compare finds names without a model: runs of capitalised words (with
// "of", "for the" and the like inside them), titles ("Secretary of State",
// "Mayor") split off and kept as roles, a word at the start of a sentence
// or in a heading taken only when the same word is capitalised inside a
// sentence somewhere in the story, adjectives of nationality dropped, and
// variants merged (possessives, an acronym and its expansion such as "US"
// and "United States", a surname and the full name it ends). Numbers are
// taken with the noun they count ("40,000 homes", "28-point plan",
// "millions of lives"); dates are weekdays, months and years; quoted
// phrases are runs of two words or more between double quotes. Topics are
// the caller's passage topics. A disagreement is shown only where two
// sources state different values for what is plainly the same thing — a
// count of the same noun in like clauses, the day of a like event, two
// people in one office — and neither source states the other's value:
// a flag that is not a real disagreement is worse than a missed one.
//
// # Measured
//
// The judged stories of store/testdata/stories (the five built-in reports
// and other events of the same days, 22 feed items) are scored by
//
//	go test ./store/story -run Judged -v
//
// which prints copy detection precision and recall, the stories' B-cubed
// and pairwise F1, the facets' micro-F1 over (fact, source) pairs, and the
// precision of "only in", "left out" and disagreements, and fails below
// floors set from the first honest run. docs/STORIES.md has the numbers,
// their history and the benchmarks (DISPATCH_BENCH_SCALE=100k go test
// ./store/story -run '^$' -bench .).
package story

import (
	"time"

	"dispatch/store/article"
)

// Doc is one article as the caller knows it.
type Doc struct {
	ID       int       // the caller's stable id; a story is named by one of its members' ids
	Source   string    // the source's display name ("Kyiv Post"); may be empty
	GUID     string    // the feed's id for the item; may be empty
	URL      string    // the item's address; may be empty
	Title    string    // one line
	Dek      string    // one-line summary; may be empty
	Date     time.Time // published, else first seen
	Passages []Passage // the text in reading order
}

// Passage is one block of a Doc's text.
type Passage struct {
	Text   string              // plain text, one line
	Kind   article.PassageKind // heading, paragraph, list item…
	Topics []string            // keys of the topics the caller's scoring put on the passage
}
