package ui

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/testlib"
	"dispatch/store"
	"dispatch/store/article"
)

// feedItem is an article as a feed leaves it: an address, a source, links,
// a date (before the fixture's, so that it is listed last).
const feedItem = `---
title: Ferry timetable changes for the winter
source: Lakeside Gazette
published: 2025-11-20
url: https://gazette.example/ferry
feed: https://gazette.example/rss.xml
guid: gazette-1
---
The ferry will run less often from December, says [the harbour office](https://harbour.example/notice).
The [timetable](https://gazette.example/timetable.pdf) is online, as is <https://ferry.example/>.
`

// libraryWith is the fixture library and the given extra files, which sort
// after the fixture's articles.
func libraryWith(t testing.TB, files map[string]string) *store.Library {
	t.Helper()
	builtin, err := article.ParseFS(testlib.Library)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return store.Load(builtin, article.List([]article.Source{{FS: fsys, Label: "feeds"}}), testTopics(t), nil)
}

// outside records what the reader asked of the browser and the clipboard.
type outside struct {
	opened, copied []string
	browser        bool
	copyErr        error
}

func (o *outside) options(opts Options) Options {
	opts.OpenURL = func(url string) (tea.Cmd, bool) {
		if !o.browser {
			return nil, false
		}
		return func() tea.Msg {
			o.opened = append(o.opened, url)
			return URLOpenedMsg{URL: url}
		}, true
	}
	opts.Clipboard = func(text string) error {
		if o.copyErr != nil {
			return o.copyErr
		}
		o.copied = append(o.copied, text)
		return nil
	}
	return opts
}

func TestOpenAndCopyTheArticlesAddress(t *testing.T) {
	lib := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	o := &outside{browser: true}
	d := newDriverFor(t, 120, 35, o.options(testOptions(lib, memoryState(t))))
	item := lib.Len()

	// a built-in article has no address: say so, invent none
	d.keys("o")
	if len(o.opened) != 0 || !strings.Contains(d.footer(), "has no link") {
		t.Errorf("o on an article without address: opened %v, footer %q", o.opened, d.footer())
	}
	d.keys("y")
	if len(o.copied) != 0 || !strings.Contains(d.footer(), "has no link") {
		t.Errorf("y on an article without address: copied %v, footer %q", o.copied, d.footer())
	}

	d.keys("G", "enter")
	if d.reading() != item {
		t.Fatalf("reading %d, want the feed item %d", d.reading(), item)
	}
	if !strings.Contains(d.view(), "https://gazette.example/ferry") {
		t.Errorf("the reader does not show the address under the title:\n%s", d.view())
	}
	d.keys("o")
	if len(o.opened) != 1 || o.opened[0] != "https://gazette.example/ferry" || !strings.Contains(d.footer(), "opening https://gazette.example/ferry") {
		t.Errorf("o: opened %v, footer %q", o.opened, d.footer())
	}
	d.keys("y")
	if len(o.copied) != 1 || o.copied[0] != "https://gazette.example/ferry" || !strings.Contains(d.footer(), "copied https://gazette.example/ferry") {
		t.Errorf("y: copied %v, footer %q", o.copied, d.footer())
	}
	o.copyErr = errors.New("no terminal")
	d.keys("y")
	if !strings.Contains(d.footer(), "could not copy (no terminal)") {
		t.Errorf("a failed copy: footer %q", d.footer())
	}

	// with no browser the footer shows the address instead
	o.browser = false
	d.keys("o")
	if len(o.opened) != 1 || !strings.Contains(d.footer(), "no browser") || !strings.Contains(d.footer(), "https://gazette.example/ferry") {
		t.Errorf("o without a browser: opened %v, footer %q", o.opened, d.footer())
	}
	// a browser that fails says so
	d.send(URLOpenedMsg{URL: "https://gazette.example/ferry", Err: errors.New("exit status 3")})
	if !strings.Contains(d.footer(), "the browser failed (exit status 3)") {
		t.Errorf("a failing browser: footer %q", d.footer())
	}
}

