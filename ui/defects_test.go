package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store"
	"dispatch/store/article"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/muesli/termenv"
)

// Each test here replays a defect found by trying the reader as a new user
// would, and holds its fix.

// A filter changes the list; it must never move or reset the article being
// read, nor its saved place.
func TestFiltersNeverMoveTheArticleBeingRead(t *testing.T) {
	for _, filter := range [][]string{{"1"}, {"2"}, {"1", "0"}, {"S"}, {"U"}, {"3", "3"}} {
		d := newDriver(t, 120, 35).keys("enter", "space", "space")
		reading, top, at := d.reading(), d.top(), d.m.reader.at
		saved := d.saved(d.m.reader.doc).Position
		d.keys(filter...)
		if d.reading() != reading || d.top() != top || d.m.reader.at != at || d.m.mode != modeReader {
			t.Errorf("%v: reading %d at line %d (mode %d), want %d at %d", filter, d.reading(), d.top(), d.m.mode, reading, top)
		}
		if now := d.saved(d.m.reader.doc).Position; now == nil || *now != *saved {
			t.Errorf("%v: the saved place changed from %+v to %+v", filter, saved, now)
		}
		d.keys("[")
		if !strings.Contains(d.footer(), "nothing to go back to") {
			t.Errorf("%v: a filter left a history entry: %q", filter, d.footer())
		}
	}
}

// Keys that arrive in one read are each handled on the screen the one
// before left: "1t" sets the filter, then goes to a passage on it.
func TestKeysInOneReadFollowEachOther(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1t")})
	if d.topic() != 0 || d.m.reader.flash < 0 {
		t.Errorf("1t: topic %d, flash %d; want the filter on and a passage on it marked", d.topic(), d.m.reader.flash)
	}
	d = newDriver(t, 80, 24)
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jl")})
	if d.m.mode != modeReader || d.reading() != 2 {
		t.Errorf("jl: mode %d reading %d, want article 2 open", d.m.mode, d.reading())
	}
}

// The mouse goes to the screen that is shown, nowhere else.
func TestMouseGoesToTheActiveScreenOnly(t *testing.T) {
	for _, panel := range []string{"c", "r", "w", "?"} {
		d := newDriver(t, 120, 35)
		cursor, reading, top := d.cursor(), d.reading(), d.top()
		d.keys(panel)
		d.send(wheel(10, 5, true), wheel(10, 5, true), wheel(100, 5, true), click(10, 5))
		if d.cursor() != cursor || d.reading() != reading || d.top() != top {
			t.Errorf("%s open: the mouse moved the hidden list to %d or reader to %d:%d", panel, d.cursor(), d.reading(), d.top())
		}
	}
	// a click on a result while typing a search ends the typing: j is a
	// key again, not text
	d := newDriver(t, 120, 35).keys("/").typeText("geneva")
	d.send(click(5, 1+d.m.list.rowHeight()))
	d.keys("j")
	if d.m.mode != modeReader || strings.HasSuffix(d.typed(), "j") {
		t.Errorf("after a click on a result: mode %d, query %q", d.m.mode, d.typed())
	}
}

// tab on one pane opens the article under the cursor, whatever was read
// before; from the reader it goes back.
func TestTabOnOnePaneOpensTheSelectedArticle(t *testing.T) {
	d := newDriver(t, 80, 24).keys("tab")
	if d.m.mode != modeReader || d.reading() != 1 {
		t.Fatalf("tab on a fresh start: mode %d reading %d", d.m.mode, d.reading())
	}
	d.keys("tab", "j", "j", "tab")
	if d.reading() != 3 {
		t.Errorf("tab opened article %d, want the one under the cursor, 3", d.reading())
	}
	d.keys("tab")
	if d.m.mode != modeList {
		t.Errorf("tab from the reader: mode %d", d.m.mode)
	}
}

// A search that finds nothing shows no article beside the empty list, and
// keys that act on "this article" say there is none.
func TestNothingFoundShowsNoArticle(t *testing.T) {
	d := newDriver(t, 120, 35).keys("j", "/").typeText("zzzzqx").keys("enter")
	if d.m.reader.doc >= 0 {
		t.Errorf("the reader still shows article %d", d.reading())
	}
	d.keys("s")
	if !strings.Contains(d.footer(), "no article to bookmark") {
		t.Errorf("s with nothing listed: %q", d.footer())
	}
	for doc := range d.m.c.lib.Len() {
		if d.saved(doc).Bookmarked {
			t.Errorf("article %d was bookmarked", doc+1)
		}
	}
}

// Showing all articles again keeps the cursor on its article.
func TestShowingAllAgainKeepsTheCursor(t *testing.T) {
	d := newDriver(t, 80, 24).keys("j", "j", "s", "G", "s", "S", "j")
	want := d.selected()
	d.keys("S")
	if got := d.selected(); got != want {
		t.Errorf("S back to all put the cursor on article %d, want %d", got+1, want+1)
	}
	d.keys("3")
	want = d.selected()
	d.keys("3")
	if got := d.selected(); got != want {
		t.Errorf("clearing the topic put the cursor on article %d, want %d", got+1, want+1)
	}
}

