package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dispatch/store"
	"dispatch/store/state"
)

// listed is what list --json says of every article, by title.
func listed(t *testing.T, env map[string]string, args ...string) map[string]articleJSON {
	t.Helper()
	out := mustRun(t, env, append([]string{"list", "--json", "--copies"}, args...)...)
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	byTitle := map[string]articleJSON{}
	for _, a := range arts {
		if _, dup := byTitle[a.Title]; dup {
			t.Fatalf("two articles titled %q", a.Title)
		}
		byTitle[a.Title] = a
	}
	return byTitle
}

// stateKeyOf is the reading state's key of the article numbered id, as
// the library loaded with args' folders has it.
func stateKeyOf(t *testing.T, env map[string]string, dirs []string, id int) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := env2(nil, &out, &errb, env)
	g := &globalFlags{dirs: dirs}
	if err := loadConfig(e, g); err != nil {
		t.Fatal(err)
	}
	lib, err := loadLibrary(e, g)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := lib.DocOf(id)
	if !ok {
		t.Fatalf("no article %d", id)
	}
	return lib.Article(d).StateKey()
}

// TestNumbersLast is issue 23's acceptance: feeds added that sort before
// the ones followed, new items fetched, a --dir added and taken away, the
// index cache deleted, every command a restart — every article seen before
// keeps its number and slug, and its read mark, bookmark and place in the
// history follow it.
func TestNumbersLast(t *testing.T) {
	env := feedEnv(t)
	zeta := newFeedServer(t)
	zeta.add("z-1", "Quay Repairs Begin", "Work on the old quay began with divers checking the pillars.")
	zeta.add("z-2", "Choir Tour Announced", "The harbour choir will tour the lake towns in spring.")
	mine, more := t.TempDir(), t.TempDir()
	write("notes.md", "---\ntitle: My Ferry Notes\n---\nThe ferry ran late all week because of the fog.\n")(t, mine)
	write("other.md", "---\ntitle: Lantern Walk\n---\nThe lantern walk starts at six from the quay.\n")(t, more)
	mustRun(t, env, "feeds", "add", zeta.URL+"/rss.xml", "--name", "Zeta Post")

	stateFile := filepath.Join(t.TempDir(), "state.json")
	first := listed(t, env, "--state", stateFile, "--dir", mine)
	if len(first) != 5+2+1 {
		t.Fatalf("%d articles, want the 5 built-in, 2 items and a file: %v", len(first), first)
	}
	item, note := first["Quay Repairs Begin"], first["My Ferry Notes"]
	itemKey, noteKey := stateKeyOf(t, env, []string{mine}, item.ID), stateKeyOf(t, env, []string{mine}, note.ID)
	st, err := state.Open(stateFile, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.SetRead(itemKey, true)
	st.SetBookmarked(noteKey, true)
	st.SetHistory([]state.Position{{Article: noteKey, Passage: 0}, {Article: itemKey, Passage: 0}}, nil)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// a feed that sorts before the one followed, new items, the cache gone
	aardvark := newFeedServer(t)
	aardvark.add("a-1", "Regatta Moved to August", "The regatta moves to August because of the new ferry timetable.")
	mustRun(t, env, "feeds", "add", aardvark.URL+"/rss.xml", "--name", "Aardvark Daily")
	zeta.add("z-3", "Ice Warning for the Bay", "Thin ice was reported in the bay near the ferry landing.")
	mustRun(t, env, "fetch")
	os.RemoveAll(env["XDG_CACHE_HOME"])

	for _, dirs := range [][]string{{more, mine}, {more}, {mine}, nil} {
		args := []string{"--state", stateFile}
		for _, d := range dirs {
			args = append(args, "--dir", d)
		}
		now := listed(t, env, args...)
		for title, was := range first {
			got, ok := now[title]
			if !ok {
				if title == "My Ferry Notes" && !strings.Contains(strings.Join(args, " "), mine) {
					continue // its folder is not read this time
				}
				t.Fatalf("%v: %q is gone", dirs, title)
			}
			if got.ID != was.ID || got.Slug != was.Slug {
				t.Errorf("%v: %q is %d %s, was %d %s", dirs, title, got.ID, got.Slug, was.ID, was.Slug)
			}
		}
		for title, got := range now {
			if _, old := first[title]; !old && got.ID <= 8 {
				t.Errorf("%v: the newcomer %q took number %d", dirs, title, got.ID)
			}
		}
		if !now["Quay Repairs Begin"].Read {
			t.Errorf("%v: the item read is unread", dirs)
		}
		if n, ok := now["My Ferry Notes"]; ok && !n.Bookmarked {
			t.Errorf("%v: the bookmark on the file is lost", dirs)
		}
		if lantern, ok := now["Lantern Walk"]; ok && !strings.Contains(strings.Join(args, " "), more) {
			t.Errorf("%v: %+v listed without its folder", dirs, lantern)
		}
	}
	// the history names the same articles, which have the same numbers
	saved, err := state.Read(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{note.ID, item.ID} {
		if got := stateKeyOf(t, env, []string{mine}, want); saved.Back[i].Article != got {
			t.Errorf("history %d: %s, article %d is %s now", i, saved.Back[i].Article, want, got)
		}
	}
	// what the last fetch brought is new (the regatta came with feeds add,
	// before it), until the next fetch
	now := listed(t, env, "--dir", mine)
	if !now["Ice Warning for the Bay"].New || now["Regatta Moved to August"].New || now["Quay Repairs Begin"].New {
		t.Errorf("new after the fetch: ice %v, regatta %v, quay %v", now["Ice Warning for the Bay"].New,
			now["Regatta Moved to August"].New, now["Quay Repairs Begin"].New)
	}
	mustRun(t, env, "fetch")
	if now := listed(t, env, "--dir", mine); now["Ice Warning for the Bay"].New {
		t.Error("still new after a fetch that brought nothing")
	}
}

// TestSlugTakenIsSaidOnce: two of your files with one title get slugs of
// their own, and the second is told so the first time it is named, not on
// every command after.
func TestSlugTakenIsSaidOnce(t *testing.T) {
	env := feedEnv(t)
	dir := t.TempDir()
	write("a.md", "---\ntitle: Harbour Report\n---\nThe harbour was busy.\n")(t, dir)
	write("b.md", "---\ntitle: Harbour Report\n---\nThe harbour was quiet.\n")(t, dir)
	code, _, errs := runCLI(t, env, "list", "--dir", dir)
	if code != 0 || !strings.Contains(errs, `slug "harbour-report" is taken by `) || !strings.Contains(errs, `this one is "harbour-report-2"`) {
		t.Fatalf("first list: exit %d, stderr %q", code, errs)
	}
	os.RemoveAll(env["XDG_CACHE_HOME"]) // even built afresh: the journal knows both
	for range 2 {
		if code, _, errs := runCLI(t, env, "list", "--dir", dir); code != 0 || strings.Contains(errs, "taken") {
			t.Errorf("again: exit %d, stderr %q", code, errs)
		}
	}
	lib := func() *store.Library {
		var out, errb bytes.Buffer
		e := env2(nil, &out, &errb, env)
		g := &globalFlags{dirs: []string{dir}}
		loadConfig(e, g)
		lib, err := loadLibrary(e, g)
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}()
	if d, err := lib.Lookup("harbour-report-2"); err != nil || lib.Article(d).Path != filepath.Base(dir)+"/b.md" && !strings.HasSuffix(lib.Article(d).Path, "b.md") {
		t.Errorf("harbour-report-2 is %v (%v)", d, err)
	}
}
