package feed

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dispatch/store/journal"
)

// TestEveryChangeIsInTheJournal: a command that trusts the feeds' journal
// looks only at the paths it names since its mark, so every item written,
// rewritten or removed, and every feed folder removed, must be named
// there; an unchanged item is not.
func TestEveryChangeIsInTheJournal(t *testing.T) {
	srv := newTestServer(t)
	a := testItem{guid: "a", title: "Ferry times", body: longText}
	b := testItem{guid: "b", title: "Harbour fees", body: longText}
	srv.serveBytes("/rss", "application/rss+xml", rssFeed("Lakeside", a, b))
	env := newTestEnv(t, func(c *Config) { c.KeepItems = 1 })
	sub, _ := env.add(t, srv.URL+"/rss", "Lakeside", false)
	root := env.m.FeedsDir()
	on := func(mark journal.Mark) journal.Changes {
		t.Helper()
		c := journal.Read(root, mark)
		if mark.ID != "" && !c.Followed {
			t.Fatalf("the journal cannot be followed from %v", mark)
		}
		return c
	}
	files := func() []string {
		var out []string
		for name := range env.items(t, sub) {
			out = append(out, sub.Dir+"/"+name)
		}
		slices.Sort(out)
		return out
	}
	first := on(journal.Mark{})
	if first.Next.ID == "" {
		t.Fatal("the first fetch started no journal")
	}
	written := files()
	if len(written) != 2 {
		t.Fatalf("items %v", written)
	}
	journalText, _ := os.ReadFile(filepath.Join(root, journal.Name))
	for _, f := range written {
		if !strings.Contains(string(journalText), f) {
			t.Errorf("%s was written without a record", f)
		}
	}

	// nothing changed: nothing named
	env.fetch(t)
	if c := on(first.Next); len(c.Touched) != 0 {
		t.Errorf("an unchanged fetch named %v", c.Touched)
	}

	// one rewritten, one new: both named, and the archive's removal of the
	// oldest beyond KeepItems too
	b.body = longText + " The fees rise in spring."
	c := testItem{guid: "c", title: "Ice on the lake", body: longText}
	srv.serveBytes("/rss", "application/rss+xml", rssFeed("Lakeside", c, b))
	before := on(first.Next).Next
	env.fetch(t)
	after := files()
	changed := on(before)
	var want []string
	for _, f := range append(written, after...) {
		if !slices.Contains(want, f) && (!slices.Contains(written, f) || !slices.Contains(after, f) || strings.Contains(f, "harbour")) {
			want = append(want, f)
		}
	}
	for _, f := range want {
		if !slices.Contains(changed.Touched, f) {
			t.Errorf("%s changed without a record; named: %v", f, changed.Touched)
		}
	}

	// a purge names the feed's folder
	if _, err := env.m.Remove(context.Background(), "Lakeside", true); err != nil {
		t.Fatal(err)
	}
	if c := on(changed.Next); !slices.Contains(c.Touched, sub.Dir) {
		t.Errorf("the feed's folder was removed without a record; named: %v", c.Touched)
	}
}
