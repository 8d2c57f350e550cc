package article

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Bounds on markdown constructs whose parsing cost grows faster than the
// text: goldmark's block parser walks every open container on every line
// (a list indented 2,000 deep took 13 s), a paragraph of link reference
// definitions is re-read once per definition, and runs of brackets or
// angle brackets are matched against each other. Real articles come
// nowhere near these numbers; a file that does is shown with the excess
// made literal, which renders as the same characters.
const (
	maxIndent        = 40       // columns of leading white space kept on a line
	maxLineMarkers   = 12       // block quote and list markers opening one line
	maxRefDefs       = 500      // link reference definitions in a file
	refDefsTogether  = 50       // definitions from here on stand alone: a paragraph of them is re-read per definition
	maxLineBytes     = 16 << 10 // longer lines are broken at a space; a paragraph's line breaks are spaces
	maxInlineMarkers = 8000     // [ ] < ` * _ ~ ! in a file outside code fences
)

// boundMarkdown rewrites a markdown body so that parsing and rendering it
// take time in proportion to its length: past the bounds above,
// indentation is cut and markers are escaped or dropped. Fenced code is
// left alone. note says what was changed, "" when nothing was.
func boundMarkdown(body string) (out, note string) {
	if !mayNeedBounds(body) {
		return body, ""
	}
	var b strings.Builder
	b.Grow(len(body) + 64)
	var st boundState
	for line := range strings.Lines(body) {
		st.line(&b, line)
	}
	if !st.changed() {
		return body, ""
	}
	return b.String(), st.String()
}

// mayNeedBounds is a quick check that most articles pass: no line indented
// past maxIndent and few markers of any kind.
func mayNeedBounds(body string) bool {
	markers, indent, lineStart := 0, 0, true
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\n':
			lineStart, indent = true, 0
			continue
		case lineStart && (c == ' ' || c == '\t'):
			if indent++; indent > maxIndent/4 {
				return true
			}
			continue
		case c == '[' || c == '<' || c == '`' || c == '*' || c == '_' || c == '~' || c == '!' || c == '>':
			markers++
		}
		lineStart = false
	}
	return markers > maxRefDefs
}

// boundState carries the counts of a boundMarkdown pass across lines.
type boundState struct {
	fence      string // the open code fence, "" outside one
	refDefs    int
	inline     int
	cutIndent  int // lines whose indentation was cut
	cutMarkers int // lines whose extra container markers were made literal
	cutRefDefs int // link reference definitions made literal
	cutInline  int // inline markers made literal
	cutLines   int // long lines broken
}

func (st *boundState) changed() bool {
	return st.cutIndent+st.cutMarkers+st.cutRefDefs+st.cutInline+st.cutLines > 0
}

func (st *boundState) String() string {
	var parts []string
	if st.cutIndent+st.cutMarkers > 0 {
		parts = append(parts, fmt.Sprintf("%d lines indented or nested too deeply were flattened", st.cutIndent+st.cutMarkers))
	}
	if st.cutRefDefs > 0 {
		parts = append(parts, fmt.Sprintf("%d link definitions past the first %d shown as text", st.cutRefDefs, maxRefDefs))
	}
	if st.cutInline > 0 {
		parts = append(parts, fmt.Sprintf("%d markup characters past the first %d shown as text", st.cutInline, maxInlineMarkers))
	}
	if st.cutLines > 0 {
		parts = append(parts, fmt.Sprintf("%d lines longer than %d KiB broken", st.cutLines, maxLineBytes>>10))
	}
	return strings.Join(parts, "; ")
}

func (st *boundState) line(b *strings.Builder, line string) {
	if f := fenceOf(line); f != "" {
		switch {
		case st.fence == "":
			st.fence = f
		case strings.HasPrefix(f, st.fence[:1]) && len(f) >= len(st.fence):
			st.fence = ""
		}
		b.WriteString(line)
		return
	}
	if st.fence != "" {
		b.WriteString(line)
		return
	}
	for len(line) > maxLineBytes {
		cut := strings.LastIndexByte(line[:maxLineBytes], ' ')
		if cut <= 0 {
			cut = maxLineBytes
			for !utf8.RuneStart(line[cut]) {
				cut--
			}
		}
		st.cutLines++
		st.rest(b, line[:cut])
		b.WriteByte('\n')
		line = strings.TrimLeft(line[cut:], " ")
	}
	st.rest(b, line)
}

// rest bounds one line outside code fences.
func (st *boundState) rest(b *strings.Builder, line string) {
	rest := st.indent(b, line)
	rest = st.markers(b, rest)
	rest, def := st.refDef(b, rest)
	st.inlineMarkers(b, rest)
	if def && st.refDefs > refDefsTogether {
		b.WriteString("\n")
	}
}

// fenceOf returns the fence (``` or ~~~, three or more) that line opens or
// closes, "" for other lines.
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 {
		return ""
	}
	return t[:n]
}

// indent writes line's leading white space, at most maxIndent columns of
// it, and returns the rest of the line.
func (st *boundState) indent(b *strings.Builder, line string) string {
	cols, i := 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			cols += 4 - cols%4
		} else {
			cols++
		}
	}
	if cols <= maxIndent {
		b.WriteString(line[:i])
	} else {
		st.cutIndent++
		b.WriteString(strings.Repeat(" ", maxIndent))
	}
	return line[i:]
}

// markers writes the block quote and list markers that open a line, up to
// maxLineMarkers of them; past that, quote markers are dropped and list
// markers escaped. It returns the rest of the line.
func (st *boundState) markers(b *strings.Builder, s string) string {
	n, cut := 0, false
	for {
		m := containerMarker(s)
		if m == 0 {
			break
		}
		n++
		if n > maxLineMarkers {
			cut = true
			if s[0] != '>' {
				b.WriteByte('\\')
				b.WriteString(s[:m])
			}
		} else {
			b.WriteString(s[:m])
		}
		s = s[m:]
	}
	if cut {
		st.cutMarkers++
	}
	return s
}

// containerMarker returns the length of the block quote or list marker at
// the start of s with the spaces after it, or 0.
func containerMarker(s string) int {
	spaces := func(i int) int {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		return i
	}
	switch {
	case s == "":
		return 0
	case s[0] == '>':
		return spaces(1)
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		if len(s) > 1 && (s[1] == ' ' || s[1] == '\t') {
			return spaces(1)
		}
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && (s[d+1] == ' ' || s[d+1] == '\t') {
		return spaces(d + 1)
	}
	return 0
}

// refDef escapes a link reference definition at the start of s once there
// have been maxRefDefs of them, and returns what is left to write and
// whether s holds a definition still.
func (st *boundState) refDef(b *strings.Builder, s string) (string, bool) {
	if !strings.HasPrefix(s, "[") || !strings.Contains(s, "]:") {
		return s, false
	}
	if st.refDefs++; st.refDefs <= maxRefDefs {
		return s, true
	}
	st.cutRefDefs++
	b.WriteString(`\[`)
	return s[1:], false
}

// inlineMarkers writes s, escaping the characters that open inline markup
// once there have been maxInlineMarkers of them.
func (st *boundState) inlineMarkers(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', ']', '<', '`', '*', '_', '~', '!':
		default:
			continue
		}
		if st.inline++; st.inline <= maxInlineMarkers || i > 0 && s[i-1] == '\\' {
			continue
		}
		st.cutInline++
		b.WriteString(s[start:i])
		b.WriteByte('\\')
		start = i
	}
	b.WriteString(s[start:])
}
