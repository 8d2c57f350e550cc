package feed

import (
	"net/http"
	"strings"
	"testing"
)

const articleText = "every ninety minutes instead of every hour"

func TestFullTextIsFetchedOncePerItem(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/ferry.html", "article.html", "text/html")
	item := testItem{guid: "ferry", title: "Ferry changes", link: srv.URL + "/ferry.html", body: "The ferry will run less often."}
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", item))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	_, _, body := itemByTitle(t, env.items(t, sub), "Ferry changes")
	if !strings.Contains(body, articleText) || srv.hits("/ferry.html") != 1 {
		t.Fatalf("full text not fetched (%d requests): %s", srv.hits("/ferry.html"), body)
	}

	item.body = "The ferry will run less often, the company says."
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", item))
	if res := env.fetch(t)[0]; res.Unchanged != 1 {
		t.Errorf("a changed summary of a full-text item: %v", res)
	}
	item.title = "Ferry changes, corrected"
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", item))
	if res := env.fetch(t)[0]; res.Updated != 1 {
		t.Errorf("a changed title: %v", res)
	}
	_, _, body = itemByTitle(t, env.items(t, sub), "Ferry changes, corrected")
	if !strings.Contains(body, articleText) {
		t.Errorf("the full text was lost: %s", body)
	}
	if n := srv.hits("/ferry.html"); n != 1 {
		t.Errorf("the page was fetched %d times", n)
	}
}

func TestFullTextAskedForBySubscription(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/ferry.html", "article.html", "text/html")
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", testItem{guid: "f", title: "Long", link: srv.URL + "/ferry.html", body: "<p>" + longText + "</p>"}))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", true)
	if _, _, body := itemByTitle(t, env.items(t, sub), "Long"); !strings.Contains(body, articleText) {
		t.Errorf("no full text: %s", body)
	}
}

func TestFullTextFailuresKeepTheFeedText(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/pdf", "application/pdf", []byte("%PDF-1.4"))
	srv.serveFixture(t, "/big.html", "article.html", "text/html")
	srv.serveBytes("/thin.html", "text/html", []byte("<html><body><p>Hi.</p></body></html>"))
	srv.handle("/loop.html", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop.html", http.StatusFound) })
	items := []testItem{
		{guid: "404", title: "Missing page", link: srv.URL + "/missing.html", body: "Summary of the missing page."},
		{guid: "pdf", title: "A PDF", link: srv.URL + "/pdf", body: "Summary of the PDF."},
		{guid: "big", title: "Too big", link: srv.URL + "/big.html", body: "Summary of the big page."},
		{guid: "thin", title: "Thin page", link: srv.URL + "/thin.html", body: "A summary longer than the page itself."},
		{guid: "loop", title: "Loop", link: srv.URL + "/loop.html", body: "Summary of the loop."},
		{guid: "ftp", title: "Not http", link: "ftp://127.0.0.1/file", body: "Summary of the file."},
	}
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", items...))
	env := newTestEnv(t, func(c *Config) { c.MaxPageBytes = 1024 })
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	got := env.items(t, sub)
	for _, it := range items {
		_, fm, body := itemByTitle(t, got, it.title)
		if body != it.body {
			t.Errorf("%s: body %q, want the summary", it.title, body)
		}
		if it.guid == "ftp" && fm.URL != "" {
			t.Errorf("an ftp link was kept: %+v", fm)
		}
	}
	st := readState(env.m.dirOf(sub))
	for _, rec := range st.Items {
		if rec.FullText != fullTextFailed && !strings.Contains(rec.File, "not-http") {
			t.Errorf("%s: full text %q, want failed", rec.File, rec.FullText)
		}
	}
	// new summaries: the pages are not tried again
	before := map[string]int{}
	for _, p := range []string{"/missing.html", "/pdf", "/big.html", "/thin.html", "/loop.html"} {
		before[p] = srv.hits(p)
	}
	for i := range items {
		items[i].body += " Updated."
	}
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", items...))
	if res := env.fetch(t)[0]; res.Updated != len(items) {
		t.Errorf("second fetch: %v", res)
	}
	for p, n := range before {
		if srv.hits(p) != n {
			t.Errorf("%s fetched again", p)
		}
	}
}

func TestFullTextBudgetPerFetch(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/page.html", "article.html", "text/html")
	var items []testItem
	for _, g := range []string{"a", "b", "c", "d", "e"} {
		items = append(items, testItem{guid: g, title: "Item " + g, link: srv.URL + "/page.html?" + g, body: "Short summary."})
	}
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", items...))
	env := newTestEnv(t, func(c *Config) { c.MaxFullTextPerFeed = 2 })
	_, res := env.add(t, srv.URL+"/feed", "", false)
	if res.New != 5 || res.Pages != 2 || res.PagesLeft != 3 || srv.hits("/page.html") != 2 {
		t.Fatalf("first fetch %v, %d pages", res, srv.hits("/page.html"))
	}
	if !strings.HasSuffix(res.String(), "; full text from 2 pages; 3 pages for full text left for the next fetch") {
		t.Errorf("summary %q", res)
	}
	if res := env.fetch(t)[0]; res.Unchanged != 5 || res.Pages != 2 || res.PagesLeft != 1 || srv.hits("/page.html") != 4 {
		t.Fatalf("second fetch %v, %d pages", res, srv.hits("/page.html"))
	}
	if res := env.fetch(t)[0]; res.Unchanged != 5 || res.Pages != 1 || res.PagesLeft != 0 || srv.hits("/page.html") != 5 {
		t.Fatalf("third fetch %v, %d pages", res, srv.hits("/page.html"))
	}
	if res := env.fetch(t)[0]; res.Unchanged != 5 || res.Pages != 0 || srv.hits("/page.html") != 5 {
		t.Fatalf("fourth fetch %v, %d pages", res, srv.hits("/page.html"))
	}
}
