package feed

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"dispatch/internal/termout"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits on what one piece of feed HTML can make the converter do.
const (
	// maxDepth: deeper elements are flattened to their text, so a page of
	// ten thousand nested <div>s costs no more than a flat one.
	maxDepth = 64
	// maxSpan caps colspan and rowspan: the table plugin materialises
	// every spanned cell, so colspan=1000000 would be a memory bomb.
	maxSpan = 16
	// maxBodyBytes caps an item's markdown at what the reader still shows
	// with formatting (article.maxRichBytes): some 40,000 words, far more
	// than any news story, and quick to parse.
	maxBodyBytes = 256 << 10
)

// mdConverter is built once: the converter is safe for concurrent use and
// registering its plugins is not free.
var mdConverter = sync.OnceValue(func() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		// cells are not padded to their column's width: a long cell above
		// thousands of short ones would repeat its width on every row
		table.NewTablePlugin(table.WithCellPaddingBehavior(table.CellPaddingBehaviorMinimal)),
		strikethrough.NewStrikethroughPlugin(),
	))
	return conv
})

// dropped are elements removed with everything inside them: active content,
// forms, media without a text equivalent, and document furniture.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Param: true, atom.Form: true,
	atom.Input: true, atom.Button: true, atom.Select: true, atom.Option: true,
	atom.Textarea: true, atom.Frame: true, atom.Frameset: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Source: true, atom.Track: true,
	atom.Head: true, atom.Link: true, atom.Meta: true, atom.Title: true,
	atom.Base: true,
}

// inline are the elements that do not separate words.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true, atom.Em: true, atom.I: true,
	atom.Ins: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true,
	atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.U: true, atom.Var: true, atom.Font: true, atom.Strike: true, atom.Tt: true,
}

// htmlToMarkdown converts untrusted HTML to clean markdown. base resolves
// relative links and images; it may be nil. The result passes cleanText
// unchanged and is at most maxBodyBytes long.
func htmlToMarkdown(src string, base *url.URL) (string, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil { // nested too deeply for the parser: keep the text
		return textToMarkdown(tokenText(src, "\n\n"))
	}
	return nodeToMarkdown(doc, base)
}

// tokenText is the text of HTML the parser refuses (it limits nesting),
// read with the tokenizer, which has no limit: text outside dropped
// elements, with sep between blocks.
func tokenText(src, sep string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0 // depth inside dropped elements
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if dropped[a] && a != atom.Head {
				skip++
			} else if !inline[a] && skip == 0 {
				b.WriteString(sep)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); dropped[a] && a != atom.Head && skip > 0 {
				skip--
			}
		}
	}
}

// nodeToMarkdown is htmlToMarkdown for a parsed document, which it changes.
func nodeToMarkdown(doc *html.Node, base *url.URL) (string, error) {
	prepare(doc, base)
	out, err := mdConverter().ConvertNode(doc)
	if err != nil {
		return "", fmt.Errorf("convert HTML to markdown: %w", err)
	}
	return capBody(cleanText(string(out))), nil
}

// textToMarkdown converts plain text (a JSON Feed's content_text): blank
// lines separate paragraphs, and nothing in it is markup.
func textToMarkdown(s string) (string, error) {
	var b strings.Builder
	for _, para := range paragraphs(s) {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(para))
		b.WriteString("</p>")
	}
	return htmlToMarkdown(b.String(), nil)
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n`)

func paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return blankLines.Split(s, -1)
}

// looksLikeHTML reports text with at least one tag or reference; feeds put
// plain text in fields meant for HTML, and its paragraph breaks would be
// lost as HTML white space.
var tagOrRef = regexp.MustCompile(`<[a-zA-Z!/]|&[#a-zA-Z]`)

// bodyToMarkdown converts an item's content field, HTML or not.
func bodyToMarkdown(s string, base *url.URL) (string, error) {
	if !tagOrRef.MatchString(s) {
		return textToMarkdown(s)
	}
	return htmlToMarkdown(s, base)
}

// htmlText is the text of an HTML fragment, entities decoded once, on one
// line: for titles, which feeds often entity-encode ("Caf&eacute;") and
// sometimes mark up.
func htmlText(s string) string {
	if !tagOrRef.MatchString(s) {
		return cleanLine(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return cleanLine(tokenText(s, " "))
	}
	var b strings.Builder
	for _, n := range nodes {
		appendText(&b, n)
	}
	return cleanLine(b.String())
}

// appendText writes the text under n, skipping dropped elements, without
// recursion (the tree may be deep).
func appendText(b *strings.Builder, n *html.Node) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			continue
		case n.Type == html.ElementNode && dropped[n.DataAtom]:
			continue
		case n.Type == html.ElementNode && !inline[n.DataAtom]:
			b.WriteByte(' ') // "<p>a</p><p>b</p>" is two words, "a<b>b</b>" one
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// prepare makes a parsed document safe and simple to convert: dropped
// elements go, links are made absolute (or unwrapped when not http, https
// or mailto), images become links labelled with their alt text, spans are
// capped, attributes the converter does not need go, elements nested
// deeper than maxDepth become their text, and tables are bounded
// (tables.go).
func prepare(doc *html.Node, base *url.URL) {
	type frame struct {
		n      *html.Node
		depth  int
		inLink bool
	}
	// the root itself is kept as it is: it may be a readability article
	// node still attached to its page
	var stack []frame
	for c := doc.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, frame{n: c, depth: 1})
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		inLink := f.inLink
		if n.Type == html.ElementNode {
			if dropped[n.DataAtom] {
				n.Parent.RemoveChild(n)
				continue
			}
			if f.depth >= maxDepth {
				flatten(n)
				continue
			}
			switch n.DataAtom {
			case atom.A:
				href, ok := safeURL(attr(n, "href"), base, true)
				if !ok || inLink {
					n = unwrap(n)
					if n == nil {
						continue
					}
				} else {
					n.Attr = []html.Attribute{{Key: "href", Val: href}}
					inLink = true
				}
			case atom.Img:
				imageToLink(n, base, inLink)
				continue
			case atom.Td, atom.Th:
				n.Attr = keepSpans(n.Attr)
			case atom.Code, atom.Pre:
				n.Attr = keepAttrs(n.Attr, "class") // the fence's language
			case atom.Ol:
				n.Attr = keepAttrs(n.Attr, "start")
			default:
				n.Attr = nil
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, depth: f.depth + 1, inLink: inLink})
		}
	}
	boundTables(doc)
}

