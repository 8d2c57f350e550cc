package ui

import (
	"fmt"
	"slices"
	"strings"

	"dispatch/store"
	"dispatch/store/state"
)

// What the list shows of the news: what the last fetch brought (marked
// new, * goes to it), the other feeds that carry a row's report (also in),
// and the list by story (V): one row per story, which enter unfolds.

// rowHas reports whether an article row i stands for passes test: its
// own or a copy's, and on a folded story's row those of every article of
// the story listed.
func (m *listModel) rowHas(i int, test func(doc int) bool) bool {
	hits := m.items[i : i+1]
	if m.foldedStory(i) {
		hits = m.groups[i].hits
	}
	return slices.ContainsFunc(hits, func(h store.Hit) bool { return hitHas(h, test) })
}

// hitHas reports whether hit h's article or a copy of it passes test.
func hitHas(h store.Hit, test func(doc int) bool) bool {
	return test(h.Doc) || slices.ContainsFunc(h.Copies, test)
}

// isNewRow reports whether row i is new: an article it stands for came
// with the last fetch and is unread.
func (m *listModel) isNewRow(i int) bool { return m.rowHas(i, m.c.isNew) }

// hitIsNew reports whether hit h's article or a copy of it is new.
func (m *listModel) hitIsNew(h store.Hit) bool { return hitHas(h, m.c.isNew) }

// alsoIn says who else carries row h's report, each source once: "also
// in Kyiv Post, AP", or "2 copies" when they are all its own source's.
func (m *listModel) alsoIn(h store.Hit) string {
	if len(h.Copies) == 0 {
		return ""
	}
	own := store.SourceName(m.c.lib.Article(h.Doc))
	var names []string
	for _, d := range h.Copies {
		if n := store.SourceName(m.c.lib.Article(d)); n != own && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return plural(len(h.Copies), "copy", "copies")
	}
	return "also in " + strings.Join(names, ", ")
}

// nextNew moves the cursor to the next new row after it, in list order,
// wrapping round; a folded story whose new article is not its first is
// unfolded, the cursor on that article. It reports the doc there.
func (m *listModel) nextNew() (int, bool) {
	for k := 1; k <= len(m.items); k++ {
		j := (m.cursor + k) % len(m.items)
		if !m.isNewRow(j) {
			continue
		}
		doc := m.items[j].Doc
		if m.foldedStory(j) && !m.hitIsNew(m.items[j]) {
			hits := m.groups[j].hits
			doc = hits[slices.IndexFunc(hits, m.hitIsNew)].Doc
			m.unfold(j)
		}
		m.selectDoc(doc)
		return doc, true
	}
	return -1, false
}

// rowGroup is a row's place in the list by story.
type rowGroup struct {
	lead   int32       // the story's lead doc; the row's own doc when alone
	size   int         // articles of the story listed (on the story's row)
	member bool        // an article of the story above, unfolded
	opened bool        // the story's row, unfolded
	hits   []store.Hit // the story's rows (on the story's row)
}

// groupOf is row i's place in the list by story; false in the flat list.
func (m *listModel) groupOf(i int) (rowGroup, bool) {
	if !m.byStory || i >= len(m.groups) {
		return rowGroup{}, false
	}
	return m.groups[i], true
}

