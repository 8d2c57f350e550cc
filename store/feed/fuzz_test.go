package feed

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// The fuzz targets check what the package promises about untrusted input:
//
//   - safety: every output is valid UTF-8 with no C0/C1 control (other than
//     newline and tab), no ESC, no bidi control, no TAG character, and no
//     character reference that a markdown renderer would decode to one;
//   - idempotence, in the sense the fetcher relies on: cleaning is a fixed
//     point (cleanText(cleanText(s)) == cleanText(s), same for cleanLine),
//     converted markdown passes cleanText unchanged, rendering an item twice
//     gives the same bytes (so an unchanged item is never rewritten), and
//     reading an item's front matter back with the loader's YAML library
//     gives exactly the values written. (Converting the markdown again, as
//     if it were HTML, is not expected to be a no-op: markdown is not HTML.)

// seedFiles adds the fixtures to a corpus.
func seedFiles(f *testing.F) {
	for _, name := range []string{"rss2.xml", "rss1.rdf", "atom.xml", "feed.json", "page.html", "article.html", "nofeed.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte("http://127.0.0.1:8080")))
	}
}

// nastyHTML are seeds that have broken things, or could.
var nastyHTML = []string{
	"&#&#&#27;27;27;", "&#2\U000E00417;", "<p>&amp;#x202e;</p>", "<a href='java\tscript:x'>x</a>", "<img src=x alt='a]b[c'>",
	"<table><tr><td colspan=99999 rowspan=99999>x</td></tr></table>", strings.Repeat("<div>", 600) + "x",
	"<pre><code>\x1b[31m</code></pre>", "*a* _b_ `c` [d](e) <f> \\g", "<base href='javascript:x'><a href=y>z</a>",
	"<a href=\"http://x/\u009b\">c1</a>", "\xff<p>\xfe</p>", "<svg><script>x</script></svg>text", "line\r\nbreak\rcr",
}

func FuzzHTMLToMarkdown(f *testing.F) {
	seedFiles(f)
	for _, s := range append(nastyHTML, hostile...) {
		f.Add([]byte(s))
	}
	base, _ := url.Parse("https://news.example.test/a/b.html")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // big inputs only slow the fuzzer down; TestFiveMegabyteItem covers size
		}
		for _, convert := range []func(string, *url.URL) (string, error){htmlToMarkdown, bodyToMarkdown} {
			md, err := convert(string(data), base)
			if err != nil {
				t.Fatal(err) // conversion never fails: it falls back to text
			}
			assertSafe(t, "markdown", md)
			if again := cleanText(md); again != md {
				t.Fatalf("converted markdown is not clean:\n%q\n%q", md, again)
			}
			if md2, _ := convert(string(data), base); md2 != md {
				t.Fatal("conversion is not deterministic")
			}
		}
		line := htmlText(string(data))
		assertSafe(t, "title", line)
		if strings.ContainsAny(line, "\n\t") || cleanLine(line) != line {
			t.Fatalf("htmlText(%q) = %q is not one clean line", data, line)
		}
	})
}

