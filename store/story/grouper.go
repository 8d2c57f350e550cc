package story

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Grouping parameters (see the package comment).
const (
	storyWindow     = 4 * 24 * 3600 // seconds: a story takes documents this close to one of its members
	copyWindow      = 7 * 24 * 3600 // seconds: near copies are looked for this close in time
	joinLikeness    = 0.15          // least cosine likeness to a story's centroid to join it (see below)
	copyLikeness    = 0.6           // least estimated shingle likeness of a near copy
	guidLikeness    = 0.2           // one guid on texts less alike than this is a reused guid, not a copy
	centroidMembers = 8             // a story's centroid is of at most this many members near in time
	copyStories     = 2             // near copies are looked for in this many of the candidate stories
	commonShare     = 0.02          // a term in more than this share of documents (and commonFloor) finds no candidates
	commonFloor     = 50
)

// joinLikeness sits midway between the likeness of the least alike
// reports of one event in the judged library (0.20: a short follow-up two
// days on) and that of the most alike reports of two events (0.07: a
// prisoner exchange the day before, against the Geneva talks).

// Grouper groups documents into copies and stories, incrementally. Its
// zero value is an empty Grouper. It is not safe for concurrent use.
type Grouper struct {
	docs    []entry // by arrival; removed ones stay as tombstones until saved
	byID    map[int]int32
	live    int
	termID  map[uint32]int32   // profile term → its index in df and post
	df      []int32            // documents whose profile has the term, by term
	post    [][]posting        // stories with a member having the term, by date, by term
	keys    map[uint64][]int32 // copy keys → documents
	stories []*storyRec        // nil once empty
	logs    []float64          // ln(k) by k (see ln)

	ids     []int32 // the terms of the document at hand (see terms)
	idsOf   *entry
	score   []float64 // by story: scratch of candidates
	last    []int32
	telling []int32
	scratch []weighted // scratch of centre

	window, copyWin int64 // storyWindow and copyWindow, for tests to vary
	join, copyMin   float64
}

type entry struct {
	Features
	weights []uint8 // its vector: a weight for each profile term (see weigh)
	story   int32
	copyOf  int32 // the first of its copies (itself when it is the first)
	gone    bool
}

type storyRec struct {
	members  []int32    // by date, then id
	centroid []weighted // of its latest members (see centre), by term
	norm     float64    // the centroid's length
}

// posting is a story with a member having a term, and that member's date
// in minutes: eight bytes, as there are a few dozen for every document.
type posting struct {
	story  int32
	minute int32
}

// minuteOf is a date in Unix seconds as a posting keeps it.
func minuteOf(date int64) int32 {
	return int32(max(math.MinInt32, min(math.MaxInt32, date/60)))
}

// NewGrouper returns an empty Grouper.
func NewGrouper() *Grouper {
	return &Grouper{
		byID: map[int]int32{}, termID: map[uint32]int32{}, keys: map[uint64][]int32{},
		window: storyWindow, copyWin: copyWindow, join: joinLikeness, copyMin: copyLikeness,
	}
}

// Story is one story: the reports of one event, copies included.
type Story struct {
	ID       int       // the lead's id: its earliest member (date, then id)
	Headline string    // the lead's title
	Members  []int     // ids by date, then id
	Sources  []string  // its sources, each once, in the order they reported
	Newest   time.Time // the date of its latest member
}

// Len is the number of documents grouped.
func (g *Grouper) Len() int { return g.live }

// Add groups documents. A document whose id is already grouped replaces it.
// Documents are taken in date order (ties by id), so adding a batch gives
// the groups that adding its documents one at a time in that order gives.
func (g *Grouper) Add(fs ...Features) {
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(fs[a].Date, fs[b].Date), cmp.Compare(fs[a].ID, fs[b].ID))
	})
	for _, i := range order {
		g.add(fs[i])
	}
}

// Remove takes documents out of their stories and copies. A story or a
// group of copies is not split by losing a member that tied it together.
func (g *Grouper) Remove(ids ...int) {
	for _, id := range ids {
		if i, ok := g.byID[id]; ok {
			g.remove(i)
		}
	}
}

// CopiesOf returns the ids of the other copies of id (the same item in
// other feeds), by date; none when id is not grouped or has no copies.
func (g *Grouper) CopiesOf(id int) []int {
	i, ok := g.byID[id]
	if !ok {
		return nil
	}
	root := g.docs[i].copyOf
	var out []int
	for _, m := range g.stories[g.docs[i].story].members {
		if m != i && g.docs[m].copyOf == root {
			out = append(out, g.docs[m].ID)
		}
	}
	return out
}

