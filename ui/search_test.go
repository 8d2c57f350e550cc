package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func listIDs(d *driver) []int {
	var ids []int
	for _, h := range d.m.list.items {
		ids = append(ids, h.Doc+1)
	}
	return ids
}

func TestSearchFiltersAsYouType(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/")
	if d.m.mode != modeSearch {
		t.Fatal("/ did not open the prompt")
	}
	counts := []int{}
	for _, r := range "black sea" {
		d.send(keyMsg(string(r)))
		counts = append(counts, len(d.m.list.items))
	}
	// "b" and "bl" match no whole word; "black" narrows to article 5
	if got := listIDs(d); len(got) != 1 || got[0] != 5 {
		t.Fatalf("black sea: list %v, want [5]", got)
	}
	if counts[4] != 1 {
		t.Errorf("after typing %q the list had %d items, want 1", "black", counts[4])
	}
	v := d.view()
	if !strings.Contains(v, "/black sea") || !strings.Contains(v, "1 result") {
		t.Errorf("header should show the query and count:\n%s", v)
	}
	if !strings.Contains(v, "3 matches") || !strings.Contains(v, "Black Sea") {
		t.Errorf("row should show match count and snippet:\n%s", v)
	}
	d.keys("enter")
	if d.m.mode != modeList || d.m.list.query.Raw != "black sea" {
		t.Errorf("enter should keep the query and give the keys to the list")
	}
	d.keys("j") // a list key again, not text
	if d.typed() != "black sea" {
		t.Errorf("j after enter went to the prompt: %q", d.typed())
	}
	d.keys("esc")
	if !d.m.list.query.Empty() || len(d.m.list.items) != 5 {
		t.Errorf("esc in the list should clear the search: %d items", len(d.m.list.items))
	}
	if (d.selected() + 1) != 5 {
		t.Errorf("clearing should keep the cursor on article 5, it is on %d", (d.selected() + 1))
	}
}

func TestSearchPromptEscClears(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("russia").keys("esc")
	if d.m.mode != modeList || !d.m.list.query.Empty() || len(d.m.list.items) != 5 {
		t.Errorf("esc in the prompt should cancel the search")
	}
	if strings.Contains(d.view(), "/russia") {
		t.Errorf("header still shows the query")
	}
}

func TestSearchPromptTakesLetterKeys(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("jkqgGn")
	if d.quit || d.m.mode != modeSearch || d.typed() != "jkqgGn" {
		t.Errorf("letters typed in the prompt must be text: value %q quit %v mode %d", d.typed(), d.quit, d.m.mode)
	}
}

func TestSearchPromptArrowsMoveResults(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("guarantee")
	if len(d.m.list.items) != 5 {
		t.Fatalf("guarantee: %d results", len(d.m.list.items))
	}
	d.keys("down", "down", "up")
	if d.cursor() != 1 || d.m.mode != modeSearch {
		t.Errorf("arrows in the prompt: cursor %d mode %d", d.cursor(), d.m.mode)
	}
}

func TestSearchNoMatchesSuggests(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("blak")
	v := d.view()
	if len(d.m.list.items) != 0 || !strings.Contains(v, "no matches for “blak”") || !strings.Contains(v, "did you mean “black”?") {
		t.Errorf("no-match message missing:\n%s", v)
	}
}

// When no article has every word, the list shows those with the most of
// them and the header says so, with the suggestion.
func TestSearchWithoutEveryWordShowsTheClosest(t *testing.T) {
	d := newDriver(t, 120, 35).keys("/").typeText("blak sea")
	h := d.header()
	if len(d.m.list.items) == 0 || !d.m.list.partial || !strings.Contains(h, "no article has every word") || !strings.Contains(h, "black sea") {
		t.Errorf("partial results not said: %d items, header %q", len(d.m.list.items), h)
	}
	d.keys("tab")
	if d.typed() != "black sea" || d.m.list.partial {
		t.Errorf("tab: query %q, partial %v", d.typed(), d.m.list.partial)
	}
}