func TestLinksPanel(t *testing.T) {
	lib := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	o := &outside{browser: true}
	d := newDriverFor(t, 100, 30, o.options(testOptions(lib, memoryState(t))))
	d.keys("G", "enter", "L")
	if d.m.mode != modeLinks {
		t.Fatalf("L opened mode %d", d.m.mode)
	}
	v := d.view()
	for _, want := range []string{"Links of", "1  this article's page", "https://gazette.example/ferry", "2  the harbour office", "https://harbour.example/notice",
		"3  timetable", "4  https://ferry.example/", "link 1 of 4"} {
		if !strings.Contains(v, want) {
			t.Errorf("links panel lacks %q:\n%s", want, v)
		}
	}
	d.keys("3", "enter")
	if len(o.opened) != 1 || o.opened[0] != "https://gazette.example/timetable.pdf" {
		t.Errorf("3 enter opened %v", o.opened)
	}
	d.keys("k", "y")
	if len(o.copied) != 1 || o.copied[0] != "https://harbour.example/notice" {
		t.Errorf("k y copied %v", o.copied)
	}
	d.keys("9")
	if d.m.links.cursor != 1 || !strings.Contains(d.footer(), "no link 9") {
		t.Errorf("9 of 4 links: cursor %d, footer %q", d.m.links.cursor, d.footer())
	}
	d.keys("esc")
	if d.m.mode != modeReader || d.reading() != lib.Len() {
		t.Errorf("esc: mode %d reading %d", d.m.mode, d.reading())
	}

	// an article with neither address nor links says so
	d.keys("g", "esc", "g", "enter", "L")
	if !strings.Contains(d.view(), "no links") {
		t.Errorf("links of an article without any:\n%s", d.view())
	}
	// the panel fits every size
	for _, size := range [][2]int{{40, 12}, {80, 24}, {250, 60}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, d, size[0], size[1])
	}
}

// checkFits fails unless every line of the view is exactly width cells and
// there are height lines.
func checkFits(t *testing.T, d *driver, width, height int) {
	t.Helper()
	lines := strings.Split(d.m.View(), "\n")
	if len(lines) != height {
		t.Errorf("%dx%d: %d lines", width, height, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			t.Errorf("%dx%d: line %d is %d cells: %q", width, height, i, w, l)
		}
	}
}

func TestFetchFeedsInTheBackground(t *testing.T) {
	before := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	after := libraryWith(t, map[string]string{
		"gazette/ferry.md":   feedItem,
		"gazette/0-early.md": "---\ntitle: An early item\nsource: Lakeside Gazette\nguid: gazette-0\n---\nThe lantern walk starts at six.\n",
	})
	opts := testOptions(before, memoryState(t))
	opts.Feeds.Fetch = func(_ []string, report func(done, total int)) FetchResult {
		for i := range 3 {
			report(i, 2)
		}
		return FetchResult{Summary: "fetched 2 feeds: 1 new", Failures: []string{"fetch Other: 404 Not Found"},
			Library: after, Renderer: NewRenderer(after, opts.Styles, glamourstyles.NoTTYStyleConfig, 32<<20)}
	}
	d := newDriverFor(t, 60, 12, opts)
	// read the item, scrolled down a little; the new item will come before
	// it in the list
	d.keys("G", "enter", "j", "j")
	reading, top := d.reading(), d.top()
	if top == 0 {
		t.Fatal("the reader did not scroll")
	}
	cursorTitle := before.Article(d.selected()).Title

	next, cmd := d.m.Update(keyMsg("R"))
	d.m = next.(Model)
	if !strings.Contains(d.header(), "fetching") {
		t.Errorf("header while fetching: %q", d.header())
	}
	next, again := d.m.Update(keyMsg("R"))
	d.m = next.(Model)
	if again != nil || !strings.Contains(d.footer(), "already fetching") {
		t.Errorf("R while fetching: footer %q", d.footer())
	}
	d.run(cmd)
	d.send()
	if got := d.m.c.lib.Len(); got != after.Len() {
		t.Fatalf("library after the fetch has %d articles, want %d", got, after.Len())
	}
	if title := after.Article(d.selected()).Title; title != cursorTitle {
		t.Errorf("the cursor moved from %q to %q", cursorTitle, title)
	}
	if got := after.Article(d.m.reader.doc).Title; got != before.Article(reading-1).Title || d.top() != top {
		t.Errorf("the reader moved: %q at %d, was %q at %d", got, d.top(), before.Article(reading-1).Title, top)
	}
	if !strings.Contains(d.footer(), "fetched 2 feeds: 1 new · 1 feed failed") {
		t.Errorf("footer after the fetch: %q", d.footer())
	}
	if strings.Contains(d.header(), "fetching") {
		t.Errorf("header after the fetch: %q", d.header())
	}
	d.keys("w")
	if !strings.Contains(d.view(), "fetch Other: 404 Not Found") {
		t.Errorf("the failure is not among the warnings:\n%s", d.view())
	}
	// progress as it comes shows in the header (the command it returns,
	// waiting for the next report, is not run)
	d.m.fetching.running = true
	next, _ = d.m.Update(fetchProgressMsg{done: 1, total: 2, events: make(chan tea.Msg)})
	d.m = next.(Model)
	if !strings.Contains(d.header(), "fetching 1/2") {
		t.Errorf("header with progress: %q", d.header())
	}

	// without feeds R says why it does nothing
	d = newDriver(t, 80, 24)
	d.keys("R")
	if !strings.Contains(d.footer(), "fetching is off") {
		t.Errorf("R without feeds: footer %q", d.footer())
	}
}

