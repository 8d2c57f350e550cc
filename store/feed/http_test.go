package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a clock tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *testClock { return &testClock{t: time.Date(2025, 11, 23, 12, 0, 0, 0, time.UTC)} }

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestUserAgentConditionalGetAndNotModified(t *testing.T) {
	srv := newTestServer(t)
	body := rssFeed("News", simpleItems(3, "1")...)
	const etag = `"v1"`
	const lastMod = "Sat, 22 Nov 2025 10:00:00 GMT"
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Write(body)
	})
	clock := newClock()
	env := newTestEnv(t, func(c *Config) { c.Now = clock.now })
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	first := srv.lastRequest(t, "/feed")
	if ua := first.Get("User-Agent"); ua != "dispatch/1.2.3 (+https://github.com/dispatch-reader/dispatch)" {
		t.Errorf("User-Agent %q", ua)
	}
	if first.Get("If-None-Match") != "" {
		t.Error("the first request was conditional")
	}
	before, contents := env.mtimes(t), env.items(t, sub)

	clock.advance(time.Hour)
	res := env.fetch(t)
	if len(res) != 1 || !res[0].NotModified || res[0].Err != nil || res[0].New+res[0].Updated+res[0].Unchanged != 0 {
		t.Fatalf("results %+v", res)
	}
	req := srv.lastRequest(t, "/feed")
	if req.Get("If-None-Match") != etag || req.Get("If-Modified-Since") != lastMod {
		t.Errorf("second request: If-None-Match %q, If-Modified-Since %q", req.Get("If-None-Match"), req.Get("If-Modified-Since"))
	}
	if after := env.mtimes(t); fmt.Sprint(after) != fmt.Sprint(before) || len(after) != 3 {
		t.Errorf("a 304 touched item files:\n%v\n%v", before, after)
	}
	if again := env.items(t, sub); fmt.Sprint(again) != fmt.Sprint(contents) {
		t.Error("a 304 changed item files")
	}
	if st := readState(env.m.dirOf(sub)); !st.LastFetched.Equal(clock.now()) || st.ETag != etag {
		t.Errorf("state after 304: %+v", st)
	}
}

func TestChangedUnchangedAndDroppedItems(t *testing.T) {
	srv := newTestServer(t)
	v1 := simpleItems(3, "1")
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", v1...))
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/feed", "", false)
	if res.New != 3 {
		t.Fatalf("first fetch %v", res)
	}
	names := map[string]string{} // guid → file
	for name, data := range env.items(t, sub) {
		for _, it := range v1 {
			if strings.Contains(data, "guid: "+it.guid+"\n") {
				names[it.guid] = name
			}
		}
	}
	before := env.mtimes(t)

	v2 := []testItem{v1[0], v1[1], {guid: "item-4", title: "Item number 4", body: "<p>" + longText + "</p>"}}
	v2[1].title = "Item number 2, corrected"
	v2[1].body = "<p>" + longText + " Corrected.</p>"
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", v2...))
	res = env.fetch(t)[0]
	if res.New != 1 || res.Updated != 1 || res.Unchanged != 1 || res.Err != nil {
		t.Fatalf("second fetch %v", res)
	}
	items := env.items(t, sub)
	if len(items) != 4 {
		t.Fatalf("%d item files, want 4 (the dropped item is kept)", len(items))
	}
	if _, ok := items[names["item-3"]]; !ok {
		t.Error("the item that left the feed was deleted")
	}
	changed, ok := items[names["item-2"]]
	if !ok || !strings.Contains(changed, "Corrected.") || !strings.Contains(changed, "title: Item number 2, corrected") {
		t.Errorf("the changed item kept its file name %s and got its new text: %v\n%s", names["item-2"], ok, changed)
	}
	after := env.mtimes(t)
	for path, mt := range before {
		if strings.HasSuffix(path, names["item-1"]) && !after[path].Equal(mt) {
			t.Error("the unchanged item was rewritten")
		}
	}
	if res := env.fetch(t)[0]; res.Unchanged != 3 || res.New+res.Updated != 0 {
		t.Errorf("third fetch %v", res)
	}
	if n := len(env.mustLoadClean(t)); n != 4 {
		t.Errorf("loaded %d", n)
	}
}

func TestGzipIsAccepted(t *testing.T) {
	srv := newTestServer(t)
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(rssFeed("Zipped", simpleItems(2, "1")...))
	zw.Close()
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gzip please", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(zipped.Bytes())
	})
	env := newTestEnv(t)
	if _, res := env.add(t, srv.URL+"/feed", "", false); res.New != 2 {
		t.Errorf("result %v", res)
	}
}