// FirstCopy returns the id of the first of id's copies: id itself when
// it has none or is the first; false when id is not grouped.
func (g *Grouper) FirstCopy(id int) (int, bool) {
	i, ok := g.byID[id]
	if !ok {
		return 0, false
	}
	return g.docs[g.docs[i].copyOf].ID, true
}

// StoryOf returns the story of id.
func (g *Grouper) StoryOf(id int) (Story, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Story{}, false
	}
	return g.story(g.docs[i].story), true
}

// Stories lists the stories, the latest news first (newest member, then
// lead id).
func (g *Grouper) Stories() []Story {
	var out []Story
	for s, rec := range g.stories {
		if rec != nil {
			out = append(out, g.story(int32(s)))
		}
	}
	slices.SortFunc(out, func(a, b Story) int {
		return cmp.Or(b.Newest.Compare(a.Newest), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Groups lists the members of every story (ids by date, then id) in the
// order Stories lists the stories, without the rest of a Story: for a
// caller that keeps only who is with whom.
func (g *Grouper) Groups() [][]int {
	type group struct {
		newest int64
		lead   int
		ids    []int
	}
	var gs []group
	for _, rec := range g.stories {
		if rec == nil {
			continue
		}
		ids := make([]int, len(rec.members))
		for i, m := range rec.members {
			ids[i] = g.docs[m].ID
		}
		gs = append(gs, group{newest: g.docs[rec.members[len(rec.members)-1]].Date, lead: ids[0], ids: ids})
	}
	slices.SortFunc(gs, func(a, b group) int { return cmp.Or(cmp.Compare(b.newest, a.newest), cmp.Compare(a.lead, b.lead)) })
	out := make([][]int, len(gs))
	for i, x := range gs {
		out[i] = x.ids
	}
	return out
}

func (g *Grouper) story(s int32) Story {
	rec := g.stories[s]
	lead := &g.docs[rec.members[0]]
	st := Story{ID: lead.ID, Headline: lead.Title, Members: make([]int, len(rec.members))}
	seen := map[string]bool{}
	for i, m := range rec.members {
		e := &g.docs[m]
		st.Members[i] = e.ID
		if !seen[e.Source] {
			seen[e.Source] = true
			st.Sources = append(st.Sources, e.Source)
		}
	}
	st.Newest = time.Unix(g.docs[rec.members[len(rec.members)-1]].Date, 0).UTC()
	return st
}

// before orders documents by date, then id.
func (g *Grouper) before(a, b int32) int {
	x, y := &g.docs[a], &g.docs[b]
	return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID))
}

func (g *Grouper) add(f Features) {
	if g.byID == nil {
		*g = *NewGrouper()
	}
	if old, ok := g.byID[f.ID]; ok {
		g.remove(old)
	}
	i := int32(len(g.docs))
	g.docs = append(g.docs, entry{Features: f, story: -1, copyOf: i})
	g.idsOf = nil // the entries may have moved
	g.byID[f.ID] = i
	g.live++
	for _, id := range g.terms(&g.docs[i]) {
		g.df[id]++
	}
	g.weigh(&g.docs[i])
	cands := g.candidates(i)
	root := g.exactCopy(i)
	if root < 0 {
		root = g.nearCopy(i, cands)
	}
	s := int32(-1)
	if root >= 0 {
		s = g.docs[root].story
	} else {
		s = g.bestStory(i, cands)
	}
	if s < 0 {
		s = int32(len(g.stories))
		g.stories = append(g.stories, &storyRec{})
	}
	g.place(i, s)
	if root >= 0 {
		g.joinCopies(i, root)
	}
	g.centre(s)
	for _, k := range g.docs[i].copyKeys() {
		g.keys[k] = append(g.keys[k], i)
	}
}

// copyKeys are the document's exact copy keys that it has.
func (f *Features) copyKeys() []uint64 {
	var ks []uint64
	for _, k := range [...]uint64{f.guid, f.url, f.text} {
		if k != 0 {
			ks = append(ks, k)
		}
	}
	return ks
}

// exactCopy is the first of the copies i has the same guid, address or
// text as, or -1.
func (g *Grouper) exactCopy(i int32) int32 {
	e := &g.docs[i]
	best := int32(-1)
	for _, k := range e.copyKeys() {
		for _, j := range g.keys[k] {
			if k == e.guid && len(e.sig) > 0 && len(g.docs[j].sig) > 0 && likeness(e.sig, g.docs[j].sig) < guidLikeness {
				continue // a guid used again for another text
			}
			if r := g.docs[j].copyOf; best < 0 || g.before(r, best) < 0 {
				best = r
			}
		}
	}
	return best
}

// nearCopy is the first of the copies of the document most like i among
// the first candidate stories' members dated near it, when alike enough;
// or -1.
func (g *Grouper) nearCopy(i int32, cands []int32) int32 {
	e := &g.docs[i]
	if len(e.sig) == 0 {
		return -1
	}
	best, bestL := int32(-1), 0.0
	// a copy shares nearly every term with what it copies: the story of
	// that is among the first candidates, and a big story's every member
	// need not be looked at for each document
	for _, s := range cands[:min(len(cands), copyStories)] {
		for _, m := range g.near(s, e.Date, g.copyWin) {
			l := likeness(e.sig, g.docs[m].sig)
			if r := g.docs[m].copyOf; l >= g.copyMin && (best < 0 || l > bestL || l == bestL && g.before(r, best) < 0) {
				best, bestL = r, l
			}
		}
	}
	return best
}

// near is the members of story s dated within w of date.
func (g *Grouper) near(s int32, date, w int64) []int32 {
	ms := g.stories[s].members
	lo, _ := slices.BinarySearchFunc(ms, date-w, func(m int32, d int64) int { return cmp.Compare(g.docs[m].Date, d) })
	hi := lo
	for hi < len(ms) && g.docs[ms[hi]].Date <= date+w {
		hi++
	}
	return ms[lo:hi]
}

// terms is the indices of e's profile terms, each given one the first
// time it is seen: one map look-up a term a document, then slices.
func (g *Grouper) terms(e *entry) []int32 {
	if g.idsOf == e {
		return g.ids
	}
	g.idsOf = e
	g.ids = g.ids[:0]
	for _, t := range e.terms {
		id, ok := g.termID[t.hash]
		if !ok {
			id = int32(len(g.df))
			g.termID[t.hash] = id
			g.df = append(g.df, 0)
			g.post = append(g.post, nil)
		}
		g.ids = append(g.ids, id)
	}
	return g.ids
}

// place makes i a member of story s.
func (g *Grouper) place(i, s int32) {
	g.docs[i].story = s
	rec := g.stories[s]
	at, _ := slices.BinarySearchFunc(rec.members, i, g.before)
	rec.members = slices.Insert(rec.members, at, i)
	d := minuteOf(g.docs[i].Date)
	for _, id := range g.terms(&g.docs[i]) {
		ps := g.post[id]
		at := len(ps)
		for at > 0 && ps[at-1].minute > d {
			at--
		}
		g.post[id] = slices.Insert(ps, at, posting{s, d})
	}
}

// joinCopies makes i one of root's copies; the earlier of the two leads them.
func (g *Grouper) joinCopies(i, root int32) {
	if g.before(i, root) > 0 {
		g.docs[i].copyOf = root
		return
	}
	g.reroot(root, i)
}

// reroot makes to the first of old's copies.
func (g *Grouper) reroot(old, to int32) {
	for _, m := range g.stories[g.docs[to].story].members {
		if g.docs[m].copyOf == old {
			g.docs[m].copyOf = to
		}
	}
	g.docs[to].copyOf = to
}

func (g *Grouper) remove(i int32) {
	e := &g.docs[i]
	e.gone = true
	delete(g.byID, e.ID)
	g.live--
	for _, id := range g.terms(e) {
		g.df[id]--
		if k := slices.Index(g.post[id], posting{e.story, minuteOf(e.Date)}); k >= 0 {
			g.post[id] = slices.Delete(g.post[id], k, k+1)
		}
	}
	for _, k := range e.copyKeys() {
		ks := slices.DeleteFunc(g.keys[k], func(j int32) bool { return j == i })
		if len(ks) == 0 {
			delete(g.keys, k)
		} else {
			g.keys[k] = ks
		}
	}
	rec := g.stories[e.story]
	rec.members = slices.DeleteFunc(rec.members, func(j int32) bool { return j == i })
	if len(rec.members) == 0 {
		g.stories[e.story] = nil
		return
	}
	if e.copyOf == i {
		for _, m := range rec.members {
			if g.docs[m].copyOf == i {
				g.reroot(i, m) // members are in order: m is the earliest left
				break
			}
		}
	}
	g.centre(e.story)
}
