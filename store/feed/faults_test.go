package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dispatch/store/article"
)

func TestAddFindsTheFeedAPageAdvertises(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/gazette/", "page.html", "text/html; charset=utf-8")
	srv.serveFixture(t, "/gazette/rss2.xml", "rss2.xml", "application/rss+xml")
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/gazette/", "", false)
	if sub.URL != srv.URL+"/gazette/rss2.xml" || sub.Name != "Lakeside Gazette" || res.New != 3 {
		t.Fatalf("subscribed %+v, %v", sub, res)
	}
	// the page again, or the feed itself: subscribed already
	for _, u := range []string{srv.URL + "/gazette/", srv.URL + "/gazette/rss2.xml", strings.Replace(srv.URL, "http://", "HTTP://", 1) + "/gazette/rss2.xml#top"} {
		_, _, err := env.m.Add(context.Background(), u, "", false)
		errorText(t, err, `already subscribed as "Lakeside Gazette"`)
	}
	subs, _ := env.m.Subscriptions()
	if len(subs) != 1 {
		t.Errorf("%d subscriptions", len(subs))
	}
}

func TestAddRejectsAPageWithoutAFeed(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/nofeed.html", "nofeed.html", "text/html")
	srv.serveBytes("/notes.txt", "text/plain", []byte("just some text"))
	env := newTestEnv(t)
	_, _, err := env.m.Add(context.Background(), srv.URL+"/nofeed.html", "", false)
	errorText(t, err, "add "+srv.URL+"/nofeed.html: this is a web page that advertises no feed")
	_, _, err = env.m.Add(context.Background(), srv.URL+"/notes.txt", "", false)
	errorText(t, err, "not an RSS, Atom or JSON feed")
	if _, err := os.Stat(env.subs); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed add wrote the subscriptions file")
	}
	if entries, _ := os.ReadDir(env.m.FeedsDir()); len(entries) > 0 {
		t.Errorf("a failed add left files: %v", entries)
	}
}

func TestAddNames(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Daily News", simpleItems(1, "a")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Daily News", simpleItems(1, "b")...))
	srv.serveBytes("/c", "application/rss+xml", rssFeed("", simpleItems(1, "c")...))
	env := newTestEnv(t)
	a, _ := env.add(t, srv.URL+"/a", "", false)
	b, _ := env.add(t, srv.URL+"/b", "", false)
	if a.Name != "Daily News" || b.Name != "Daily News 2" || a.Dir == b.Dir {
		t.Errorf("names %q %q, dirs %q %q", a.Name, b.Name, a.Dir, b.Dir)
	}
	_, _, err := env.m.Add(context.Background(), srv.URL+"/c", "daily news", false)
	errorText(t, err, `a feed named "daily news" exists already`)
	c, _ := env.add(t, srv.URL+"/c", "", true)
	if c.Name != "127.0.0.1" || c.FullText == nil || !*c.FullText {
		t.Errorf("untitled feed: %+v", c)
	}
}

func TestInvalidFeedsAreOneLineErrors(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(2, "1")...))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	for _, tc := range []struct{ body, want string }{
		{"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel><title>Broken</title>\n<item><title>cut off", "fetch News: invalid feed:"},
		{"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "fetch News: invalid feed:"},
		{"", "fetch News: not an RSS, Atom or JSON feed"},
		{"<html><body>Maintenance</body></html>", "fetch News: not an RSS, Atom or JSON feed"},
	} {
		srv.serveBytes("/feed", "application/rss+xml", []byte(tc.body))
		errorText(t, env.fetch(t)[0].Err, tc.want)
		if len(env.items(t, sub)) != 2 {
			t.Fatal("stored items were lost")
		}
	}
}

