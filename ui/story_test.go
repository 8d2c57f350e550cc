package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store"
	"dispatch/store/article"
)

// TestStoryViewSaysWhoSaysWhat: v on an article of the five reports opens
// who says what in their story: the five sources, the disagreement over
// whose administration it is with both passages verbatim, what every
// source says, what only one does, and the matrix; esc closes it.
func TestStoryViewSaysWhoSaysWhat(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(testLibrary(t), memoryState(t))).keys("v")
	v := d.view()
	for _, want := range []string{"Story · 5 articles · 5 sources", "Sources · 5 sources", "Disagreements",
		"Biden (C) ≠ Trump (E)", "C #3 says Biden administration", "E Andrew Carlson says Trump administration", "Every source says", "Only one source says"} {
		if !strings.Contains(v, want) {
			t.Errorf("the story view lacks %q:\n%s", want, v)
		}
	}
	if f := d.footer(); !strings.Contains(f, "enter go there") || !strings.Contains(f, "1/") {
		t.Errorf("footer %q: want where enter goes and the cursor's place", f)
	}
	d.keys("G")
	if lines := strings.Split(d.view(), "\n"); !strings.Contains(lines[2], "A   B   C   D   E") ||
		!strings.Contains(d.view(), "topic   ●   ●   ●   ●   ●") {
		t.Errorf("the end of the view has no matrix under its source numbers:\n%s", d.view())
	}
	d.keys("esc")
	if v := d.view(); strings.Contains(v, "Story ·") || !strings.Contains(d.header(), "dispatch") {
		t.Errorf("esc did not close the story view:\n%s", v)
	}
}

// TestStoryViewGoesToThePassage: enter on a disagreement's side opens
// that source's article at the passage it rests on, and back returns.
func TestStoryViewGoesToThePassage(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(testLibrary(t), memoryState(t))).keys("v")
	// the five sources, then the first side of the first disagreement
	d.keys("j", "j", "j", "j", "j", "enter")
	if got := d.reading(); got != 3 {
		t.Fatalf("enter on source 3's side opened article %d, want 3\n%s", got, d.view())
	}
	if v := d.view(); !strings.Contains(v, "highlighting the Biden") {
		t.Errorf("the reader does not show the passage quoted:\n%s", v)
	}
	d.keys("v", "enter") // the first source's line: its article from the top
	if got := d.reading(); got != 1 {
		t.Errorf("enter on source 1 opened article %d", got)
	}
}

// TestStoryViewOfALoneArticle: an article no other reports has no story
// to show: v says so and stays where it is.
func TestStoryViewOfALoneArticle(t *testing.T) {
	arts, err := article.ParseFS(fstest.MapFS{"lone.md": {Data: []byte("---\ntitle: The harbour reopens\n---\nThe harbour council voted to reopen the quay on Monday.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.Load(arts, article.List(nil), testTopics(t), nil)
	d := newDriverFor(t, 80, 24, testOptions(lib, memoryState(t))).keys("v")
	if f := d.footer(); !strings.Contains(f, "no other article reports") {
		t.Errorf("footer %q: want why there is no story", f)
	}
	if strings.Contains(d.view(), "Story ·") {
		t.Error("a story view opened for a lone article")
	}
}

// TestStoryViewWithTheMouse: the wheel moves among the lines that point
// somewhere; a click picks a line and a second click on it goes there.
func TestStoryViewWithTheMouse(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(testLibrary(t), memoryState(t))).keys("v")
	d.send(wheel(10, 10, true))
	if f := d.footer(); !strings.Contains(f, "2/") {
		t.Errorf("after the wheel the footer says %q, want the second line", f)
	}
	// the third source's line is the screen's line 7: header, title, blank,
	// the heading, sources 1 and 2
	d.send(click(10, 6), click(10, 6))
	if got := d.reading(); got != 3 {
		t.Errorf("two clicks on source 3 opened article %d\n%s", got, d.view())
	}
}

// TestStoryMatrixByMouse: a click on a cell of the matrix picks that
// source, a second click opens the article where it says it.
func TestStoryMatrixByMouse(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(testLibrary(t), memoryState(t))).keys("v", "G")
	lines := strings.Split(d.view(), "\n")
	row := -1
	for i, l := range lines {
		if strings.Contains(l, "Today did not mark the end") {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no matrix row to click:\n%s", d.view())
	}
	x := strings.LastIndex(lines[row], "●")
	x = len([]rune(lines[row][:x])) // the column of source 5's mark
	d.send(click(x, row), click(x, row))
	if got := d.reading(); got != 5 {
		t.Errorf("two clicks on source 5's cell opened article %d\n%s", got, d.view())
	}
}

// TestStoryViewKeepsItsPlaceOnResize: the lines wrap anew at another
// width, and the cursor stays on the claim (or the matrix cell) it was on.
func TestStoryViewKeepsItsPlaceOnResize(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(testLibrary(t), memoryState(t))).keys("v")
	for i := 0; i < 40 && !strings.Contains(cursorLine(d.view()), "E Andrew Carlson says"); i++ {
		d.keys("j")
	}
	if !strings.Contains(cursorLine(d.view()), "E Andrew Carlson says") {
		t.Fatalf("no claim of E's to stand on:\n%s", d.view())
	}
	d.send(tea.WindowSizeMsg{Width: 45, Height: 20})
	if l := cursorLine(d.view()); !strings.Contains(l, "E Andrew") {
		t.Errorf("after a resize the cursor is on %q, not E's claim", l)
	}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 35})
	for i := 0; i < 300 && !strings.Contains(cursorLine(d.view()), "topic   ●   ●   ●   ●   ●"); i++ {
		d.keys("j")
	}
	d.keys("l", "l") // source C's cell of a topic every source is on
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if l := cursorLine(d.view()); !strings.Contains(l, "topic") {
		t.Errorf("after a resize the cursor is on %q, not the topic's row", l)
	}
	d.keys("enter")
	if got := d.reading(); got != 3 {
		t.Errorf("enter on C's cell, kept through the resize, opened article %d, want 3", got)
	}
}

// cursorLine is the line the › marks.
func cursorLine(view string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "›") {
			return l
		}
	}
	return ""
}
