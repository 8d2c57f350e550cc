package article

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dispatch/internal/termout"

	"github.com/yuin/goldmark"
	"go.yaml.in/yaml/v4"
)

// webAddress is s when it is an absolute http or https address, else "":
// only such a link may ever be handed to a browser.
func webAddress(s string) string {
	s = CleanLine(s)
	// characters a link cannot hold as they are, encoded as a browser would
	s = strings.NewReplacer(" ", "%20", `"`, "%22", "<", "%3C", ">", "%3E", "`", "%60").Replace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return s
}

// frontMatter is the YAML block at the top of an article file.
type frontMatter struct {
	Title      string   `yaml:"title"`
	Dek        string   `yaml:"dek"`
	Byline     string   `yaml:"byline"`
	Source     string   `yaml:"source"`
	Published  string   `yaml:"published"`
	Origin     string   `yaml:"origin"`
	URL        string   `yaml:"url"`
	Feed       string   `yaml:"feed"`
	GUID       string   `yaml:"guid"`
	Topics     []string `yaml:"topics"`
	References []string `yaml:"references"`
}

// ErrNoTitle reports an article without a title.
var ErrNoTitle = errors.New("missing title in front matter")

// parser turns article files into Articles. It is not safe for concurrent use.
type parser struct {
	md goldmark.Markdown
}

func newParser() *parser {
	return &parser{md: markdownParser()}
}

// fileKind says how an article file is read.
type fileKind int

const (
	curated  fileKind = iota // markdown with front matter and a title: the embedded articles
	markdown                 // markdown, front matter optional: a user's .md
	plain                    // plain text, structured by the importer: a user's .txt
)

// Limits on what a file may make the reader do.
const (
	maxNesting   = 8   // deeper lists and quotes are flattened to paragraphs
	maxWordRunes = 256 // a longer word is broken up to fit (see ui.breakLongWords)
)

// parse reads one curated article file. name is used in error messages only.
func (p *parser) parse(name string, data []byte) (Article, error) {
	a, _, err := p.parseKind(name, data, curated)
	return a, err
}

// parseKind reads one article file of the given kind. notes say what had to
// be changed to show it safely; the error is why it cannot be shown at all.
func (p *parser) parseKind(name string, data []byte, kind fileKind) (a Article, notes []string, err error) {
	src, cleaned := sanitizeReport(string(data))
	if c := cleaned.String(); c != "" {
		notes = append(notes, c)
	}
	if strings.TrimSpace(src) == "" {
		return Article{}, notes, fmt.Errorf("%s: empty file", name)
	}
	var body string
	if kind == plain {
		ia := importText(src)
		a = Article{Title: CleanLine(ia.title), Byline: CleanLine(ia.byline), References: ia.references}
		body = ia.body
	} else {
		var fm frontMatter
		head, rest, offset, err := splitFrontMatter(src)
		if err != nil {
			return Article{}, notes, fmt.Errorf("%s: front matter: %w", name, err)
		}
		if err := yaml.Unmarshal([]byte(head), &fm); err != nil {
			return Article{}, notes, fmt.Errorf("%s: front matter: %s", name, termout.OneLine(shiftYAMLLines(err.Error(), offset, strings.Count(head, "\n"))))
		}
		a = Article{
			Title:      CleanLine(fm.Title),
			Dek:        CleanLine(fm.Dek),
			Byline:     CleanLine(fm.Byline),
			Source:     CleanLine(fm.Source),
			Origin:     CleanLine(fm.Origin),
			URL:        webAddress(fm.URL),
			Feed:       webAddress(fm.Feed),
			GUID:       CleanLine(fm.GUID),
			References: cleanReferences(fm.References),
			Topics:     cleanList(fm.Topics),
		}
		body = strings.TrimSpace(string(rest))
		if fm.Published != "" {
			t, err := time.Parse(time.DateOnly, strings.TrimSpace(fm.Published))
			if err != nil {
				return Article{}, notes, fmt.Errorf("%s: front matter: published %q is not a YYYY-MM-DD date", name, fm.Published)
			}
			a.Published = t
		}
		if a.Title == "" && kind == curated {
			return Article{}, notes, fmt.Errorf("%s: %w", name, ErrNoTitle)
		}
		if a.Title == "" {
			a.Title, body = titleFromBody(body)
		}
	}
	a.Path, a.Hash = name, contentHash(data)
	body, bounded := boundMarkdown(body)
	if bounded != "" {
		notes = append(notes, bounded)
	}
	// the reader lists the references below the text: two blocks each
	c, depth, plain := p.content(body, 2*len(a.References))
	if plain != "" {
		notes = append(notes, plain+": shown without markdown formatting")
	}
	if len(c.Passages) == 0 {
		if kind != curated || c.Body == "" {
			return Article{}, notes, fmt.Errorf("%s: no text after the front matter", name)
		}
	}
	if a.Title == "" {
		return Article{}, notes, fmt.Errorf("%s: %w", name, ErrNoTitle)
	}
	if depth > maxNesting {
		notes = append(notes, fmt.Sprintf("lists and quotes nested %d deep, shown as plain paragraphs", depth))
		c.Body, c.Tables = flatBody(c.Passages), nil
	}
	if n := longestWord(c.Body); n > maxWordRunes {
		notes = append(notes, fmt.Sprintf("a word of %d characters is broken up to fit", n))
	}
	a.Words, a.PassageCount = countWords(c.Text), len(c.Passages)
	a.text.resident = c
	return a, notes, nil
}

