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

// OPML 2.0 is the subscriptions file format, so other readers can import it
// as is. dispatch's own settings are extra outline attributes, which other
// readers ignore: dispatchFullText="true" and dispatchDir="<directory>".
// Tags are the standard category attribute ("tech,go").

const (
	attrFullText = "dispatchFullText"
	attrDir      = "dispatchDir"
)

// Limits on an OPML file, which may come from anywhere.
const (
	maxOPMLBytes  = 16 << 20
	maxOPMLDepth  = 64
	maxTags       = 16
	maxNameRunes  = 200
	maxURLBytes   = 2048
	maxOPMLErrors = 5 // invalid entries named in an import report
)

// opmlEntry is one feed outline as read, before validation.
type opmlEntry struct {
	name, url, siteURL, dir string
	fullText                bool
	tags                    []string
}

// readOPML reads the feed outlines of an OPML document. Nested outlines
// without a feed URL are folders: they are flattened, and each folder's
// title becomes a tag of the feeds inside it. A document that is not OPML,
// or not well-formed, is one error.
func readOPML(r io.Reader) ([]opmlEntry, error) {
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
	// the same repairs as for feeds: any declared charset to UTF-8,
	// invalid UTF-8 and references XML forbids replaced
	d := xml.NewDecoder(bytes.NewReader(xmlToUTF8(data, "")))
	d.CharsetReader = charset.NewReaderLabel
	d.Entity = xml.HTMLEntity // exports from some readers use &nbsp; and the like
	var (
		entries []opmlEntry
		folders []string // the outline stack: folder titles, "" for others
		root    string
		inBody  bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed XML: %s", strings.TrimPrefix(err.Error(), "XML syntax error on "))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
				if root != "opml" {
					return nil, fmt.Errorf("not OPML: the document is <%s>, not <opml>", t.Name.Local)
				}
				continue
			}
			if name == "body" && len(folders) == 0 {
				inBody = true
			}
			if name != "outline" || !inBody {
				continue
			}
			if len(folders) >= maxOPMLDepth {
				return nil, fmt.Errorf("outlines nested more than %d deep", maxOPMLDepth)
			}
			e := outlineEntry(t.Attr)
			if e.url == "" {
				folders = append(folders, e.name) // a folder (or a note)
				continue
			}
			for _, f := range folders {
				if f != "" {
					e.tags = append(e.tags, f)
				}
			}
			entries = append(entries, e)
			folders = append(folders, "")
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if name == "outline" && inBody && len(folders) > 0 {
				folders = folders[:len(folders)-1]
			} else if name == "body" && len(folders) == 0 {
				inBody = false
			}
		}
	}
	if root == "" {
		return nil, errors.New("no XML elements in the file")
	}
	return entries, nil
}

// outlineEntry reads an outline's attributes; names vary in case between
// programs (xmlUrl, xmlURL, xmlurl).
func outlineEntry(attrs []xml.Attr) opmlEntry {
	var e opmlEntry
	var text, title string
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "text":
			text = a.Value
		case "title":
			title = a.Value
		case "xmlurl":
			e.url = strings.TrimSpace(a.Value)
		case "htmlurl":
			e.siteURL = strings.TrimSpace(a.Value)
		case "category":
			for _, c := range strings.Split(a.Value, ",") {
				e.tags = append(e.tags, strings.Trim(strings.TrimSpace(c), "/"))
			}
		case strings.ToLower(attrFullText):
			e.fullText = strings.EqualFold(strings.TrimSpace(a.Value), "true")
		case strings.ToLower(attrDir):
			e.dir = a.Value
		}
	}
	e.name = text
	if strings.TrimSpace(e.name) == "" {
		e.name = title
	}
	e.name = cleanLine(e.name)
	return e
}

// opmlDoc is the document writeOPML encodes.
type opmlDoc struct {
	XMLName xml.Name     `xml:"opml"`
	Version string       `xml:"version,attr"`
	Title   string       `xml:"head>title"`
	Body    []opmlOutput `xml:"body>outline"`
}

type opmlOutput struct {
	Text     string `xml:"text,attr"`
	Title    string `xml:"title,attr"`
	Type     string `xml:"type,attr"`
	XMLURL   string `xml:"xmlUrl,attr"`
	HTMLURL  string `xml:"htmlUrl,attr,omitempty"`
	Category string `xml:"category,attr,omitempty"`
	FullText string `xml:"dispatchFullText,attr,omitempty"`
	Dir      string `xml:"dispatchDir,attr,omitempty"`
}

// writeOPML writes subscriptions as an OPML 2.0 document: one flat list,
// tags in the category attribute, so that reading it back gives the same
// subscriptions.
func writeOPML(w io.Writer, subs []Subscription) error {
	doc := opmlDoc{Version: "2.0", Title: "dispatch subscriptions", Body: make([]opmlOutput, len(subs))}
	for i, s := range subs {
		o := opmlOutput{Text: s.Name, Title: s.Name, Type: "rss", XMLURL: s.URL, HTMLURL: s.SiteURL, Category: strings.Join(s.Tags, ","), Dir: s.Dir}
		if s.FullText {
			o.FullText = "true"
		}
		doc.Body[i] = o
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode OPML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
