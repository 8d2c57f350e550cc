package feed

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestPurgeLeftovers: a feed removed without purge left items that could
// never be deleted (remove --purge then said "no feed named"). Purge finds
// its folder by the feed's name (a prefix will do), its address or the
// folder's name, and deletes it; a feed still subscribed is not purged.
func TestPurgeLeftovers(t *testing.T) {
	srv := newTestServer(t)
	for _, p := range []string{"/a", "/b", "/c"} {
		srv.serveBytes(p, "application/rss+xml", rssFeed("Feed "+p, simpleItems(2, "1")...))
	}
	env := newTestEnv(t)
	a, _ := env.add(t, srv.URL+"/a", "Alpha News", false)
	b, _ := env.add(t, srv.URL+"/b", "Beta", false)
	c, _ := env.add(t, srv.URL+"/c", "Gamma", false)
	for _, s := range []Subscription{a, b} {
		if _, err := env.m.Remove(context.Background(), s.Name, false); err != nil {
			t.Fatal(err)
		}
	}
	_, err := env.m.Remove(context.Background(), "Alpha News", true)
	if !errors.Is(err, ErrNoFeed) {
		t.Fatalf("remove of a removed feed: %v", err)
	}
	got, err := env.m.Purge(context.Background(), "alpha")
	if err != nil || got != (Purged{Name: "Alpha News", Dir: a.Dir, Items: 2}) {
		t.Fatalf("purge by a prefix of the name: %+v %v", got, err)
	}
	if _, err := os.Stat(env.m.dirOf(a)); !os.IsNotExist(err) {
		t.Error("the folder is still there")
	}
	_, err = env.m.Purge(context.Background(), "alpha")
	errorText(t, err, `purge: no feed named "alpha" among the feeds removed`)
	_, err = env.m.Purge(context.Background(), "Gamma")
	errorText(t, err, `purge: Gamma is still subscribed; remove it with: dispatch feeds remove "Gamma" --purge`)
	if len(env.items(t, c)) != 2 {
		t.Error("a subscribed feed's items were touched")
	}

	// a folder from before the fetch state kept the name: the items say it
	st := readState(env.m.dirOf(b))
	st.Name = ""
	if err := writeState(env.m.dirOf(b), st); err != nil {
		t.Fatal(err)
	}
	for _, by := range []string{srv.URL + "/b", b.Dir} {
		got, err := env.m.Purge(context.Background(), by)
		if err != nil || got.Name != "Beta" || got.Items != 2 {
			t.Fatalf("purge by %s: %+v %v", by, got, err)
		}
		env.add(t, srv.URL+"/b", "Beta", false) // and again, for the next way
		if _, err := env.m.Remove(context.Background(), "Beta", false); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPrefixesOfNames: remove and fetch take a feed as source: does, by a
// unique prefix of its name (letters and digits, any case, accents
// aside); an ambiguous one is an error naming the candidates.
func TestPrefixesOfNames(t *testing.T) {
	srv := newTestServer(t)
	for _, p := range []string{"/a", "/b", "/c"} {
		srv.serveBytes(p, "application/rss+xml", rssFeed("Feed "+p, simpleItems(1, "1")...))
	}
	env := newTestEnv(t)
	env.add(t, srv.URL+"/a", "Lakeside Gazette", false)
	env.add(t, srv.URL+"/b", "Lake Times", false)
	env.add(t, srv.URL+"/c", "Café Crème", false)
	_, err := env.m.Fetch(context.Background(), []string{"lake"}, nil)
	errorText(t, err, `fetch: "lake" could be "Lakeside Gazette", "Lake Times"; say which`)
	res := env.fetch(t, "lakeside-gaz", "cafe")
	if len(res) != 2 || res[0].Name != "Lakeside Gazette" || res[1].Name != "Café Crème" {
		t.Errorf("fetch by prefixes: %v", res)
	}
	if _, err := env.m.Remove(context.Background(), "lake", false); err == nil {
		t.Error("an ambiguous prefix removed a feed")
	}
	if got, err := env.m.Remove(context.Background(), "lake t", false); err != nil || got.Name != "Lake Times" {
		t.Errorf("remove by prefix: %+v %v", got, err)
	}
	_, err = env.m.Remove(context.Background(), "nothing", false)
	if !errors.Is(err, ErrNoFeed) {
		t.Errorf("remove of no feed: %v", err)
	}
}