// The passage at the top of the reader survives any sequence of resizes.
func TestResizesKeepThePassageAtTheTop(t *testing.T) {
	d := newDriver(t, 120, 35).keys("j", "enter")
	for d.m.reader.percent() < 75 {
		d.keys("j")
	}
	before := d.topPassage()
	for _, sz := range [][2]int{{250, 60}, {120, 35}, {40, 12}, {300, 80}, {80, 24}, {120, 35}} {
		d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		if got := d.m.reader.page.anchorAt(d.top()).passage; got != before && !d.m.reader.atEnd() {
			t.Fatalf("%dx%d: passage %d at the top, want %d", sz[0], sz[1], got, before)
		}
	}
	if d.topPassage() != before {
		t.Errorf("after the resizes the reader is at passage %d, want %d", d.topPassage(), before)
	}
}

// "continue at N%" means the same place at every width: it counts words,
// not lines.
func TestProgressIsTheSameAtEveryWidth(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d, st := newDriverWithState(t, 120, 35, path)
	d.keys("j", "enter")
	for range 40 {
		d.keys("j")
	}
	d.keys("esc")
	percent := st.Article(d.m.c.stateKey(1)).Position.Percent
	for _, w := range []int{80, 120, 250} {
		d.send(tea.WindowSizeMsg{Width: w, Height: 35})
		d.keys("enter")
		if got := d.m.reader.percent(); got < percent-1 || got > percent+1 {
			t.Errorf("at %d columns the reader is at %d%%, saved %d%%", w, got, percent)
		}
		d.keys("esc")
		if !strings.Contains(d.view(), fmt.Sprintf("↳ %d%%", st.Article(d.m.c.stateKey(1)).Position.Percent)) {
			t.Errorf("at %d columns the list does not show the saved progress", w)
		}
	}
}

// The help key is always in the footer; other hints go first.
func TestFooterAlwaysShowsHelp(t *testing.T) {
	for _, w := range []int{20, 40, 60, 80, 100, 140, 199, 250} {
		for _, keys := range [][]string{nil, {"enter"}, {"/"}, {"c"}, {"r"}, {"w"}} {
			d := newDriver(t, w, 24).keys(keys...)
			if f := d.footer(); !strings.Contains(f, "? help") {
				t.Errorf("%d columns after %v: footer %q", w, keys, f)
			}
		}
	}
}

// Header parts never touch: at least two cells apart, shortened in a
// fixed order when room is short.
func TestHeaderPartsNeverTouch(t *testing.T) {
	for _, w := range []int{20, 30, 40, 60, 80, 100, 120} {
		d := newDriver(t, w, 24).keys("3", "S", "S", "enter")
		h := d.header()
		if strings.Contains(h, "articles3") || strings.Contains(h, "s3 ") || strings.Contains(h, "…3") {
			t.Errorf("%d columns: parts touch in %q", w, h)
		}
		fields := strings.Split(strings.TrimSpace(h), "  ")
		if len(fields) < 2 && w >= 40 {
			t.Errorf("%d columns: %q has no gap between its sides", w, h)
		}
		if ansi.StringWidth(h) != w {
			t.Errorf("%d columns: header is %d wide", w, ansi.StringWidth(h))
		}
	}
}

// In split view each row keeps its date, reading time, progress and
// topics legible.
func TestSplitRowsKeepTheirDetails(t *testing.T) {
	for _, w := range []int{100, 120, 140} {
		d := newDriver(t, w, 35).keys("enter")
		for range 30 {
			d.keys("j")
		}
		d.keys("esc")
		v := d.view()
		for _, want := range []string{"23 Nov 2025", "5 min", "↳ ", "▪sec"} {
			if !strings.Contains(v, want) && !(want == "▪sec" && strings.Contains(v, "[sec")) {
				t.Errorf("%d columns: rows lack %q:\n%s", w, want, v)
			}
		}
		if strings.Contains(v, "con…") {
			t.Errorf("%d columns: a row's progress is cut: %s", w, v)
		}
	}
}

