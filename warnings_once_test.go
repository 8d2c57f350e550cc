package main

import (
	"strings"
	"testing"
)

// TestWarningsAreSaidOnceWhenFound: a slug taken twice and a broken file
// are said by the run that found them; later warm commands, which read
// them from the index cache, say nothing; dispatch index lists the files
// skipped again (a slug taken is said once, when the newcomer is named:
// the identity journal keeps its other slug, so nothing is left to do),
// and a run that finds a new one says only that one.
func TestWarningsAreSaidOnceWhenFound(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	write("a.md", "---\ntitle: Harbour fees\n---\nThe harbour council met.\n")(t, dir)
	write("b.md", "---\ntitle: Harbour fees\n---\nThe ferry ran again.\n")(t, dir)
	write("broken.md", "---\ntitle: [broken\n---\nText.\n")(t, dir)
	args := func(cmd ...string) []string { return append(cmd, "--no-builtin", "--dir", dir, "--cache", cache) }
	stderr := func(cmd ...string) string {
		t.Helper()
		code, _, errs := runCLI(t, nil, args(cmd...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d %q", cmd, code, errs)
		}
		return errs
	}
	first := stderr("search", "harbour")
	if !strings.Contains(first, "skipped") || !strings.Contains(first, "is taken by") {
		t.Fatalf("the first run did not say what it found: %q", first)
	}
	for _, cmd := range [][]string{{"search", "harbour"}, {"list"}, {"read", "1"}} {
		if errs := stderr(cmd...); errs != "" {
			t.Errorf("%v, the cache current: said again %q", cmd, errs)
		}
	}
	if errs := stderr("index"); !strings.Contains(errs, "skipped") || strings.Contains(errs, "is taken by") {
		t.Errorf("index does not list what the cache holds: %q", errs)
	}
	write("c.md", "---\ntitle: [also broken\n---\nText.\n")(t, dir)
	if errs := stderr("list"); strings.Count(errs, "skipped") != 1 || !strings.Contains(errs, "c.md") || strings.Contains(errs, "is taken by") {
		t.Errorf("a new warning: said %q, want it alone", errs)
	}
}

// TestARepairedItemIsQuietAfter: an item the fetch had to clean (a bidi
// override in its title, a C1 control sequence in its text) is cleaned
// once, when written; the ten commands after say nothing on stderr.
func TestARepairedItemIsQuietAfter(t *testing.T) {
	env := feedEnv(t)
	feeds := newFeedServer(t)
	feeds.add("calm", "The Quay Reopens", "The quay reopened on Monday after repairs to its oak pillars, the harbour master said.")
	feeds.add("evil", "Evil \u202etitle\u202c here", "Text with &#x9b;31m a control sequence, then the ferry timetable for the winter.")
	mustRun(t, env, "feeds", "add", feeds.URL+"/rss.xml", "--name", "Gazette")
	commands := [][]string{{"list"}, {"search", "ferry"}, {"read", "2"}, {"list", "--new"}, {"search", "quay"},
		{"related", "1"}, {"stories"}, {"feeds"}, {"list", "--json"}, {"read", "1"}}
	for _, c := range commands {
		code, out, errs := runCLI(t, env, append([]string{"--no-builtin"}, c...)...)
		if code != 0 || errs != "" {
			t.Errorf("%v: exit %d, stderr %q", c, code, errs)
		}
		if strings.ContainsAny(out, "\u202e\u009b\x1b") {
			t.Errorf("%v: the repair did not hold: %q", c, out)
		}
	}
}