// unwrap replaces the element n with its children and returns a node
// standing for them in the walk (a span holding them), or nil if none.
func unwrap(n *html.Node) *html.Node {
	if n.FirstChild == nil {
		n.Parent.RemoveChild(n)
		return nil
	}
	n.Data, n.DataAtom, n.Attr = "span", atom.Span, nil
	return n
}

// flatten replaces the children of n with their text.
func flatten(n *html.Node) {
	var b strings.Builder
	appendText(&b, n)
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
	}
	n.Attr = nil
	n.AppendChild(&html.Node{Type: html.TextNode, Data: termout.OneLine(b.String())})
}

// imageToLink shows an image as its alt text, linked to the image, so the
// reader sees what it is and can open it; inside a link, only the text.
func imageToLink(n *html.Node, base *url.URL, inLink bool) {
	alt := termout.OneLine(attr(n, "alt"))
	label := "Image"
	if alt != "" {
		label = "Image: " + alt
	}
	text := &html.Node{Type: html.TextNode, Data: "[" + label + "]"}
	src, ok := safeURL(attr(n, "src"), base, false)
	if inLink || !ok {
		n.Parent.InsertBefore(text, n)
		n.Parent.RemoveChild(n)
		return
	}
	text.Data = label
	n.Data, n.DataAtom = "a", atom.A
	n.Attr = []html.Attribute{{Key: "href", Val: src}}
	n.AppendChild(text)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func keepAttrs(attrs []html.Attribute, keys ...string) []html.Attribute {
	var out []html.Attribute
	for _, a := range attrs {
		for _, k := range keys {
			if a.Key == k && a.Namespace == "" && len(a.Val) < 100 {
				out = append(out, a)
			}
		}
	}
	return out
}

func keepSpans(attrs []html.Attribute) []html.Attribute {
	out := keepAttrs(attrs, "colspan", "rowspan")
	for i := range out {
		if n, err := strconv.Atoi(strings.TrimSpace(out[i].Val)); err != nil || n < 1 {
			out[i].Val = "1"
		} else if n > maxSpan {
			out[i].Val = strconv.Itoa(maxSpan)
		}
	}
	return out
}

// capBody cuts markdown longer than maxBodyBytes at a paragraph (else line,
// else rune) boundary and says so.
func capBody(md string) string {
	if len(md) <= maxBodyBytes {
		return md
	}
	cut := md[:maxBodyBytes]
	if i := strings.LastIndex(cut, "\n\n"); i > maxBodyBytes/2 {
		cut = cut[:i]
	} else if i := strings.LastIndexByte(cut, '\n'); i > maxBodyBytes/2 {
		cut = cut[:i]
	} else {
		cut = strings.ToValidUTF8(cut, "") // a rune cut in two
		cut = strings.TrimRightFunc(cut, func(r rune) bool { return r == '\\' || unicode.IsSpace(r) })
	}
	return cut + "\n\n" + shortenedNote
}

// shortenedNote ends a body that was cut.
const shortenedNote = "*(This item was too long and has been shortened.)*"

// maxInputBytes bounds the feed text converted for one item: the markdown
// is capped at maxBodyBytes anyway, and converting 5 MB of HTML to keep 1
// MB of it would cost seconds.
const maxInputBytes = 2 * maxBodyBytes

// cutInput shortens text longer than maxInputBytes, before a tag if it can
// (the HTML parser copes with a document cut anywhere), and reports whether
// it did.
func cutInput(s string) (string, bool) {
	if len(s) <= maxInputBytes {
		return s, false
	}
	cut := s[:maxInputBytes]
	if i := strings.LastIndexByte(cut, '<'); i > maxInputBytes/2 {
		cut = cut[:i]
	}
	return strings.ToValidUTF8(cut, ""), true
}

// countWords counts runs of letters and digits, as the article loader does.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