// A fetch that ends while a panel is open leaves the panel on the library
// it shows; the new library comes when it closes.
func TestFetchDoneUnderAPanel(t *testing.T) {
	before := testLibrary(t)
	after := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	opts := testOptions(before, memoryState(t))
	opts.Feeds.Fetch = func([]string, func(done, total int)) FetchResult {
		return FetchResult{Summary: "fetched 1 feed: 1 new", Library: after, Renderer: NewRenderer(after, opts.Styles, glamourstyles.NoTTYStyleConfig, 32<<20)}
	}
	d := newDriverFor(t, 100, 30, opts)
	next, cmd := d.m.Update(keyMsg("R"))
	d.m = next.(Model)
	d.keys("c") // the coverage panel, on the library it was opened on
	d.run(cmd)
	d.send()
	if d.m.mode != modeCoverage || d.m.c.lib != before {
		t.Fatalf("the fetch swapped the library under the coverage panel (mode %d)", d.m.mode)
	}
	d.keys("esc")
	if d.m.c.lib != after || d.m.mode != modeList {
		t.Errorf("after the panel closed: mode %d, new library %v", d.m.mode, d.m.c.lib == after)
	}
}

// A fetch that panics ends as a warning, not a dead reader.
func TestFetchThatPanics(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.Feeds.Fetch = func([]string, func(done, total int)) FetchResult { panic("boom") }
	d := newDriverFor(t, 80, 24, opts)
	d.keys("R")
	if !strings.Contains(d.footer(), "fetching failed") || d.m.fetching.running {
		t.Errorf("after a panicking fetch: footer %q, running %v", d.footer(), d.m.fetching.running)
	}
}

// source:NAME in the search prompt keeps one source's articles, by any
// beginning of its name, as it is typed.
func TestSourceInTheSearchPrompt(t *testing.T) {
	lib := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	d := newDriverFor(t, 120, 35, testOptions(lib, memoryState(t)))
	d.keys("/").typeText("source:lake")
	if len(d.m.list.items) != 1 || d.m.list.items[0].Doc != lib.Len()-1 {
		t.Errorf("source:lake lists %v", d.m.list.items)
	}
	if !strings.Contains(d.view(), "Lakeside Gazette") {
		t.Errorf("the feed item's row does not name its source:\n%s", d.view())
	}
}

// A fetched library that waits for a panel is taken however the panel is
// left: a jump out of the related panel sends no close.
func TestFetchedLibraryAfterAJumpFromAPanel(t *testing.T) {
	before := testLibrary(t)
	after := libraryWith(t, map[string]string{"gazette/ferry.md": feedItem})
	opts := testOptions(before, memoryState(t))
	opts.Feeds.Fetch = func([]string, func(done, total int)) FetchResult {
		return FetchResult{Summary: "fetched 1 feed: 1 new", Library: after, Renderer: NewRenderer(after, opts.Styles, glamourstyles.NoTTYStyleConfig, 32<<20)}
	}
	d := newDriverFor(t, 120, 35, opts)
	d.keys("enter")
	next, cmd := d.m.Update(keyMsg("R"))
	d.m = next.(Model)
	d.keys("r")
	d.run(cmd)
	d.send()
	if d.m.c.lib != before {
		t.Fatal("swapped under the related panel")
	}
	d.keys("enter") // jump to the first related article
	if d.m.c.lib != after {
		t.Errorf("the fetched library was not taken after a jump from the panel (mode %d)", d.m.mode)
	}
}