// groupByStory folds items, in their order, into one row per story, at
// its first article listed; the stories unfolded list their other articles
// under it. It walks the items twice and allocates by the library's size
// once: at 100,000 articles a map of stories cost tens of milliseconds a
// listing.
func (m *listModel) groupByStory(items []store.Hit) ([]store.Hit, []rowGroup) {
	lib := m.c.lib
	leadOf := make([]int32, len(items))
	place := make([]int32, lib.Len()) // by lead doc: its group's index + 1
	var groups []rowGroup
	for i, h := range items {
		lead := int32(h.Doc)
		if docs := lib.StoryDocs(h.Doc); docs != nil {
			lead = docs[0]
		}
		leadOf[i] = lead
		if place[lead] == 0 {
			groups = append(groups, rowGroup{lead: lead})
			place[lead] = int32(len(groups))
		}
		groups[place[lead]-1].size++
	}
	// each group's hits, one slice cut into pieces in the groups' order
	start := make([]int, len(groups)+1)
	for g := range groups {
		start[g+1] = start[g] + groups[g].size
	}
	ordered, next := make([]store.Hit, len(items)), slices.Clone(start[:len(groups)])
	for i, h := range items {
		g := place[leadOf[i]] - 1
		ordered[next[g]] = h
		next[g]++
	}
	var rows []store.Hit
	var out []rowGroup
	for g := range groups {
		grp := groups[g]
		grp.hits = ordered[start[g]:start[g+1]]
		grp.opened = grp.size > 1 && m.unfolded[lib.Number(int(grp.lead))]
		rows, out = append(rows, grp.hits[0]), append(out, grp)
		if grp.opened {
			for _, h := range grp.hits[1:] {
				rows, out = append(rows, h), append(out, rowGroup{lead: grp.lead, member: true})
			}
		}
	}
	return rows, out
}

// maxStorySources is how many of a story's articles are looked at to name
// who reports it: a story of thousands is named by its first ones.
const maxStorySources = 64

// storySources names who reports a story of rows hs, each source once, in
// order: worked out once a listing for the rows drawn, as it decodes their
// articles.
func (m *listModel) storySources(g rowGroup) string {
	if s, ok := m.sourceNames[g.lead]; ok {
		return s
	}
	var names []string
	seen := 0
	for _, h := range g.hits {
		for _, d := range append([]int{h.Doc}, h.Copies...) {
			if seen++; seen > maxStorySources {
				break
			}
			if n := store.SourceName(m.c.lib.Article(d)); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	s := strings.Join(names, ", ")
	if seen > maxStorySources {
		s += ", …"
	}
	if m.sourceNames == nil {
		m.sourceNames = map[int32]string{}
	}
	m.sourceNames[g.lead] = s
	return s
}

// storyDetails is a row's details line in the list by story: a story's
// row says how many report it and who (its topics are its articles'); an
// article under it is marked as one of them.
func (m *listModel) storyDetails(g rowGroup, h store.Hit, pos *state.Position, room int, form rowForm) string {
	s := m.c.styles
	switch {
	case g.member:
		return s.ListMeta.Render(memberGlyph+" ") + m.details(h, pos, room-2, form)
	case g.size > 1:
		glyph := storyGlyph
		if g.opened {
			glyph = openedGlyph
		}
		meta, progress := m.detailsText(h, pos, rowForm{})
		return s.ListMeta.Render(fmt.Sprintf("%s %d reports · %s · %s", glyph, g.size, m.storySources(g), meta)) + s.Continue.Render(progress)
	}
	return m.details(h, pos, room, form)
}

// toggleStories lists by story, or flat again (every story folded for the
// next time); it says which.
func (m *listModel) toggleStories() string {
	m.byStory = !m.byStory
	if !m.byStory {
		m.unfolded = nil
	}
	m.refresh()
	if m.byStory {
		return "the list by story: enter unfolds one"
	}
	return "the list flat again"
}

// foldedStory reports whether row i is a story of several articles, folded:
// enter unfolds it.
func (m *listModel) foldedStory(i int) bool {
	g, ok := m.groupOf(i)
	return ok && g.size > 1 && !g.opened
}

// unfold opens the story of row i; false when the row is no folded story
// (enter then reads its article).
func (m *listModel) unfold(i int) bool {
	if !m.foldedStory(i) {
		return false
	}
	if m.unfolded == nil {
		m.unfolded = map[int]bool{}
	}
	m.unfolded[m.c.lib.Number(int(m.groups[i].lead))] = true
	m.refresh()
	return true
}

// selectStoryOf puts the cursor on the row of the story article doc is
// folded into; false when doc is not listed.
func (m *listModel) selectStoryOf(doc int) bool {
	for i, g := range m.groups {
		if g.size > 1 && !g.opened && slices.ContainsFunc(g.hits, func(h store.Hit) bool { return h.Doc == doc }) {
			m.moveTo(i)
			return true
		}
	}
	return false
}
