package feed

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// errNotAFeed says a document is none of RSS, Atom or JSON Feed.
var errNotAFeed = errors.New("not an RSS, Atom or JSON feed")

// parsedFeed is a feed document decoded, with what gofeed's universal items
// lose: whether each item's content is plain text (a JSON Feed's
// content_text) rather than HTML.
type parsedFeed struct {
	*gofeed.Feed
	plainText []bool // by item index
}

// parseFeed decodes a feed document of any supported format. contentType
// is the HTTP Content-Type, which may name the charset.
func parseFeed(body []byte, contentType string) (pf *parsedFeed, err error) {
	defer func() { // gofeed is third-party code fed untrusted input
		if r := recover(); r != nil {
			pf, err = nil, fmt.Errorf("invalid feed: the parser failed (%v)", r)
		}
	}()
	kind := gofeed.DetectFeedType(bytes.NewReader(body[:min(len(body), 4096)]))
	converted := false
	if kind == gofeed.FeedTypeUnknown {
		// a feed after a byte-order mark or in UTF-16 is still a feed
		body, converted = xmlToUTF8(body, contentType), true
		kind = gofeed.DetectFeedType(bytes.NewReader(body[:min(len(body), 4096)]))
	}
	p := gofeed.NewParser()
	// gofeed parses every item's HTML again to find a picture; items' images
	// are not used, and that was a tenth of the conversion time
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	switch kind {
	case gofeed.FeedTypeUnknown:
		return nil, errNotAFeed
	case gofeed.FeedTypeJSON:
		body = bytes.ToValidUTF8(body, []byte("\uFFFD")) // JSON Feed is UTF-8
		p.KeepOriginalFeed = true
	default:
		if !converted {
			body = xmlToUTF8(body, contentType)
		}
		if err := checkXML(body); err != nil {
			return nil, err
		}
	}
	f, err := p.Parse(bytes.NewReader(body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, errNotAFeed
	}
	if err != nil {
		return nil, fmt.Errorf("invalid feed: %w", err)
	}
	pf = &parsedFeed{Feed: f, plainText: make([]bool, len(f.Items))}
	if orig, ok := f.OriginalFeed().(*jsonfeed.Feed); ok && len(orig.Items) == len(f.Items) {
		for i, it := range orig.Items {
			pf.plainText[i] = it != nil && it.ContentHTML == "" && it.ContentText != ""
		}
	}
	return pf, nil
}

var (
	utf8BOM    = []byte{0xef, 0xbb, 0xbf}
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
	// xmlDecl matches the XML declaration's encoding, if any.
	xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]*)["']`)
)

// xmlToUTF8 turns an XML feed in any declared charset into valid UTF-8 that
// says so. The charset comes from a byte-order mark, else the XML
// declaration, else the HTTP Content-Type (the declaration is written by the
// program that wrote the feed; servers often add a default charset that is
// wrong), else UTF-8. Latin-1 is decoded as Windows-1252, as browsers do.
// Then invalid UTF-8 is repaired and references to characters XML forbids
// ("&#27;") are replaced, since either would make the XML parser give up on
// the whole feed.
func xmlToUTF8(b []byte, contentType string) []byte {
	label := ""
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		b = b[len(utf8BOM):]
	case bytes.HasPrefix(b, utf16LEBOM), bytes.HasPrefix(b, utf16BEBOM):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(b); err == nil {
			b = out
		}
	default:
		if m := xmlDecl.FindSubmatch(b[:min(len(b), 1024)]); m != nil {
			label = string(m[1])
		}
		if label == "" {
			label = contentTypeCharset(contentType)
		}
	}
	if label != "" && !isUTF8Label(label) {
		if enc, _ := charset.Lookup(label); enc != nil {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				b = out
			}
		}
	}
	if loc := xmlDecl.FindSubmatchIndex(b[:min(len(b), 1024)]); loc != nil && !isUTF8Label(string(b[loc[2]:loc[3]])) {
		b = append(append(append([]byte{}, b[:loc[2]]...), "UTF-8"...), b[loc[3]:]...)
	}
	b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	return replaceIllegalRefs(b)
}

// replaceIllegalRefs replaces numeric references to characters XML forbids
// ("&#27;") with U+FFFD. Feeds are full of legal references ("&#39;"), so
// it scans by hand and copies only when it must.
func replaceIllegalRefs(b []byte) []byte {
	var out []byte
	done := 0 // b[:done] is in out already
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("&#"))
		if j < 0 {
			break
		}
		start := i + j
		end, legal := parseCharRef(b[start:])
		if end == 0 {
			i = start + 2
			continue
		}
		if !legal {
			out = append(append(out, b[done:start]...), "\uFFFD"...)
			done = start + end
		}
		i = start + end
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

// parseCharRef reads a reference "&#...;" at the start of b: its length
// (0 if it is not one) and whether XML allows the character.
func parseCharRef(b []byte) (int, bool) {
	i, base := 2, uint64(10)
	if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
		i, base = 3, 16
	}
	var n uint64
	digits := 0
	for ; i < len(b); i++ {
		d := uint64(16)
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		}
		if d >= base {
			break
		}
		n = min(n*base+d, 0x110000) // past the last code point: illegal, and no overflow
		digits++
	}
	if digits == 0 || i >= len(b) || b[i] != ';' {
		return 0, false
	}
	return i + 1, n <= 0x10ffff && isXMLChar(rune(n))
}

// isXMLChar reports the characters XML 1.0 allows.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xa || r == 0xd || r >= 0x20 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}

func isUTF8Label(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	return l == "utf-8" || l == "utf8" || l == "" || l == "us-ascii" || l == "ascii"
}

// contentTypeCharset is the charset parameter of a Content-Type header.
func contentTypeCharset(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// mediaType is the lower-case media type of a Content-Type header.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt
}
