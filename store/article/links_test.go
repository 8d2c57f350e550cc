package article_test

import (
	"slices"
	"testing"

	"dispatch/store/article"
)

// An article's links are its text's http and https links, in reading
// order, each address once; the front matter's url, feed and guid are
// kept, and an address that is not http or https is dropped, never handed
// to a browser.
func TestLinksAndAddresses(t *testing.T) {
	a := parseOne(t, "---\ntitle: Links\nurl: https://example.org/story\nfeed: https://example.org/rss\nguid: tag:example.org,2025:1\n---\n"+
		"See [the report](https://example.org/r) and <https://example.org/a>, [mail](mailto:x@example.org), "+
		"[script](javascript:alert(1)), [relative](/x), [again](https://example.org/r).\n\n"+
		"| a | b |\n| --- | --- |\n| [cell](http://example.org/c) | x |\n")
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	want := []article.Link{
		{Text: "the report", URL: "https://example.org/r"},
		{Text: "https://example.org/a", URL: "https://example.org/a"},
		{Text: "cell", URL: "http://example.org/c"},
	}
	if !slices.Equal(c.Links, want) {
		t.Errorf("links %q\nwant  %q", c.Links, want)
	}
	if a.URL != "https://example.org/story" || a.Feed != "https://example.org/rss" || a.GUID != "tag:example.org,2025:1" {
		t.Errorf("url %q feed %q guid %q", a.URL, a.Feed, a.GUID)
	}
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "https://", "https://exa mple.org/", "/relative"} {
		b := parseOne(t, "---\ntitle: Bad\nurl: \""+bad+"\"\n---\nText.\n")
		if b.URL != "" {
			t.Errorf("url %q kept as %q", bad, b.URL)
		}
	}
}

// A feed's item keeps its reading state when the feed rewrites it, renames
// itself or loses its guid: its state key is its file, which the feeds keep
// for it, not its content.
func TestStateKeyOfAFeedItem(t *testing.T) {
	item := func(source, guid, body string) article.Article {
		return parseOne(t, "---\ntitle: Item\nsource: "+source+"\nfeed: https://example.org/rss\nguid: "+guid+"\n---\n"+body+"\n")
	}
	a := item("Lakeside Gazette", "g-1", "First text.")
	for _, b := range []article.Article{item("Lakeside Gazette", "g-1", "Rewritten text."), item("Lakeside News", "g-1", "First text."), item("Lakeside Gazette", "", "Rewritten text.")} {
		if a.StateKey() != b.StateKey() {
			t.Errorf("keys differ: %q, %q", a.StateKey(), b.StateKey())
		}
	}
	plain := func(body string) article.Article { return parseOne(t, "---\ntitle: Item\n---\n"+body+"\n") }
	if a, b := plain("First text."), plain("Rewritten text."); a.StateKey() == b.StateKey() {
		t.Errorf("an edited article kept its key %q", a.StateKey())
	}
}
