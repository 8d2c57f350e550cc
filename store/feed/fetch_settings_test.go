package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// settingsFeed serves a feed of one long item and one short, each linking
// to a page with more text; it counts the page's requests.
func settingsFeed(t *testing.T) *testServer {
	srv := newTestServer(t)
	srv.serveFixture(t, "/ferry.html", "article.html", "text/html")
	srv.serveFixture(t, "/ferry2.html", "article.html", "text/html")
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("Gazette",
		testItem{guid: "short", title: "Short", link: srv.URL + "/ferry.html", body: "The ferry will run less often."},
		testItem{guid: "long", title: "Long", link: srv.URL + "/ferry2.html", body: "<p>" + longText + "</p>"}))
	return srv
}

func TestFullTextOnOffAndUnset(t *testing.T) {
	off, on := false, true
	for _, tc := range []struct {
		name                string
		fullText            *bool
		short, long         bool // the item gets the page's text
		shortHits, longHits int
	}{
		{"unset", nil, true, false, 1, 0},
		{"on", &on, true, true, 1, 1},
		{"off", &off, false, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := settingsFeed(t)
			env := newTestEnv(t)
			sub, _, err := env.m.AddWith(context.Background(), srv.URL+"/feed", Settings{FullText: tc.fullText})
			if err != nil {
				t.Fatal(err)
			}
			items := env.items(t, sub)
			if _, _, body := itemByTitle(t, items, "Short"); strings.Contains(body, articleText) != tc.short {
				t.Errorf("short item: full text %v, want %v", !tc.short, tc.short)
			}
			if _, _, body := itemByTitle(t, items, "Long"); strings.Contains(body, articleText) != tc.long {
				t.Errorf("long item: full text %v, want %v", !tc.long, tc.long)
			}
			if srv.hits("/ferry.html") != tc.shortHits || srv.hits("/ferry2.html") != tc.longHits {
				t.Errorf("pages fetched: %d, %d", srv.hits("/ferry.html"), srv.hits("/ferry2.html"))
			}
		})
	}
}