func TestGzipBombIsCutOff(t *testing.T) {
	srv := newTestServer(t)
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	zw.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>`))
	zeros := make([]byte, 1<<20)
	for range 16 { // 16 MiB of content, 16 KiB on the wire
		zw.Write(zeros)
	}
	zw.Close()
	srv.handle("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bomb.Bytes())
	})
	env := newTestEnv(t)
	_, _, err := env.m.Add(context.Background(), srv.URL+"/bomb", "", false)
	errorText(t, err, "add ", "larger than 10 MiB (after decompression)")
	if _, err := os.Stat(env.subs); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed add wrote the subscriptions file")
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	srv := newTestServer(t)
	srv.handle("/silent", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	})
	srv.handle("/stalls", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Half`))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // never finishes the body
	})
	env := newTestEnv(t, func(c *Config) { c.RequestTimeout = 50 * time.Millisecond })
	_, _, err := env.m.Add(context.Background(), srv.URL+"/silent", "", false)
	errorText(t, err, "timed out after 50ms")
	_, _, err = env.m.Add(context.Background(), srv.URL+"/stalls", "", false)
	errorText(t, err, "reading the feed: timed out after 50ms")
}

func TestRedirects(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("Target", simpleItems(1, "1")...))
	redirect := func(from, to string, code int) {
		srv.handle(from, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, code) })
	}
	redirect("/loop-a", "/loop-b", http.StatusFound)
	redirect("/loop-b", "/loop-a", http.StatusFound)
	for i := range 7 {
		redirect(fmt.Sprintf("/hop%d", i), fmt.Sprintf("/hop%d", i+1), http.StatusFound)
	}
	redirect("/hop7", "/feed", http.StatusFound)
	redirect("/to-file", "file:///etc/passwd", http.StatusFound)
	redirect("/to-ftp", "ftp://127.0.0.1/feed", http.StatusMovedPermanently)
	env := newTestEnv(t)

	_, _, err := env.m.Add(context.Background(), srv.URL+"/loop-a", "", false)
	errorText(t, err, "redirect loop at "+srv.URL+"/loop-a")
	_, _, err = env.m.Add(context.Background(), srv.URL+"/hop0", "", false)
	errorText(t, err, "more than 5 redirects")
	_, _, err = env.m.Add(context.Background(), srv.URL+"/to-file", "", false)
	errorText(t, err, `redirected to a "file" URL`)
	_, _, err = env.m.Add(context.Background(), srv.URL+"/to-ftp", "", false)
	errorText(t, err, `redirected to a "ftp" URL`)

	// five redirects are fine; temporary ones keep the URL subscribed
	sub, _ := env.add(t, srv.URL+"/hop3", "", false)
	if sub.URL != srv.URL+"/hop3" {
		t.Errorf("subscribed to %s after temporary redirects", sub.URL)
	}
}

func TestPermanentRedirectUpdatesTheSubscription(t *testing.T) {
	for _, code := range []int{http.StatusMovedPermanently, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv := newTestServer(t)
			feed := rssFeed("Moving", simpleItems(2, "1")...)
			srv.serveBytes("/old", "application/rss+xml", feed)
			env := newTestEnv(t)
			sub, _ := env.add(t, srv.URL+"/old", "", false)

			srv.handle("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", code) })
			srv.serveBytes("/new", "application/rss+xml", feed)
			res := env.fetch(t)[0]
			if res.Err != nil || res.MovedTo != srv.URL+"/new" || res.Unchanged != 2 {
				t.Fatalf("result %+v", res)
			}
			subs, err := env.m.Subscriptions()
			if err != nil || len(subs) != 1 || subs[0].URL != srv.URL+"/new" || subs[0].Dir != sub.Dir {
				t.Fatalf("subscriptions %+v, %v", subs, err)
			}
			if st := readState(env.m.dirOf(sub)); st.MovedTo != srv.URL+"/new" {
				t.Errorf("state %+v", st)
			}
			oldHits := srv.hits("/old")
			env.fetch(t)
			if srv.hits("/old") != oldHits || srv.hits("/new") != 2 {
				t.Error("the next fetch did not go to the new URL")
			}
		})
	}
}

