package feed

import (
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// itemByTitle finds the item file whose front matter has the title.
func itemByTitle(t *testing.T, items map[string]string, title string) (string, frontMatter, string) {
	t.Helper()
	for name, data := range items {
		var fm frontMatter
		body, ok := bodyOf([]byte(data))
		if !ok {
			t.Fatalf("%s: no front matter", name)
		}
		head := strings.TrimPrefix(data[:strings.Index(data[4:], "\n---\n")+4], "---\n")
		if err := yaml.Unmarshal([]byte(head), &fm); err != nil { // the loader's YAML library
			t.Fatalf("%s: %v", name, err)
		}
		if fm.Title == title {
			return name, fm, body
		}
	}
	var names []string
	for n := range items {
		names = append(names, n)
	}
	t.Fatalf("no item titled %q among %v", title, names)
	return "", frontMatter{}, ""
}

func TestRSS2Fixture(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/rss2.xml", "rss2.xml", "application/rss+xml")
	srv.serveFixture(t, "/articles/ferry-winter.html", "article.html", "text/html; charset=utf-8")
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/rss2.xml", "", false)
	if sub.Name != "Lakeside Gazette" || sub.Dir != "lakeside-gazette" || sub.SiteURL != srv.URL+"/" {
		t.Errorf("subscription = %+v", sub)
	}
	if res.New != 3 {
		t.Errorf("result = %v, want 3 new", res)
	}
	items := env.items(t, sub)

	name, fm, body := itemByTitle(t, items, "Café owners & fishermen meet at the pier")
	if name != "2025-11-23-cafe-owners-fishermen-meet-at-the-"+itemKey("guid:gazette-1001")+".md" {
		t.Errorf("file name %s", name)
	}
	want := frontMatter{Title: "Café owners & fishermen meet at the pier", Byline: "Marta Olsen", Source: "Lakeside Gazette",
		Published: "2025-11-23", URL: srv.URL + "/news/2025/11/cafe-meeting", Feed: srv.URL + "/rss2.xml", GUID: "gazette-1001"}
	if fm != want {
		t.Errorf("front matter\n got %+v\nwant %+v", fm, want)
	}
	for _, s := range []string{
		"[the council's proposal](" + srv.URL + "/council/fees-2026)",
		"[minutes of the meeting](" + srv.URL + "/news/2025/11/minutes.pdf)",
		"[Image: Boats at the old pier](" + srv.URL + "/images/pier.jpg)",
		"“We cannot pass this on to our customers,”",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q:\n%s", s, body)
		}
	}
	for _, s := range []string{"alert", "tracking", "ads.example", "![", "<script"} {
		if strings.Contains(body, s) {
			t.Errorf("body keeps %q:\n%s", s, body)
		}
	}

	// the summary-only item got the article from its page
	_, fm, body = itemByTitle(t, items, "Ferry timetable changes for the winter")
	if fm.GUID != srv.URL+"/articles/ferry-winter.html" || fm.Byline != "" {
		t.Errorf("front matter %+v", fm)
	}
	for _, s := range []string{"every ninety minutes instead of every hour", "- Season tickets stay valid", "## What changes for passengers",
		"[Image: The ferry leaving the harbour](" + srv.URL + "/images/ferry.jpg)", "[harbour office](" + srv.URL + "/ferry/timetable-winter.pdf)"} {
		if !strings.Contains(body, s) {
			t.Errorf("full text lacks %q:\n%s", s, body)
		}
	}
	for _, s := range []string{"Advertisement", "should never appear", "newsletter", "font-family"} {
		if strings.Contains(body, s) {
			t.Errorf("full text keeps %q:\n%s", s, body)
		}
	}

	// no guid: the link is the identity; entity-encoded HTML description
	name, fm, body = itemByTitle(t, items, "Lantern walk on the promenade")
	if !strings.HasSuffix(name, itemKey("link:"+srv.URL+"/news/lantern-walk")+".md") || fm.GUID != "" {
		t.Errorf("file %s, front matter %+v", name, fm)
	}
	if !strings.HasPrefix(body, "Children and parents are invited") {
		t.Errorf("body %q", body)
	}
	if srv.hits("/news/lantern-walk") != 0 {
		t.Error("a long item's page was fetched")
	}

	arts := env.mustLoadClean(t)
	if len(arts) != 3 {
		t.Fatalf("loaded %d articles, want 3", len(arts))
	}
	for _, a := range arts {
		if a.Source != "Lakeside Gazette" || a.Published.IsZero() {
			t.Errorf("loaded %+v", a)
		}
	}
}

