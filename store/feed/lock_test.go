//go:build unix

package feed

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTwoFetchesAtOnce: while one fetch holds the lock (its server stalls),
// a second Manager on the same directories, as another process would be,
// waits LockWait and gives up with ErrBusy; so do the other operations that
// write. The first fetch is unharmed.
func TestTwoFetchesAtOnce(t *testing.T) {
	srv := newTestServer(t)
	feed := rssFeed("News", simpleItems(2, "1")...)
	srv.serveBytes("/feed", "application/rss+xml", feed)
	env := newTestEnv(t, func(c *Config) { c.LockWait = 30 * time.Millisecond })
	sub, _ := env.add(t, srv.URL+"/feed", "", false)

	arrived, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() {
			close(arrived)
			<-release
		})
		w.Write(feed)
	})
	type outcome struct {
		res []Result
		err error
	}
	first := make(chan outcome, 1)
	go func() {
		res, err := env.m.Fetch(context.Background(), nil, nil)
		first <- outcome{res, err}
	}()
	<-arrived // the first fetch holds the lock and waits on the server

	other, err := New(env.m.cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.Fetch(context.Background(), nil, nil)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("second fetch: %v, want ErrBusy", err)
	}
	errorText(t, err, "fetch: another dispatch is fetching feeds")
	_, err = other.Remove(context.Background(), "News", true)
	if !errors.Is(err, ErrBusy) {
		t.Errorf("remove during a fetch: %v", err)
	}
	_, err = other.Import(context.Background(), strings.NewReader(`<opml version="2.0"><body><outline text="X" xmlUrl="http://127.0.0.1/x"/></body></opml>`))
	if !errors.Is(err, ErrBusy) {
		t.Errorf("import during a fetch: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := other.Fetch(ctx, nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait: %v", err)
	}

	close(release)
	out := <-first
	if out.err != nil || len(out.res) != 1 || out.res[0].Err != nil || out.res[0].Unchanged != 2 {
		t.Fatalf("first fetch: %+v", out)
	}
	if len(env.items(t, sub)) != 2 {
		t.Error("items lost")
	}
	if res, err := other.Fetch(context.Background(), nil, nil); err != nil || res[0].Err != nil {
		t.Errorf("fetch after the first one ended: %v %v", res, err)
	}
}
