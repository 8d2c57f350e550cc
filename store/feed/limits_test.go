package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// loopbackServer starts an httptest server on another loopback address
// (127.0.0.2 and up are loopback on Linux), so tests can have several
// hosts without leaving the machine.
func loopbackServer(t *testing.T, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("no loopback address %s here: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestFourAtOnceOnePerHost fetches eight feeds on four hosts. The servers
// hold the first requests until four are in flight, which only happens if
// four feeds of four different hosts are fetched at once; meanwhile they
// record the most requests ever in flight, overall and per host.
func TestFourAtOnceOnePerHost(t *testing.T) {
	var (
		mu          sync.Mutex
		inflight    int
		perHost     = map[string]int{}
		maxInflight int
		maxPerHost  int
		full        = make(chan struct{})
	)
	feed := rssFeed("Feed", simpleItems(1, "1")...)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		mu.Lock()
		inflight++
		perHost[host]++
		maxInflight = max(maxInflight, inflight)
		maxPerHost = max(maxPerHost, perHost[host])
		if inflight == maxConcurrent {
			select {
			case <-full:
			default:
				close(full)
			}
		}
		mu.Unlock()
		select {
		case <-full:
		case <-r.Context().Done():
		}
		w.Write(feed)
		mu.Lock()
		inflight--
		perHost[host]--
		mu.Unlock()
	})
	var opml strings.Builder
	opml.WriteString(`<opml version="2.0"><body>`)
	for i := range 4 {
		srv := loopbackServer(t, fmt.Sprintf("127.0.0.%d", i+1), handler)
		for j := range 2 {
			fmt.Fprintf(&opml, `<outline text="Feed %d-%d" xmlUrl="%s/feed%d"/>`, i, j, srv.URL, j)
		}
	}
	opml.WriteString(`</body></opml>`)
	env := newTestEnv(t)
	if _, err := env.m.Import(context.Background(), strings.NewReader(opml.String())); err != nil {
		t.Fatal(err)
	}
	var calls [][2]int
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a failure, not a hang
	defer cancel()
	res, err := env.m.Fetch(ctx, nil, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("%v (were four feeds fetched at once?)", r.Err)
		}
	}
	if maxInflight != maxConcurrent || maxPerHost != 1 {
		t.Errorf("at most %d requests at once and %d per host, want %d and 1", maxInflight, maxPerHost, maxConcurrent)
	}
	if len(calls) != 9 {
		t.Fatalf("progress calls %v", calls)
	}
	for i, c := range calls {
		if c != [2]int{i, 8} {
			t.Errorf("progress call %d: %v", i, c)
		}
	}
}

func TestPanicsBecomeThatFeedsError(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/good", "application/rss+xml", rssFeed("Good", simpleItems(2, "1")...))
	srv.serveBytes("/bad", "application/rss+xml", rssFeed("Bad", simpleItems(2, "1")...))
	env := newTestEnv(t)
	good, _ := env.add(t, srv.URL+"/good", "", false)
	env.add(t, srv.URL+"/bad", "", false)
	env.m.beforeStore = func(s Subscription) {
		if strings.HasPrefix(s.Name, "Bad") {
			panic("parser exploded \x1b[31m")
		}
	}
	res := env.fetch(t)
	if res[0].Err != nil || res[0].Unchanged != 2 {
		t.Errorf("good feed: %v", res[0])
	}
	errorText(t, res[1].Err, "fetch Bad: internal error: parser exploded")
	assertSafe(t, "error", res[1].Err.Error())
	if len(env.items(t, good)) != 2 {
		t.Error("the good feed's items are gone")
	}
	srv.serveBytes("/bad2", "application/rss+xml", rssFeed("Bad", simpleItems(1, "1")...))
	_, r, err := env.m.Add(context.Background(), srv.URL+"/bad2", "", false)
	if err != nil {
		t.Fatal(err)
	}
	errorText(t, r.Err, "internal error: parser exploded")
}

func TestFetchByName(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Alpha", simpleItems(1, "1")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Beta", simpleItems(1, "1")...))
	env := newTestEnv(t)
	env.add(t, srv.URL+"/a", "", false)
	env.add(t, srv.URL+"/b", "", false)
	res := env.fetch(t, "beta")
	if len(res) != 1 || res[0].Name != "Beta" || srv.hits("/a") != 1 {
		t.Errorf("fetch beta: %v", res)
	}
	res = env.fetch(t, srv.URL+"/a", "Beta")
	if len(res) != 2 || res[0].Name != "Alpha" {
		t.Errorf("fetch by URL and name: %v", res)
	}
	_, err := env.m.Fetch(context.Background(), []string{"Gamma", "Delta"}, nil)
	errorText(t, err, `fetch: no feed named "Gamma", "Delta"`)
	if s := res[1].String(); s != "Beta: 0 new, 0 updated, 1 unchanged" {
		t.Errorf("String() = %q", s)
	}
	failed := Result{Name: "Gamma", URL: "http://x/", Err: &fetchError{name: "Gamma", err: errors.New("HTTP 500")}}
	data, err := json.Marshal([]Result{res[1], failed})
	want := `[{"name":"Beta","url":"` + srv.URL + `/b","new":0,"updated":0,"unchanged":1},` +
		`{"name":"Gamma","url":"http://x/","new":0,"updated":0,"unchanged":0,"error":"fetch Gamma: HTTP 500"}]`
	if err != nil || string(data) != want {
		t.Errorf("JSON %s, %v", data, err)
	}
}
