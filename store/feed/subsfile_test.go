package feed

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ownFile is a subscriptions file as a person might keep it: folders, a
// note, another reader's attributes and head, and outlines dispatch cannot
// use: a typo'd scheme, an address without one, the same feed twice.
func ownFile(feedURL, dir string) string {
	dirAttr := ""
	if dir != "" {
		dirAttr = ` dispatchDir="` + dir + `"`
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <head>
    <title>My feeds</title>
    <dateCreated>Mon, 01 Dec 2025 10:00:00 GMT</dateCreated>
    <dc:creator>Per</dc:creator>
  </head>
  <body>
    <outline text="News" title="News">
      <outline text="Gazette" type="rss" xmlUrl="` + feedURL + `" description="The lakeside paper" dc:language="en"` + dirAttr + `/>
      <outline text="Typo" type="rss" xmlUrl="htps://example.org/rss"/>
      <outline text="No scheme" xmlUrl="example.org/feed.xml"/>
    </outline>
    <outline text="Gazette again" xmlUrl="` + strings.ToUpper(feedURL[:7]) + feedURL[7:] + `#top"/>
    <outline text="Remember to add the ferry feed"/>
  </body>
</opml>
`
}

// TestFetchKeepsWhatItDoesNotUse: a plain fetch used to rewrite the
// subscriptions file, dropping every outline it did not accept and every
// attribute it did not know, silently. Now what dispatch does not use is
// kept, the file is written only when a subscription needed a directory
// given, and `feeds` lists what cannot be used, with why.
func TestFetchKeepsWhatItDoesNotUse(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("Gazette", simpleItems(1, "1")...))
	env := newTestEnv(t)
	if err := os.MkdirAll(filepath.Dir(env.subs), 0o755); err != nil {
		t.Fatal(err)
	}
	// without a directory: the first fetch gives it one, and keeps the rest
	if err := os.WriteFile(env.subs, []byte(ownFile(srv.URL+"/feed", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := env.fetch(t)
	if len(res) != 1 || res[0].Err != nil || res[0].New != 1 {
		t.Fatalf("fetch: %v", res)
	}
	want := ownFile(srv.URL+"/feed", "gazette")
	if got, _ := os.ReadFile(env.subs); !sameXML(t, string(got), want) {
		t.Errorf("after the first fetch:\n%s\nwant (but for layout)\n%s", got, want)
	}
	before, err := os.Stat(env.subs)
	if err != nil {
		t.Fatal(err)
	}
	env.fetch(t)
	if after, err := os.Stat(env.subs); err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("a fetch with nothing to change rewrote the subscriptions file")
	}

	list, err := env.m.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range list {
		got = append(got, s.Name+": "+s.Problem)
	}
	wantList := []string{
		"Gazette: ",
		"Typo: not a web address (htps:); did you mean https://example.org/rss?",
		"No scheme: not a web address; did you mean https://example.org/feed.xml?",
		`Gazette again: the same feed as "Gazette", listed before`,
	}
	if strings.Join(got, "\n") != strings.Join(wantList, "\n") {
		t.Errorf("feeds lists\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantList, "\n"))
	}
	if list[2].URL != "example.org/feed.xml" || list[2].Dir != "" {
		t.Errorf("an outline that cannot be used: %+v", list[2])
	}

	// removing the feed takes its outline out of its folder, and only that
	if _, err := env.m.Remove(context.Background(), "Gazette", false); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(env.subs)
	for _, keep := range []string{"<dc:creator>Per</dc:creator>", `text="News"`, `xmlUrl="htps://example.org/rss"`, "Gazette again", "Remember to add"} {
		if !strings.Contains(string(data), keep) {
			t.Errorf("remove lost %s:\n%s", keep, data)
		}
	}
	if strings.Contains(string(data), "The lakeside paper") {
		t.Errorf("the removed outline is still there:\n%s", data)
	}
}

// sameXML compares two OPML documents as trees.
func sameXML(t *testing.T, a, b string) bool {
	t.Helper()
	da, err := readOPML(strings.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	db, err := readOPML(strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var wa, wb strings.Builder
	writeTree(&wa, da.root)
	writeTree(&wb, db.root)
	return wa.String() == wb.String()
}

func writeTree(w *strings.Builder, n *xmlNode) {
	fmt.Fprintf(w, "<%s %v %q>", n.name, n.attrs, n.text)
	for _, c := range n.children {
		writeTree(w, c)
	}
	w.WriteString("</>")
}

// TestSubscriptionsFileIsNeverLargerThanItReads: an import under the 16 MiB
// a subscriptions file may have, whose names grow tenfold when written
// (each " becomes &#34;, in text and title), made a file dispatch could
// not read back, and every feeds command failed from then on. Now such an
// import is refused and the file left as it was; and an import stops at
// MaxSubscriptions.
func TestSubscriptionsFileIsNeverLargerThanItReads(t *testing.T) {
	env := newTestEnv(t)
	if _, err := importString(t, env, `<opml><body><outline text="First" xmlUrl="http://127.0.0.1/first"/></body></opml>`); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("<opml><body>")
	quotes := strings.Repeat(`"`, maxNameRunes)
	for i := range MaxSubscriptions - 1 { // 2.4 MB, and 20 MB written
		fmt.Fprintf(&b, `<outline text='%s' xmlUrl="http://127.0.0.1/%d"/>`, quotes, i)
	}
	b.WriteString("</body></opml>")
	_, err := importString(t, env, b.String())
	errorText(t, err, "import: the subscriptions file would be larger than 16 MiB")
	if subs, err := env.m.Subscriptions(); err != nil || len(subs) != 1 {
		t.Fatalf("after the refused import: %d subscriptions, %v", len(subs), err)
	}

	b.Reset()
	b.WriteString("<opml><body>")
	for i := range MaxSubscriptions + 5 {
		fmt.Fprintf(&b, `<outline text="F%d" xmlUrl="http://127.0.0.1/%d"/>`, i, i)
	}
	b.WriteString("</body></opml>")
	res, err := importString(t, env, b.String())
	if err != nil || len(res.Added) != MaxSubscriptions-1 || res.TooMany != 6 {
		t.Fatalf("import past the cap: %d added, %d too many, %v", len(res.Added), res.TooMany, err)
	}
	if subs, err := env.m.Subscriptions(); err != nil || len(subs) != MaxSubscriptions {
		t.Fatalf("%d subscriptions, %v", len(subs), err)
	}
	_, _, err = env.m.Add(context.Background(), "http://127.0.0.1:1/one-more", "", false)
	errorText(t, err, "dispatch follows at most 10000 feeds")
}

func TestAddressesWithoutScheme(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct{ in, want string }{
		{"example.org/feed", "add example.org/feed: not a web address; did you mean https://example.org/feed?"},
		{"example.org:8080/feed", "add example.org:8080/feed: not a web address; did you mean https://example.org:8080/feed?"},
		{"localhost:8765/rss.xml", "did you mean https://localhost:8765/rss.xml?"},
		{"//example.org/rss", "did you mean https://example.org/rss?"},
		{"htps://example.org/rss", "not a web address (htps:); did you mean https://example.org/rss?"},
		{"HTTPX://example.org/rss", "not a web address (HTTPX:); did you mean https://example.org/rss?"},
		{"ftp://example.org/rss", "ftp: addresses cannot be fetched, only http and https"},
		{"javascript:alert(1)", "javascript: addresses cannot be fetched, only http and https"},
		{"/relative/feed.xml", "not a web address (it needs http:// or https://)"},
		{"http://", "the address has no host"},
		{"http://[::1", "not a web address: missing ']' in host"},
	} {
		_, _, err := env.m.Add(context.Background(), tc.in, "", false)
		errorText(t, err, tc.want)
		if err != nil && strings.Contains(err.Error(), `parse "`) {
			t.Errorf("%s: Go's own parse error: %v", tc.in, err)
		}
	}
}
