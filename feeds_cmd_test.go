package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"dispatch/store/feed"
)

// feedServer serves one RSS feed on 127.0.0.1 whose items a test changes,
// and a web page that names it.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	items []string // <item> elements
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	s := &feedServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			s.mu.Lock()
			body := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lakeside Gazette</title><link>` +
				s.URL + `/</link>` + strings.Join(s.items, "") + `</channel></rss>`
			s.mu.Unlock()
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, body)
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><title>Gazette</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hello</body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// add puts an item in the feed: a story long enough that its page is not
// fetched for full text.
func (s *feedServer) add(guid, title, body string) {
	s.addDated(guid, title, body, "Sun, 23 Nov 2025 09:30:00 +0100")
}

// addDated adds an item published at date (RFC 1123 with a zone).
func (s *feedServer) addDated(guid, title, body, date string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	text := strings.Repeat(body+" ", 160/len(strings.Fields(body))+1)
	s.items = append(s.items, fmt.Sprintf(`<item><title>%s</title><link>%s/news/%s</link><guid>%s</guid>`+
		`<pubDate>%s</pubDate><description>&lt;p&gt;%s&lt;/p&gt;</description></item>`,
		title, s.URL, guid, guid, date, text))
}

// feedEnv is an environment with the feeds' files in temporary folders, as
// the XDG variables place them, and no built-in articles.
func feedEnv(t *testing.T) map[string]string {
	root := t.TempDir()
	return map[string]string{
		"XDG_CONFIG_HOME": filepath.Join(root, "config"),
		"XDG_DATA_HOME":   filepath.Join(root, "data"),
		"XDG_CACHE_HOME":  filepath.Join(root, "cache"),
		"XDG_STATE_HOME":  filepath.Join(root, "state"),
	}
}

func mustRun(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, env, args...)
	if code != 0 {
		t.Fatalf("dispatch %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// The whole round: subscribe through a page that names its feed, list the
// subscription, fetch again (nothing new, then a new item), and find the
// items in list, read and search like any article, with their address and
// source.
func TestFeedsCommands(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	env := feedEnv(t)
	state := filepath.Join(t.TempDir(), "state.json")
	run := func(args ...string) string {
		return mustRun(t, env, append([]string{"--no-builtin", "--state", state}, args...)...)
	}

	out := run("feeds", "add", srv.URL+"/", "--name", "Gazette")
	if !strings.Contains(out, "added Gazette ("+srv.URL+"/rss.xml)") || !strings.Contains(out, "Gazette: 1 new") {
		t.Errorf("feeds add:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml")); err != nil {
		t.Errorf("subscriptions not where XDG_CONFIG_HOME says: %v", err)
	}
	out = run("feeds")
	if !strings.Contains(out, "Gazette") || !strings.Contains(out, srv.URL+"/rss.xml") || !strings.Contains(out, "1 item") {
		t.Errorf("feeds:\n%s", out)
	}
	var subs []map[string]any
	if err := json.Unmarshal([]byte(run("feeds", "--json")), &subs); err != nil || len(subs) != 1 || subs[0]["name"] != "Gazette" || subs[0]["items"] != 1.0 {
		t.Errorf("feeds --json: %v %v", subs, err)
	}

	if out := run("fetch"); !strings.Contains(out, "Gazette: ") {
		t.Errorf("fetch with nothing new:\n%s", out)
	}
	srv.add("g-2", "Lantern walk on the promenade", "Children and parents are invited to the lantern walk on Friday evening.")
	if out := run("fetch"); !strings.Contains(out, "Gazette: 1 new, 0 updated, 1 unchanged") {
		t.Errorf("fetch with a new item:\n%s", out)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(run("fetch", "--json", "Gazette")), &results); err != nil || len(results) != 1 || results[0]["name"] != "Gazette" {
		t.Errorf("fetch --json: %v %v", results, err)
	}
	// the new items by number, which read takes and the list gives them
	srv.add("g-3", "Skating rink opens", "The skating rink by the harbour opens on Saturday with music and lights.")
	var brought []struct {
		New   int       `json:"new"`
		Items []newItem `json:"items"`
	}
	if err := json.Unmarshal([]byte(run("fetch", "--json")), &brought); err != nil || len(brought) != 1 || brought[0].New != 1 ||
		len(brought[0].Items) != 1 || brought[0].Items[0].Number == 0 {
		t.Fatalf("fetch --json with a new item: %+v %v", brought, err)
	}
	if it := brought[0].Items[0]; !strings.Contains(run("read", fmt.Sprint(it.Number)), "skating rink") || it.Title != "Skating rink opens" {
		t.Errorf("item %+v: read %d is not it", it, it.Number)
	}

	var arts []articleJSON
	if err := json.Unmarshal([]byte(run("list", "--json")), &arts); err != nil || len(arts) != 3 {
		t.Fatalf("list --json: %v %v", arts, err)
	}
	for _, a := range arts {
		if a.Source != "Gazette" || !strings.HasPrefix(a.URL, srv.URL+"/news/g-") || a.Feed != srv.URL+"/rss.xml" {
			t.Errorf("article %q: source %q url %q feed %q", a.Title, a.Source, a.URL, a.Feed)
		}
	}
	if out := run("read", "1", "--width", "200"); !strings.Contains(out, srv.URL+"/news/g-") {
		t.Errorf("read does not print the address:\n%s", out)
	}
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(run("search", "--json", "lantern source:gaz")), &hits); err != nil || len(hits) != 1 ||
		hits[0].Source != "Gazette" || hits[0].URL != srv.URL+"/news/g-2" {
		t.Errorf("search source: %v %v", hits, err)
	}
	if code, _, errs := runCLI(t, env, "--no-builtin", "--state", state, "search", "lantern source:nowhere"); code != 2 || !strings.Contains(errs, `no source "nowhere"`) {
		t.Errorf("unknown source: exit %d, %s", code, errs)
	}
	if out := run("list", "--source", "gaz"); strings.Count(out, "\n") != 3 || !strings.Contains(out, "Lantern") {
		t.Errorf("list --source:\n%s", out)
	}
	if out := run("--no-feeds", "list"); strings.Contains(out, "Lantern") {
		t.Errorf("--no-feeds still lists the items:\n%s", out)
	}

	// export, remove, import: the same subscription back, the items kept
	opml := run("feeds", "export")
	if !strings.Contains(opml, `<opml version="2.0">`) || !strings.Contains(opml, `xmlUrl="`+srv.URL+`/rss.xml"`) {
		t.Errorf("export:\n%s", opml)
	}
	if out := run("feeds", "remove", "gazette"); !strings.Contains(out, "removed Gazette; its items are kept") {
		t.Errorf("remove:\n%s", out)
	}
	if out := run("list"); !strings.Contains(out, "Lantern") {
		t.Errorf("items gone after remove without --purge:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "feeds.opml")
	if err := os.WriteFile(file, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run("feeds", "import", file); !strings.Contains(out, "imported 1 feed") {
		t.Errorf("import:\n%s", out)
	}
	if again := run("feeds", "export"); again != opml {
		t.Errorf("export after import differs:\n%s\nwas\n%s", again, opml)
	}
	if out := run("feeds", "remove", srv.URL+"/rss.xml", "--purge"); !strings.Contains(out, "its items are deleted") {
		t.Errorf("remove --purge:\n%s", out)
	}
	if out := run("list"); strings.Contains(out, "Lantern") {
		t.Errorf("items kept after --purge:\n%s", out)
	}
}

// Failures are one line and exit 1, and nothing is added; a feed that
// fails does not stop the others, whose items are kept.
func TestFeedsFailures(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	env := feedEnv(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"feeds", "add", srv.URL + "/missing"}, 1, "404"},
		{[]string{"feeds", "add", "ftp://example.org/feed"}, 1, "add ftp://example.org/feed:"},
		{[]string{"feeds", "add", "example.org/feed"}, 1, "add example.org/feed: not a web address; did you mean https://example.org/feed?"},
		{[]string{"feeds", "purge"}, 2, "feeds purge takes one feed name"},
		{[]string{"feeds", "purge", "nothing"}, 1, `no feed named "nothing" among the feeds removed`},
		{[]string{"feeds", "add"}, 2, "feeds add takes one URL"},
		{[]string{"feeds", "remove", "nothing"}, 1, `no feed named "nothing"`},
		{[]string{"feeds", "import", "/no/such/file.opml"}, 1, "import /no/such/file.opml"},
		{[]string{"feeds", "frobnicate"}, 2, `unknown feeds command "frobnicate"`},
		{[]string{"fetch", "nothing"}, 1, "nothing"},
	} {
		code, out, errs := runCLI(t, env, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("dispatch %s: exit %d, stderr %q, stdout %q; want exit %d and %q", strings.Join(c.args, " "), code, errs, out, c.code, c.want)
		}
	}
	if out := mustRun(t, env, "feeds"); !strings.Contains(out, "no feeds yet") {
		t.Errorf("a failed add left a subscription:\n%s", out)
	}
	// a named pipe in place of a file is refused, not waited on
	fifo := filepath.Join(t.TempDir(), "feeds.opml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--subscriptions", fifo, "feeds"}, {"feeds", "import", fifo}} {
		if code, _, errs := runCLI(t, env, args...); code != 1 || !strings.Contains(errs, "not a regular file") {
			t.Errorf("dispatch %s: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}

	mustRun(t, env, "feeds", "add", srv.URL+"/rss.xml")
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	mustRun(t, env, "feeds", "add", srv.URL+"/rss.xml?other=1", "--name", "Other") // a second, working subscription
	dead.Close()
	code, out, errs := runCLI(t, env, "fetch")
	if code != 0 {
		t.Fatalf("fetch with every feed up: exit %d\n%s%s", code, out, errs)
	}
	// a subscription whose server is gone: the fetch fails for it alone
	opml := mustRun(t, env, "feeds", "export")
	opml = strings.Replace(opml, `xmlUrl="`+srv.URL+`/rss.xml?other=1"`, `xmlUrl="`+deadURL+`/rss.xml"`, 1)
	if err := os.WriteFile(filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml"), []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, env, "fetch")
	if code != 1 || !strings.Contains(out, "Lakeside Gazette: ") || !strings.Contains(out, "Other: failed: ") || !strings.Contains(errs, "1 of 2 feeds failed") {
		t.Errorf("fetch with one feed down: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if out := mustRun(t, env, "list"); !strings.Contains(out, "Ferry") {
		t.Errorf("items lost after a failed fetch:\n%s", out)
	}
	var list []feed.Status
	if err := json.Unmarshal([]byte(mustRun(t, env, "feeds", "--json")), &list); err != nil || len(list) != 2 || !list[1].LastTried.After(list[1].LastFetched) {
		t.Errorf("feeds --json after a failed fetch: %+v %v", list, err)
	}
}

// TestFeedsNotFollowed: outlines of the subscriptions file dispatch cannot
// follow stay in it and are listed with why; a fetch does not touch them.
func TestFeedsNotFollowed(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	env := feedEnv(t)
	file := filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	opml := `<opml version="2.0"><body>
  <outline text="Gazette" xmlUrl="` + srv.URL + `/rss.xml" dispatchDir="gazette" description="kept"/>
  <outline text="Typo" xmlUrl="htps://example.org/rss"/>
  <outline text="Dead" xmlUrl="` + dead.URL + `/rss.xml" dispatchDir="dead"/>
