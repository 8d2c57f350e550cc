package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dispatch/store/article"
	"dispatch/store/state"
)

// TestBookmarkedItemsAreKept: the archive limits ask feeds' Keep about an
// item by its path below the feeds folder; Keep answers from the state file,
// under the key the reader bookmarks the item by, reads the file again when
// it changes, and keeps everything while it cannot be read.
func TestBookmarkedItemsAreKept(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	srv.add("g-2", "Lantern walk on the promenade", "Children and parents are invited to the lantern walk on Friday evening.")
	env := feedEnv(t)
	statePath := filepath.Join(t.TempDir(), "state.json")
	mustRun(t, env, "--state", statePath, "feeds", "add", srv.URL+"/rss.xml")
	folder := filepath.Join(env["XDG_DATA_HOME"], "dispatch", "feeds")

	// the items as the reader's library lists them, and their files
	list := article.List(withFeeds(libraryInputs{}, folder).sources)
	ld := list.NewLoader()
	rels := map[string]string{} // state key → path below the feeds folder
	for i := range list.Len() {
		a, _, ok := ld.Load(i)
		if !ok {
			t.Fatalf("item %d does not load", i)
		}
		rels[a.StateKey()] = strings.TrimPrefix(a.Path, "feeds/")
	}
	if len(rels) != 2 {
		t.Fatalf("items %v", rels)
	}
	marks := &bookmarkedItems{path: statePath}
	for _, rel := range rels {
		if marks.keep(rel) {
			t.Errorf("%s kept with no state file", rel)
		}
		if _, err := os.Stat(filepath.Join(folder, filepath.FromSlash(rel))); err != nil {
			t.Errorf("%s is not an item file's path: %v", rel, err)
		}
	}
	st, err := state.Open(statePath, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var marked string
	for key := range rels {
		marked = key
		break
	}
	st.SetBookmarked(marked, true)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for key, rel := range rels {
		if got := marks.keep(rel); got != (key == marked) {
			t.Errorf("keep(%s) = %v after bookmarking %s", rel, got, marked)
		}
	}
	if err := os.WriteFile(statePath, []byte(`{"version": 1, "articles": {`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels {
		if !marks.keep(rel) {
			t.Errorf("%s not kept while the state is damaged", rel)
		}
	}
}