func TestSearchHighlightsInReader(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("sea ").keys("enter", "enter") // the space ends the word: exact
	if d.m.mode != modeReader || d.reading() != 5 {
		t.Fatalf("enter should open the hit")
	}
	r := d.m.reader
	if len(r.matches) != 2 || r.current != 0 {
		t.Fatalf("matches %d current %d, want 2 and 0", len(r.matches), r.current)
	}
	raw := d.m.View()
	if !strings.Contains(raw, d.m.c.styles.CurrentOn+"Sea") {
		t.Errorf("current match not marked in the view")
	}
	if !strings.Contains(d.view(), "match 1/2") {
		t.Errorf("footer lacks match 1/2: %q", lastLine(d.view()))
	}
	line := r.matches[0].segments[0].line
	if line < r.top || line >= r.top+r.height {
		t.Errorf("first match (line %d) not in view (top %d)", line, r.top)
	}
	d.keys("n")
	if d.currentMatch() != 1 || !strings.Contains(d.view(), "match 2/2") {
		t.Errorf("n: current %d", d.currentMatch())
	}
	d.keys("n")
	if d.reading() != 5 || !strings.Contains(d.view(), "no next result") {
		t.Errorf("n past the last match of the last hit should stay and say so")
	}
	d.keys("N", "N")
	if d.currentMatch() != 0 {
		t.Errorf("N N: current %d", d.currentMatch())
	}
}

func TestNextMatchCrossesArticles(t *testing.T) {
	d := newDriver(t, 80, 24).keys("/").typeText("Rubio").keys("enter", "enter")
	first := d.reading()
	n := len(d.m.reader.matches)
	for range n {
		d.keys("n")
	}
	second := d.reading()
	if second == first {
		t.Fatalf("n past the last match should open the next hit")
	}
	if d.currentMatch() != 0 {
		t.Errorf("the next hit should open at its first match, at %d", d.currentMatch())
	}
	d.keys("N")
	if d.reading() != first || d.currentMatch() != n-1 {
		t.Errorf("N before the first match should open the previous hit at its last match: article %d match %d", d.reading(), d.currentMatch())
	}
}

func TestHighlightKeepsTextAndStyling(t *testing.T) {
	on, off := "<", ">"
	tests := []struct {
		name, styled string
		spans        []markSpan
		want         string
	}{
		{"plain", "the black sea", []markSpan{{4, 9, on, off}}, "the <black> sea"},
		{"styled word", "\x1b[1mthe\x1b[0m black", []markSpan{{0, 3, on, off}}, "<\x1b[1m<the>\x1b[0m black"},
		{"reset inside", "bla\x1b[0mck", []markSpan{{0, 5, on, off}}, "<bla\x1b[0m<ck>"},
		{"wide characters", "東京 talks", []markSpan{{0, 6, on, off}, {7, 12, on, off}}, "<東京> <talks>"},
		{"span at end", "sea", []markSpan{{0, 3, on, off}}, "<sea>"},
		{"two spans", "a b c", []markSpan{{0, 1, on, off}, {4, 5, on, off}}, "<a> b <c>"},
	}
	for _, tt := range tests {
		got := highlight(tt.styled, tt.spans)
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFindMatchesAcrossWrappedLines(t *testing.T) {
	d := newDriver(t, 40, 30).keys("/").typeText(`"freedom of navigation in the Black Sea"`).keys("enter", "enter")
	r := d.m.reader
	if len(r.matches) != 1 {
		t.Fatalf("phrase matches: %d", len(r.matches))
	}
	segs := r.matches[0].segments
	if len(segs) < 2 {
		t.Fatalf("a long phrase at 40 columns should wrap: %+v", segs)
	}
	var joined []string
	for _, s := range segs {
		joined = append(joined, r.page.plain[s.line][s.start:s.end])
	}
	if got := strings.Join(joined, " "); got != "freedom of navigation in the Black Sea" {
		t.Errorf("segments cover %q", got)
	}
	for y := r.top; y < r.top+r.height && y < len(r.page.lines); y++ {
		if ansi.Strip(r.markedLine(y)) != r.page.plain[y] {
			t.Errorf("line %d changed by highlighting", y)
		}
	}
}

func TestSearchListsTheBestResultsOnly(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.MaxResults = 2
	d := newDriverFor(t, 100, 24, opts).keys("/").typeText("guarantee").keys("enter")
	full := newDriver(t, 100, 24).keys("/").typeText("guarantee").keys("enter")
	if got, want := listIDs(d), listIDs(full)[:2]; !slices.Equal(got, want) {
		t.Errorf("listed %v, want the best two of %v", got, listIDs(full))
	}
	if !strings.Contains(d.view(), "best 2 of 5 results") {
		t.Errorf("header should say how many match in all:\n%s", d.view())
	}
	if !strings.Contains(full.view(), "5 results") || strings.Contains(full.view(), "best") {
		t.Errorf("header when all results are listed:\n%s", full.view())
	}
}
