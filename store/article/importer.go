package article

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// The plain-text importer structures a text as the embedded articles were
// structured from their seeds: numbered section titles and short title-like
// lines become headings, "-", "•" and "*" lines become list items, a quoted
// line after a line ending in ":" becomes a quote, and page debris goes.

// Limits of what reads as a title: a heading is short and does not end a
// sentence.
const (
	maxTitleWords   = 12
	maxTitleRunes   = 100
	maxHeadlineWord = 25 // a first line this short can be the headline
)

var (
	// debrisLine matches lines that are page furniture, not article text.
	debrisLine = regexp.MustCompile(`(?i)^(\||getting your .*player ready\.*|watch (the )?video( below)?\s*:?|no comments|\d+ comments?|advertisement|share( this( article| story)?)?|share on \w+|subscribe( now| to .*)?|sign up for .*newsletter.*|follow us( on .*)?|click here to .*|read more\s*:?|(#\w+\s*)+)$`)
	bylineLine = regexp.MustCompile(`(?i)^by:?\s+(.{2,80})$`)
	bulletLine = regexp.MustCompile(`^([-•*–])\s+(.+)$`)
	numberLine = regexp.MustCompile(`^(\d{1,3})[.)]\s+(.+)$`)
	// gluedBreak finds a sentence end run into the next line's start, as
	// pages pasted without a line break: "escalation.2. Reinforcing".
	gluedBreak = regexp.MustCompile(`\p{Ll}[.!?]["”’]?(\d{1,3}\.\s+\p{Lu}|\p{Lu})`)
)

// importedArticle is a text structured as an article.
type importedArticle struct {
	title, byline string
	references    []string
	body          string // markdown
}

// ImportText turns a plain-text article into markdown with YAML front matter
// (title, byline where the text names one, origin, references). name is the
// file's name, recorded as its origin.
func ImportText(name string, data []byte) (string, error) {
	ia := importText(Sanitize(string(data)))
	if ia.title == "" {
		return "", fmt.Errorf("%s: no text", name)
	}
	if strings.TrimSpace(ia.body) == "" {
		return "", fmt.Errorf("%s: no text besides a title", name)
	}
	fm := struct {
		Title      string   `yaml:"title"`
		Byline     string   `yaml:"byline,omitempty"`
		Origin     string   `yaml:"origin"`
		References []string `yaml:"references,omitempty"`
	}{ia.title, ia.byline, path.Base(name), ia.references}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return "", fmt.Errorf("%s: front matter: %w", name, err)
	}
	return "---\n" + string(head) + "---\n\n" + ia.body, nil
}

func importText(text string) importedArticle {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		for _, part := range splitGlued(l) {
			if part != "" && !debrisLine.MatchString(part) {
				lines = append(lines, part)
			}
		}
	}
	var ia importedArticle
	if len(lines) == 0 {
		return ia
	}
	if first := lines[0]; len(strings.Fields(first)) <= maxHeadlineWord && !endsSentence(first) {
		ia.title, lines = first, lines[1:]
	} else {
		ia.title = headlineFrom(first)
	}
	kept := lines[:0]
	for i, l := range lines {
		if l == ia.title {
			continue // the title printed again
		}
		if m := bylineLine.FindStringSubmatch(l); m != nil && ia.byline == "" && i < 3 {
			ia.byline = m[1]
			continue
		}
		kept = append(kept, l)
	}
	lines = kept
	var b blockWriter
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		prev := ""
		if i > 0 {
			prev = lines[i-1]
		}
		switch {
		case strings.EqualFold(l, "References") || strings.EqualFold(l, "Sources"):
			j := i + 1
			for ; j < len(lines); j++ {
				m := bulletLine.FindStringSubmatch(lines[j])
				if m == nil {
					break
				}
				ia.references = append(ia.references, CleanReference(m[2]))
			}
			if j == i+1 { // not a list of references after all
				b.heading(2, l)
				continue
			}
			i = j - 1
		case isMarkerOnly(l) && next != "":
			// "-" alone, its item on the next line
			i++
			item := next
			if i+1 < len(lines) && strings.HasSuffix(item, ":") && isQuoted(lines[i+1]) {
				b.item(item, lines[i+1])
				i++
				continue
			}
			b.item(item, "")
		case bulletLine.MatchString(l):
			m := bulletLine.FindStringSubmatch(l)
			sameMarker := func(s string) bool { mm := bulletLine.FindStringSubmatch(s); return mm != nil && mm[1] == m[1] }
			if m[1] == "•" && isTitleLike(m[2]) && !sameMarker(next) && !sameMarker(prev) {
				b.heading(3, m[2])
				continue
			}
			b.item(m[2], "")
		case numberLine.MatchString(l):
			m := numberLine.FindStringSubmatch(l)
			if numberLine.MatchString(next) || numberLine.MatchString(prev) && !b.lastWasHeading {
				b.ordered(m[1], m[2])
				continue
			}
			if isTitleLike(m[2]) {
				b.heading(3, l)
				continue
			}
			b.paragraph(l)
		case isTitleLike(l) && next != "":
			b.heading(2, l)
		case isQuoted(l) && strings.HasSuffix(prev, ":"):
			b.quote(l)
		default:
			b.paragraph(l)
		}
	}
	ia.body = b.String()
	return ia
}