</body></opml>`
	if err := os.WriteFile(file, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, env, "fetch")
	if code != 1 || !strings.Contains(out, "Gazette: 1 new") || !strings.Contains(out, "Dead: failed: connection refused") || strings.Contains(out+errs, "Typo") {
		t.Errorf("fetch: exit %d\n%s%s", code, out, errs)
	}
	if data, _ := os.ReadFile(file); string(data) != opml {
		t.Errorf("fetch rewrote the subscriptions file:\n%s", data)
	}
	out = mustRun(t, env, "feeds")
	for _, want := range []string{
		`Typo +htps://example.org/rss +not followed +not a web address \(htps:\); did you mean https://example.org/rss\?`,
		`Dead +\S+ +never fetched, tried moments ago +0 items · last fetch failed: connection refused`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("feeds does not match %s:\n%s", want, out)
		}
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, env, "feeds", "--json")), &list); err != nil || len(list) != 3 ||
		len(list[1]) != 3 || list[1]["problem"] == nil || list[0]["problem"] != nil || list[2]["lastTried"] == nil || list[2]["lastFetched"] != nil {
		t.Errorf("feeds --json: %v %v", list, err)
	}
}

// TestFeedsPurge: a feed removed without --purge leaves its items; feeds
// purge, or remove --purge again, deletes them. Names may be prefixes.
func TestFeedsPurge(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	env := feedEnv(t)
	state := filepath.Join(t.TempDir(), "state.json")
	run := func(args ...string) string {
		return mustRun(t, env, append([]string{"--no-builtin", "--state", state}, args...)...)
	}
	for _, purge := range [][]string{{"feeds", "purge", "lakeside"}, {"feeds", "remove", "lakeside", "--purge"}} {
		run("feeds", "add", srv.URL+"/rss.xml")
		if out := run("feeds", "remove", "lakes"); !strings.Contains(out, "removed Lakeside Gazette; its items are kept") {
			t.Errorf("remove by a prefix:\n%s", out)
		}
		if out := run("list"); !strings.Contains(out, "Ferry") {
			t.Errorf("the items went with the subscription:\n%s", out)
		}
		if out := run(purge...); !strings.Contains(out, "deleted the 1 item Lakeside Gazette left (lakeside-gazette)") {
			t.Errorf("%s:\n%s", strings.Join(purge, " "), out)
		}
		if out := run("list"); strings.Contains(out, "Ferry") {
			t.Errorf("items kept after %s:\n%s", strings.Join(purge, " "), out)
		}
	}
}