// A damaged state file says what happened, and w lists every warning.
func TestWarningsCanBeRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version": 1, "articles": {"a@1": {"re`), 0o644) // cut short
	d, st := newDriverWithState(t, 200, 24, path)
	defer st.Close()
	if f := d.footer(); !strings.Contains(f, "state file was damaged") {
		t.Errorf("footer %q does not say what happened", f)
	}
	if !strings.Contains(d.header(), "⚠ 1") {
		t.Errorf("header %q does not count the warning", d.header())
	}
	d.keys("w")
	if d.m.mode != modeWarnings || !strings.Contains(d.view(), "moved it to") {
		t.Errorf("w: mode %d\n%s", d.m.mode, d.view())
	}
	d.keys("esc")
	if d.m.mode != modeList {
		t.Errorf("esc closes the warnings: mode %d", d.m.mode)
	}
}

// On a wide screen the article is set at a readable measure, centred.
func TestReadingWidthIsCapped(t *testing.T) {
	d := newDriver(t, 250, 60).keys("enter")
	if d.m.reader.page.key.width != DefaultMeasure {
		t.Errorf("rendered at %d columns, want the measure %d", d.m.reader.page.key.width, DefaultMeasure)
	}
	for _, l := range strings.Split(d.m.reader.View(), "\n") {
		if w := ansi.StringWidth(strings.TrimSpace(ansi.Strip(l))); w > DefaultMeasure {
			t.Fatalf("a line of %d cells: %q", w, l)
		}
	}
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.Measure = -1
	wide := newDriverFor(t, 250, 60, opts).keys("enter")
	if wide.m.reader.page.key.width != wide.m.reader.width {
		t.Errorf("with no measure the article is %d wide in a %d pane", wide.m.reader.page.key.width, wide.m.reader.width)
	}
}

// Without colour, matches in the list still stand out (bold and
// underline); with colour, every colour reads at 4.5:1 on its background.
func TestEmphasisWithoutColourAndContrast(t *testing.T) {
	s := testStyles()
	if got := s.ListMatch.Render("x"); !strings.Contains(got, "\x1b[") {
		t.Errorf("NO_COLOR match %q carries no emphasis", got)
	}
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(lipgloss.NewRenderer(nil), termenv.TrueColor, dark)
		bg, _ := colorful.Hex(st.background())
		p := lightPalette
		if dark {
			p = darkPalette
		}
		for name, c := range map[string]string{"accent": p.accent, "muted": p.muted, "text": p.text, "warn": p.warn, "bookmark": p.bookmark} {
			fg, _ := colorful.Hex(c)
			if r := contrast(fg, bg); r < minContrast {
				t.Errorf("dark %v: %s %s on %s is %.1f:1", dark, name, c, st.background(), r)
			}
		}
		for _, topic := range testTopics(t) {
			fg, _ := colorful.Hex(readable(topic.Color, st.background()))
			if r := contrast(fg, bg); r < minContrast {
				t.Errorf("dark %v: topic %s is %.1f:1", dark, topic.Key, r)
			}
		}
	}
}

// space at the end of an article goes on to the next, and t after the
// last passage on the topic to the next article on it; the footer says so.
func TestTheEndGoesOnToTheNext(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "G", "space")
	if d.reading() != 2 || !strings.Contains(d.footer(), "next article") {
		t.Errorf("space at the end: reading %d, footer %q", d.reading(), d.footer())
	}
	d = newDriver(t, 80, 24).keys("1", "g", "enter")
	first := d.reading()
	for range 40 {
		d.keys("t")
		if d.reading() != first {
			break
		}
	}
	if d.reading() == first || !strings.Contains(d.footer(), "next article on Security") {
		t.Errorf("t past the last passage: reading %d, footer %q", d.reading(), d.footer())
	}
}

// n with no search and t with no filter say why they do nothing.
func TestKeysThatCannotActSayWhy(t *testing.T) {
	for keys, want := range map[string]string{"n": "no search", "N": "no search", "t": "no topic filter", "T": "no topic filter", "0": "no topic filter"} {
		for _, start := range [][]string{nil, {"enter"}} {
			d := newDriver(t, 80, 24).keys(start...).keys(keys)
			if !strings.Contains(d.footer(), want) {
				t.Errorf("%v %s: footer %q", start, keys, d.footer())
			}
		}
	}
}

// Keys typed before the library comes, or before the article is
// rendered, are kept and applied.
func TestKeysTypedWhileStartingAreKept(t *testing.T) {
	lib := testLibrary(t)
	opts := testOptions(nil, memoryState(t))
	d := newDriverFor(t, 80, 24, opts).keys("j", "j", "enter")
	if d.m.mode != modeLoading {
		t.Fatal("the reader should wait for its library")
	}
	r := NewRenderer(lib, opts.Styles, glamourstyles.NoTTYStyleConfig, 1<<20)
	d.send(LibraryLoadedMsg{Library: lib, Renderer: r})
	if d.m.mode != modeReader || d.reading() != 3 {
		t.Errorf("keys before the library: mode %d reading %d, want article 3 open", d.m.mode, d.reading())
	}
	// keys before the first rendering: the reader waits for it
	d = newDriver(t, 80, 24)
	next, _ := d.m.Update(keyMsg("enter"))
	d.m = next.(Model)
	for _, k := range []string{"j", "j", "j"} {
		next, _ := d.m.Update(keyMsg(k))
		d.m = next.(Model)
	}
	d.send(d.m.renderNow())
	if d.top() != 3 {
		t.Errorf("three j before the article was rendered: top %d, want 3", d.top())
	}
}

// renderNow renders what the reader waits for, as the render command would.
func (m Model) renderNow() tea.Msg {
	d, err := m.c.renderer.Render(m.reader.pending.doc, m.reader.pending.width)
	return renderedMsg{key: m.reader.pending, doc: d, err: err}
}

// The conventions readers reach for: next and previous unread, unread
// only, mark all read, find within the article.
func TestUnreadKeys(t *testing.T) {
	d := newDriver(t, 80, 24).keys("j", "m", "j", "m", "g")
	// articles 2 and 3 are read now
	d.keys(".")
	if d.cursor() != 3 {
		t.Errorf(". from article 1: cursor on %d, want 4", d.cursor()+1)
	}
	d.keys(",")
	if d.cursor() != 0 {
		t.Errorf(", from article 4: cursor on %d, want 1", d.cursor()+1)
	}
	d.keys("enter", ".")
	if d.reading() != 4 {
		t.Errorf(". while reading 1: reading %d, want 4", d.reading())
	}
	d.keys("esc", "U")
	// 1 was opened but not read on, 4 likewise: unread are 1, 4 and 5
	if n := len(d.m.list.items); n != 3 || !strings.Contains(d.header(), "unread") {
		t.Errorf("U: %d listed (header %q), want the 3 unread", n, d.header())
	}
	d.keys("U", "A")
	if !strings.Contains(d.footer(), "A again") {
		t.Errorf("the first A asks: %q", d.footer())
	}
	d.keys("A")
	for doc := range d.m.c.lib.Len() {
		if !d.saved(doc).Read {
			t.Errorf("A A left article %d unread", doc+1)
		}
	}
	unread := d.selected()
	d.keys("m", "A", "j")
	if d.saved(unread).Read || !strings.Contains(d.footer(), "not marked") {
		t.Errorf("A then another key must not mark anything: %q", d.footer())
	}
}

func TestFindWithinTheArticle(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "/")
	if d.m.mode != modeFind {
		t.Fatalf("/ in the reader: mode %d", d.m.mode)
	}
	d.typeText("reconstruction").keys("enter")
	if d.m.mode != modeReader || len(d.m.reader.matches) == 0 || d.currentMatch() < 0 {
		t.Fatalf("find: mode %d, %d matches, current %d", d.m.mode, len(d.m.reader.matches), d.currentMatch())
	}
	if len(d.m.list.items) != d.m.c.lib.Len() {
		t.Error("a find within the article must not filter the list")
	}
	first := d.currentMatch()
	d.keys("n")
	if d.currentMatch() != first+1 || d.reading() != 1 {
		t.Errorf("n: match %d in article %d", d.currentMatch(), d.reading())
	}
	for range 50 {
		d.keys("n")
	}
	if d.reading() != 1 || !strings.Contains(d.footer(), "no more matches") {
		t.Errorf("n past the last match of a find stays in the article: reading %d, %q", d.reading(), d.footer())
	}
	d.keys("/", "esc")
	if len(d.m.reader.matches) != 0 {
		t.Error("esc in the find prompt clears the find")
	}
}

// Found in the second new-user pass.

// Back from ctrl+z, the mouse works again: bubbletea restores the alternate
// screen but not mouse reporting.
func TestMouseIsBackAfterSuspend(t *testing.T) {
	d := newDriver(t, 80, 24)
	_, cmd := d.m.Update(tea.ResumeMsg{})
	if cmd == nil || fmt.Sprintf("%T", cmd()) != fmt.Sprintf("%T", tea.EnableMouseCellMotion()) {
		t.Fatal("resuming does not turn mouse reporting back on")
	}
}

// "A again" is a confirmation of the A just pressed: any other key, on any
// screen, and any click cancel it.
func TestMarkAllReadNeedsAFreshConfirmation(t *testing.T) {
	for _, between := range []tea.Msg{keyMsg("2"), keyMsg("S"), keyMsg("?"), keyMsg("tab"), click(5, 3)} {
		d := newDriver(t, 80, 24).keys("A")
		d.send(between)
		d.keys("esc", "0") // back to an unfiltered list, whatever between did
		if d.m.mode != modeList {
			d.keys("esc")
		}
		d.keys("A")
		for doc := range d.m.c.lib.Len() {
			if d.saved(doc).Read {
				t.Errorf("%v between the two A: article %d was marked read", between, doc+1)
			}
		}
	}
	d := newDriver(t, 80, 24).keys("A", "A")
	for doc := range d.m.c.lib.Len() {
		if !d.saved(doc).Read {
			t.Errorf("A A: article %d is not read", doc+1)
		}
	}
}

// offTopic is an article not on topic t, and its place in the full list.
func offTopic(t *testing.T, d *driver, topic int) int {
	t.Helper()
	for doc := range d.m.c.lib.Len() {
		if !d.m.c.lib.Coverage().Carries(doc, topic) {
			return doc
		}
	}
	t.Fatalf("the fixture library must hold an article off topic %d", topic+1)
	return -1
}

// In split view, back at the list, the reader shows the cursor's article,
// so what s, m and r act on is what is shown, even when a filter has left
// the article read out of the list.
func TestSplitViewShowsTheCursorsArticle(t *testing.T) {
	d := newDriver(t, 120, 35)
	read := offTopic(t, d, 1)
	for range read {
		d.keys("j")
	}
	d.keys("enter", "2", "esc")
	if d.m.mode != modeList || d.m.reader.doc != d.selected() {
		t.Fatalf("back at the list: the cursor is on %d, the reader shows %d", d.selected()+1, d.reading())
	}
	d.keys("s")
	if d.saved(read).Bookmarked || !d.saved(d.selected()).Bookmarked {
		t.Errorf("s bookmarked another article than the one under the cursor and shown")
	}
}

// A click on the list while reading takes the keys there and shows the
// article clicked.
func TestClickOnTheListWhileReading(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter")
	rowOf3 := headerHeight + 2*d.m.list.rowHeight() // the third row's title line
	d.send(click(5, rowOf3))
	if d.m.mode != modeList || d.selected() != 2 || d.reading() != 3 {
		t.Fatalf("after a click on row 3: mode %d, cursor on %d, reading %d", d.m.mode, d.selected()+1, d.reading())
	}
	d.keys("s")
	if !d.saved(2).Bookmarked {
		t.Error("s did not bookmark the article clicked")
	}
}

// J and . from an article a filter left out of the list go to the
// list's first article (K to its last), not from wherever the cursor was.
func TestSteppingFromAnArticleNotListed(t *testing.T) {
	d := newDriver(t, 120, 35)
	read := offTopic(t, d, 1)
	for range read {
		d.keys("j")
	}
	d.keys("enter", "2")
	first, last := d.m.list.items[0].Doc, d.m.list.items[len(d.m.list.items)-1].Doc
	if d.keys("J"); d.m.reader.doc != first {
		t.Errorf("J opened %d, want the first on the topic, %d", d.reading(), first+1)
	}
	d.keys("[", "K")
	if d.m.reader.doc != last {
		t.Errorf("K opened %d, want the last on the topic, %d", d.reading(), last+1)
	}
	d.keys("[", ".")
	if d.m.reader.doc != first {
		t.Errorf(". opened %d, want the first unread on the topic, %d", d.reading(), first+1)
	}
}

// tab in the search prompt takes the suggested spelling.
func TestTabTakesTheSuggestion(t *testing.T) {
	d := newDriver(t, 120, 35).keys("/").typeText("guarentee")
	if d.m.list.suggest == "" {
		t.Fatalf("no suggestion for guarentee: %q", d.view())
	}
	if !strings.Contains(d.footer(), "tab take the suggestion") {
		t.Errorf("the footer does not offer the suggestion: %q", d.footer())
	}
	want := d.m.list.suggest
	d.keys("tab")
	if d.typed() != want || len(d.m.list.items) == 0 || d.m.mode != modeSearch {
		t.Errorf("after tab: query %q (%d results, mode %d), want %q with results", d.typed(), len(d.m.list.items), d.m.mode, want)
	}
	if strings.Contains(d.footer(), "tab take") {
		t.Errorf("the footer offers a suggestion there no longer is: %q", d.footer())
	}
}

// ? and F1 open the help from the search and find prompts too; closing it
// goes back to the prompt with its text.
func TestHelpFromPrompts(t *testing.T) {
	for _, open := range [][]string{{"/"}, {"enter", "/"}} {
		for _, help := range []string{"?", "f1"} {
			d := newDriver(t, 120, 35).keys(open...).typeText("kyiv").keys(help)
			if d.m.mode != modeHelp {
				t.Errorf("%v %s: mode %d, want the help", open, help, d.m.mode)
				continue
			}
			d.keys("esc")
			if d.m.mode != modeSearch && d.m.mode != modeFind {
				t.Errorf("%v %s esc: mode %d, want the prompt back", open, help, d.m.mode)
			}
			if v := d.typed() + d.m.find.input.Value(); v != "kyiv" {
				t.Errorf("%v %s: the prompt holds %q", open, help, v)
			}
		}
	}
}

// A number past the topics says so and leaves the filter alone.
func TestTopicNumbersPastTheTopics(t *testing.T) {
	d := newDriver(t, 120, 35).keys("1", "5")
	if d.topic() != 0 || !strings.Contains(d.footer(), "no topic 5") {
		t.Errorf("5 after 1: topic %d, footer %q", d.topic()+1, d.footer())
	}
}

// Keys that do nothing on a screen say why, and hints offer only keys that
// work there.
func TestKeysAndHintsThatDoNothingHere(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter", "A")
	if !strings.Contains(d.footer(), "from the list") {
		t.Errorf("A in the reader: %q", d.footer())
	}
	d = newDriver(t, 80, 24).keys("shift+tab")
	if d.m.mode != modeList {
		t.Errorf("shift+tab in the one-pane list opened an article")
	}
	d = newDriver(t, 120, 35).keys("enter", "/").typeText("geneva")
	if f := d.footer(); strings.Contains(f, "next result") || strings.Contains(f, "suggestion") {
		t.Errorf("the find prompt offers keys of the library search: %q", f)
	}
	d = newDriver(t, 250, 60).keys("w")
	if f := d.footer(); strings.Contains(f, "down") {
		t.Errorf("nothing to scroll in the warnings, yet: %q", f)
	}
	d = newDriver(t, 60, 12).keys("?", "j")
	if v := d.view(); !strings.Contains(v, "↑ more") {
		t.Errorf("the help, scrolled, does not say there is more above:\n%s", v)
	}
}

// At the end of an article the footer says that space goes on.
func TestFooterSaysSpaceGoesOnAtTheEnd(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "G")
	if !strings.Contains(d.footer(), "space next article") {
		t.Errorf("at the end: %q", d.footer())
	}
	d.keys("space")
	if d.reading() != 2 {
		t.Errorf("space at the end opened %d, want 2", d.reading())
	}
}

// esc in the search prompt puts the list and the reader back where the
// search found them.
func TestCancelledSearchGoesBack(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter", "space", "space", "esc")
	reading, top := d.reading(), d.top()
	d.keys("/").typeText("kushner")
	if d.reading() == reading {
		t.Fatal("the fixture's first result for kushner must be another article than the one read")
	}
	d.keys("esc")
	if d.reading() != reading || d.top() != top || d.selected()+1 != reading {
		t.Errorf("after esc: reading %d at %d, cursor on %d; want %d at %d", d.reading(), d.top(), d.selected()+1, reading, top)
	}
}

// Opening, from the list, the article the reader beside it already shows
// leaves no history entry that goes back to the same place; the entry is
// the article read before.
func TestOpeningThePreviewedArticleAddsNoEmptyHistory(t *testing.T) {
	d := newDriver(t, 120, 35).keys("/").typeText("geneva").keys("enter", "enter")
	d.keys("[")
	if !strings.Contains(d.footer(), "nothing to go back to") {
		t.Errorf("[ after opening the first result: %q", d.footer())
	}
	d = newDriver(t, 120, 35).keys("enter", "space", "esc", "j", "j", "enter", "[")
	if d.reading() != 1 || d.top() == 0 {
		t.Errorf("[ went to article %d at line %d, want back to 1 where it was left", d.reading(), d.top())
	}
}

// n in find goes on from the screen shown, as in less, not from a match
// scrolled away from.
func TestFindNextFromTheScreen(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "/").typeText("ukraine").keys("enter", "n")
	if len(d.m.reader.matches) < 4 {
		t.Fatalf("%d matches: the fixture must give too many to see at once", len(d.m.reader.matches))
	}
	d.keys("G", "n")
	if d.currentMatch() >= 0 && d.m.reader.matches[d.currentMatch()].segments[0].line < d.top() {
		t.Errorf("n after G went up to match %d, above the screen", d.currentMatch()+1)
	}
	d.keys("g", "n")
	if d.currentMatch() != 0 {
		t.Errorf("n after g went to match %d, want the first", d.currentMatch()+1)
	}
}

// A click on a coverage cell picks that cell, its topic included; a second
// click opens the article at a passage on that topic.
func TestCoverageClickPicksTheColumn(t *testing.T) {
	d := newDriver(t, 120, 35).keys("c")
	g := d.m.coverage.grid()
	x := g.cellsStart() + 3*(g.cellWidth+cellGap) + cellGap + 1 // inside the fourth topic's cell
	y := headerHeight + 2 + 4                                   // the fifth article's row
	d.send(click(x, y))
	if d.m.coverage.row != 4 || d.m.coverage.col != 3 {
		t.Fatalf("clicked article 5, topic 4: cursor on %d, %d", d.m.coverage.row+1, d.m.coverage.col+1)
	}
	d.send(click(x, y))
	if d.m.mode != modeReader || d.reading() != 5 {
		t.Fatalf("a second click: mode %d reading %d", d.m.mode, d.reading())
	}
	onTopic := d.m.c.lib.Coverage().Passages(4, 3)
	if len(onTopic) == 0 {
		t.Fatal("the fixture's article 5 must have a passage on topic 4")
	}
	if p := d.flashed(); !slices.Contains(onTopic, p) {
		t.Errorf("opened at passage %d, not one on topic 4 (%v)", p, onTopic)
	}
}

// When not every topic fits, the columns follow the cursor, and the
// cursor's cell keeps its shade visible.
func TestCoverageColumnsFollowTheCursor(t *testing.T) {
	d := newDriver(t, 40, 12).keys("c")
	g := d.m.coverage.grid()
	if g.cols >= len(d.m.c.lib.Topics()) {
		t.Fatal("the fixture's topics must not all fit at 40 columns")
	}
	for range d.m.c.lib.Topics() {
		d.keys("l")
	}
	last := d.m.c.lib.Topics()[len(d.m.c.lib.Topics())-1].Name
	if v := d.view(); !strings.Contains(v, last[:min(len(last), g.cellWidth)]) {
		t.Errorf("the cursor is on %s, whose column is not shown:\n%s", last, v)
	}
	if v := d.view(); !strings.Contains(v, "▸") || strings.Contains(v, "▸%") {
		t.Errorf("the cursor's cell lost its shade:\n%s", v)
	}
}

// A row keeps its byline beside the topic chips whenever abbreviated chips
// fit; chips are never cut in the middle; nothing touches the divider.
func TestListRowsKeepBylinesAndWholeChips(t *testing.T) {
	places := []string{"Oslo", "Lima", "Hanoi", "Dakar", "Quito", "Riga", "Accra", "Baku", "Sofia", "Tunis", "Male", "Doha"}
	var files = fstest.MapFS{}
	for i := range 12 { // two-digit numbers take the row's room too
		// each its own report (alike, they would be copies of one)
		body := strings.Repeat(fmt.Sprintf("Security guarantees, a ceasefire, reconstruction funds and mediators from %s, said the envoy in %s. ", places[i], places[(i+5)%12]), 30)
		files[fmt.Sprintf("a%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Talks in Geneva Make Meaningful Progress on Ending the War, part %d\nbyline: Andrew Carlson\npublished: 2025-11-23\n---\n%s\n", i, body))}
	}
	lib := store.Load(nil, article.List([]article.Source{{FS: files, Label: "mine"}}), testTopics(t), nil)
	for _, width := range []int{100, 120, 140, 250} {
		d := newDriverFor(t, width, 35, testOptions(lib, memoryState(t)))
		lines := strings.Split(d.view(), "\n")
		// below 140 columns the list pane cannot hold byline, date and
		// reading time at once: the byline is the first to go
		if width >= 140 && !strings.Contains(lines[2], "Andrew Carlson") {
			t.Errorf("%d columns: no byline on the first row: %q", width, lines[2])
		}
		for _, l := range lines[1 : len(lines)-1] {
			left, _, ok := strings.Cut(l, "│")
			if !ok {
				continue
			}
			if strings.HasSuffix(strings.TrimRight(left, " "), "…") && strings.ContainsAny(left, "▪[") && !strings.Contains(left, "+") {
				t.Errorf("%d columns: a chip is cut: %q", width, left)
			}
			if r := []rune(left); len(r) > 0 && r[len(r)-1] != ' ' {
				t.Errorf("%d columns: a row runs into the divider: %q", width, l)
			}
		}
	}
}

// A click on an item of the related panel picks it; a second one goes there.
func TestRelatedPanelTakesClicks(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter", "r")
	if len(d.m.related.items) < 2 {
		t.Fatalf("%d related items: the fixture must relate at least two", len(d.m.related.items))
	}
	_, starts, top := d.m.related.layout()
	y := headerHeight + starts[1] - top
	d.send(click(10, y))
	if d.m.related.cursor != 1 || d.m.mode != modeRelated {
		t.Fatalf("a click on the second item: cursor %d, mode %d", d.m.related.cursor, d.m.mode)
	}
	want := d.m.related.items[1].doc
	d.send(click(10, y))
	if d.m.mode != modeReader || d.m.reader.doc != want {
		t.Errorf("a second click: mode %d, reading %d; want %d", d.m.mode, d.reading(), want+1)
	}
}

// While typing a search, the wheel over the reader beside the list scrolls
// it.
func TestWheelScrollsTheReaderWhileSearching(t *testing.T) {
	d := newDriver(t, 120, 35).keys("/").typeText("geneva")
	top := d.top()
	d.send(wheel(d.m.layout.listWidth+10, 10, true))
	if d.top() <= top || d.m.mode != modeSearch {
		t.Errorf("the wheel over the reader: top %d → %d, mode %d", top, d.top(), d.m.mode)
	}
}

// A word wider than the line is broken to the line's room, so its pieces
// keep the margin instead of running to the edge.
func TestLongWordsKeepTheMargin(t *testing.T) {
	word := strings.Repeat("x", 600)
	files := fstest.MapFS{"long.md": {Data: []byte("---\ntitle: Long\n---\n\nBefore " + word + " after.\n\n- item " + word + "\n")}}
	lib := store.Load(nil, article.List([]article.Source{{FS: files, Label: "mine"}}), testTopics(t), nil)
	r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 1<<20)
	for _, width := range []int{30, 60, 100} {
		doc, err := r.Render(0, width)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range doc.lines {
			plain := ansi.Strip(l)
			if strings.Contains(plain, "xxxx") && !strings.HasPrefix(plain, "  ") {
				t.Errorf("%d columns: a piece of the long word lost the margin: %q", width, plain)
			}
		}
	}
}

// The reader counts matches in the article's text only: not in its own
// header line of topic shares ("ceasefire 12% · security 11%").
func TestReaderMatchesSkipItsOwnTopicLine(t *testing.T) {
	d := newDriver(t, 120, 35).keys("/").typeText("ceasefire ").keys("enter")
	for _, h := range d.m.list.items {
		d2 := newDriver(t, 120, 35).keys("/").typeText("ceasefire ").keys("enter")
		d2.m.list.selectDoc(h.Doc)
		d2.keys("enter")
		if got := len(d2.m.reader.matches); got != h.Matches {
			t.Errorf("article %d: the reader finds %d matches, the list says %d", h.Doc+1, got, h.Matches)
		}
		for _, mt := range d2.m.reader.matches {
			if line := d2.m.reader.page.plain[mt.segments[0].line]; strings.Contains(line, "%") {
				t.Errorf("article %d: a match on the reader's own line %q", h.Doc+1, line)
			}
		}
	}
}

// Found in the third new-user pass.

// A mark that takes the article shown out of an unread-only or
// bookmarked-only list moves the split view's reader to the cursor.
func TestMarksThatEmptyTheRowMoveTheReader(t *testing.T) {
	d := newDriver(t, 120, 35).keys("U", "m")
	if d.selected() != d.m.reader.doc {
		t.Errorf("U m: cursor on %d, reader on %d", d.selected()+1, d.reading())
	}
	d = newDriver(t, 120, 35).keys("s", "j", "s", "S", "s")
	if d.selected() != d.m.reader.doc {
		t.Errorf("s j s S s: cursor on %d, reader on %d", d.selected()+1, d.reading())
	}
}

// Growing from one pane into the split view shows the cursor's article
// beside the list, and back still leads to the article read.
func TestResizingIntoTheSplitViewShowsTheCursorsArticle(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "space", "esc", "j", "j")
	d.send(tea.WindowSizeMsg{Width: 120, Height: 35})
	if d.selected() != d.m.reader.doc {
		t.Fatalf("after growing: cursor on %d, reader on %d", d.selected()+1, d.reading())
	}
	d.keys("enter", "[")
	if d.reading() != 1 {
		t.Errorf("[ went to %d, want 1, the article read before", d.reading())
	}
}

// Jumps from the related and coverage panels are history in the split view
// as on one pane.
func TestJumpsFromPanelsAreHistory(t *testing.T) {
	for _, size := range [][2]int{{120, 35}, {80, 24}} {
		for _, keys := range [][]string{{"enter", "space", "r", "enter"}, {"enter", "space", "c", "j", "enter"}} {
			d := newDriver(t, size[0], size[1]).keys(keys...).keys("[")
			if d.reading() != 1 || strings.Contains(d.footer(), "nothing to go back to") {
				t.Errorf("%dx%d %v [: reading %d, %q", size[0], size[1], keys, d.reading(), d.footer())
			}
		}
	}
}

// The reader's line of topic shares fits its measure and never cuts a
// topic: what does not fit is counted.
func TestTopicSharesFitTheReader(t *testing.T) {
	for _, width := range []int{40, 60, 100} {
		d := newDriver(t, width, 30).keys("enter")
		for _, l := range d.m.reader.page.plain[:d.m.reader.page.bodyStart] {
			if strings.Contains(l, "%") && strings.Contains(l, "·") {
				if ansi.StringWidth(strings.TrimRight(l, " ")) > d.m.reader.page.key.width-docMargin {
					t.Errorf("%d columns: the topic line runs past the text: %q", width, l)
				}
				for _, part := range strings.Split(strings.TrimSpace(l), " · ") {
					if !strings.HasSuffix(part, "%") && !strings.HasPrefix(part, "+") {
						t.Errorf("%d columns: a topic is cut: %q in %q", width, part, l)
					}
				}
			}
		}
	}
}

// A query longer than the header shows its end, where the cursor is.
func TestALongQueryShowsWhereTheCursorIs(t *testing.T) {
	d := newDriver(t, 40, 12).keys("/").typeText("security guarantees reconstruction mediators ceasefire")
	if h := d.header(); !strings.Contains(h, "fire") {
		t.Errorf("the end being typed is hidden: %q", h)
	}
}

// r at a heading relates the text under it, not the heading.
func TestRelatedAtAHeadingUsesItsText(t *testing.T) {
	d := newDriver(t, 120, 35).keys("enter")
	c := mustContent(d.m.reader.art)
	for p, pass := range c.Passages {
		if pass.Kind == article.Heading && p+1 < len(c.Passages) {
			d.m.reader.scrollTo(d.m.reader.page.lineOf(anchor{passage: p}))
			break
		}
	}
	_, passage := d.m.focusedPlace()
	if passage < 0 || c.Passages[passage].Kind == article.Heading {
		t.Errorf("the related panel would compare passage %d, a heading", passage)
	}
}

// Hints for keys that would do nothing are not offered; on a narrow footer
// the way out is the hint kept.
func TestHintsForKeysThatWouldDoNothing(t *testing.T) {
	d := newDriver(t, 120, 35).keys("G", "enter", "G")
	if f := d.footer(); strings.Contains(f, "page down") || strings.Contains(f, "next article") {
		t.Errorf("at the end of the last article: %q", f)
	}
	d = newDriver(t, 120, 35).keys("S")
	if f := d.footer(); strings.Contains(f, "down") {
		t.Errorf("an empty list offers moving: %q", f)
	}
	for _, keys := range [][]string{{"c"}, {"?"}, {"enter"}} {
		d = newDriver(t, 40, 12).keys(keys...)
		if f := d.footer(); !strings.Contains(f, "close") && !strings.Contains(f, "list") {
			t.Errorf("%v at 40 columns: no way out in the footer: %q", keys, f)
		}
	}
	if h := newDriverFor(t, 80, 24, testOptions(singleArticle(t), memoryState(t))).header(); strings.Contains(h, "1 articles") {
		t.Errorf("header %q", h)
	}
}

// singleArticle is a library of one article.
func singleArticle(t *testing.T) *store.Library {
	files := fstest.MapFS{"one.md": {Data: []byte("---\ntitle: One\n---\nA single article.\n")}}
	return store.Load(nil, article.List([]article.Source{{FS: files, Label: "mine"}}), testTopics(t), nil)
}
