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

// isNewRow reports whether row h is new: its article or a copy of it came
// with the last fetch and is unread.
func (m *listModel) isNewRow(h store.Hit) bool {
	if m.c.isNew(h.Doc) {
		return true
	}
	return slices.ContainsFunc(h.Copies, m.c.isNew)
}

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

// newAfter is the first new row after row i, in list order, wrapping
// round; false when nothing listed is new.
func (m *listModel) newAfter(i int) (int, bool) {
	for k := 1; k <= len(m.items); k++ {
		j := (i + k) % len(m.items)
		if m.isNewRow(m.items[j]) {
			return j, true
		}
	}
	return 0, false
}

// nextNew moves the cursor to the next new row; it reports the doc there.
func (m *listModel) nextNew() (int, bool) {
	j, ok := m.newAfter(m.cursor)
	if !ok {
		return -1, false
	}
	m.moveTo(j)
	return m.items[j].Doc, true
}

// rowGroup is a row's place in the list by story.
type rowGroup struct {
	lead   int32       // the story's lead doc; the row's own doc when alone
	size   int         // articles of the story listed (on the story's row)
	member bool        // an article of the story above, unfolded
	opened bool        // the story's row, unfolded
	hits   []store.Hit // the story's rows (on the story's row), for who reports it
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
// under it.
func (m *listModel) groupByStory(items []store.Hit) ([]store.Hit, []rowGroup) {
	lib := m.c.lib
	var leads []int32
	members := map[int32][]store.Hit{}
	for _, h := range items {
		lead := int32(h.Doc)
		if docs := lib.StoryDocs(h.Doc); docs != nil {
			lead = docs[0]
		}
		if _, ok := members[lead]; !ok {
			leads = append(leads, lead)
		}
		members[lead] = append(members[lead], h)
	}
	rows, groups := make([]store.Hit, 0, len(leads)), make([]rowGroup, 0, len(leads))
	for _, lead := range leads {
		hs := members[lead]
		opened := len(hs) > 1 && m.unfolded[lead]
		rows = append(rows, hs[0])
		groups = append(groups, rowGroup{lead: lead, size: len(hs), opened: opened, hits: hs})
		if opened {
			for _, h := range hs[1:] {
				rows = append(rows, h)
				groups = append(groups, rowGroup{lead: lead, member: true})
			}
		}
	}
	return rows, groups
}

// storySources names the sources of a story's rows, each once, in order:
// worked out for the rows drawn, as it decodes their articles.
func (m *listModel) storySources(hs []store.Hit) []string {
	if len(hs) < 2 {
		return nil
	}
	var out []string
	for _, h := range hs {
		for _, d := range append([]int{h.Doc}, h.Copies...) {
			if n := store.SourceName(m.c.lib.Article(d)); !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
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
		return s.ListMeta.Render(fmt.Sprintf("%s %d reports · %s · %s", glyph, g.size, strings.Join(m.storySources(g.hits), ", "), meta)) + s.Continue.Render(progress)
	}
	return m.details(h, pos, room, form)
}

// toggleStories lists by story, or flat again; it says which.
func (m *listModel) toggleStories() string {
	m.byStory = !m.byStory
	m.refresh()
	if m.byStory {
		return "the list by story: enter unfolds one"
	}
	return "the list flat again"
}

// unfold opens or folds the story of row i; false when the row is no
// story's of several articles (enter then opens it).
func (m *listModel) unfold(i int) bool {
	g, ok := m.groupOf(i)
	if !ok || g.member || g.size < 2 {
		return false
	}
	if m.unfolded == nil {
		m.unfolded = map[int32]bool{}
	}
	if g.opened {
		return false // unfolded already: enter reads the lead
	}
	m.unfolded[g.lead] = true
	m.refresh()
	return true
}
