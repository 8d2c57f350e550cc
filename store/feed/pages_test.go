package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// hangingPages serves a feed of n items with short summaries, whose pages
// accept the request and never answer until the test ends. arrived gets a
// value each time a page is asked for.
func hangingPages(t *testing.T, n int) (srv *testServer, arrived chan struct{}) {
	srv = newTestServer(t)
	done := make(chan struct{})
	arrived = make(chan struct{}, 100)
	srv.handle("/page", func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		select {
		case <-done:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(done) }) // before the server closes: cleanups run last first
	var items []testItem
	for i := range n {
		items = append(items, testItem{guid: fmt.Sprint("p", i), title: fmt.Sprint("Story ", i), link: fmt.Sprintf("%s/page?%d", srv.URL, i), body: "A short summary."})
	}
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("Slow", items...))
	return srv, arrived
}

// TestPagesThatNeverAnswer: 25 items whose pages never answer took 25
// times 30 s, holding the feeds' lock all along. Now the items are saved
// with the feed's text first, the lock is released before any page is
// asked for, and the pages have a time of their own, after which they wait
// for the next fetch.
func TestPagesThatNeverAnswer(t *testing.T) {
	srv, arrived := hangingPages(t, 25)
	env := newTestEnv(t, func(c *Config) { c.LockWait = 50 * time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	type outcome struct {
		sub Subscription
		res Result
		err error
	}
	added := make(chan outcome, 1)
	go func() {
		sub, res, err := env.m.Add(ctx, srv.URL+"/feed", "", false)
		added <- outcome{sub, res, err}
	}()
	<-arrived // a page is asked for, and hangs
	other, err := New(env.m.cfg)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := other.Subscriptions()
	if err != nil || len(subs) != 1 {
		t.Fatalf("the subscription is not saved before its pages: %v %v", subs, err)
	}
	if n := len(env.items(t, subs[0])); n != 25 {
		t.Errorf("%d items saved before their pages, want 25", n)
	}
	if _, err := other.Import(context.Background(), strings.NewReader(`<opml version="2.0"><body><outline text="X" xmlUrl="http://127.0.0.1/x"/></body></opml>`)); err != nil {
		t.Errorf("the feeds' lock is held while pages are fetched: %v", err)
	}
	cancel()
	out := <-added
	if out.err != nil || out.res.Err != nil || out.res.New != 25 || out.res.Pages != 0 || out.res.PagesLeft != 25 {
		t.Fatalf("add: %+v", out)
	}

	// a deadline for the pages: the fetch ends, the items keep their
	// feed's text and wait for the next fetch
	env.m.cfg.PagesTimeout = 100 * time.Millisecond
	res := env.fetch(t, "Slow")[0]
	if res.Err != nil || res.Unchanged != 25 || res.PagesLeft != 25 {
		t.Fatalf("fetch with pages that never answer: %v", res)
	}
	if !strings.HasSuffix(res.String(), "; 25 pages for full text left for the next fetch") {
		t.Errorf("summary %q", res)
	}
	for key, it := range readState(env.m.dirOf(out.sub)).Items {
		if !it.Pending || it.FullText != "" {
			t.Errorf("item %s: %+v, want its page pending", key, it)
		}
	}
}

// TestFeedAndFetchDeadlines: a feed document that never comes fails that
// feed when its time is up, or when the whole fetch's is, and says which.
func TestFeedAndFetchDeadlines(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(1, "1")...))
	env := newTestEnv(t)
	env.add(t, srv.URL+"/feed", "", false)
	done := make(chan struct{})
	defer close(done)
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	})
	for _, tc := range []struct {
		set  func(*Config)
		want string
	}{
		{func(c *Config) { c.FeedTimeout = 50 * time.Millisecond }, "fetch News: gave up: the feed took longer than 50ms"},
		{func(c *Config) { c.FeedTimeout, c.FetchTimeout = time.Minute, 50*time.Millisecond }, "fetch News: gave up: the fetch took longer than 50ms"},
	} {
		tc.set(&env.m.cfg)
		res := env.fetch(t)[0]
		errorText(t, res.Err, tc.want)
		var de *deadlineError
		if !errors.As(res.Err, &de) {
			t.Errorf("%v does not wrap the deadline", res.Err)
		}
	}
}

// TestProgressCountsPages: a feed counts as done for progress once its
// pages are fetched too, so a fetch that waits on pages does not look
// finished.
func TestProgressCountsPages(t *testing.T) {
	srv := newTestServer(t)
	srv.serveFixture(t, "/page.html", "article.html", "text/html")
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Alpha", simpleItems(1, "1")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Beta", testItem{guid: "b", title: "Short", link: srv.URL + "/page.html", body: "Short."}))
	env := newTestEnv(t, func(c *Config) { c.MaxFullTextPerFeed = -1 })
	env.add(t, srv.URL+"/a", "", false)
	env.add(t, srv.URL+"/b", "", false)
	env.m.cfg.MaxFullTextPerFeed = 5
	var mu sync.Mutex
	var calls []string
	res, err := env.m.Fetch(context.Background(), nil, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, fmt.Sprintf("%d/%d pages %d", done, total, srv.hits("/page.html")))
	})
	if err != nil || res[1].Pages != 1 {
		t.Fatalf("fetch: %v %v", res, err)
	}
	if want := []string{"0/2 pages 0", "1/2 pages 0", "2/2 pages 1"}; strings.Join(calls, ", ") != strings.Join(want, ", ") {
		t.Errorf("progress %q, want %q", calls, want)
	}
}