// A feed that moved and is unchanged at its new address (301, then 304)
// is followed there all the same.
func TestPermanentRedirectToNotModified(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/old", "application/rss+xml", rssFeed("Moving", simpleItems(2, "1")...))
	env := newTestEnv(t)
	env.add(t, srv.URL+"/old", "", false)
	srv.handle("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	srv.handle("/new", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) })
	res := env.fetch(t)[0]
	if res.Err != nil || !res.NotModified || res.MovedTo != srv.URL+"/new" {
		t.Fatalf("result %+v", res)
	}
	if subs, err := env.m.Subscriptions(); err != nil || len(subs) != 1 || subs[0].URL != srv.URL+"/new" {
		t.Errorf("subscriptions %+v, %v", subs, err)
	}
}

func TestHTTPErrorsKeepStoredItems(t *testing.T) {
	for _, tc := range []struct {
		code int
		want []string
	}{
		{404, []string{"fetch News: HTTP 404 Not Found"}},
		{410, []string{"fetch News: HTTP 410 Gone", `remove it with: dispatch feeds remove "News"`}},
		{500, []string{"fetch News: HTTP 500 Internal Server Error"}},
		{403, []string{"fetch News: HTTP 403 Forbidden"}},
	} {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv := newTestServer(t)
			srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(2, "1")...))
			env := newTestEnv(t)
			sub, _ := env.add(t, srv.URL+"/feed", "", false)
			srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.code)
				fmt.Fprint(w, "\x1b]0;owned\x07 nope\n")
			})
			res := env.fetch(t)
			errorText(t, res[0].Err, tc.want...)
			if len(env.items(t, sub)) != 2 {
				t.Error("stored items were lost")
			}
			list, err := env.m.List()
			if err != nil || list[0].LastError != res[0].Err.Error() || list[0].Items != 2 {
				t.Errorf("status %+v, %v", list, err)
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	clock := newClock()
	for _, tc := range []struct {
		code  int
		after string
		wait  time.Duration
	}{
		{http.StatusTooManyRequests, "120", 2 * time.Minute},
		{http.StatusServiceUnavailable, clock.now().Add(time.Hour).Format(http.TimeFormat), time.Hour},
	} {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			srv := newTestServer(t)
			srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(1, "1")...))
			env := newTestEnv(t, func(c *Config) { c.Now = clock.now })
			env.add(t, srv.URL+"/feed", "", false)
			srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tc.after)
				w.WriteHeader(tc.code)
			})
			errorText(t, env.fetch(t)[0].Err, fmt.Sprintf("HTTP %d", tc.code), "retry after")
			hits := srv.hits("/feed")
			res := env.fetch(t)[0]
			if res.Err != nil || !strings.Contains(res.Skipped, "the server asked to wait until") || srv.hits("/feed") != hits {
				t.Fatalf("within Retry-After: %+v, %d requests", res, srv.hits("/feed")-hits)
			}
			clock.advance(tc.wait + time.Second)
			srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(1, "1")...))
			if res := env.fetch(t)[0]; res.Err != nil || res.Skipped != "" || srv.hits("/feed") != hits+1 {
				t.Fatalf("after Retry-After: %+v", res)
			}
		})
	}
}

func TestServerDownAndDNSFailure(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	env := newTestEnv(t)
	_, _, err = env.m.Add(context.Background(), "http://"+closed+"/feed", "", false)
	errorText(t, err, "connection refused by "+closed)
	_, _, err = env.m.Add(context.Background(), "http://no-such-host.invalid/feed.xml", "", false)
	errorText(t, err, "host no-such-host.invalid not found (DNS)")

	// a subscribed feed whose server went away keeps its items
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(2, "1")...))
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	srv.Close()
	errorText(t, env.fetch(t)[0].Err, "fetch News: connection refused")
	if len(env.items(t, sub)) != 2 {
		t.Error("items lost")
	}
}

func TestOnlyHTTPAndHTTPS(t *testing.T) {
	env := newTestEnv(t)
	for _, u := range []string{"file:///etc/passwd", "ftp://127.0.0.1/feed", "javascript:alert(1)", "/relative/feed.xml", "http://"} {
		_, _, err := env.m.Add(context.Background(), u, "", false)
		if err == nil {
			t.Errorf("Add(%q) succeeded", u)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := newClock().now()
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"soon", 0}, {"30", 30 * time.Second},
		{"99999999999", maxRetryAfter},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		got := parseRetryAfter(tc.in, now)
		if tc.want == 0 && !got.IsZero() || tc.want != 0 && got.Sub(now) != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want now+%v", tc.in, got, tc.want)
		}
	}
}