// The reader on a pseudo-terminal, as a person uses it: a feed subscribed
// on 127.0.0.1, R fetches it, the new item appears without a restart, it
// opens, and o with no browser anywhere shows the address in the footer.
func TestReaderFetchesFeeds(t *testing.T) {
	srv := newFeedServer(t)
	srv.add("g-1", "Ferry timetable changes", "The ferry will run less often from December, the harbour office said.")
	dirs := t.TempDir()
	locations := []string{"--subscriptions", filepath.Join(dirs, "feeds.opml"), "--data", filepath.Join(dirs, "data")}
	mustRun(t, nil, append(locations, "feeds", "add", srv.URL+"/rss.xml")...)
	srv.add("g-2", "Lantern walk on the promenade", "Children and parents are invited to the lantern walk on Friday evening.")

	term := openTerminal(t, 120, 35)
	args := append([]string{"--no-builtin", "--state", filepath.Join(dirs, "state.json")}, locations...)
	cmd := startProcessEnv(t, term, "1", []string{"BROWSER=", "PATH=" + t.TempDir()}, args...)
	defer cmd.Process.Kill()
	if !term.waitFor("Ferry timetable", 20*time.Second) {
		t.Fatalf("the subscribed feed's item is not listed: %q", ansi.Strip(term.output()))
	}
	term.ptmx.WriteString("R")
	if !term.waitFor("Lantern walk", 20*time.Second) {
		t.Fatalf("R did not bring the new item: %q", ansi.Strip(term.output()))
	}
	term.ptmx.WriteString("j")
	term.ptmx.WriteString("\r")
	term.ptmx.WriteString("o")
	if !term.waitFor("no browser", 10*time.Second) || !term.waitFor(srv.URL+"/news/g-2", 10*time.Second) {
		t.Errorf("o without a browser does not show the address: %q", ansi.Strip(term.output()))
	}
	term.ptmx.WriteString("\x03")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("reader: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ctrl+c did not quit the reader")
	}
}