// TestTenThousandItems writes 10,000 items in one fetch, with the caps
// raised to allow it (TestItemsPerFetchAreCapped has the default).
func TestTenThousandItems(t *testing.T) {
	t.Parallel() // heavy on the disk: overlaps with the rest
	items := make([]testItem, 10_000)
	for i := range items {
		items[i] = testItem{guid: fmt.Sprint("g", i), title: fmt.Sprint("Item ", i), body: fmt.Sprintf("<p>Short note number %d.</p>", i)}
	}
	srv := newTestServer(t)
	srv.serveBytes("/big", "application/rss+xml", rssFeed("Big", items...))
	env := newTestEnv(t, func(c *Config) { c.MaxItemsPerFetch, c.KeepItems = 10_000, -1 })
	sub, res := env.add(t, srv.URL+"/big", "", false)
	if res.New != 10_000 {
		t.Fatalf("result %v", res)
	}
	if n := len(env.items(t, sub)); n != 10_000 {
		t.Fatalf("%d files", n)
	}
	if res := env.fetch(t)[0]; res.Unchanged != 10_000 || res.New+res.Updated != 0 {
		t.Errorf("refetch %v", res)
	}
	if st := readState(env.m.dirOf(sub)); st.ItemCount != 10_000 || len(st.Items) != 10_000 {
		t.Errorf("state: %d in feed, %d items", st.ItemCount, len(st.Items))
	}
}

func TestFiveMegabyteItem(t *testing.T) {
	t.Parallel() // heavy on the disk: overlaps with the rest
	var body strings.Builder
	for body.Len() < 5<<20 {
		fmt.Fprintf(&body, "<p>Paragraph %d. %s</p>\n", body.Len(), longText)
	}
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("Huge", testItem{guid: "huge", title: "A very long item", body: body.String()}))
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/feed", "", false)
	if res.New != 1 {
		t.Fatalf("result %v", res)
	}
	for name, data := range env.items(t, sub) {
		if len(data) > maxBodyBytes+4096 {
			t.Errorf("%s is %d bytes", name, len(data))
		}
		if !strings.HasSuffix(data, "*(This item was too long and has been shortened.)*\n") {
			t.Errorf("%s does not say it was shortened", name)
		}
	}
	if arts := env.mustLoadClean(t); len(arts) != 1 || arts[0].Title != "A very long item" {
		t.Errorf("loaded %v", arts)
	}
}

func TestCharsets(t *testing.T) {
	srv := newTestServer(t)
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 \x93Latin\x94</title>" +
		"<item><guid>1</guid><title>Cr\xe8me br\xfbl\xe9e \x96 recipe</title><description>&lt;p&gt;Na\xefve \xbd cup&lt;/p&gt;</description></item></channel></rss>"
	cp1252 := "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Windows</title>" +
		"<item><guid>1</guid><title>\x93Smart\x94 quotes \x85 and \x80 euro</title><description>Text</description></item></channel></rss>"
	invalid := "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken \xff\xfe bytes</title>" +
		"<item><guid>1</guid><title>Half \xe2\x82 a euro</title><description>Body \xc3</description></item></channel></rss>"
	prologWins := "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>Prolog \x80</title></channel></rss>"
	srv.serveBytes("/latin1", "application/rss+xml", []byte(latin1))
	srv.serveBytes("/cp1252", "application/rss+xml; charset=windows-1252", []byte(cp1252))
	srv.serveBytes("/invalid", "application/rss+xml", []byte(invalid))
	srv.serveBytes("/prolog", "text/xml; charset=utf-8", []byte(prologWins))
	env := newTestEnv(t)
	for _, tc := range []struct{ path, feed, title, body string }{
		{"/latin1", "Café “Latin”", "Crème brûlée – recipe", "Naïve ½ cup"},
		{"/cp1252", "Windows", "“Smart” quotes … and € euro", "Text"},
		{"/invalid", "Broken \uFFFD bytes", "Half \uFFFD a euro", "Body \uFFFD"},
		{"/prolog", "Prolog €", "", ""},
	} {
		sub, _ := env.add(t, srv.URL+tc.path, "", false)
		if sub.Name != tc.feed {
			t.Errorf("%s: feed title %q, want %q", tc.path, sub.Name, tc.feed)
		}
		if tc.title == "" {
			continue
		}
		_, _, body := itemByTitle(t, env.items(t, sub), tc.title)
		if body != tc.body {
			t.Errorf("%s: body %q, want %q", tc.path, body, tc.body)
		}
	}
	env.mustLoadClean(t)
}

