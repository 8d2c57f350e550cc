package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	glamourstyles "github.com/charmbracelet/glamour/styles"

	"dispatch/store/article"
)

// sourcesDriver is a reader on a library of the fixture articles and a
// feed's item, with feeds whose calls it records.
type sourcesDriver struct {
	*driver
	fetched [][]string
	added   []string
	removed []string
}

func newSourcesDriver(t *testing.T) *sourcesDriver {
	lib := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	opts := testOptions(lib, memoryState(t))
	sd := &sourcesDriver{}
	now := time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC)
	opts.Now = func() time.Time { return now }
	result := func() FetchResult {
		return FetchResult{Summary: "done", Library: lib, Renderer: NewRenderer(lib, opts.Styles, glamourstyles.NoTTYStyleConfig, 32<<20)}
	}
	opts.Feeds = Feeds{
		Fetch: func(names []string, _ func(done, total int)) FetchResult {
			sd.fetched = append(sd.fetched, names)
			return result()
		},
		Add: func(url string, _ func(done, total int)) FetchResult {
			sd.added = append(sd.added, url)
			return result()
		},
		Remove: func(name string, purge bool) FetchResult {
			sd.removed = append(sd.removed, name+map[bool]string{true: " purged", false: " kept"}[purge])
			return result()
		},
		Sources: func() ([]Source, error) {
			return []Source{
				{Kind: SourceBuiltin, Name: "Built-in", Has: func(a *article.Article) bool { return a.Feed == "" }},
				{Kind: SourceFeed, Name: "Lakeside Gazette", URL: "http://127.0.0.1/gazette.xml", Tags: []string{"local"},
					LastFetched: now.Add(-3 * time.Minute), Has: func(a *article.Article) bool { return a.Source == "Lakeside Gazette" }},
				{Kind: SourceFeed, Name: "Broken", LastTried: now.Add(-time.Hour), LastError: "404 Not Found",
					Has: func(a *article.Article) bool { return a.Source == "Broken" }},
			}, nil
		},
	}
	sd.driver = newDriverFor(t, 100, 30, opts)
	return sd
}

func TestSourcesPanelCountsAndNarrows(t *testing.T) {
	d := newSourcesDriver(t)
	d.keys("F")
	v := d.view()
	for _, want := range []string{"Built-in", "5 unread · 5", "Lakeside Gazette  [local]", "1 unread · 1", "fetched 3 min ago", "Broken", "tried 1 hour ago, never fetched · last error: 404 Not Found"} {
		if !strings.Contains(v, want) {
			t.Errorf("the sources panel lacks %q:\n%s", want, v)
		}
	}
	d.keys("j", "enter")
	if d.m.mode != modeList || len(d.listed()) != 1 || !strings.Contains(d.header(), `source:"Lakeside Gazette"`) {
		t.Errorf("enter on a feed: mode %d, listed %v, header %q", d.m.mode, d.listed(), d.header())
	}
	d.keys("esc", "F", "g", "enter")
	if len(d.listed()) != 5 || !strings.Contains(d.header(), "only Built-in") {
		t.Errorf("enter on the built-in articles: listed %v, header %q", d.listed(), d.header())
	}
	d.keys("esc")
	if len(d.listed()) != 6 {
		t.Errorf("esc should list every source again: %v", d.listed())
	}
}

func TestSourcesPanelActs(t *testing.T) {
	d := newSourcesDriver(t)
	d.keys("F", "j", "R")
	if !slices.EqualFunc(d.fetched, [][]string{{"Lakeside Gazette"}}, slices.Equal) {
		t.Errorf("R on a feed fetched %v", d.fetched)
	}
	d.keys("a").typeText("example.org/feed").keys("enter")
	if !slices.Equal(d.added, []string{"example.org/feed"}) {
		t.Errorf("a, typed, enter: added %v", d.added)
	}
	d.keys("x", "esc")
	d.keys("x", "k")
	d.keys("x", "d")
	if !slices.Equal(d.removed, []string{"Lakeside Gazette kept", "Lakeside Gazette purged"}) {
		t.Errorf("x esc, x k, x d: removed %v", d.removed)
	}
	d.keys("A", "j") // a second key that is not A does nothing
	if d.saved(d.m.c.lib.Len() - 1).Read {
		t.Error("A then j marked the feed read")
	}
	d.keys("A", "A")
	if !d.saved(d.m.c.lib.Len() - 1).Read {
		t.Error("A A did not mark the feed's item read")
	}
}
