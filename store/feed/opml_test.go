package feed

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func importString(t *testing.T, env *testEnv, opml string) (ImportResult, error) {
	t.Helper()
	return env.m.Import(context.Background(), strings.NewReader(opml))
}

func TestImportFoldersBecomeTags(t *testing.T) {
	env := newTestEnv(t)
	res, err := importString(t, env, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Exported from another reader</title></head>
  <body>
    <outline text="News">
      <outline text="Local" title="Local">
        <outline type="rss" text="Lakeside Gazette" xmlUrl="http://127.0.0.1/gazette.xml" htmlUrl="http://127.0.0.1/"/>
      </outline>
      <outline type="rss" title="Only a title" xmlURL="http://127.0.0.1/title.xml" category="/Tech/Go, Science,science"/>
    </outline>
    <outline type="rss" text="Top level" xmlurl="http://127.0.0.1/top.xml" dispatchFullText="true"/>
    <outline text="An empty folder"/>
  </body>
</opml>`)
	if err != nil || len(res.Added) != 3 || res.Duplicates != 0 || res.InvalidCount != 0 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	subs, err := env.m.Subscriptions()
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{Name: "Lakeside Gazette", URL: "http://127.0.0.1/gazette.xml", SiteURL: "http://127.0.0.1/", Tags: []string{"News", "Local"}, Dir: "lakeside-gazette"},
		{Name: "Only a title", URL: "http://127.0.0.1/title.xml", Tags: []string{"Tech/Go", "Science", "News"}, Dir: "only-a-title"},
		{Name: "Top level", URL: "http://127.0.0.1/top.xml", FullText: new(true), Dir: "top-level"},
	}
	if !reflect.DeepEqual(subs, want) {
		t.Errorf("subscriptions\n got %+v\nwant %+v", subs, want)
	}
}

func TestImportBadOPML(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct{ in, want string }{
		{"", "import: the file is empty"},
		{"   \n", "import: the file is empty"},
		{"<opml version=\"2.0\"><body><outline text=\"a\" xmlUrl=\"http://x/\">", "import: not well-formed XML: line 1: unexpected EOF"},
		{"<opml><body><outline text='x' xmlUrl='http://x/'></body></opml>", "import: not well-formed XML: line 1: element <outline> closed by </body>"},
		{"this is not xml at all", "import: no XML elements in the file"},
		{`<rss version="2.0"><channel><title>A feed</title></channel></rss>`, "import: not OPML: the document is <rss>, not <opml>"},
		{`<opml version="2.0"><head/><body></body></opml>`, "import: no feeds in the file"},
		{`<opml version="2.0"><body><outline text="folder"><outline text="no url"/></outline></body></opml>`, "import: no feeds in the file"},
		{strings.Repeat("<outline>", 2) + "x", "import: not OPML"},
	} {
		_, err := importString(t, env, tc.in)
		errorText(t, err, tc.want)
	}
	deep := "<opml><body>" + strings.Repeat(`<outline text="f">`, 100) + strings.Repeat("</outline>", 100) + "</body></opml>"
	_, err := importString(t, env, deep)
	errorText(t, err, "nested more than 64 deep")
	if _, err := os.Stat(env.subs); err == nil {
		t.Error("a failed import wrote the subscriptions file")
	}
}

func TestImportThousandFeedsAndDuplicates(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>Big</title></head><body>`)
	for i := range 1000 {
		fmt.Fprintf(&b, `<outline type="rss" text="Feed %d" xmlUrl="https://feeds%d.example.test/rss?id=%d"/>`, i%500, i%7, i)
	}
	for i := range 10 { // listed twice, in another spelling
		fmt.Fprintf(&b, `<outline type="rss" text="Again %d" xmlUrl="HTTPS://FEEDS%d.example.test:443/rss?id=%d#x"/>`, i, i%7, i)
	}
	b.WriteString(`<outline text="bad" xmlUrl="ftp://example.test/feed"/><outline text="worse" xmlUrl="::"/>`)
	b.WriteString(`</body></opml>`)
	env := newTestEnv(t)
	res, err := importString(t, env, b.String())
	if err != nil || len(res.Added) != 1000 || res.Duplicates != 10 || res.InvalidCount != 2 || len(res.Invalid) != 2 {
		t.Fatalf("import: %d added, %d duplicates, invalid %v, %v", len(res.Added), res.Duplicates, res.Invalid, err)
	}
	subs, err := env.m.Subscriptions()
	if err != nil || len(subs) != 1000 {
		t.Fatalf("%d subscriptions, %v", len(subs), err)
	}
	names, dirs := map[string]bool{}, map[string]bool{}
	for _, s := range subs {
		if names[strings.ToLower(s.Name)] || dirs[s.Dir] {
			t.Fatalf("duplicate name or directory: %+v", s)
		}
		names[strings.ToLower(s.Name)], dirs[s.Dir] = true, true
	}
	if subs[500].Name != "Feed 0 2" || subs[500].Dir != "feed-0-2" {
		t.Errorf("a repeated name: %+v", subs[500])
	}
	// importing the same file again adds nothing
	res, err = importString(t, env, b.String())
	if err != nil || len(res.Added) != 0 || res.Duplicates != 1010 {
		t.Errorf("second import: %d added, %d duplicates, %v", len(res.Added), res.Duplicates, err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	env := newTestEnv(t)
	_, err := importString(t, env, `<opml version="2.0"><body>
		<outline text="Tagged &amp; &quot;quoted&quot; &lt;name&gt;" xmlUrl="http://127.0.0.1/a?x=1&amp;y=2" htmlUrl="http://127.0.0.1/" category="one,two"/>
		<outline text="Full" xmlUrl="http://127.0.0.1/b" dispatchFullText="true"/>
		<outline text="Caf&#233; &#x2603;" xmlUrl="http://127.0.0.1/c"/>
	</body></opml>`)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := env.m.Export(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), `<?xml version="1.0" encoding="UTF-8"?>`) || !strings.Contains(out.String(), `<opml version="2.0">`) {
		t.Errorf("export:\n%s", out.String())
	}
	other := newTestEnv(t)
	if _, err := other.m.Import(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	a, _ := env.m.Subscriptions()
	b, _ := other.m.Subscriptions()
	if !reflect.DeepEqual(a, b) || len(a) != 3 {
		t.Errorf("round trip\n got %+v\nwant %+v", b, a)
	}
	if a[0].Name != `Tagged & "quoted" <name>` || a[2].Name != "Café ☃" {
		t.Errorf("names %q %q", a[0].Name, a[2].Name)
	}
}

func TestImportedDirectoriesStayInside(t *testing.T) {
	env := newTestEnv(t)
	_, err := importString(t, env, `<opml version="2.0"><body>
		<outline text="Escape" xmlUrl="http://127.0.0.1/a" dispatchDir="../../../tmp/evil"/>
		<outline text="Hidden" xmlUrl="http://127.0.0.1/b" dispatchDir=".ssh"/>
		<outline text="Fine" xmlUrl="http://127.0.0.1/c" dispatchDir="my-dir"/>
		<outline text="Twice" xmlUrl="http://127.0.0.1/d" dispatchDir="my-dir"/>
		<outline text="&#x1b;[31mRed&#x202e;" xmlUrl="http://127.0.0.1/e"/>
		<outline text="東京新聞" xmlUrl="https://www.tokyo-np.example.test/rss"/>
	</body></opml>`)
	if err != nil {
		t.Fatal(err)
	}
	subs, _ := env.m.Subscriptions()
	var got []string
	for _, s := range subs {
		got = append(got, s.Dir)
	}
	if want := []string{"escape", "hidden", "my-dir", "twice", "31mred", "www-tokyo-np-example-test"}; !reflect.DeepEqual(got, want) {
		t.Errorf("directories %v, want %v", got, want)
	}
	if subs[4].Name != "\uFFFD[31mRed" { // the reference XML forbids is replaced, the bidi override dropped
		t.Errorf("name %q", subs[4].Name)
	}
	data, _ := os.ReadFile(env.subs)
	assertSafe(t, env.subs, string(data))
}

func TestImportLatin1OPML(t *testing.T) {
	env := newTestEnv(t)
	res, err := importString(t, env, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml version=\"1.0\"><body><outline text=\"Caf\xe9 Gazette\" xmlUrl=\"http://127.0.0.1/a\"/></body></opml>")
	if err != nil || len(res.Added) != 1 || res.Added[0].Name != "Café Gazette" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestDamagedSubscriptionsFileIsNotOverwritten(t *testing.T) {
	env := newTestEnv(t)
	os.MkdirAll(filepath.Dir(env.subs), 0o755)
	damaged := []byte("<opml><body><outline text='half")
	os.WriteFile(env.subs, damaged, 0o644)
	_, err := env.m.Fetch(context.Background(), nil, nil)
	errorText(t, err, "subscriptions file "+env.subs+": not well-formed XML")
	_, err = importString(t, env, `<opml><body><outline text="a" xmlUrl="http://127.0.0.1/a"/></body></opml>`)
	errorText(t, err, "subscriptions file")
	_, _, err = env.m.Add(context.Background(), "http://127.0.0.1:1/feed", "", false)
	errorText(t, err, "subscriptions file")
	if data, _ := os.ReadFile(env.subs); !bytes.Equal(data, damaged) {
		t.Error("the damaged file was overwritten")
	}
}

func TestRemove(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Alpha", simpleItems(2, "1")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Beta", simpleItems(2, "1")...))
	env := newTestEnv(t)
	a, _ := env.add(t, srv.URL+"/a", "", false)
	b, _ := env.add(t, srv.URL+"/b", "", false)

	_, err := env.m.Remove(context.Background(), "Gamma", false)
	errorText(t, err, `remove: no feed named "Gamma"`)
	if got, err := env.m.Remove(context.Background(), "alpha", false); err != nil || got.Name != "Alpha" {
		t.Fatalf("remove by name: %+v %v", got, err)
	}
	if len(env.items(t, a)) != 2 {
		t.Error("remove without purge deleted the items")
	}
	if got, err := env.m.Remove(context.Background(), srv.URL+"/b", true); err != nil || got.Name != "Beta" {
		t.Fatalf("remove by URL: %+v %v", got, err)
	}
	if _, err := os.Stat(env.m.dirOf(b)); !os.IsNotExist(err) {
		t.Error("purge left the items")
	}
	if subs, _ := env.m.Subscriptions(); len(subs) != 0 {
		t.Errorf("left %+v", subs)
	}
	// subscribing again finds the items left behind
	again, res := env.add(t, srv.URL+"/a", "", false)
	if again.Dir != a.Dir || res.Unchanged != 2 || res.New != 0 {
		t.Errorf("re-added: %+v %v", again, res)
	}
}
