package article

import (
	"strings"

	"dispatch/internal/termout"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownParser matches the extensions the renderer (glamour) enables, so
// passages are found exactly where the reader will see them.
func markdownParser() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
}

// extractPassages walks the markdown blocks of body in reading order and
// returns one passage per heading, paragraph, list item, quoted paragraph
// or table row, the tables at the top level, the web links of the text in
// reading order (each address once), how deeply lists and quotes nest,
// and how many blocks the renderer would draw: every block (a list item
// and the paragraph in it are two), every table row and line of code.
func extractPassages(md goldmark.Markdown, body []byte) ([]Passage, []Table, []Link, int, int) {
	doc := md.Parser().Parse(text.NewReader(body))
	var passages []Passage
	var tables []Table
	links := linkCollector{seen: map[string]bool{}}
	depth, maxDepth, blocks := 0, 0, 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := n.Kind(); k == ast.KindBlockquote || k == ast.KindList {
			if entering {
				depth++
				maxDepth = max(maxDepth, depth)
			} else {
				depth--
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			blocks++
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock:
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			blocks += n.Lines().Len()
			return ast.WalkSkipChildren, nil
		case east.KindTable:
			t := readTable(n, body, &links)
			blocks += len(t.Rows)
			for _, row := range t.Rows {
				if text := termout.OneLine(strings.Join(row, " · ")); text != "" {
					passages = append(passages, Passage{Kind: TableRow, Text: text})
				}
			}
			if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
				tables = append(tables, t)
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		t := termout.OneLine(inlineText(n, body, &links))
		if t == "" {
			return ast.WalkSkipChildren, nil
		}
		p := Passage{Kind: blockKind(n), Text: t}
		if h, ok := n.(*ast.Heading); ok {
			p.Level = h.Level
		}
		passages = append(passages, p)
		return ast.WalkSkipChildren, nil
	})
	return passages, tables, links.links, maxDepth, blocks
}

// Link is a web link of an article's text: what it says and where it goes
// (http or https only).
type Link struct {
	Text, URL string
}

// linkCollector gathers the links inline text walks past, each address
// once.
type linkCollector struct {
	links []Link
	seen  map[string]bool
}

func (c *linkCollector) add(label, dest string) {
	u := webAddress(dest)
	if u == "" || c.seen[u] {
		return
	}
	c.seen[u] = true
	c.links = append(c.links, Link{Text: CleanLine(label), URL: u})
}

// Table is a table of an article's body: the byte range of its lines in
// the body, and its cells as text, the header row first. The renderer
// draws a table too wide for the screen as paragraphs, one a row.
type Table struct {
	Start, End int
	Rows       [][]string
}

// readTable reads a table node's cells and where its lines are in src.
func readTable(n ast.Node, src []byte, links *linkCollector) Table {
	var t Table
	t.Start = -1
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		if t.Start < 0 {
			t.Start = lineStart(src, row.Pos())
		}
		t.End = lineEnd(src, row.Pos())
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, termout.OneLine(inlineText(cell, src, links)))
		}
		t.Rows = append(t.Rows, cells)
	}
	t.Start = max(t.Start, 0)
	return t
}

// lineStart is the offset of the start of the line holding offset i.
func lineStart(src []byte, i int) int {
	i = min(max(i, 0), len(src))
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return i
}

// lineEnd is the offset just past the line holding offset i, its newline
// included.
func lineEnd(src []byte, i int) int {
	i = min(max(i, 0), len(src))
	for i < len(src) && src[i] != '\n' {
		i++
	}
	return min(i+1, len(src))
}

// blockKind classifies a text block by its closest container.
func blockKind(n ast.Node) PassageKind {
	if n.Kind() == ast.KindHeading {
		return Heading
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote:
			return Quote
		case ast.KindListItem:
			return ListItem
		}
	}
	return Paragraph
}

// inlineText concatenates the visible text of n's inline children and
// hands the links among them to links.
func inlineText(n ast.Node, src []byte, links *linkCollector) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Value(src)
				if !c.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(src))
				if c.AutoLinkType == ast.AutoLinkURL {
					links.add(string(c.Label(src)), string(c.URL(src)))
				}
			case *ast.Link:
				start := b.Len()
				walk(c)
				links.add(b.String()[start:], string(c.Destination))
			case *ast.RawHTML:
				// markup, not text
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
