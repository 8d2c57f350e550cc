package ui

import (
	"slices"
	"strings"
	"testing"
)

// Each test here replays a loose end found by trying the reader with
// feeds as a new user would, and holds its fix.

// Beside the list, the reader scrolled with the wheel and then opened
// (enter or a second click) opens where the pane shows it, not where the
// article was left before.
func TestOpeningThePreviewOpensWhereItIsShown(t *testing.T) {
	for _, open := range []string{"enter", "click"} {
		d := newDriver(t, 120, 35)
		for range 4 {
			d.send(wheel(80, 10, true))
		}
		top := d.top()
		if top == 0 {
			t.Fatal("the wheel did not scroll the reader beside the list")
		}
		if open == "enter" {
			d.keys("enter")
		} else {
			d.send(click(5, 1))
		}
		if d.m.mode != modeReader || d.top() != top {
			t.Errorf("%s: mode %d, top line %d; want the reader at %d", open, d.m.mode, d.top(), top)
		}
	}
}

// In the unread-only list, m keeps the row until the cursor leaves it, so
// a mistaken m can be undone where it was made.
func TestMarkingReadKeepsTheRowUntilTheCursorLeaves(t *testing.T) {
	d := newDriver(t, 80, 24).keys("U", "j", "m")
	if got := d.listed(); len(got) != 5 || !d.saved(1).Read {
		t.Fatalf("m in the unread list: listed %v, read %v; want the row kept, marked read", got, d.saved(1).Read)
	}
	d.keys("m")
	if d.saved(1).Read {
		t.Error("m again should mark it unread again")
	}
	d.keys("m", "j")
	if got := d.listed(); len(got) != 4 || d.selected() != 2 {
		t.Errorf("after leaving the read row: listed %v, cursor on %d; want 4 rows, on article 3", got, d.selected()+1)
	}
}

// The footer's notices are kept in the w panel: a long one is cut in the
// footer, and every one is gone with the next key.
func TestFooterMessagesAreKeptInThePanel(t *testing.T) {
	d := newDriver(t, 40, 12).keys("enter", "o")
	said := d.m.status
	if said == "" || !strings.HasSuffix(strings.TrimSpace(d.footer()), "…") {
		t.Fatalf("o on an article without an address should say so, cut at 40 columns: %q", d.footer())
	}
	d.keys("j", "w")
	if v := strings.Join(strings.Fields(d.view()), " "); !strings.Contains(v, "Messages") || !strings.Contains(v, "this article has no link") {
		t.Errorf("the w panel does not keep %q:\n%s", said, d.view())
	}
}

// A click changes the screen: the notice about the one before goes.
func TestAClickClearsTheNotice(t *testing.T) {
	d := newDriver(t, 120, 35).keys("o")
	if d.m.status == "" {
		t.Fatal("o should have said something")
	}
	d.send(click(5, 4))
	if d.m.status != "" {
		t.Errorf("the notice outlived a click: %q", d.m.status)
	}
}

// O cycles the list's order, says which in the header, and keeps the
// cursor on its article.
func TestOrderCycles(t *testing.T) {
	d := newDriver(t, 120, 35).keys("j")
	cursorOn := d.selected()
	for _, want := range []string{"oldest first", "by title", "by source", "newest first"} {
		d.keys("O")
		if !strings.Contains(d.header(), want) {
			t.Errorf("O: header %q, want %q", d.header(), want)
		}
		if d.selected() != cursorOn {
			t.Errorf("O (%s) moved the cursor from %d to %d", want, cursorOn+1, d.selected()+1)
		}
		if want == "by title" {
			var titles []string
			for _, doc := range d.listed() {
				titles = append(titles, strings.ToLower(d.m.c.lib.Article(doc).Title))
			}
			if !slices.IsSorted(titles) {
				t.Errorf("by title: %q", titles)
			}
		}
	}
	d.keys("/").typeText("geneva").keys("enter", "O")
	if !strings.Contains(d.header(), "newest first") {
		t.Errorf("while searching the order after relevance is newest: %q", d.header())
	}
}

// ctrl+s in the search prompt saves the query under a name typed there.
func TestSaveSearchFromThePrompt(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	var saved [][2]string
	opts.SaveSearch = func(name, query string) error {
		saved = append(saved, [2]string{name, query})
		return nil
	}
	d := newDriverFor(t, 120, 35, opts).keys("/").typeText("geneva since:7d").keys("ctrl+s")
	if !strings.Contains(d.header(), "save as:") {
		t.Fatalf("ctrl+s: header %q", d.header())
	}
	d.typeText("Geneva this week").keys("enter")
	if len(saved) != 1 || saved[0] != [2]string{"Geneva this week", "geneva since:7d"} {
		t.Errorf("saved %v", saved)
	}
	if d.typed() != "geneva since:7d" || !strings.Contains(d.footer(), "saved the search") {
		t.Errorf("after saving: prompt %q, footer %q", d.typed(), d.footer())
	}
	d.keys("ctrl+s", "esc")
	if len(saved) != 1 || d.typed() != "geneva since:7d" {
		t.Errorf("esc while naming: saved %v, prompt %q", saved, d.typed())
	}
}
