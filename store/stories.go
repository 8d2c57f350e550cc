package store

import (
	"cmp"
	"fmt"
	"strconv"
	"time"

	"dispatch/store/article"
	"dispatch/store/story"
)

// Stories: copies of one item folded, reports of one event grouped, and
// who says what in a story (see store/story). Each article's features are
// extracted while the index build reads its text; the grouping is made
// once, when a library is built, added to when a merge brings articles
// (and the gone ones taken out), and saved with the snapshot together with
// what a list needs of it: for every article the first of its copies and
// its story. The grouping names articles by their number, which never
// changes, so that a saved grouping stays true as the library grows;
// stories and copies are told to callers by doc.

// StoryInfo is one story of the library: its articles (docs), lead first.
type StoryInfo struct {
	ID       int       // the lead's number: dispatch story ID names it
	Headline string    // the lead's title
	Docs     []int     // its articles: the lead (the earliest), then by date and number
	Sources  []string  // SourceName of each, each once, in the order they reported
	Newest   time.Time // the date of its latest article (published, else first seen)
}

// storyTables are a library's stories and copies, by doc.
type storyTables struct {
	copyFirst []int32 // by doc: the first of its copies, itself when it has none
	storyOf   []int32 // by doc: its story
	starts    []int32 // by story: where its docs start in members, and one more at the end
	members   []int32 // the stories' docs, newest story first, each lead first then by date and number
	hasCopies bool    // some article has a copy
	copied    []bool  // by doc: it has copies (see noteCopies)
}

// noteCopies works out which articles have copies from copyFirst.
func (t *storyTables) noteCopies() {
	t.copied = make([]bool, len(t.copyFirst))
	for d, f := range t.copyFirst {
		if int(f) != d {
			t.copied[d], t.copied[f], t.hasCopies = true, true, true
		}
	}
}

// check finds what a snapshot's tables could say that is not true.
func (t *storyTables) check() error {
	n := len(t.copyFirst)
	if len(t.storyOf) != n || len(t.members) != n || len(t.starts) == 0 || t.starts[0] != 0 || t.starts[len(t.starts)-1] != int32(n) {
		return fmt.Errorf("%d articles, %d in stories", n, len(t.members))
	}
	for s := range len(t.starts) - 1 {
		if t.starts[s] > t.starts[s+1] {
			return fmt.Errorf("story %d", s)
		}
		for _, d := range t.members[t.starts[s]:t.starts[s+1]] {
			if d < 0 || int(d) >= n || t.storyOf[d] != int32(s) {
				return fmt.Errorf("story %d: article %d", s, d)
			}
		}
	}
	for d, f := range t.copyFirst {
		if f < 0 || int(f) >= n || t.storyOf[f] != t.storyOf[d] {
			return fmt.Errorf("copies of article %d", d)
		}
	}
	t.noteCopies()
	return nil
}

// storyTablesOf are the tables of grouping g for a library of n articles
// numbered as ids says; an article g does not know is a story of its own.
func storyTablesOf(g *story.Grouper, ids *idTables) storyTables {
	n := len(ids.numbers)
	docOf := make(map[int]int32, n)
	for d, num := range ids.numbers {
		docOf[int(num)] = int32(d)
	}
	t := storyTables{copyFirst: make([]int32, n), storyOf: make([]int32, n), starts: []int32{0}, members: make([]int32, 0, n)}
	placed := make([]bool, n)
	for _, members := range g.Groups() {
		for _, num := range members {
			d, ok := docOf[num]
			if !ok || placed[d] {
				continue
			}
			placed[d] = true
			t.storyOf[d], t.copyFirst[d] = int32(len(t.starts)-1), d
			if first, ok := g.FirstCopy(num); ok {
				if f, ok := docOf[first]; ok {
					t.copyFirst[d] = f
				}
			}
			t.members = append(t.members, d)
		}
		if int(t.starts[len(t.starts)-1]) < len(t.members) {
			t.starts = append(t.starts, int32(len(t.members)))
		}
	}
	for d := range n {
		if !placed[d] {
			t.storyOf[d], t.copyFirst[d] = int32(len(t.starts)-1), int32(d)
			t.members = append(t.members, int32(d))
			t.starts = append(t.starts, int32(len(t.members)))
		}
	}
	t.noteCopies()
	return t
}

// stories are the library's tables, decoded from its snapshot when first
// asked for.
func (l *Library) stories() *storyTables {
	l.storiesOnce.Do(func() {
		if l.groups.starts == nil {
			if l.snap != nil {
				l.groups = l.snap.storyTables()
			} else {
				// a library made without reading its articles (a
				// catalogue): each is alone
				l.groups = storyTablesOf(story.NewGrouper(), l.order())
			}
		}
	})
	return &l.groups
}

// grouping is the saved form of the library's grouping: made in memory,
// or as its snapshot holds it.
func (l *Library) grouping() ([]byte, error) {
	switch {
	case l.grouper != nil:
		return l.grouper.MarshalBinary()
	case l.snap != nil:
		return l.snap.grouperBytes(), nil
	}
	return story.NewGrouper().MarshalBinary()
}

// storyDocs are story s's docs.
func (t *storyTables) storyDocs(s int32) []int32 { return t.members[t.starts[s]:t.starts[s+1]] }

