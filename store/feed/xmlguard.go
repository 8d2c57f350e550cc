package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"

	"golang.org/x/net/html/charset"
)

// gofeed's XML parser (goxpp) copies every namespace binding in scope into
// a new map for each element, so the cost of a document grows with its
// elements times the namespaces each sees. An item of N nested elements
// that each declare a prefix of their own costs N²/2 copies: 20,000 of them
// (1 MB) took 80 s and 13 GB. checkXML reads the document once before the
// parser, with the same decoder settings, so it sees the same elements,
// and refuses one whose shape would cost more than any real feed does.
const (
	// maxXMLDepth bounds nesting; real feeds nest a dozen deep, XHTML
	// content a few dozen more.
	maxXMLDepth = 256
	// maxXMLNamespaces bounds the distinct prefixes in scope at one
	// element; feeds declare a handful, at the root.
	maxXMLNamespaces = 64
	// maxXMLElements bounds the elements of a document: a 10 MiB feed of
	// 170,000 one-line items has about 850,000.
	maxXMLElements = 1_000_000
	// maxXMLNamespaceWork bounds the namespace bindings the parser copies
	// over the whole document (one per binding in scope per element): four
	// times what that feed costs with ten namespaces at its root.
	maxXMLNamespaceWork = 32_000_000
)

// errRefused marks a feed refused for its shape before it was parsed.
var errRefused = errors.New("refused")

// checkXML refuses an XML document (UTF-8, as xmlToUTF8 leaves it) nested
// too deep, or with too many elements or namespaces for the parser to read
// it in bounded time and memory. A document that is not well-formed is left
// to the parser, which reads the same tokens and stops where this did.
func checkXML(doc []byte) error {
	d := xml.NewDecoder(&controlFilter{r: bytes.NewReader(doc)})
	// as gofeed configures its decoder (internal/shared.NewXMLParser)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var (
		inScope  = map[string]int{} // prefix → declarations of it open
		declared [][]string         // per open element, the prefixes it declares
		distinct int                // prefixes with a declaration open
		elements int
		work     int
	)
	for {
		tok, err := d.Token()
		if err != nil {
			return nil // EOF, or an error the parser meets at the same place
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if len(declared) >= maxXMLDepth {
				return fmt.Errorf("%w: elements nested more than %d deep", errRefused, maxXMLDepth)
			}
			if elements > maxXMLElements {
				return fmt.Errorf("%w: more than %d XML elements", errRefused, maxXMLElements)
			}
			var own []string
			for _, a := range t.Attr {
				prefix, ok := nsDeclaration(a.Name)
				if !ok || slices.Contains(own, prefix) {
					continue
				}
				own = append(own, prefix)
				if inScope[prefix]++; inScope[prefix] == 1 {
					distinct++
				}
			}
			declared = append(declared, own)
			if distinct > maxXMLNamespaces {
				return fmt.Errorf("%w: more than %d XML namespaces in scope at once", errRefused, maxXMLNamespaces)
			}
			if work += distinct; work > maxXMLNamespaceWork {
				return fmt.Errorf("%w: too many XML namespaces for its %d elements", errRefused, elements)
			}
		case xml.EndElement:
			if len(declared) == 0 {
				continue
			}
			for _, prefix := range declared[len(declared)-1] {
				if inScope[prefix]--; inScope[prefix] == 0 {
					distinct--
				}
			}
			declared = declared[:len(declared)-1]
		}
	}
}

// nsDeclaration reports an attribute that declares a namespace prefix, as
// the decoder returns it: xmlns:p="…" (prefix p) or xmlns="…" (prefix "").
func nsDeclaration(n xml.Name) (string, bool) {
	switch {
	case n.Space == "xmlns":
		return n.Local, true
	case n.Space == "" && n.Local == "xmlns":
		return "", true
	}
	return "", false
}

// controlFilter drops the C0 control bytes XML forbids (all but tab, line
// feed and carriage return), as gofeed does before its decoder
// (internal/shared.NewControlCharFilterReader), so that checkXML sees the
// document the parser sees.
type controlFilter struct{ r io.Reader }

func (c *controlFilter) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		w := 0
		for _, b := range p[:n] {
			if b >= 0x20 || b == '\t' || b == '\n' || b == '\r' {
				p[w] = b
				w++
			}
		}
		if w > 0 || err != nil {
			return w, err
		}
	}
}
