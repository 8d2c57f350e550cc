package main

import (
	"bytes"
	"testing"
	"time"
)

// The reader fetches on its own every --refresh; without one, as often as
// the shortest interval a feed has of its own (each then fetched when due);
// with neither, never.
func TestReaderRefreshFollowsTheFeedsOwnIntervals(t *testing.T) {
	env := feedEnv(t)
	var out, errb bytes.Buffer
	e := env2(nil, &out, &errb, env)
	g := &globalFlags{}
	m, err := feedManager(e, g)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if d := readerRefresh(g, m); d != 0 {
		t.Errorf("no feeds: refresh %v, want none", d)
	}
	one, two := newFeedServer(t), newFeedServer(t)
	one.add("ferry", "Ferry Timetable Changes", "The ferry will sail twice a day from Monday, the council said after complaints.")
	two.add("quay", "Quay Repairs Begin", "Divers began checking the pillars of the old quay on Tuesday, the harbour master said.")
	mustRun(t, env, "feeds", "add", one.URL+"/rss.xml", "--name", "Gazette", "--every", "6h")
	mustRun(t, env, "feeds", "add", two.URL+"/rss.xml", "--name", "Post")
	if d := readerRefresh(g, m); d != 6*time.Hour {
		t.Errorf("one feed every 6h: refresh %v", d)
	}
	mustRun(t, env, "feeds", "set", "Post", "--every", "2h")
	if d := readerRefresh(g, m); d != 2*time.Hour {
		t.Errorf("feeds every 6h and 2h: refresh %v", d)
	}
	g.refresh = 30 * time.Minute
	if d := readerRefresh(g, m); d != 30*time.Minute {
		t.Errorf("--refresh 30m: refresh %v", d)
	}
}
