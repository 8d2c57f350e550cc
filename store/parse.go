package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"gopkg.in/yaml.v2"
)

// frontMatter is the YAML block at the top of an article file.
type frontMatter struct {
	Title      string   `yaml:"title"`
	Dek        string   `yaml:"dek"`
	Byline     string   `yaml:"byline"`
	Source     string   `yaml:"source"`
	Published  string   `yaml:"published"`
	Origin     string   `yaml:"origin"`
	Topics     []string `yaml:"topics"`
	References []string `yaml:"references"`
}

// yamlOnly restricts front matter to YAML between --- lines; the library's
// other formats (a line holding just "{" starts JSON) would misread ordinary
// markdown.
var yamlOnly = frontmatter.NewFormat("---", "---", yaml.Unmarshal)

// ErrNoTitle reports an article without a title.
var ErrNoTitle = errors.New("missing title in front matter")

// parser turns article files into Articles. It is not safe for concurrent use.
type parser struct {
	md goldmark.Markdown
}

func newParser() *parser {
	return &parser{md: markdownParser()}
}

// parse reads one article file. name is used in error messages only.
func (p *parser) parse(name string, data []byte) (Article, error) {
	src := Sanitize(string(data))
	var fm frontMatter
	body, err := frontmatter.Parse(strings.NewReader(src), &fm, yamlOnly)
	if err != nil {
		return Article{}, fmt.Errorf("%s: front matter: %s", name, oneLine(shiftYAMLLines(err.Error(), frontMatterOffset(src))))
	}
	if startsFrontMatter(src) && len(body) == len(src) {
		return Article{}, fmt.Errorf("%s: front matter: no closing --- line", name)
	}
	a := Article{
		Title:      cleanField(fm.Title),
		Dek:        cleanField(fm.Dek),
		Byline:     cleanField(fm.Byline),
		Source:     cleanField(fm.Source),
		Origin:     cleanField(fm.Origin),
		References: cleanList(fm.References),
		Topics:     cleanList(fm.Topics),
		Body:       strings.TrimSpace(string(body)),
		Path:       name,
		Hash:       contentHash(data),
	}
	if a.Title == "" {
		return Article{}, fmt.Errorf("%s: %w", name, ErrNoTitle)
	}
	if fm.Published != "" {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(fm.Published))
		if err != nil {
			return Article{}, fmt.Errorf("%s: front matter: published %q is not a YYYY-MM-DD date", name, fm.Published)
		}
		a.Published = t
	}
	p.fillText(&a)
	return a, nil
}

// fillText derives passages, plain text and word count from the body.
func (p *parser) fillText(a *Article) {
	a.Passages = extractPassages(p.md, []byte(a.Body))
	var b strings.Builder
	for i := range a.Passages {
		if i > 0 {
			b.WriteString("\n\n")
		}
		a.Passages[i].Offset = b.Len()
		b.WriteString(a.Passages[i].Text)
	}
	a.Text = b.String()
	a.Words = countWords(a.Text)
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

func startsFrontMatter(src string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(src, " \t\n"), "\n")
	return strings.TrimSpace(first) == "---"
}

// frontMatterOffset is the number of file lines before the first YAML line.
func frontMatterOffset(src string) int {
	trimmed := strings.TrimLeft(src, " \t\n")
	return strings.Count(src[:len(src)-len(trimmed)], "\n") + 1
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// shiftYAMLLines rewrites the YAML parser's line numbers, which count from the
// start of the front matter, into line numbers of the file.
func shiftYAMLLines(msg string, offset int) string {
	return yamlLine.ReplaceAllStringFunc(msg, func(m string) string {
		n, err := strconv.Atoi(strings.TrimPrefix(m, "line "))
		if err != nil {
			return m
		}
		return "line " + strconv.Itoa(n+offset)
	})
}

// oneLine folds a multi-line error message into one line.
func oneLine(s string) string {
	return collapseSpace(s)
}

// cleanField cleans a front-matter value: YAML escapes such as "\e" can produce
// control characters the file-level pass never saw, and values are one line.
func cleanField(s string) string { return collapseSpace(Sanitize(s)) }

func cleanList(items []string) []string {
	var out []string
	for _, s := range items {
		if s = cleanField(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
