package feed

import (
	"testing"
	"time"
)

// TestRetryAfterReadBackIsClamped: a Retry-After deadline in the fetch
// state beyond the seven days a server may ask for (written while the
// clock was wrong, or edited) is held to seven days from when it is first
// read, not obeyed until the year 9999.
func TestRetryAfterReadBackIsClamped(t *testing.T) {
	clock := newClock()
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(1, "1")...))
	env := newTestEnv(t, func(c *Config) { c.Now = clock.now })
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	dir := env.m.dirOf(sub)
	st := readState(dir)
	st.RetryAfter = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	if err := writeState(dir, st); err != nil {
		t.Fatal(err)
	}
	limit := clock.now().Add(maxRetryAfter)
	if list, err := env.m.List(); err != nil || !list[0].RetryAfter.Equal(limit) {
		t.Errorf("feeds shows the wait until %v, want %v (%v)", list[0].RetryAfter, limit, err)
	}
	hits := srv.hits("/feed")
	if res := env.fetch(t)[0]; res.Skipped == "" || srv.hits("/feed") != hits {
		t.Fatalf("within the clamped wait: %+v", res)
	}
	clock.advance(maxRetryAfter - time.Hour) // the bound does not move with the clock
	if res := env.fetch(t)[0]; res.Skipped == "" || srv.hits("/feed") != hits {
		t.Fatalf("within the clamped wait: %+v", res)
	}
	clock.advance(time.Hour + time.Second)
	if res := env.fetch(t)[0]; res.Err != nil || res.Skipped != "" || srv.hits("/feed") != hits+1 {
		t.Fatalf("after seven days: %+v", res)
	}
}