func TestRSS1Fixture(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/rss1.rdf", "rss1.rdf", "application/rdf+xml")
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/rss1.rdf", "Observatory", false)
	if sub.Name != "Observatory" || res.New != 2 {
		t.Fatalf("%+v %v", sub, res)
	}
	_, fm, body := itemByTitle(t, env.items(t, sub), "A comet low in the western sky")
	if fm.Byline != "Ines Duarte" || fm.Published != "2025-11-20" || fm.URL != srv.URL+"/observatory/comet-2025" {
		t.Errorf("front matter %+v", fm)
	}
	for _, s := range []string{"[the finder chart](" + srv.URL + "/observatory/sky-chart.png)", "[visitor page](" + srv.URL + "/observatory/visiting)"} {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q:\n%s", s, body)
		}
	}
	if n := len(env.mustLoadClean(t)); n != 2 {
		t.Errorf("loaded %d", n)
	}
}

func TestAtomFixture(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/atom.xml", "atom.xml", "application/atom+xml")
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/atom.xml", "", false)
	if sub.Name != "Workshop Diary" || res.New != 2 {
		t.Fatalf("%+v %v", sub, res)
	}
	items := env.items(t, sub)
	_, fm, body := itemByTitle(t, items, "Restoring a 1930s workbench by hand")
	if fm.Byline != "Tomás Herrera, Ana Li" || fm.URL != srv.URL+"/blog/posts/workbench" || fm.GUID != "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" {
		t.Errorf("front matter %+v", fm)
	}
	for _, s := range []string{"## Stripping the old finish", "- Card scraper, not sandpaper", "> A bench is a tool",
		// relative to the xml:base in scope (the feed's), as Atom says
		"[Image: The bench before restoration](" + srv.URL + "/blog/img/bench-before.jpg)",
		"[hardware notes](" + srv.URL + "/hardware/vise)"} {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q:\n%s", s, body)
		}
	}
	// a short summary whose page cannot be fetched keeps the summary
	_, fm, body = itemByTitle(t, items, "Sharpening day")
	if body != "Bring your chisels and plane irons on Saturday." || fm.Published != "2025-11-15" {
		t.Errorf("front matter %+v body %q", fm, body)
	}
	if n := len(env.mustLoadClean(t)); n != 2 {
		t.Errorf("loaded %d", n)
	}
}

func TestJSONFeedFixture(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/feed.json", "feed.json", "application/feed+json")
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/feed.json", "", false)
	if sub.Name != "Harbour Radio" || res.New != 2 {
		t.Fatalf("%+v %v", sub, res)
	}
	items := env.items(t, sub)
	_, fm, body := itemByTitle(t, items, "Episode 77: the lighthouse keepers")
	if fm.Byline != "Jonas Berg" || fm.GUID != "radio-77" || fm.Published != "2025-11-23" {
		t.Errorf("front matter %+v", fm)
	}
	if !strings.Contains(body, "[Image: Skarv Point lighthouse]("+srv.URL+"/radio/img/skarv.jpg)") {
		t.Errorf("body %s", body)
	}
	// content_text is text: its asterisks and brackets are not markup
	_, _, body = itemByTitle(t, items, "Episode 76: plain text notes")
	if !strings.HasPrefix(body, "Show notes in plain text.\n\nSecond paragraph with \\*asterisks* and &lt;angle brackets&gt; & an ampersand") {
		t.Errorf("body %q", body)
	}
	if n := len(env.mustLoadClean(t)); n != 2 {
		t.Errorf("loaded %d", n)
	}
}
