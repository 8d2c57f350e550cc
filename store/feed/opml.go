package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// OPML 2.0 is the subscriptions file format, so other readers can import it
// as is. dispatch's own settings are extra outline attributes, which other
// readers ignore (FreshRSS namespaces its own, frss:; newsboat and
// miniflux write none): dispatchFullText="true" or "false" (full text on
// or off; none: for short summaries), dispatchRefresh="2h" (the feed's
// refresh interval) and dispatchDir="<directory>". The name is the
// standard text and title. Tags are the standard category attribute ("tech,go"), and the titles of
// the folders a feed is in. The file is read as a whole document and
// written back with everything dispatch does not use kept (opmldoc.go).

const (
	attrFullText = "dispatchFullText"
	attrRefresh  = "dispatchRefresh"
	attrDir      = "dispatchDir"
)

// opmlEntry is one feed outline as read, before validation.
type opmlEntry struct {
	name, url, siteURL, dir string
	fullText                *bool
	refresh                 time.Duration
	tags                    []string
	node                    *xmlNode // the outline, nil for one made by Add
	// settingErr is why a setting of dispatch's own cannot be read: the
	// outline is not followed, and says why
	settingErr error
}

// opmlDoc is an OPML document as read (opmldoc.go), or made afresh.
type opmlDoc struct{ root *xmlNode }

// newOPMLDoc is an empty subscriptions document.
func newOPMLDoc() *opmlDoc {
	head := &xmlNode{name: "head", children: []*xmlNode{{name: "title", text: "dispatch subscriptions"}}}
	return &opmlDoc{root: &xmlNode{name: "opml", attrs: []xml.Attr{{Name: xml.Name{Local: "version"}, Value: "2.0"}}, children: []*xmlNode{head, {name: "body"}}}}
}

// readOPML reads an OPML document; one that is not OPML, or not
// well-formed, is one error.
func readOPML(r io.Reader) (*opmlDoc, error) {
	root, err := readXMLTree(r, "opml")
	if err != nil {
		return nil, err
	}
	return &opmlDoc{root: root}, nil
}

// body is the document's body, added if it has none.
func (d *opmlDoc) body() *xmlNode {
	if b := d.root.child("body"); b != nil {
		return b
	}
	b := &xmlNode{name: "body"}
	d.root.children = append(d.root.children, b)
	return b
}

// entries are the feed outlines of the body, in order: those with an
// xmlUrl. Outlines without one are folders (or notes): each folder's title
// becomes a tag of the feeds inside it.
func (d *opmlDoc) entries() []opmlEntry {
	var out []opmlEntry
	var visit func(n *xmlNode, folders []string)
	visit = func(n *xmlNode, folders []string) { // as deep as readXMLTree allows
		for _, c := range n.children {
			if !c.is("outline") {
				visit(c, folders)
				continue
			}
			e := outlineEntry(c)
			if e.url == "" {
				visit(c, append(folders[:len(folders):len(folders)], e.name))
				continue
			}
			for _, f := range folders {
				if f != "" {
					e.tags = append(e.tags, f)
				}
			}
			out = append(out, e)
			visit(c, folders)
		}
	}
	if b := d.root.child("body"); b != nil {
		visit(b, nil)
	}
	return out
}

// outlineEntry reads an outline's attributes; names vary in case between
// programs (xmlUrl, xmlURL, xmlurl).
func outlineEntry(n *xmlNode) opmlEntry {
	e := opmlEntry{node: n}
	text, _ := n.attr("text")
	title, _ := n.attr("title")
	u, _ := n.attr("xmlUrl")
	site, _ := n.attr("htmlUrl")
	e.url, e.siteURL = strings.TrimSpace(u), strings.TrimSpace(site)
	if cat, ok := n.attr("category"); ok {
		for _, c := range strings.Split(cat, ",") {
			e.tags = append(e.tags, strings.Trim(strings.TrimSpace(c), "/"))
		}
	}
	if v, ok := n.attr(attrFullText); ok && strings.TrimSpace(v) != "" {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			e.settingErr = fmt.Errorf("%s=%q: want true or false", attrFullText, cleanLine(truncateRunes(v, 40)))
		}
		e.fullText = &b
	}
	if v, ok := n.attr(attrRefresh); ok && strings.TrimSpace(v) != "" {
		d, err := ParseRefresh(v)
		if err != nil && e.settingErr == nil {
			e.settingErr = fmt.Errorf("%s: %w", attrRefresh, err)
		}
		e.refresh = d
	}
	e.dir, _ = n.attr(attrDir)
	e.name = text
	if strings.TrimSpace(e.name) == "" {
		e.name = title
	}
	e.name = cleanLine(e.name)
	return e
}

// ownAttrs are the attributes newOutline writes for a subscription, in
// lower case; another program's outline keeps its others.
var ownAttrs = map[string]bool{"text": true, "title": true, "type": true, "xmlurl": true, "htmlurl": true, "category": true,
	strings.ToLower(attrFullText): true, strings.ToLower(attrRefresh): true, strings.ToLower(attrDir): true}

// newOutline is the outline of a new subscription, with the attributes
// of the outline it was imported from that it does not set itself
// (another reader's description, say). A setting of dispatch's own is one
// more attribute here, read back in outlineEntry.
func newOutline(s Subscription, from *xmlNode) *xmlNode {
	n := &xmlNode{name: "outline"}
	add := func(key, value string) {
		if value != "" {
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: key}, Value: value})
		}
	}
	add("text", s.Name)
	add("title", s.Name)
	add("type", "rss")
	add("xmlUrl", s.URL)
	add("htmlUrl", s.SiteURL)
	add("category", strings.Join(s.Tags, ","))
	add(attrFullText, fullTextValue(s.FullText))
	if s.Refresh > 0 {
		add(attrRefresh, FormatRefresh(s.Refresh))
	}
	add(attrDir, s.Dir)
	if from != nil {
		for _, a := range from.attrs {
			if !ownAttrs[strings.ToLower(a.Name.Local)] {
				n.attrs = append(n.attrs, a)
			}
		}
	}
	return n
}

// writeOPML writes the document.
func writeOPML(w *bytes.Buffer, d *opmlDoc) { writeXMLTree(w, d.root) }