// TestFullTextTurnedOffAndOn: switching full text off writes the feed's
// text back even when the server answers 304; on again fetches the page.
func TestFullTextTurnedOffAndOn(t *testing.T) {
	srv := settingsFeed(t)
	body := rssFeed("Gazette", testItem{guid: "short", title: "Short", link: srv.URL + "/ferry.html", body: "The ferry will run less often."})
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(body)
	})
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	text := func() string {
		_, _, b := itemByTitle(t, env.items(t, sub), "Short")
		return b
	}
	if !strings.Contains(text(), articleText) {
		t.Fatal("a short item gets its page by default")
	}
	if res := env.fetch(t)[0]; !res.NotModified {
		t.Fatalf("an unchanged feed: %v", res)
	}
	set := func(v *bool) {
		t.Helper()
		if _, err := env.m.Configure(context.Background(), "gazette", func(s *Settings) error { s.FullText = v; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	off, on := false, true
	set(&off)
	if res := env.fetch(t)[0]; res.NotModified || res.Updated != 1 {
		t.Errorf("full text off: %v", res)
	}
	if strings.Contains(text(), articleText) {
		t.Error("full text off kept the page's text")
	}
	set(&on)
	if res := env.fetch(t)[0]; res.Pages != 1 {
		t.Errorf("full text on again: %v", res)
	}
	if !strings.Contains(text(), articleText) || srv.hits("/ferry.html") != 2 {
		t.Errorf("full text on again: page fetched %d times: %s", srv.hits("/ferry.html"), text())
	}
}

// TestRefreshInterval: a fetch without names passes by a feed whose own
// interval has not passed since its last successful fetch, and says so;
// a named fetch, FetchAll and a feed without an interval fetch anyway.
func TestRefreshInterval(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Hourly", simpleItems(1, "a")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Always", simpleItems(1, "b")...))
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	env := newTestEnv(t, func(c *Config) { c.Now = func() time.Time { return now } })
	if _, _, err := env.m.AddWith(context.Background(), srv.URL+"/a", Settings{Refresh: time.Hour}); err != nil {
		t.Fatal(err)
	}
	env.add(t, srv.URL+"/b", "", false)
	hits := func() (int, int) { return srv.hits("/a"), srv.hits("/b") }

	now = now.Add(58 * time.Minute) // past dueSlack before the hour
	var progress []int
	res, err := env.m.Fetch(context.Background(), nil, func(done, total int) { progress = append(progress, total) })
	if err != nil {
		t.Fatal(err)
	}
	if a, b := hits(); a != 1 || b != 2 {
		t.Errorf("requests %d, %d: the hourly feed was fetched before its hour", a, b)
	}
	if len(res) != 2 || !res[0].NotDue || res[0].Name != "Hourly" || res[1].NotDue || res[1].Name != "Always" || progress[0] != 1 {
		t.Fatalf("results %v (progress totals %v)", res, progress)
	}
	if s := res[0].String(); !strings.Contains(s, "Hourly: not due until ") || !strings.Contains(s, "(refresh 1h)") {
		t.Errorf("line: %q", s)
	}
	js, _ := json.Marshal(res[0])
	if !bytes.Contains(js, []byte(`"notDue":true`)) || !bytes.Contains(js, []byte(`"skipped":"not due until`)) {
		t.Errorf("json: %s", js)
	}

	env.fetch(t, "hourly") // named: fetched
	if a, _ := hits(); a != 2 {
		t.Errorf("a named feed not due was not fetched (%d)", a)
	}
	if _, err := env.m.FetchAll(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if a, _ := hits(); a != 3 {
		t.Errorf("FetchAll passed a feed by (%d)", a)
	}
	now = now.Add(time.Hour)
	if res := env.fetch(t); res[0].NotDue {
		t.Errorf("due after its hour: %v", res[0])
	}
	// a timer set to the hour fires a moment early: within dueSlack the
	// feed is due, not passed by to the next hour
	now = now.Add(59*time.Minute + 30*time.Second)
	if res, err := env.m.FetchDue(context.Background(), []string{"Hourly"}, nil); err != nil || len(res) != 1 || res[0].NotDue {
		t.Errorf("30 s before its hour: %v, %v", res, err)
	}
	// a fetch of feeds none of which is due keeps what the last one brought
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Hourly", simpleItems(2, "a")...))
	now = now.Add(2 * time.Hour)
	env.fetch(t, "hourly")
	before, _ := LastNew(env.m.FeedsDir())
	now = now.Add(time.Minute)
	if res, err := env.m.FetchDue(context.Background(), []string{"Hourly"}, nil); err != nil || !res[0].NotDue {
		t.Fatalf("a minute after: %v, %v", res, err)
	}
	if after, _ := LastNew(env.m.FeedsDir()); len(before) != 1 || !slices.Equal(before, after) {
		t.Errorf("new before %v, after a fetch that fetched nothing %v", before, after)
	}
	if res, err := env.m.FetchDue(context.Background(), nil, nil); res != nil || err != nil {
		t.Errorf("FetchDue of no feed: %v, %v", res, err)
	}
	// a failed fetch is no successful one: the feed stays due
	srv.serveBytes("/a", "text/plain", []byte("gone"))
	now = now.Add(2 * time.Hour)
	env.fetch(t)
	now = now.Add(time.Minute)
	if res := env.fetch(t); res[0].NotDue || res[0].Err == nil {
		t.Errorf("after a failure: %v", res[0])
	}
}

// TestNewNameReachesTheItems: a feed renamed gives its items the new name
// as their source — at once by Configure, on the next fetch when the
// configuration renames it, even one answered 304 or not due — in the
// same files, and a later fetch of the same document rewrites nothing.
func TestNewNameReachesTheItems(t *testing.T) {
	srv := newTestServer(t)
	body := rssFeed("Gazette", simpleItems(3, "a")...)
	etag := `"v1"`
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write(body)
	})
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	names := func(m *Manager, want string) {
		t.Helper()
		items := env.items(t, sub)
		if len(items) != 3 {
			t.Fatalf("%d items", len(items))
		}
		for name, data := range items {
			if !strings.Contains(data, "\nsource: "+want+"\n") {
				t.Errorf("%s: source is not %s:\n%s", name, want, data)
			}
		}
	}
	files := env.items(t, sub)
	if _, err := env.m.Configure(context.Background(), "gazette", func(s *Settings) error { s.Name = "Lakeside"; return nil }); err != nil {
		t.Fatal(err)
	}
	names(env.m, "Lakeside")
	for name := range env.items(t, sub) {
		if _, ok := files[name]; !ok {
			t.Errorf("a new file %s", name)
		}
	}
	if res := env.fetch(t)[0]; !res.NotModified {
		t.Errorf("%v", res)
	}

	cfg := env.m.cfg
	cfg.Settings = []FeedSettings{{URL: sub.URL, Where: "c:1", Settings: Settings{Name: "From the configuration"}}}
	m, _ := New(cfg)
	defer m.Close()
	res, err := m.Fetch(context.Background(), nil, nil)
	if err != nil || !res[0].NotModified {
		t.Fatalf("%v %v", res, err)
	}
	names(m, "From the configuration")

	cfg.Settings[0].Settings = Settings{Name: "Hourly", Refresh: time.Hour}
	m2, _ := New(cfg)
	defer m2.Close()
	if res, err := m2.Fetch(context.Background(), nil, nil); err != nil || !res[0].NotDue {
		t.Fatalf("%v %v", res, err)
	}
	names(m2, "Hourly")

	etag = `"v2"` // the same document again, in full
	if res, err := m2.FetchAll(context.Background(), nil); err != nil || res[0].Updated != 0 || res[0].Unchanged != 3 {
		t.Errorf("the document after the rename: %v %v", res, err)
	}
}
