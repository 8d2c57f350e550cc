package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dispatch/store/story"
)

// storyCellWidth is a source's column in the matrix: "  ● ".
const storyCellWidth = 4

// passageKey names a passage of an article by its number.
type passageKey struct{ doc, passage int }

// layout lays the view out for the panel's width: the sources, the
// disagreements with both passages, what only one source states, what one
// leaves out, and the matrix.
func (m *storyModel) layout() {
	s := m.c.styles
	v := m.view
	var lines []storyLine
	add := func(text string, spans ...*story.Span) {
		lines = append(lines, storyLine{text: text, spans: spans})
	}
	heading := func(title, note string) {
		add("")
		add("  " + s.OverlayTitle.Render(" "+title) + s.ListMeta.Render(note))
	}
	heading("Sources", fmt.Sprintf(" · %s", plural(len(v.Sources), "source", "sources")))
	for i, src := range v.Sources {
		first := &story.Span{Doc: src.Docs[0], Passage: -1}
		title := ""
		if d, ok := m.docOf[src.Docs[0]]; ok {
			title = m.c.lib.Article(d).Title
		}
		extra := ""
		if n := len(src.Docs) - 1 + len(src.Copies); n > 0 {
			extra = fmt.Sprintf(" (+%d: %s)", n, plural(n, "copy or follow-up", "copies or follow-ups"))
		}
		add(fmt.Sprintf("  %s %s  %s", s.ListMeta.Render(sourceLetter(i)), s.ListTitle.Render(src.Name+extra), s.ListSnippet.Render(title)), first)
	}
	if len(v.Disagreements) > 0 {
		heading("Disagreements", " · where sources give different values for the same thing")
		for _, d := range v.Disagreements {
			var sides []string
			for _, side := range d.Sides {
				sides = append(sides, side.Value+" ("+m.sourceList(side.Claims)+")")
			}
			add("  " + s.Warning.Render(d.About) + s.ListMeta.Render(" · "+d.Kind.String()+": ") + strings.Join(sides, s.ListMeta.Render(" ≠ ")))
			for _, side := range d.Sides {
				for _, c := range side.Claims {
					sp := c.Span
					for _, l := range m.quoted(fmt.Sprintf("    %s says %s:", m.sourceName(c.Source), c.Value), sp) {
						add(l, &sp)
					}
				}
			}
		}
	}
	if len(v.Common) > 0 {
		heading("Every source says", "")
		var labels []string
		for _, f := range v.Common {
			labels = append(labels, v.Facets[f].Label)
		}
		for _, l := range strings.Split(ansi.Wrap(strings.Join(labels, " · "), max(m.width-4, 10), " "), "\n") {
			add("  " + s.ListSnippet.Render(l))
		}
	}
	if len(v.Only) > 0 {
		heading("Only one source says", "")
		for _, f := range v.Only {
			fc := v.Facets[f]
			if len(fc.Cells) == 0 || len(fc.Cells[0].Spans) == 0 {
				continue
			}
			sp := fc.Cells[0].Spans[0]
			add(fmt.Sprintf("  %s %s %s", s.ListTitle.Render(fc.Label), s.ListMeta.Render("· "+fc.Kind.String()+" · only"), s.ListMeta.Render(m.sourceName(fc.Cells[0].Source))), &sp)
		}
	}
	if len(v.Missing) > 0 {
		heading("Left out", " · what most sources state and one does not")
		for _, g := range v.Missing {
			fc := v.Facets[g.Facet]
			add(fmt.Sprintf("  %s %s %s", s.ListMeta.Render(m.sourceName(g.Source)+" leaves out"), s.ListTitle.Render(fc.Label),
				s.ListMeta.Render(fmt.Sprintf("(%d of %d say it)", len(fc.Cells), len(v.Sources)))))
		}
	}
	heading("Who says what", " · enter opens where a source says it")
	lw := m.labelWidth()
	var head strings.Builder
	head.WriteString(strings.Repeat(" ", lw+2))
	for i := range v.Sources {
		fmt.Fprintf(&head, "%*s", storyCellWidth-1, sourceLetter(i))
		head.WriteString(" ")
	}
	add(s.ListMeta.Render(head.String()))
	for _, fc := range v.Facets {
		spans := make([]*story.Span, len(v.Sources))
		for _, c := range fc.Cells {
			if c.Source < len(spans) && len(c.Spans) > 0 {
				sp := c.Spans[0]
				spans[c.Source] = &sp
			}
		}
		label := fit(fc.Label, lw-7) + " " + fit(fc.Kind.String(), 6) // "number", the longest kind
		lines = append(lines, storyLine{text: "  " + label, spans: spans, matrix: true})
	}
	m.lines = lines
}

// labelWidth is the width of a facet's label in the matrix.
func (m *storyModel) labelWidth() int {
	return min(max(m.width-2-storyCellWidth*len(m.view.Sources)-1, 12), 40)
}

// sourceList is "A, C" for claims by the first and third sources.
func (m *storyModel) sourceList(claims []story.Claim) string {
	var out []string
	for _, c := range claims {
		if l := sourceLetter(c.Source); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, ", ")
}

// sourceLetter names the i'th source of the view as the matrix heads its
// column, and as dispatch story does: A, B, …, Z, then AA.
func sourceLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return sourceLetter(i/26-1) + sourceLetter(i%26)
}

// sourceName is the i'th source's name, with its letter: "C #3".
func (m *storyModel) sourceName(i int) string {
	if i < 0 || i >= len(m.view.Sources) {
		return sourceLetter(max(i, 0))
	}
	return sourceLetter(i) + " " + m.view.Sources[i].Name
}

// quoted is a claim's passage, verbatim, wrapped under lead, the words it
// rests on marked.
func (m *storyModel) quoted(lead string, sp story.Span) []string {
	s := m.c.styles
	text := m.passages[passageKey{sp.Doc, sp.Passage}]
	if text == "" || sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
		return []string{lead}
	}
	marked := s.ListSnippet.Render("“"+text[:sp.Start]) + s.ListMatch.Render(text[sp.Start:sp.End]) + s.ListSnippet.Render(text[sp.End:]+"”")
	out := []string{lead}
	for _, l := range strings.Split(ansi.Wrap(marked, max(m.width-8, 10), " "), "\n") {
		out = append(out, "      "+l)
	}
	return out
}

// drawLine draws line i, the cursor's marked: a line with the marker, a
// matrix cell in reverse video.
func (m *storyModel) drawLine(i int) string {
	s := m.c.styles
	l := m.lines[i]
	marker := "  "
	if i == m.cursor && len(l.spans) > 0 {
		marker = s.ListCursor.Render("› ")
	}
	if !l.matrix {
		return marker + ansi.TruncateLeft(l.text, 2, "")
	}
	var b strings.Builder
	b.WriteString(marker + ansi.TruncateLeft(l.text, 2, ""))
	for c, sp := range l.spans {
		cell := " · "
		style := s.ListMeta
		if sp != nil {
			cell, style = " ● ", s.ListTitle
		}
		if i == m.cursor && c == m.col {
			style = style.Reverse(true)
		}
		b.WriteString(" " + style.Render(cell))
	}
	return b.String()
}