func FuzzFeedToItems(f *testing.F) {
	seedFiles(f)
	for _, s := range hostile {
		f.Add(rssFeed("T "+s, testItem{guid: s, title: s, link: "http://x/" + s, author: s, body: s}))
	}
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>\xe9\x93</title><item><title>\x96</title></item></channel></rss>"))
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"\u001b[2J","content_text":"a\u0000b","title":"\ud800"}]}`))
	sub := Subscription{Name: "Fuzz", URL: "https://feeds.example.test/rss", Dir: "fuzz"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256<<10 {
			return
		}
		pf, err := parseFeed(data, "")
		if err != nil {
			if msg := (&fetchError{name: "Fuzz", err: err}).Error(); cleanLine(msg) != msg {
				t.Fatalf("error is not one clean line: %q", msg)
			}
			return
		}
		assertSafe(t, "feed title", htmlText(pf.Title))
		base, _ := url.Parse(sub.URL)
		for i, gi := range pf.Items[:min(len(pf.Items), 20)] {
			if gi == nil {
				continue
			}
			x := newItem(gi, pf.plainText[i], base, sub)
			body, err := bodyToMarkdown(x.content, base)
			if x.plainText {
				body, err = textToMarkdown(x.content)
			}
			if err != nil {
				t.Fatal(err)
			}
			file, err := render(x, body, sub)
			if err != nil {
				t.Fatal(err)
			}
			assertSafe(t, "item file", string(file))
			if again, _ := render(newItem(gi, pf.plainText[i], base, sub), body, sub); !bytes.Equal(again, file) {
				t.Fatal("rendering is not deterministic")
			}
			checkFrontMatter(t, file, x, sub)
			if name := fileName(x); !validItemFile(name) || strings.ContainsAny(name, " \t\n") {
				t.Fatalf("bad file name %q", name)
			}
		}
	})
}

// checkFrontMatter reads an item file's front matter back as the loader
// does and compares it with what was written.
func checkFrontMatter(t *testing.T, file []byte, x item, sub Subscription) {
	t.Helper()
	rest, ok := bytes.CutPrefix(file, []byte("---\n"))
	head, _, ok2 := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !ok2 {
		t.Fatalf("no front matter in %q", file)
	}
	var fm frontMatter
	if err := yaml.Unmarshal(head, &fm); err != nil {
		t.Fatalf("front matter does not read back: %v\n%s", err, head)
	}
	if x.title != "" && fm.Title != x.title || fm.Byline != x.byline || fm.URL != x.link || fm.GUID != x.guid || fm.Source != sub.Name {
		t.Fatalf("front matter changed on the way: %+v vs %+v", fm, x)
	}
	for _, v := range []string{fm.Title, fm.Byline, fm.URL, fm.GUID} {
		if cleanLine(v) != v {
			t.Fatalf("front matter value %q is not one clean line", v)
		}
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range append(nastyHTML, hostile...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := cleanText(s)
		assertSafe(t, "cleanText", once)
		if cleanText(once) != once {
			t.Fatalf("cleanText is not idempotent on %q", s)
		}
		line := cleanLine(s)
		if cleanLine(line) != line || strings.ContainsAny(line, "\n\t") {
			t.Fatalf("cleanLine is not idempotent on %q", s)
		}
		u := cleanURL(s)
		if cleanURL(u) != u {
			t.Fatalf("cleanURL is not idempotent on %q", s)
		}
		assertSafe(t, "cleanURL", u)
	})
}

// FuzzOPMLRoundTrip: an OPML document read, written and read again gives
// the same tree (unknown outlines and attributes kept), written the same;
// the subscriptions file made of it reads back with the same
// subscriptions, outlines it cannot use and no change left to write; and
// what is written is safe for a terminal.
func FuzzOPMLRoundTrip(f *testing.F) {
	f.Add([]byte(`<opml version="2.0"><body><outline text="a"><outline text="b" xmlUrl="http://x/" category="c,d"/></outline></body></opml>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"\xe9\" xmlUrl=\"http://x/\" dispatchDir=\"../x\"/></body></opml>"))
	f.Add([]byte(`<opml><body><outline text="&#x1b;[31m&#x202e;" xmlUrl="http://x/&#27;"/></body></opml>`))
	f.Add([]byte(`<opml version="1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><head><title>Mine</title><dc:date>today</dc:date></head>` +
		`<body><outline text="News"><outline text="A" xmlUrl="htps://a.example/" description="typo"/><outline text="B" xmlUrl="b.example/feed"/>` +
		`<outline text="C" xmlUrl="http://c.example/" dc:lang="en"/><outline text="C again" xmlUrl="HTTP://C.EXAMPLE:80/"/></outline>` +
		`<outline text="a note"/><other x="1">text <b/></other></body></opml>`))
	f.Add([]byte(`<opml><body><outline text="S" xmlUrl="http://s/" dispatchFullText="FALSE" dispatchRefresh="7d" category="a, b"/>` +
		`<outline text="T" xmlUrl="http://t/" dispatchFullText="maybe"/><outline text="U" xmlUrl="http://u/" dispatchRefresh="-2h"/></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readOPML(bytes.NewReader(data))
		if err != nil {
			if cleanLine(err.Error()) != err.Error() {
				t.Fatalf("error is not one clean line: %q", err)
			}
			return
		}
		var once bytes.Buffer
		writeOPML(&once, doc)
		assertSafe(t, "OPML", once.String())
		back, err := readOPML(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("written OPML does not read back: %v\n%s", err, once.String())
		}
		if !reflect.DeepEqual(back.root, doc.root) {
			t.Fatalf("read back differs:\n%s", once.String())
		}
		var twice bytes.Buffer
		writeOPML(&twice, back)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("written twice differs:\n%s\n%s", once.String(), twice.String())
		}

		// as the subscriptions file: names and directories given once,
		// then nothing to change
		dir := filepath.Join(os.TempDir(), "dispatch-fuzz-feeds-absent")
		first, err := parseSubs(once.Bytes(), dir)
		if err != nil {
			t.Fatalf("a document written does not read as subscriptions: %v", err)
		}
		for _, s := range first.subs {
			if !validDir.MatchString(s.Dir) || cleanLine(s.Name) != s.Name || s.Name == "" {
				t.Fatalf("bad subscription %+v", s)
			}
		}
		var saved bytes.Buffer
		writeOPML(&saved, first.doc)
		again, err := parseSubs(saved.Bytes(), dir)
		if err != nil || again.changed || !reflect.DeepEqual(again.subs, first.subs) || !reflect.DeepEqual(again.listed, first.listed) {
			t.Fatalf("the subscriptions file does not read back the same (%v):\n%s", err, saved.String())
		}
		if len(first.listed) != len(doc.entries()) {
			t.Fatalf("%d outlines listed of %d", len(first.listed), len(doc.entries()))
		}
	})
}

// FuzzParseRefresh: an interval read is in range and reads back the same
// as FormatRefresh writes it; anything else is one clean line of error.
func FuzzParseRefresh(f *testing.F) {
	for _, s := range []string{"0", "30m", "2h", "1h30m", "7d", "-7d", "+7d", "1e9h", "9223372036854775807ns", "366d", "d", "\x1b[2J", "2h\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseRefresh(s)
		if err != nil {
			if msg := err.Error(); cleanLine(msg) != msg {
				t.Fatalf("error is not one clean line: %q", msg)
			}
			return
		}
		if d != 0 && (d < MinRefresh || d > MaxRefresh) {
			t.Fatalf("%q: %v out of range", s, d)
		}
		if back, err := ParseRefresh(FormatRefresh(d)); err != nil || back != d {
			t.Fatalf("%q: %v written %q reads back %v, %v", s, d, FormatRefresh(d), back, err)
		}
	})
}
