package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// benchFeed is an RSS document of n items of realistic HTML, about 2 KB
// each: paragraphs with entities, links, an image, a list, a quote.
func benchFeed(n int) []byte {
	items := make([]testItem, n)
	for i := range items {
		var b strings.Builder
		fmt.Fprintf(&b, `<p>The council met on Tuesday &amp; discussed item %d of the agenda, the <a href="/agenda/%d">harbour fees</a>. `, i, i)
		b.WriteString(`Residents said the proposal would &ldquo;double the cost&rdquo; of mooring for small boats, and asked for a public hearing.</p>`)
		fmt.Fprintf(&b, `<p><img src="/images/%d.jpg" alt="The harbour at dawn"> Photo: the harbour association.</p>`, i)
		b.WriteString(`<ul><li>Fees for boats over eight metres would double</li><li>Visitors' moorings would cost more in summer</li><li>Season tickets keep their price</li></ul>`)
		b.WriteString(`<blockquote><p>We cannot pass this on to our customers, said one café owner.</p></blockquote>`)
		b.WriteString(`<p>` + longText + `</p><p>The vote is expected in December. <em>More on this story</em> as it develops; see also <a href="https://example.test/related">related coverage</a>.</p>`)
		items[i] = testItem{guid: fmt.Sprint("bench-", i), title: fmt.Sprintf("Council meeting, item %d &amp; more", i), link: fmt.Sprintf("https://news.example.test/story/%d", i),
			author: "Marta Olsen", date: "Sun, 23 Nov 2025 09:30:00 +0100", body: b.String()}
	}
	return rssFeed("Bench Gazette", items...)
}

// BenchmarkConvertFeed turns a 1 MB feed of 500 items into item files'
// contents, as the first fetch of a feed does (without the disk): parsing,
// cleaning, HTML to markdown on every core, front matter. Target: at most
// 300 ms per op.
func BenchmarkConvertFeed(b *testing.B) {
	doc := benchFeed(500)
	b.SetBytes(int64(len(doc)))
	sub := Subscription{Name: "Bench Gazette", URL: "https://news.example.test/rss", Dir: "bench"}
	base, _ := url.Parse(sub.URL)
	for b.Loop() {
		pf, err := parseFeed(doc, "application/rss+xml")
		if err != nil {
			b.Fatal(err)
		}
		ws := make([]work, len(pf.Items)) // as storeFeed does for a new feed
		for i, gi := range pf.Items {
			ws[i].x = newItem(gi, pf.plainText[i], base, sub)
			ws[i].base, _ = url.Parse(ws[i].x.link)
		}
		if err := convertBodies(context.Background(), ws, sub); err != nil {
			b.Fatal(err)
		}
		for _, w := range ws {
			if w.data == nil || w.err != nil {
				b.Fatal("an item was not rendered", w.err)
			}
		}
	}
}

// BenchmarkFetch50NotModified fetches 50 feeds from a local server that
// answers 304 to each: the cost of a routine fetch when nothing changed.
// Target: at most 1 s per op (wall).
func BenchmarkFetch50NotModified(b *testing.B) {
	srv := newTestServer(b)
	doc := rssFeed("Feed", simpleItems(20, "1")...)
	var opml strings.Builder
	opml.WriteString(`<opml version="2.0"><body>`)
	for i := range 50 {
		path := fmt.Sprintf("/feed%d", i)
		etag := fmt.Sprintf(`"%d"`, i)
		srv.handle(path, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Write(doc)
		})
		fmt.Fprintf(&opml, `<outline text="Feed %d" xmlUrl="%s%s"/>`, i, srv.URL, path)
	}
	opml.WriteString(`</body></opml>`)
	env := newTestEnv(b)
	if _, err := env.m.Import(context.Background(), strings.NewReader(opml.String())); err != nil {
		b.Fatal(err)
	}
	env.fetch(b) // the first fetch stores the items and the ETags
	for b.Loop() {
		res, err := env.m.Fetch(context.Background(), nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if !r.NotModified {
				b.Fatalf("%v", r)
			}
		}
	}
}

// BenchmarkCheckXML is the shape check every XML feed passes before it is
// parsed, on the 1 MB feed of BenchmarkConvertFeed: a small part of that.
func BenchmarkCheckXML(b *testing.B) {
	doc := benchFeed(500)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := checkXML(doc); err != nil {
			b.Fatal(err)
		}
	}
}
