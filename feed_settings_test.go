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
	"sync/atomic"
	"testing"
	"time"

	"dispatch/internal/config"
	"dispatch/store/article"
	"dispatch/store/feed"
)

// pageServer serves a feed of two short summaries on 127.0.0.1, each
// linking to a page with the whole article, and counts the pages' and the
// feed's requests.
type pageServer struct {
	*httptest.Server
	pages, feeds atomic.Int32
}

const pageText = "The harbour board voted to keep the winter ferry running every ninety minutes"

func newPageServer(t *testing.T) *pageServer {
	s := &pageServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/rss.xml":
			s.feeds.Add(1)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Gazette</title><link>%[1]s/</link>`+
				`<item><title>Ferry vote</title><link>%[1]s/news/ferry</link><guid>ferry</guid><pubDate>Sun, 23 Nov 2025 09:30:00 +0100</pubDate><description>The board voted.</description></item>`+
				`<item><title>Lantern walk</title><link>%[1]s/news/lantern</link><guid>lantern</guid><pubDate>Sun, 23 Nov 2025 10:30:00 +0100</pubDate><description>A walk on Friday.</description></item>`+
				`</channel></rss>`, s.URL)
		case strings.HasPrefix(r.URL.Path, "/news/"):
			s.pages.Add(1)
			w.Header().Set("Content-Type", "text/html")
			text := pageText + ", the chair said after a long evening of questions from the islanders."
			if r.URL.Path == "/news/lantern" {
				text = "Children and parents carried paper lanterns along the promenade while a brass band played old sea shanties."
			}
			fmt.Fprintf(w, "<html><head><title>News</title></head><body><article><h1>News</h1>%s</article></body></html>", strings.Repeat("<p>"+text+"</p>", 12))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// writeConfig writes the configuration file of env.
func writeConfig(t *testing.T, env map[string]string, text string) string {
	t.Helper()
	path := filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFeedSettingsFromTheConfiguration: the configuration's feeds: gives a
// feed its name, full text, a refresh interval and a tag, and each shows:
// feeds, feeds --json, the list, tag:, the pages fetched, fetch not due,
// dispatch config with where each comes from; the folder and the items'
// numbers stay when the name changes.
func TestFeedSettingsFromTheConfiguration(t *testing.T) {
	srv := newPageServer(t)
	env := feedEnv(t)
	run := func(args ...string) string { return mustRun(t, env, append([]string{"--no-builtin"}, args...)...) }
	run("feeds", "add", srv.URL+"/rss.xml", "--full-text=off")
	if srv.pages.Load() != 0 {
		t.Fatalf("full text off fetched %d pages", srv.pages.Load())
	}
	var before []articleJSON
	json.Unmarshal([]byte(run("list", "--json")), &before)
	if len(before) != 2 || before[0].Source != "Lakeside Gazette" {
		t.Fatalf("list: %+v", before)
	}

	path := writeConfig(t, env, "feeds:\n  "+srv.URL+"/rss.xml:\n    name: Island News\n    full-text: true\n    refresh: 2h\n    tags: [islands]\n")
	if out := run("feeds"); !strings.Contains(out, "Island News") || !strings.Contains(out, "full text on · refresh 2h · tags islands") {
		t.Errorf("feeds:\n%s", out)
	}
	var subs []map[string]any
	if err := json.Unmarshal([]byte(run("feeds", "--json")), &subs); err != nil || subs[0]["name"] != "Island News" || subs[0]["fullText"] != true ||
		subs[0]["refresh"] != "2h" || fmt.Sprint(subs[0]["tags"]) != "[islands]" || subs[0]["dir"] != "lakeside-gazette" {
		t.Errorf("feeds --json: %v %v", subs, err)
	}
	out := run("config")
	for _, want := range []string{
		`(?m)^  ` + regexp.QuoteMeta(srv.URL) + `/rss.xml:$`,
		`(?m)^    name: Island News +# config.yaml:3$`,
		`(?m)^    full-text: true +# config.yaml:4$`,
		`(?m)^    refresh: 2h +# config.yaml:5$`,
		`(?m)^    tags: \[islands\] +# config.yaml:6$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("dispatch config lacks %s:\n%s", want, out)
		}
	}

	if c, err := config.Parse("printed.yaml", []byte(out), "/home"); err != nil || len(c.Feeds) != 1 {
		t.Errorf("dispatch config does not print a configuration: %v\n%s", err, out)
	} else if _, err := feedSettings(c); err != nil {
		t.Errorf("dispatch config prints feeds: it does not read: %v\n%s", err, out)
	}

	// the next fetch, whatever the feed's interval (its last fetch is when
	// it was added): the feed is not due; named, it is
	if out := run("fetch"); !strings.Contains(out, "Island News: not due until ") {
		t.Errorf("fetch of a feed not due:\n%s", out)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(run("fetch", "--json")), &results); err != nil || results[0]["notDue"] != true {
		t.Errorf("fetch --json of a feed not due: %v %v", results, err)
	}
	if srv.feeds.Load() != 1 {
		t.Errorf("the feed was fetched %d times", srv.feeds.Load())
	}
	// named: fetched, with the page's text, under the new name
	if out := run("fetch", "island"); !strings.Contains(out, "Island News: 0 new") || !strings.Contains(out, "full text from 2 pages") {
		t.Errorf("fetch island:\n%s", out)
	}
	if out := run("fetch", "--force"); strings.Contains(out, "not due") || srv.feeds.Load() != 3 {
		t.Errorf("fetch --force (%d fetches):\n%s", srv.feeds.Load(), out)
	}
	var after []articleJSON
	json.Unmarshal([]byte(run("list", "--json")), &after)
	for i, a := range after {
		if a.Source != "Island News" || a.ID != before[i].ID || a.Slug != before[i].Slug {
			t.Errorf("item %d: %+v, was %+v", i, a, before[i])
		}
	}
	for _, a := range after {
		if out := run("read", fmt.Sprint(a.ID), "--width", "200"); a.Title == "Ferry vote" && !strings.Contains(out, pageText) {
			t.Errorf("full text on: the page's text is not the item's:\n%s", out)
		}
	}
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(run("search", "--json", "tag:islands")), &hits); err != nil || len(hits) != 2 {
		t.Errorf("tag:islands: %+v %v", hits, err)
	}
	if out := run("list", "--source", "island"); strings.Count(out, "\n") != 2 {
		t.Errorf("list --source island:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(env["XDG_DATA_HOME"], "dispatch", "feeds", "lakeside-gazette")); err != nil {
		t.Errorf("the folder moved: %v", err)
	}
	// the configuration wins over feeds set, which says so
	code, out, errs := runCLI(t, env, "--no-builtin", "feeds", "set", "island", "--name", "Gazette", "--tag", "ferries")
	if code != 0 || !strings.Contains(out, "set Island News") || !strings.Contains(errs, "note: "+path+":3 sets this feed's name") ||
		!strings.Contains(errs, path+":6 sets this feed's tags") {
		t.Errorf("feeds set under the configuration: exit %d\n%s%s", code, out, errs)
	}
	if out := run("feeds", "export"); !strings.Contains(out, `text="Island News"`) || !strings.Contains(out, `dispatchRefresh="2h"`) {
		t.Errorf("export without the configuration's settings:\n%s", out)
	}
}

// TestFeedSettingsMistakes: a mistake in feeds: is one line with the
// file's line, and stops every command but those that subscribe; a
// mistake in a flag is a usage error naming it.
func TestFeedSettingsMistakes(t *testing.T) {
	srv := newPageServer(t)
	env := feedEnv(t)
	mustRun(t, env, "feeds", "add", srv.URL+"/rss.xml", "--name", "Gazette")
	feedURL := srv.URL + "/rss.xml"
	for _, tt := range []struct{ what, file, want string }{
		{"not subscribed", "feeds:\n  https://elsewhere.example/rss:\n    name: X\n", ":2: feeds.https://elsewhere.example/rss: no feed at this address in "},
		{"bad interval", "feeds:\n  " + feedURL + ":\n    refresh: soon\n", `:3: feeds.` + feedURL + `.refresh: "soon" is not an interval`},
		{"negative interval", "feeds:\n  " + feedURL + ":\n    refresh: -2h\n", `:3: feeds.` + feedURL + `.refresh: -2h: an interval cannot be negative`},
		{"empty name", "feeds:\n  " + feedURL + ":\n    name: ' '\n", `:3: feeds.` + feedURL + `.name: empty`},
		{"tag with a space", "feeds:\n  " + feedURL + ":\n    tags:\n      - ok\n      - two words\n", `:5: feeds.` + feedURL + `.tags: tag "two words" has a space`},
		{"tag with a colon", "feeds:\n  " + feedURL + ":\n    tags: [a:b]\n", `:3: feeds.` + feedURL + `.tags: tag "a:b": no colon`},
		{"a name for a key", "feeds:\n  Gazette:\n    tags: [a]\n", ":2: feeds.Gazette: want the feed's address"},
	} {
		path := writeConfig(t, env, tt.file)
		for _, args := range [][]string{{"list"}, {"feeds"}, {"fetch"}, {"config"}, {}} {
			code, out, errs := runCLI(t, env, args...)
			if want := "dispatch: " + path + tt.want; code != 1 || out != "" || !strings.HasPrefix(errs, want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s, dispatch %v: exit %d, stdout %q, stderr %q; want %q", tt.what, args, code, out, errs, want)
			}
		}
	}
	// settings for a feed not yet subscribed: feeds add subscribes it with them
	os.Remove(filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml"))
	writeConfig(t, env, "feeds:\n  "+feedURL+":\n    name: Island News\n    tags: [islands]\n")
	if code, _, errs := runCLI(t, env, "list"); code != 1 || !strings.Contains(errs, "no feed at this address") {
		t.Errorf("list before feeds add: exit %d %q", code, errs)
	}
	if out := mustRun(t, env, "feeds", "add", feedURL); !strings.Contains(out, "added Island News") || !strings.Contains(out, "tags islands") {
		t.Errorf("feeds add with the configuration's settings:\n%s", out)
	}
	os.Remove(filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "config.yaml"))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"feeds", "set", "island", "--every", "-2h"}, "--every: -2h: an interval cannot be negative"},
		{[]string{"feeds", "set", "island", "--every", "soon"}, `--every: "soon" is not an interval`},
		{[]string{"feeds", "set", "island", "--name", ""}, "--name: a feed's name cannot be empty"},
		{[]string{"feeds", "set", "island", "--tag", "two words"}, `--tag: tag "two words" has a space`},
		{[]string{"feeds", "set", "island", "--tag", "a:b"}, `--tag: tag "a:b": no colon`},
		{[]string{"feeds", "set", "island", "--full-text=sometimes"}, "want on, off or auto"},
		{[]string{"feeds", "set", "island"}, "nothing to set"},
		{[]string{"feeds", "add", feedURL, "--tag", "x y"}, `--tag: tag "x y" has a space`},
	} {
		code, _, errs := runCLI(t, env, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("dispatch %v: exit %d, %q; want a usage error with %q", tt.args, code, errs, tt.want)
		}
	}
	if code, _, errs := runCLI(t, env, "feeds", "set", "nowhere", "--every", "2h"); code != 1 || !strings.Contains(errs, `no feed named "nowhere"`) {
		t.Errorf("feeds set of no feed: exit %d %q", code, errs)
	}
}

// TestFeedsAddTagAndSet: feeds add --tag (repeatable) and feeds set write
// the subscriptions file; the reader's sources panel shows the name the
// feed has now; tag: finds the items.
func TestFeedsAddTagAndSet(t *testing.T) {
	srv := newPageServer(t)
	env := feedEnv(t)
	run := func(args ...string) string { return mustRun(t, env, append([]string{"--no-builtin"}, args...)...) }
	if out := run("feeds", "add", srv.URL+"/rss.xml", "--tag", "local", "--tag", "ferries", "--every", "7d"); !strings.Contains(out, "refresh 7d · tags local, ferries") {
		t.Errorf("feeds add:\n%s", out)
	}
	if srv.pages.Load() != 2 {
		t.Errorf("short summaries get their pages by default: %d", srv.pages.Load())
	}
	for _, tag := range []string{"local", "ferries", "FERRIES"} {
		var hits []searchHitJSON
		if err := json.Unmarshal([]byte(run("search", "--json", "tag:"+tag)), &hits); err != nil || len(hits) != 2 {
			t.Errorf("tag:%s: %+v %v", tag, hits, err)
		}
	}
	if out := run("feeds", "set", "lakeside", "--name", "Gazette", "--tag", "boats", "--full-text=off", "--every", "0"); !strings.Contains(out, "set Gazette: full text off · tags boats") {
		t.Errorf("feeds set:\n%s", out)
	}
	opml, _ := os.ReadFile(filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml"))
	for _, want := range []string{`text="Gazette"`, `category="boats"`, `dispatchFullText="false"`, `dispatchDir="lakeside-gazette"`} {
		if !strings.Contains(string(opml), want) {
			t.Errorf("the subscriptions file lacks %s:\n%s", want, opml)
		}
	}
	if strings.Contains(string(opml), "dispatchRefresh") {
		t.Errorf("--every 0 left the interval:\n%s", opml)
	}
	// the new name is the items' at once, without a fetch
	var arts []articleJSON
	json.Unmarshal([]byte(run("list", "--json")), &arts)
	if len(arts) != 2 || arts[0].Source != "Gazette" {
		t.Errorf("list after feeds set: %+v", arts)
	}
	var hits []searchHitJSON
	if json.Unmarshal([]byte(run("search", "--json", "tag:boats")), &hits); len(hits) != 2 {
		t.Errorf("tag:boats: %+v", hits)
	}
	if json.Unmarshal([]byte(run("search", "--json", "tag:local")), &hits); len(hits) != 0 {
		t.Errorf("tag:local after --tag boats replaced it: %+v", hits)
	}
	if out := run("feeds", "set", "gazette", "--tag", ""); !strings.Contains(out, "set Gazette: full text off") || strings.Contains(out, "tags") {
		t.Errorf("--tag '' for none:\n%s", out)
	}

	// the reader's sources: the feed by the name it has now
	g := &globalFlags{}
	e := env2(nil, nil, nil, env)
	m, err := feedManager(e, g)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	sources, err := readerSources(libraryInputs{}, m)
	if err != nil || len(sources) != 1 || sources[0].Name != "Gazette" || !sources[0].Has(&article.Article{Path: "feeds/lakeside-gazette/x.md"}) {
		t.Errorf("sources: %+v %v", sources, err)
	}
	if s := fetchSummary([]feed.Result{{Name: "A", New: 1}, {Name: "B", NotDue: true}}); s != "fetched 1 feed (1 not due): 1 new" {
		t.Errorf("the reader's summary: %q", s)
	}
}

// The README's feeds: example is one dispatch reads, and so is the one
// config --default gives.
func TestFeedSettingsExamples(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "\n### A feed's own settings\n")
	_, example, _ := strings.Cut(section, "```yaml\n")
	example, _, _ = strings.Cut(example, "```\n")
	c, err := config.Parse("config.yaml", []byte(example), "/home/ada")
	if err != nil {
		t.Fatalf("README's example: %v", err)
	}
	fs, err := feedSettings(c)
	if err != nil || len(fs) != 1 || fs[0].Name != "Lakeside" || fs[0].Refresh != 2*time.Hour || len(fs[0].Tags) != 2 || fs[0].FullText == nil {
		t.Errorf("README's example: %+v %v", fs, err)
	}
	env, _ := configEnv(t, "")
	text := mustRun(t, env, "config", "--default")
	_, feeds, _ := strings.Cut(text, "\n#feeds:\n")
	var lines []string
	for _, l := range strings.Split("#feeds:\n"+feeds, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "#"))
	}
	c, err = config.Parse("default.yaml", []byte(strings.Join(lines, "\n")), "/home")
	if err != nil {
		t.Fatal(err)
	}
	if fs, err := feedSettings(c); err != nil || len(fs) != 1 || fs[0].Name != "Example" {
		t.Errorf("config --default's feeds: %+v %v", fs, err)
	}
}
