package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dispatch/store"
)

// hookOutEnv names the file the on-new helper appends what it reads to.
const hookOutEnv = "DISPATCH_TEST_ON_NEW_OUT"

// onNewHelper is the test binary run as an on-new command (runMainEnv
// on-new): it appends its standard input, then a line "--", to the file
// hookOutEnv names, and fails when its first argument says so.
func onNewHelper(args []string) int {
	in, _ := io.ReadAll(os.Stdin)
	f, err := os.OpenFile(os.Getenv(hookOutEnv), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return 9
	}
	fmt.Fprintf(f, "%s\n--\n", in)
	f.Close()
	if len(args) > 0 && args[0] == "fail" {
		fmt.Fprintln(os.Stderr, "no display to notify\nsecond line")
		return 3
	}
	return 0
}

// hookRuns are the summaries the helper was given, in order.
func hookRuns(t *testing.T, path string) []newSummary {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	var out []newSummary
	for _, part := range strings.Split(string(data), "\n--\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		var s newSummary
		if err := json.Unmarshal([]byte(part), &s); err != nil {
			t.Fatalf("the hook read %q: %v", part, err)
		}
		out = append(out, s)
	}
	return out
}

// hookEnv is a feeds environment whose configuration runs the helper as
// on-new, with args, and the file it writes to.
func hookEnv(t *testing.T, args ...string) (map[string]string, string) {
	env := feedEnv(t)
	out := filepath.Join(t.TempDir(), "hook.out")
	t.Setenv(runMainEnv, "on-new") // for the helper: the test process is past TestMain
	t.Setenv(hookOutEnv, out)
	argv, _ := json.Marshal(append([]string{os.Args[0]}, args...))
	dir := filepath.Join(env["XDG_CONFIG_HOME"], "dispatch")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("on-new: "+string(argv)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return env, out
}

// The on-new command runs once for each fetch that brought items, with
// what they are on its standard input, and never for one that brought
// none.
func TestOnNewRunsAfterAFetchThatBroughtItems(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("cafe-1", "Café Meeting on the Quay", "The harbour café held a meeting about the ferry timetable.")
	env, out := hookEnv(t)
	state := filepath.Join(t.TempDir(), "state.json")
	run := func(args ...string) string {
		return mustRun(t, env, append([]string{"--no-builtin", "--state", state}, args...)...)
	}
	run("feeds", "add", srv.URL+"/rss.xml")
	if runs := hookRuns(t, out); len(runs) != 0 {
		t.Fatalf("feeds add ran on-new: %+v", runs) // adding stores the first items; only a fetch tells
	}
	srv.add("ferry-2", "Ferry Timetable Changes", "The ferry will sail twice a day from Monday, the council said.")
	run("fetch")
	run("fetch") // nothing new
	runs := hookRuns(t, out)
	if len(runs) != 1 {
		t.Fatalf("on-new ran %d times for a fetch with an item and one without: %+v", len(runs), runs)
	}
	s := runs[0]
	if len(s.Feeds) != 1 || s.Feeds[0].Name != "Lakeside Gazette" || s.Feeds[0].New != 1 || s.Feeds[0].URL != srv.URL+"/rss.xml" {
		t.Errorf("feeds: %+v", s.Feeds)
	}
	if len(s.Items) != 1 {
		t.Fatalf("items: %+v", s.Items)
	}
	it := s.Items[0]
	if it.Title != "Ferry Timetable Changes" || it.URL != srv.URL+"/news/ferry-2" || it.Feed != "Lakeside Gazette" ||
		it.Published != "2025-11-23" || !strings.HasSuffix(it.ID, ".md") || strings.HasPrefix(it.ID, "/") {
		t.Errorf("item: %+v", it)
	}
	if _, err := os.Stat(filepath.Join(env["XDG_DATA_HOME"], "dispatch", "feeds", it.ID)); err != nil {
		t.Errorf("the item's id is not its file under the feeds folder: %v", err)
	}
	if it.Number == 0 || !strings.Contains(run("read", fmt.Sprint(it.Number)), "twice a day") {
		t.Errorf("the item's number %d does not read it", it.Number)
	}
}

// A failing command is one line on stderr with the first line of its
// error output; the fetch's exit status is the fetch's.
func TestOnNewFailureIsSaid(t *testing.T) {
	srv := newFeedServer(t)
	env, out := hookEnv(t, "fail")
	mustRun(t, env, "--no-builtin", "feeds", "add", srv.URL+"/rss.xml")
	srv.add("ice-1", "Ice on the Lake", "The lake froze overnight and the ferry stayed in the harbour.")
	code, _, errs := runCLI(t, env, "--no-builtin", "fetch")
	if code != 0 || !strings.Contains(errs, "on-new: ") || !strings.Contains(errs, "exit status 3: no display to notify\n") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if len(hookRuns(t, out)) != 1 {
		t.Error("the failing command did not run once")
	}
}

// The reader's fetch (R) runs the command without waiting for it; what
// goes wrong with it reaches the reader as a notice.
func TestReaderFetchRunsOnNew(t *testing.T) {
	srv := newFeedServer(t)
	env, out := hookEnv(t, "fail")
	mustRun(t, env, "--no-builtin", "feeds", "add", srv.URL+"/rss.xml")
	srv.add("boat-1", "Boat Race Postponed", "The boat race was postponed because of the fog on the lake.")
	var stdout, stderr bytes.Buffer
	e := env2(nil, &stdout, &stderr, env)
	g := &globalFlags{noBuiltin: true}
	if err := loadConfig(e, g); err != nil {
		t.Fatal(err)
	}
	in, err := gatherInputs(e, g)
	if err != nil {
		t.Fatal(err)
	}
	notices := make(chan string, 1)
	feeds, _ := readerFeeds(e, g, in, store.CacheOptions{}, newAppearance(e, g, false), func(s string) { notices <- s })
	if res := feeds.Fetch(nil, func(int, int) {}); res.Err != nil || res.Summary != "fetched 1 feed: 1 new" {
		t.Fatalf("fetch: %+v", res)
	}
	if n := <-notices; !strings.Contains(n, "exit status 3: no display to notify") {
		t.Errorf("notice %q", n)
	}
	if runs := hookRuns(t, out); len(runs) != 1 || len(runs[0].Items) != 1 || runs[0].Items[0].Title != "Boat Race Postponed" {
		t.Errorf("runs: %+v", runs)
	}
}