// Relative --subscriptions and --data name the same folders as their
// absolute paths: the feeds folder is one source, whichever way it is
// reached (R's reload adds it by the manager's absolute path).
func TestRelativeFeedLocations(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll(filepath.Join("rel", "feeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	g := &globalFlags{subscriptions: "subs.opml", dataDir: "rel", noBuiltin: true}
	e := makeEnv(nil, nil, nil, func(string) string { return "" })
	subs, data, ok := feedPaths(e, g)
	if !ok || subs != filepath.Join(dir, "subs.opml") || data != filepath.Join(dir, "rel") {
		t.Fatalf("feedPaths: %q %q %v", subs, data, ok)
	}
	in, err := gatherInputs(e, g)
	if err != nil {
		t.Fatal(err)
	}
	m, err := feedManager(e, g)
	if err != nil {
		t.Fatal(err)
	}
	if got := withFeeds(in, m.FeedsDir()).sources; len(got) != 1 {
		t.Errorf("sources %v, want the feeds folder once", got)
	}
}

// feeds and feeds --json count each feed's unread items and those of them
// the last fetch brought, as the reader's sources panel does.
func TestFeedsCountUnreadAndNew(t *testing.T) {
	env := feedEnv(t)
	s := newFeedServer(t)
	s.add("ferry", "Ferry Timetable Changes", "The ferry will sail twice a day from Monday, the council said after complaints.")
	s.add("quay", "Quay Repairs Begin", "Divers began checking the pillars of the old quay on Tuesday, the harbour master said.")
	mustRun(t, env, "feeds", "add", s.URL+"/rss.xml", "--name", "Gazette")
	s.add("choir", "Harbour Choir Tours", "The harbour choir will tour the lake towns in spring, its conductor told the council.")
	mustRun(t, env, "fetch")
	var feeds []struct {
		Name   string `json:"name"`
		Items  int    `json:"items"`
		Unread *int   `json:"unread"`
		New    *int   `json:"new"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, env, "feeds", "--json")), &feeds); err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].Items != 3 || feeds[0].Unread == nil || *feeds[0].Unread != 3 || feeds[0].New == nil || *feeds[0].New != 1 {
		t.Fatalf("feeds --json: %+v, want 3 items, 3 unread, 1 new", feeds)
	}
	if out := mustRun(t, env, "feeds"); !strings.Contains(out, "3 unread (1 new)") {
		t.Errorf("feeds: %q", out)
	}
}
