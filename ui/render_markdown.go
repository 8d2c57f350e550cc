package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dispatch/store/article"
)

// docMargin matches glamour's document margin so the header lines up.
const docMargin = 2

// header draws the title block above the article body: title, dek, byline,
// date and reading time, and a rule.
// The second result marks the lines that are the reader's own (the date
// and reading time, the topic shares, the rule), not the article's text.
func (r *Renderer) header(doc, width int) (lines []string, chrome []bool) {
	a := r.lib.Article(doc)
	s := r.styles
	inner := max(width-docMargin*2, 1)
	pad := strings.Repeat(" ", min(docMargin, width))
	own := false
	add := func(block string) {
		for _, l := range strings.Split(block, "\n") {
			lines = append(lines, ansi.Truncate(pad+l, width, ""))
			chrome = append(chrome, own)
		}
	}
	add("")
	add(s.DocTitle.Width(inner).Render(a.Title))
	if a.Dek != "" {
		add("")
		add(s.DocDek.Width(inner).Render(a.Dek))
	}
	add("")
	own = true
	add(s.DocMeta.Width(inner).Render(metaLine(a)))
	if a.URL != "" {
		// whole, wrapped rather than cut: read prints it to be copied
		add(s.DocMeta.Render(ansi.Hardwrap(a.URL, inner, false)))
	}
	if topics := r.topicLine(doc, inner); topics != "" {
		add(topics)
	}
	add(s.DocRule.Render(strings.Repeat("─", inner)))
	add("")
	return lines, chrome
}

// topicLine lists the topics the article carries, heaviest first, with the
// share of the article on each, in width cells: "security 25% ·
// reconstruction 18%". A topic that does not fit whole is counted ("+2"),
// never cut.
func (r *Renderer) topicLine(doc, width int) string {
	ts := r.lib.Coverage()
	carried := ts.Carried(doc)
	sep := r.styles.DocMeta.Render(" · ")
	var parts []string
	used := 0
	for i, t := range carried {
		label := fmt.Sprintf("%s %d%%", r.lib.Topics()[t].Key, int(ts.Weight(doc, t)*100+0.5))
		w := ansi.StringWidth(label) + 3*min(i, 1)
		if rest := len(carried) - i - 1; rest > 0 {
			w += len(fmt.Sprintf(" · +%d", rest)) // room to say what is left out
		}
		if used+w > width {
			return strings.Join(append(parts, r.styles.DocMeta.Render(fmt.Sprintf("+%d", len(carried)-i))), sep)
		}
		used += ansi.StringWidth(label) + 3*min(i, 1)
		parts = append(parts, r.topicStyle[t].Render(label))
	}
	return strings.Join(parts, sep)
}

// metaLine is "byline · 23 Nov 2025 · 5 min read", leaving out what is unknown.
func metaLine(a *article.Article) string {
	var parts []string
	if a.Byline != "" {
		parts = append(parts, a.Byline)
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	parts = append(parts, fmt.Sprintf("%d min read", a.ReadingMinutes()))
	return strings.Join(parts, " · ")
}

// maxRelatedInReader is how many related articles end the reader.
const maxRelatedInReader = 5

// markdown is what glamour renders at width: the body (tables too wide
// for it as paragraphs), then the references from front matter.
func (r *Renderer) markdown(doc int, c *article.Content, width int) string {
	a := r.lib.Article(doc)
	var b strings.Builder
	b.WriteString(narrowTables(c.Body, c.Tables, width-2*docMargin))
	if len(a.References) > 0 {
		b.WriteString("\n\n## References\n\n")
		for _, ref := range a.References {
			b.WriteString("- ")
			b.WriteString(article.EscapeMarkdown(ref))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// relatedMarkdown ends the reader: the related articles and the words they
// share; "" when there are none.
func (r *Renderer) relatedMarkdown(doc int) string {
	related := r.relatedItems(doc)
	if len(related) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("## Related\n\n")
	for _, item := range related {
		fmt.Fprintf(&b, "- **%s** — shares: %s\n", article.EscapeMarkdown(item.title), article.EscapeMarkdown(item.shares))
	}
	b.WriteString("\nPress r for related passages; [ goes back.\n")
	return b.String()
}

// relatedLine is an entry of the Related section that ends an article.
type relatedLine struct{ title, shares string }

// relatedItems are the entries of the Related section: each related
// article's title and the words it shares.
func (r *Renderer) relatedItems(doc int) []relatedLine {
	related := r.lib.Related().Articles(doc)
	var out []relatedLine
	for _, ra := range related[:min(len(related), maxRelatedInReader)] {
		out = append(out, relatedLine{r.lib.Article(ra.Doc).Title, strings.Join(ra.SharedTerms, ", ")})
	}
	return out
}