// titleFromBody takes a title for a markdown file without one in front
// matter: its first "# heading" (removed from the body, as the reader shows
// the title above it), else its first line.
func titleFromBody(body string) (title, rest string) {
	first, after, _ := strings.Cut(body, "\n")
	first = strings.TrimSpace(first)
	if strings.HasPrefix(first, "# ") {
		return termout.OneLine(strings.Trim(first, "# ")), strings.TrimSpace(after)
	}
	if next, after2, _ := strings.Cut(after, "\n"); first != "" && strings.Trim(strings.TrimSpace(next), "=") == "" && strings.Contains(next, "=") {
		return termout.OneLine(first), strings.TrimSpace(after2) // setext "Title\n====="
	}
	return headlineFrom(strings.TrimLeft(first, "#>-*+ ")), body
}

// flatBody is the passages as plain paragraphs, for markdown too deeply
// nested to render.
func flatBody(ps []Passage) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = EscapeMarkdown(p.Text)
	}
	return strings.Join(parts, "\n\n")
}

// longestWord is the length in runes of the longest run without white space.
func longestWord(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}

// content derives the passages and plain text of a markdown body, and
// reports how deeply its lists and quotes nest and, when the body is too
// large to render with its formatting (Plain), why. extra is the blocks
// the reader draws below the body. The passages' texts share the plain
// text's memory.
func (p *parser) content(body string, extra int) (c *Content, depth int, plain string) {
	c = &Content{Body: body}
	if len(body) > maxRichBytes {
		c.Passages, c.Plain = simplePassages(body), true
		plain = fmt.Sprintf("longer than %d KiB", maxRichBytes>>10)
	} else {
		var blocks int
		c.Passages, c.Tables, c.Links, depth, blocks = extractPassages(p.md, []byte(body))
		if blocks+extra > maxRichBlocks {
			// the passages found stand: the renderer draws them alone
			c.Plain, c.Tables = true, nil
			plain = fmt.Sprintf("more than %d paragraphs, headings, list items, table rows and lines of code", maxRichBlocks)
		}
	}
	var b strings.Builder
	for i := range c.Passages {
		if i > 0 {
			b.WriteString("\n\n")
		}
		c.Passages[i].Offset = b.Len()
		b.WriteString(c.Passages[i].Text)
	}
	c.Text = b.String()
	for i := range c.Passages {
		pass := &c.Passages[i]
		pass.Text = c.Text[pass.Offset : pass.Offset+len(pass.Text)]
	}
	return c, depth, plain
}

// contentHash is a short hash of an article file.
func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// countWords counts runs of letters and digits, so "—" and "|" are not words.
func countWords(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !inWord {
			n++
		}
		inWord = w
	}
	return n
}

// splitFrontMatter separates the YAML between a first line "---" (after
// any blank lines) and the next line "---" from the body after it; offset
// is the number of file lines before the YAML's first. Without a first line
// "---" the whole of src is the body. (A library for this, adrg/frontmatter,
// brought a TOML and a second YAML parser with it for a dozen lines.)
func splitFrontMatter(src string) (head, body string, offset int, err error) {
	rest := strings.TrimLeft(src, " \t\n")
	offset = strings.Count(src[:len(src)-len(rest)], "\n")
	first, rest, _ := strings.Cut(rest, "\n")
	if strings.TrimSpace(first) != "---" {
		return "", src, 0, nil
	}
	offset++
	for at := 0; at < len(rest); {
		line, _, _ := strings.Cut(rest[at:], "\n")
		if strings.TrimSpace(line) == "---" {
			return rest[:at], rest[min(at+len(line)+1, len(rest)):], offset, nil
		}
		at += len(line) + 1
	}
	return "", "", 0, errors.New("no closing --- line")
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// shiftYAMLLines rewrites the YAML parser's line numbers, which count from
// the start of the front matter, into line numbers of the file. The parser
// places an error it meets at the end of the YAML (an unclosed bracket) on
// the line after it, the closing "---"; it is put on the last line of YAML.
func shiftYAMLLines(msg string, offset, lines int) string {
	return yamlLine.ReplaceAllStringFunc(msg, func(m string) string {
		n, err := strconv.Atoi(strings.TrimPrefix(m, "line "))
		if err != nil {
			return m
		}
		return "line " + strconv.Itoa(min(n, max(lines, 1))+offset)
	})
}

// CleanLine cleans one line of untrusted text, as a front-matter value or
// a topic's name: YAML escapes such as "\e" produce control characters the
// file-level pass never saw, and values are one line.
func CleanLine(s string) string { return termout.OneLine(Sanitize(s)) }

// cleanReferences is cleanList for references, each tidied (see
// CleanReference).
func cleanReferences(refs []string) []string {
	out := cleanList(refs)
	for i, r := range out {
		out[i] = CleanReference(r)
	}
	return out
}

func cleanList(items []string) []string {
	var out []string
	for _, s := range items {
		if s = CleanLine(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// hasWordRune reports whether s holds a letter or a digit.
func hasWordRune(s string) bool { return strings.ContainsFunc(s, isWordRune) }
