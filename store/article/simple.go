package article

import (
	"html"
	"strings"

	"dispatch/internal/termout"
)

// maxRichBytes is the largest body parsed as markdown and rendered with
// its formatting. Rendering costs about a microsecond a byte, so a larger
// body would keep the reader waiting for seconds; it is read line by line
// instead (see simplePassages) and shown as plain headings, paragraphs,
// list items and quotes, as one of more than maxRichBlocks blocks is.
const maxRichBytes = 256 << 10

// maxRichBlocks is the most blocks (see extractPassages) a body may have
// to be rendered with its formatting. glamour pads every line it draws to
// the full width, a styled cell at a time, at every level of blocks that
// holds it, which costs about a hundred microseconds a block however
// short; and it numbers a list item by walking back over the items before
// it, which is quadratic in the length of a list: 20,000 one-word list
// items took 10 s, 60,000 (240 KB) two minutes. 2,000 blocks cost about
// what 256 KiB of prose does.
const maxRichBlocks = 2000

// maxLinkDestination bounds how far plainInline looks for the end of a
// link's destination, so a run of "](" without one stays linear.
const maxLinkDestination = 2048

// simplePassages splits a markdown body into passages line by line,
// without a markdown parser: time and memory in proportion to its length
// whatever it holds. Blank lines end blocks; "#" lines are headings, "-",
// "*", "+" and "1." lines list items, ">" lines quotes; fenced code is
// left out, as the markdown path leaves it out. Inline markup is reduced
// to its text.
func simplePassages(body string) []Passage {
	var out []Passage
	var cur strings.Builder
	kind, level := Paragraph, 0
	flush := func() {
		if t := termout.OneLine(plainInline(cur.String())); t != "" {
			out = append(out, Passage{Kind: kind, Level: level, Text: t})
		}
		cur.Reset()
		kind, level = Paragraph, 0
	}
	fence := ""
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				flush()
				fence = f
			case strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence):
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		t := strings.TrimLeft(line, " \t")
		switch {
		case t == "":
			flush()
		case headingLevel(t) > 0:
			flush()
			level = headingLevel(t)
			kind = Heading
			cur.WriteString(strings.TrimRight(strings.TrimLeft(t[level:], " \t"), "# \t"))
			flush()
		case strings.HasPrefix(t, ">"):
			if kind != Quote {
				flush()
				kind = Quote
			}
			cur.WriteString(strings.TrimLeft(t, "> \t"))
			cur.WriteByte(' ')
		case containerMarker(t) > 0:
			flush()
			kind = ListItem
			cur.WriteString(t[containerMarker(t):])
			cur.WriteByte(' ')
		default:
			cur.WriteString(t)
			cur.WriteByte(' ')
		}
	}
	flush()
	return out
}

// headingLevel is the level of an ATX heading line ("## Title"), or 0.
func headingLevel(t string) int {
	n := 0
	for n < len(t) && n < 7 && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(t) && t[n] != ' ' && t[n] != '\t' {
		return 0
	}
	return n
}

// plainInline reduces inline markdown to its text: links and images to
// their text, emphasis and code markers dropped, backslash escapes and
// character references resolved (Sanitize has left none that decodes to
// anything unsafe).
func plainInline(s string) string {
	if !strings.ContainsAny(s, "[]*_`\\&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			// an image: its alt text stays, like a link's text
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			// the end of a link's text: skip its destination
			if end := strings.IndexByte(s[i:min(len(s), i+maxLinkDestination)], ')'); end > 0 {
				i += end
			}
		case c == '[' || c == ']' || c == '`':
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			i++
		default:
			b.WriteByte(c)
		}
	}
	return html.UnescapeString(b.String())
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