// hostile is text that tries to reach the terminal: escape sequences raw,
// as C1 controls and as references, bidi overrides and marks, TAG
// characters, controls, invalid UTF-8.
var hostile = []string{
	"\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "\u009b31m", "\u009d0;x\u009c",
	"&#27;[2J", "&#x1B;[2J", "&amp;#27;[2J", "&amp;#x9b;", "&#0000027;", "&amp;#x202E;", "&amp;rlm;", "&amp;#x200F;", "&amp;#917505;",
	"\u202Eevil\u202C", "\u2066iso\u2069", "\u200Fmark\u200E", "\u061C", "\U000E0041\U000E0042", "nul\x00", "bell\x07", "cr\r", "del\x7f",
}

func TestHostileTextNeverReachesTheFiles(t *testing.T) {
	evil := strings.Join(hostile, " ")
	xmlEvil := strings.NewReplacer("\x1b", "", "\x00", "", "\x07", "").Replace(evil) // XML cannot carry these raw
	srv := newTestServer(t)
	rss := rssFeed("Feed "+xmlEvil, testItem{guid: "g " + xmlEvil, title: "Title " + xmlEvil, link: "http://127.0.0.1/a?" + xmlEvil, author: "Author " + xmlEvil,
		body: "<p>Body " + xmlEvil + ` <a href="/x">link ` + xmlEvil + `</a> <img src="/i.png" alt="alt ` + xmlEvil + `"></p>`})
	srv.serveBytes("/rss", "application/rss+xml", rss)
	jsonEvil := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x1b", `\u001b`, "\x00", `\u0000`, "\x07", `\u0007`, "\r", `\r`, "\x7f", `\u007f`).Replace(evil)
	srv.serveBytes("/json", "application/feed+json", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J `+jsonEvil+`","items":[`+
		`{"id":"1 `+jsonEvil+`","title":"T `+jsonEvil+`","authors":[{"name":"A `+jsonEvil+`"}],"content_html":"<p>H `+jsonEvil+`</p>"},`+
		`{"id":"2","title":"Plain","content_text":"P `+jsonEvil+`"}]}`))
	srv.serveBytes("/atom", "application/atom+xml", []byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A `+xmlEvil+`</title>`+
		`<entry><id>x</id><title type="html">`+xmlEvil+`</title><author><name>`+xmlEvil+`</name></author><content type="html">`+xmlEvil+`</content></entry></feed>`))
	env := newTestEnv(t)
	for _, p := range []string{"/rss", "/json", "/atom"} {
		env.add(t, srv.URL+p, "", false)
	}
	files := 0
	filepath.WalkDir(filepath.Dir(env.m.FeedsDir()), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".lock") {
			return err
		}
		data, _ := os.ReadFile(path)
		files++
		assertSafe(t, path, string(data))
		return nil
	})
	subs, _ := os.ReadFile(env.subs)
	assertSafe(t, env.subs, string(subs))
	if files != 8 { // 4 items, 3 fetch states, the journal of changes
		t.Errorf("%d files", files)
	}
	arts := env.mustLoadClean(t)
	for _, a := range arts {
		if a.Title != "Plain" && (!strings.Contains(a.Title, "red") || !strings.Contains(a.Title, "evil")) {
			t.Errorf("the visible text of the title is gone: %q", a.Title)
		}
	}
}

// assertSafe fails if text could put anything but printable characters on
// a terminal, now or after the markdown renderer decodes references.
func assertSafe(t testing.TB, name, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("%s: invalid UTF-8", name)
	}
	for i, r := range text {
		if article.IsUnsafe(r) {
			t.Errorf("%s: unsafe rune %U at %d in %q", name, r, i, text[max(0, i-20):min(len(text), i+20)])
			return
		}
	}
	if n := neutralizeRefs(text); n != text {
		t.Errorf("%s: a reference to an unsafe character survives", name)
	}
}