// splitGlued splits a line where a sentence ran into a heading without a
// line break; only when what follows reads as a heading.
func splitGlued(l string) []string {
	var out []string
	for {
		loc := gluedBreak.FindStringSubmatchIndex(l)
		if loc == nil {
			break
		}
		rest := l[loc[2]:]
		if !isTitleLike(strings.TrimSpace(numberLine.ReplaceAllString(rest, "$2"))) {
			break
		}
		out = append(out, l[:loc[2]])
		l = rest
	}
	return append(out, l)
}

// isTitleLike reports a short line that does not end a sentence and starts
// like a title.
func isTitleLike(l string) bool {
	if l == "" || len(strings.Fields(l)) > maxTitleWords || utf8.RuneCountInString(l) > maxTitleRunes || endsSentence(l) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	return (unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("“\"‘'", first)) && hasWordRune(l)
}

// endsSentence reports a line ending in . , ; or : (a question or an
// exclamation can be a heading).
func endsSentence(l string) bool {
	l = strings.TrimRight(l, "”\"’')")
	return strings.HasSuffix(l, ".") || strings.HasSuffix(l, ",") || strings.HasSuffix(l, ";") || strings.HasSuffix(l, ":") || strings.HasSuffix(l, "…")
}

func isMarkerOnly(l string) bool { return l == "-" || l == "•" || l == "*" || l == "–" }

func isQuoted(l string) bool {
	return (strings.HasPrefix(l, "“") || strings.HasPrefix(l, "\"")) && (strings.HasSuffix(l, "”") || strings.HasSuffix(l, "\""))
}

// headlineFrom makes a title of an article's first line: its first sentence,
// cut to a dozen words.
func headlineFrom(l string) string {
	if i := strings.IndexAny(l, ".!?"); i > 0 {
		l = l[:i]
	}
	words := strings.Fields(l)
	if len(words) > maxTitleWords {
		return strings.Join(words[:maxTitleWords], " ") + "…"
	}
	return strings.Join(words, " ")
}

// blockWriter assembles markdown blocks; consecutive items make one list.
type blockWriter struct {
	b              strings.Builder
	inList         string // "", "-" or "1"
	lastWasHeading bool
}

func (w *blockWriter) start(list string) {
	if w.b.Len() > 0 {
		if list != "" && w.inList == list {
			w.b.WriteString("\n")
		} else {
			w.b.WriteString("\n\n")
		}
	}
	w.inList = list
	w.lastWasHeading = false
}

func (w *blockWriter) heading(level int, text string) {
	w.start("")
	w.b.WriteString(strings.Repeat("#", level) + " " + escapeInline(text))
	w.lastWasHeading = true
}

func (w *blockWriter) paragraph(text string) {
	w.start("")
	w.b.WriteString(EscapeMarkdown(text))
}

func (w *blockWriter) quote(text string) {
	w.start("")
	w.b.WriteString("> " + EscapeMarkdown(text))
}

func (w *blockWriter) item(text, quote string) {
	w.start("-")
	w.b.WriteString("- " + EscapeMarkdown(text))
	if quote != "" {
		w.b.WriteString("\n\n  > " + EscapeMarkdown(quote) + "\n")
	}
}

func (w *blockWriter) ordered(num, text string) {
	w.start("1")
	w.b.WriteString(num + ". " + EscapeMarkdown(text))
}

func (w *blockWriter) String() string { return w.b.String() + "\n" }

// CleanReference tidies the source named at the end of a reference, as
// pages copied from the web repeat it: "— AP News AP News" is "— AP News",
// "— CGTN CGTN News" is "— CGTN News", and a bare domain that only spells
// the name again ("The New Indian Express newindianexpress.com") goes.
func CleanReference(ref string) string {
	head, source, ok := cutLast(ref, " — ")
	if !ok {
		return ref
	}
	words := strings.Fields(source)
	// a name said twice, or said and then said longer
	for n := 1; 2*n <= len(words); n++ {
		if slices.Equal(words[:n], words[n:2*n]) {
			return head + " — " + strings.Join(words[n:], " ")
		}
	}
	if n := len(words); n > 1 && strings.Contains(words[n-1], ".") {
		domain, _, _ := strings.Cut(strings.ToLower(words[n-1]), ".")
		name := strings.ToLower(strings.Join(words[:n-1], ""))
		if domain == name || domain == strings.TrimPrefix(name, "the") {
			return head + " — " + strings.Join(words[:n-1], " ")
		}
	}
	return ref
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}
