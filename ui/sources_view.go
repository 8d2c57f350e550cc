package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// sourceRowLines is how many lines a source takes: its name and counts,
// then what it is or how its last fetch went.
const sourceRowLines = 2

// rowAt is the source drawn at row y of the panel, -1 for none.
func (m *sourcesModel) rowAt(y int) int {
	y -= 2 // the title and the line under it
	if y < 0 || y%sourceRowLines != 0 && y%sourceRowLines != 1 {
		return -1
	}
	i := m.offset + y/sourceRowLines
	if i >= len(m.rows) {
		return -1
	}
	return i
}

// View draws the panel: a source a row, its counts on the right; under
// its name what it is, or when the feed was fetched and why it failed.
func (m *sourcesModel) View() string {
	s := m.c.styles
	out := []string{s.OverlayTitle.Render(" Sources") + s.ListMeta.Render(" · enter shows only one · R fetches a feed · a adds one"), ""}
	if m.asking == "add" {
		out[1] = " " + m.input.View()
	}
	switch {
	case m.finding:
		out = append(out, s.ListEmpty.Render("  counting …"))
	case m.failed != nil:
		out = append(out, s.ListEmpty.Render(fit("  the feeds cannot be listed: "+m.failed.Error(), m.width)))
	case len(m.rows) == 0:
		out = append(out, s.ListEmpty.Render("  no sources: dispatch feeds add URL, or --dir a folder"))
	}
	now := m.c.clock()
	for i := m.offset; i < min(len(m.rows), m.offset+m.rows4()); i++ {
		r := m.rows[i]
		marker, title := "  ", s.ListTitle
		if i == m.cursor {
			marker, title = s.ListCursor.Render("› "), s.ListSelected
		}
		counts := fmt.Sprintf("%d unread · %d ", r.unread, r.total)
		if r.fresh > 0 {
			counts = fmt.Sprintf("%s %d new · ", newGlyph, r.fresh) + counts
		}
		if r.unread == 0 {
			counts = fmt.Sprintf("%d ", r.total)
		}
		name := r.Name
		if len(r.Tags) > 0 {
			name += "  [" + strings.Join(r.Tags, ", ") + "]"
		}
		room := max(m.width-2-ansi.StringWidth(counts)-1, 1)
		out = append(out, marker+title.Render(fit(name, room))+" "+s.ListMeta.Render(counts))
		detail, style := sourceDetail(r, now), s.ListSnippet
		if r.LastError != "" || r.err != "" {
			style = s.Warning
		}
		out = append(out, "  "+style.Render(fit(detail, max(m.width-3, 1))))
	}
	return fitBlock(strings.Join(out, "\n"), m.width, m.height)
}

// sourceDetail is a source's second line: what it is, or for a feed when
// it was last fetched, and its last error.
func sourceDetail(r sourceRow, now time.Time) string {
	switch r.Kind {
	case SourceBuiltin:
		return "the articles dispatch ships with"
	case SourceFolder:
		return "your folder"
	case SourceSearch:
		if r.err != "" {
			return "saved search " + r.Query + ": " + r.err
		}
		return "saved search: " + r.Query
	}
	var parts []string
	switch {
	case !r.LastFetched.IsZero():
		parts = append(parts, "fetched "+ago(now, r.LastFetched))
	case !r.LastTried.IsZero():
		parts = append(parts, "tried "+ago(now, r.LastTried)+", never fetched")
	default:
		parts = append(parts, "never fetched")
	}
	if r.LastError != "" {
		parts = append(parts, "last error: "+r.LastError)
	} else if r.URL != "" {
		parts = append(parts, r.URL)
	}
	return strings.Join(parts, " · ")
}

// ago is how long before now t was: "3 min ago", "2 days ago".
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "min", "min") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours") + " ago"
	}
	return plural(int(d/(24*time.Hour)), "day", "days") + " ago"
}
