package feed

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// nsBomb is an RSS feed whose one item holds n nested elements, each
// declaring a namespace prefix of its own: goxpp copies the growing map of
// bindings at every level.
func nsBomb(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bomb</title><item><guid>1</guid><title>x</title>`)
	for i := range n {
		fmt.Fprintf(&b, `<p%d:e xmlns:p%d="urn:x:%d">`, i, i, i)
	}
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, `</p%d:e>`, i)
	}
	b.WriteString(`</item></channel></rss>`)
	return []byte(b.String())
}

// nested is a feed whose item holds n nested elements of one namespace.
func nested(n int) []byte {
	return []byte(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Deep</title><item><guid>1</guid><title>x</title>` +
		strings.Repeat("<dc:x>", n) + strings.Repeat("</dc:x>", n) + `</item></channel></rss>`)
}

// TestNamespaceBombIsRefused: a feed whose shape would make the XML parser
// work quadratically (5,000 nested prefixes took seconds and gigabytes;
// 20,000, 80 s and 13 GB) is refused before it is parsed, with a reason,
// and the items stored before stay.
func TestNamespaceBombIsRefused(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(2, "1")...))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	for _, tc := range []struct {
		doc  []byte
		want string
	}{
		{nsBomb(5000), "fetch News: refused: more than 64 XML namespaces in scope at once"},
		{nested(100_000), "fetch News: refused: elements nested more than 256 deep"},
	} {
		srv.serveBytes("/feed", "application/rss+xml", tc.doc)
		res := env.fetch(t)[0]
		errorText(t, res.Err, tc.want)
		if !errors.Is(res.Err, errRefused) {
			t.Errorf("%v is not marked refused", res.Err)
		}
		if len(env.items(t, sub)) != 2 {
			t.Fatal("stored items were lost")
		}
		if list, _ := env.m.List(); !strings.Contains(list[0].LastError, "refused") {
			t.Errorf("feeds does not say why: %+v", list[0])
		}
	}
	// a page that names such a feed is no way round it
	_, _, err := env.m.Add(t.Context(), srv.URL+"/feed?again", "", false)
	errorText(t, err, "refused: elements nested more than 256 deep")
}

func TestCheckXMLLimits(t *testing.T) {
	wide := func(n int) string { // n prefixes declared on one element
		var b strings.Builder
		b.WriteString("<rss><x")
		for i := range n {
			fmt.Fprintf(&b, ` xmlns:p%d="urn:%d"`, i, i)
		}
		b.WriteString("/></rss>")
		return b.String()
	}
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"deep enough", string(nested(maxXMLDepth - 3)), ""}, // inside rss, channel and item
		{"too deep", string(nested(maxXMLDepth - 2)), "nested more than 256 deep"},
		{"namespaces enough", wide(maxXMLNamespaces), ""},
		{"too many namespaces", wide(maxXMLNamespaces + 1), "more than 64 XML namespaces"},
		{"redeclared prefixes are one", `<rss xmlns:a="1">` + strings.Repeat(`<x xmlns:a="2" xmlns:a="3">`, 200) + strings.Repeat("</x>", 200) + "</rss>", ""},
		{"siblings do not add up", "<rss>" + strings.Repeat(`<x xmlns:a="1" xmlns:b="2"/>`, 1000) + "</rss>", ""},
		{"too many elements", "<rss>" + strings.Repeat("<x/>", maxXMLElements) + "</rss>", "more than 1000000 XML elements"},
		{"too much namespace work", wide(60)[:len(wide(60))-len("/></rss>")] + ">" + strings.Repeat("<y/>", maxXMLNamespaceWork/60) + "</x></rss>", "too many XML namespaces for its"},
		{"not well-formed is left to the parser", "<rss><x></y>" + strings.Repeat("<z>", 1000), ""},
		{"control bytes dropped as gofeed does", "<rss>\x01<x\x02 xmlns:a='1'/></rss>", ""},
	} {
		err := checkXML([]byte(tc.doc))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "":
			errorText(t, err, "refused: ", tc.want)
		}
	}
}

// FuzzCheckXML: the check never panics, and refuses only with a one-line
// reason marked as a refusal.
func FuzzCheckXML(f *testing.F) {
	seedFiles(f)
	f.Add(nsBomb(70))
	f.Add(nested(300))
	f.Add([]byte("<rss xmlns='a' xmlns:b='c'><b:x xmlns:b='d'></b:y></rss>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := checkXML(data)
		if err == nil {
			return
		}
		if !errors.Is(err, errRefused) || cleanLine(err.Error()) != err.Error() {
			t.Fatalf("error %q", err)
		}
	})
}
