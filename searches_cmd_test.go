package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ids are the article numbers of `list --json` output.
func ids(t *testing.T, out string) []int {
	t.Helper()
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	var got []int
	for _, a := range arts {
		got = append(got, a.ID)
	}
	return got
}

// The state operators read the saved reading state: article 2 is read, 2
// and 4 bookmarked (seedState).
func TestSearchStateOperators(t *testing.T) {
	state := seedState(t)
	for q, want := range map[string][]int{
		"is:unread":            {1, 3, 4, 5},
		"is:read":              {2},
		"is:starred":           {2, 4},
		"is:starred is:unread": {4},
		"is:new":               nil, // nothing keeps what the last fetch brought yet
	} {
		out := mustRun(t, nil, "--state", state, "search", q, "--json")
		if got := ids(t, out); !slices.Equal(got, want) {
			t.Errorf("search %s: %v, want %v", q, got, want)
		}
	}
	// with words: ranked hits, the read left out
	out := mustRun(t, nil, "--state", state, "search", "geneva -is:unread", "--json")
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) != 1 || hits[0].ID != 2 || hits[0].Score == 0 {
		t.Errorf("geneva -is:unread: %v %s", err, out)
	}
}

func TestSearchOperatorMistakes(t *testing.T) {
	for q, want := range map[string]string{
		"geneva tpoic:peace": `unknown operator "tpoic:" (known: date:, is:, since:, source:, tag:, topic:, until:)`,
		"topic:":             "topic: needs a topic after it",
		"since:someday":      "since:someday: not a date",
	} {
		code, out, errs := runCLI(t, nil, "search", q)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "dispatch: "+want) || !strings.HasSuffix(errs, "(see dispatch help search)\n") {
			t.Errorf("search %q: exit %d %q %q", q, code, out, errs)
		}
	}
	// a time and an address are words
	for _, q := range []string{"10:30 geneva", "https://example.org/geneva"} {
		if code, _, errs := runCLI(t, nil, "search", q); code != 0 {
			t.Errorf("search %q: exit %d %q", q, code, errs)
		}
	}
}

func TestSavedSearches(t *testing.T) {
	state := seedState(t)
	env, path := configEnv(t, "searches:\n  Geneva: geneva is:unread\n  Starred: is:starred\n  Nothing: since:2030-01-01\n")
	out := mustRun(t, env, "--state", state, "searches")
	want := "Geneva   4 unread of 4  geneva is:unread\nStarred  1 unread of 2  is:starred\nNothing  0 unread of 0  since:2030-01-01\n"
	if geneva := ids(t, mustRun(t, env, "--state", state, "search", "geneva is:unread", "--json")); len(geneva) != 4 {
		t.Fatalf("geneva is:unread finds %v: the expectation below is wrong", geneva)
	}
	if out != want {
		t.Errorf("searches:\n%s\nwant\n%s", out, want)
	}
	var counts []searchCountJSON
	if err := json.Unmarshal([]byte(mustRun(t, env, "--state", state, "searches", "--json")), &counts); err != nil ||
		len(counts) != 3 || counts[1] != (searchCountJSON{Name: "Starred", Query: "is:starred", Unread: 1, Total: 2}) {
		t.Errorf("searches --json: %v %+v", err, counts)
	}
	if got := ids(t, mustRun(t, env, "--state", state, "list", "--search", "starred", "--json")); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("list --search starred: %v", got)
	}
	code, _, errs := runCLI(t, env, "list", "--search", "Ukraine")
	if code != 2 || !strings.Contains(errs, `no saved search "Ukraine" (there are "Geneva", "Starred", "Nothing")`) {
		t.Errorf("an unknown saved search: exit %d %q", code, errs)
	}
	// the reader's save goes into the file, and the next run has it
	if err := saveSearchFunc(env2(nil, nil, nil, env), &globalFlags{})("Peace", "peace"); err != nil {
		t.Fatal(err)
	}
	if err := saveSearchFunc(env2(nil, nil, nil, env), &globalFlags{})("Bad", "is:sleepy"); err == nil {
		t.Error("a bad query was saved")
	}
	if data, _ := os.ReadFile(path); !strings.HasSuffix(string(data), "  Nothing: since:2030-01-01\n  Peace: peace\n") {
		t.Errorf("the file after saving:\n%s", data)
	}
	if out := mustRun(t, env, "--state", state, "searches"); !strings.Contains(out, "Peace") {
		t.Errorf("the saved search is not listed:\n%s", out)
	}
}

// tag: finds a feed's items by the OPML folder its subscription came
// from.
func TestTagFromAnOPMLFolder(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("cafe-1", "Café Meeting on the Quay", "The harbour café held a meeting about the ferry timetable.")
	env := feedEnv(t)
	opml := `<?xml version="1.0"?><opml version="2.0"><body><outline text="Lake News" title="Lake News">` +
		`<outline type="rss" text="Lakeside Gazette" xmlUrl="` + srv.URL + `/rss.xml"/></outline></body></opml>`
	file := filepath.Join(t.TempDir(), "feeds.opml")
	os.WriteFile(file, []byte(opml), 0o644)
	state := filepath.Join(t.TempDir(), "state.json")
	mustRun(t, env, "--state", state, "feeds", "import", file)
	mustRun(t, env, "--state", state, "fetch")
	for q, want := range map[string]int{`tag:"Lake News"`: 1, `tag:"lake news" café`: 1, "-tag:\"Lake News\" geneva": 5, "tag:sports": 0} {
		out := mustRun(t, env, "--state", state, "search", q, "--json", "--limit", "50")
		var hits []map[string]any
		if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) != want {
			t.Errorf("search %s: %v, %d hits, want %d\n%s", q, err, len(hits), want, out)
		}
	}
}
