package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// An OPML file is read into a tree of its elements, each with all its
// attributes and its text, so that dispatch writes back what it does not
// use as it was: other readers' attributes (description, language), its
// folders and notes, the outlines it cannot subscribe to, the head. Names
// keep the prefix they were written with. Comments, processing
// instructions and the document type are not kept; text and attribute
// values pass cleanText, names must be clean, or they are dropped.

// Limits on an OPML file, which may come from anywhere. One limit serves
// reading and writing: dispatch never writes a subscriptions file it would
// not read back.
const (
	maxOPMLBytes      = 16 << 20
	maxOPMLDepth      = 64 // outlines within outlines
	maxOPMLElements   = 100_000
	maxOPMLAttributes = 1_000_000
	maxTags           = 16
	maxNameRunes      = 200
	maxURLBytes       = 2048
	maxOPMLErrors     = 5 // invalid entries named in an import report
)

// xmlNode is an element as read.
type xmlNode struct {
	name     string // qualified as written: "outline", "dc:date"
	attrs    []xml.Attr
	text     string // its character data, trimmed
	children []*xmlNode
}

// attr is the value of the attribute named key (in any case, without a
// prefix), and whether there is one.
func (n *xmlNode) attr(key string) (string, bool) {
	for _, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, key) {
			return a.Value, true
		}
	}
	return "", false
}

// setAttr gives the attribute named key (in any case) the value, keeping
// its spelling and place, or adds it at the end.
func (n *xmlNode) setAttr(key, value string) {
	for i, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, key) {
			n.attrs[i].Value = value
			return
		}
	}
	n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: key}, Value: value})
}

// is reports an element named local (in any case), without a prefix.
func (n *xmlNode) is(local string) bool { return strings.EqualFold(n.name, local) }

// child is n's first child named local, or nil.
func (n *xmlNode) child(local string) *xmlNode {
	for _, c := range n.children {
		if c.is(local) {
			return c
		}
	}
	return nil
}

// readXMLTree reads a whole XML document whose root element is named
// want (in any case) as a tree: its root element. The same repairs as for
// feeds come first (any declared charset to UTF-8, invalid UTF-8 and
// references XML forbids replaced); a document that is not well-formed, or
// another kind of document, is one error.
func readXMLTree(r io.Reader, want string) (*xmlNode, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxOPMLBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxOPMLBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxOPMLBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty")
	}
	d := xml.NewDecoder(bytes.NewReader(xmlToUTF8(data, "")))
	d.CharsetReader = charset.NewReaderLabel
	d.Entity = xml.HTMLEntity // exports from some readers use &nbsp; and the like
	var (
		root     *xmlNode
		stack    []*xmlNode
		text     [][]byte // per open element, its character data
		elements int
		attrs    int
	)
	syntax := func(msg string) error { // the document's names are untrusted text
		line, _ := d.InputPos()
		return fmt.Errorf("not well-formed XML: line %d: %s", line, cleanLine(msg))
	}
	for {
		// RawToken keeps prefixes as written; the nesting it does not
		// check is checked here
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed XML: %s", cleanLine(strings.TrimPrefix(err.Error(), "XML syntax error on ")))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if elements++; elements > maxOPMLElements {
				return nil, fmt.Errorf("more than %d elements", maxOPMLElements)
			}
			if attrs += len(t.Attr); attrs > maxOPMLAttributes {
				return nil, fmt.Errorf("more than %d attributes", maxOPMLAttributes)
			}
			if len(stack) > maxOPMLDepth+2 { // opml and body, then outlines
				return nil, fmt.Errorf("outlines nested more than %d deep", maxOPMLDepth)
			}
			n := &xmlNode{name: qualified(t.Name)}
			for _, a := range t.Attr {
				if name := qualified(a.Name); cleanName(name) {
					n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: name}, Value: cleanText(a.Value)})
				}
			}
			switch {
			case len(stack) == 0 && root == nil:
				if !n.is(want) {
					return nil, fmt.Errorf("not %s: the document is <%s>, not <%s>", strings.ToUpper(want), cleanLine(n.name), want)
				}
				root = n
			case len(stack) == 0: // past the root: read, not kept
			case cleanName(n.name):
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
			text = append(text, nil)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, syntax(fmt.Sprintf("unexpected end element </%s>", qualified(t.Name)))
			}
			n := stack[len(stack)-1]
			if name := qualified(t.Name); name != n.name {
				return nil, syntax(fmt.Sprintf("element <%s> closed by </%s>", n.name, name))
			}
			n.text = cleanText(string(bytes.TrimSpace(text[len(text)-1])))
			stack, text = stack[:len(stack)-1], text[:len(text)-1]
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1] = append(text[len(text)-1], t...)
			}
		}
	}
	if len(stack) > 0 {
		return nil, syntax("unexpected EOF")
	}
	if root == nil {
		return nil, errors.New("no XML elements in the file")
	}
	return root, nil
}

// qualified is a name as written: "prefix:local", or "local".
func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// cleanName reports a name that can be written back as it is: one clean
// line, with nothing that would be markup.
func cleanName(name string) bool {
	return name != "" && cleanLine(name) == name && !strings.ContainsAny(name, " <>&\"'=/")
}

// writeXMLTree writes the document with root as its element, indented two
// spaces a level, elements without content closed at once.
func writeXMLTree(w *bytes.Buffer, root *xmlNode) {
	w.WriteString(xml.Header)
	writeNode(w, root, 0)
}

func writeNode(w *bytes.Buffer, n *xmlNode, depth int) {
	indent := strings.Repeat("  ", depth)
	w.WriteString(indent)
	w.WriteString("<" + n.name)
	for _, a := range n.attrs {
		w.WriteString(" " + a.Name.Local + `="`)
		_ = xml.EscapeText(w, []byte(a.Value)) // a bytes.Buffer does not fail
		w.WriteString(`"`)
	}
	switch {
	case n.text == "" && len(n.children) == 0:
		w.WriteString("/>\n")
		return
	case len(n.children) == 0:
		w.WriteString(">")
		_ = xml.EscapeText(w, []byte(n.text))
		w.WriteString("</" + n.name + ">\n")
		return
	}
	w.WriteString(">\n")
	if n.text != "" {
		w.WriteString(indent + "  ")
		_ = xml.EscapeText(w, []byte(n.text))
		w.WriteString("\n")
	}
	for _, c := range n.children {
		writeNode(w, c, depth+1)
	}
	w.WriteString(indent + "</" + n.name + ">\n")
}