// StoryOf is the story article doc belongs to; false when no other article
// reports it.
func (l *Library) StoryOf(doc int) (StoryInfo, bool) {
	t := l.stories()
	s := t.storyOf[doc]
	if len(t.storyDocs(s)) < 2 {
		return StoryInfo{}, false
	}
	return l.storyInfo(t.storyDocs(s)), true
}

// StoryDocs are the docs of article doc's story, lead first, without
// decoding an article; nil when no other article reports it. It must not
// be changed.
func (l *Library) StoryDocs(doc int) []int32 {
	t := l.stories()
	if docs := t.storyDocs(t.storyOf[doc]); len(docs) > 1 {
		return docs
	}
	return nil
}

// Stories are the library's stories of two articles or more, newest first
// (by their latest article, then their lead's number).
func (l *Library) Stories() []StoryInfo {
	t := l.stories()
	var out []StoryInfo
	for s := range int32(len(t.starts) - 1) {
		if docs := t.storyDocs(s); len(docs) > 1 {
			out = append(out, l.storyInfo(docs))
		}
	}
	return out
}

// CopiesOf are the other articles that are copies of article doc (the
// same item carried by other feeds, or a lightly edited copy), in their
// story's order.
func (l *Library) CopiesOf(doc int) []int {
	t := l.stories()
	if !t.copied[doc] {
		return nil
	}
	var out []int
	for _, d := range t.storyDocs(t.storyOf[doc]) {
		if int(d) != doc && t.copyFirst[d] == t.copyFirst[doc] {
			out = append(out, int(d))
		}
	}
	return out
}

func (l *Library) storyInfo(docs []int32) StoryInfo {
	lead := l.Article(int(docs[0]))
	info := StoryInfo{ID: lead.Number, Headline: lead.Title, Docs: make([]int, len(docs))}
	seen := map[string]bool{}
	var newest int64
	dates := l.order().dates
	for i, d := range docs {
		info.Docs[i] = int(d)
		if name := SourceName(l.Article(int(d))); !seen[name] {
			seen[name] = true
			info.Sources = append(info.Sources, name)
		}
		newest = max(newest, dates[d])
	}
	info.Newest = time.Unix(newest, 0).UTC()
	return info
}

// CompareStory is who says what among the articles docs (a story's),
// reading their text; an article whose file cannot be read any more is an
// error.
func (l *Library) CompareStory(docs []int) (story.View, error) {
	in := make([]story.Doc, 0, len(docs))
	for _, d := range docs {
		a := l.Article(d)
		c, err := a.Content()
		if err != nil {
			return story.View{}, fmt.Errorf("read %s: %w", a.Path, err)
		}
		doc := storyDoc(a, c)
		for p := range doc.Passages {
			for t := range l.Topics() {
				if l.Coverage().OnTopic(d, p, t) {
					doc.Passages[p].Topics = append(doc.Passages[p].Topics, l.Topics()[t].Key)
				}
			}
		}
		in = append(in, doc)
	}
	return story.Compare(in), nil
}

// storyDoc is article a, whose text is c, as the story engine knows it.
func storyDoc(a *article.Article, c *article.Content) story.Doc {
	d := story.Doc{ID: a.Number, Source: SourceName(a), GUID: a.GUID, URL: a.URL, Title: a.Title, Dek: a.Dek,
		Date: time.Unix(listDate(a), 0).UTC(), Passages: make([]story.Passage, len(c.Passages))}
	for p, pass := range c.Passages {
		d.Passages[p] = story.Passage{Text: pass.Text, Kind: pass.Kind}
	}
	return d
}

// extractFeatures are article a's story features, taken while its text is
// read for the index: its number and date are given once it is numbered
// (see numberFeatures).
func extractFeatures(a *article.Article, c *article.Content) story.Features {
	d := storyDoc(a, c)
	if a.Number == 0 {
		d.Source = cmp.Or(a.Source, a.Byline) // not "#0": a guid counts within its source
	}
	return story.Extract(d)
}

// addToGrouping is what a merge does to the saved grouping: read it, take
// the gone articles out (by number) and add the fresh ones' features.
// Nothing else is grouped again.
func addToGrouping(saved []byte, gone []int, fresh []story.Features) (*story.Grouper, error) {
	g := story.NewGrouper()
	if err := g.UnmarshalBinary(saved); err != nil {
		return nil, err
	}
	g.Remove(gone...)
	g.Add(fresh...)
	return g, nil
}

// numberFeatures gives features the identity and date of their articles,
// numbered since they were extracted.
func numberFeatures(feats []story.Features, arts []article.Article) {
	for d := range feats {
		a := &arts[d]
		feats[d].ID, feats[d].Date, feats[d].Source = a.Number, listDate(a), SourceName(a)
	}
}

// SourceName is how an article's source is named where sources are told
// apart (a story's sources, a copy's): its feed or publication, else its
// byline, else its number — never a name it does not give.
func SourceName(a *article.Article) string {
	switch {
	case a.Source != "":
		return a.Source
	case a.Byline != "":
		return a.Byline
	}
	return "#" + strconv.Itoa(a.Number)
}
