package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/testlib"
	"dispatch/store"
	"dispatch/store/article"
)

func (d *driver) marks(doc int) (read, bookmarked bool) {
	a := d.saved(doc)
	return a.Read, a.Bookmarked
}

func TestReadStateFromReading(t *testing.T) {
	d := newDriver(t, 80, 24)
	if read, _ := d.marks(0); read {
		t.Fatal("articles start unread")
	}
	if !strings.Contains(d.view(), "› 1 "+unreadGlyph) {
		t.Errorf("unread dot missing:\n%s", d.view())
	}
	d.keys("enter")
	if read, _ := d.marks(0); read {
		t.Error("opening alone should not mark read")
	}
	d.keys("j")
	if read, _ := d.marks(0); !read {
		t.Error("opening and scrolling should mark read")
	}
	d.keys("m")
	if read, _ := d.marks(0); read {
		t.Error("m should mark unread")
	}
	d.keys("j", "j", "G")
	if read, _ := d.marks(0); read {
		t.Error("an article marked unread by hand stays unread while it is read on")
	}
	d.keys("esc", "m")
	if read, _ := d.marks(0); !read {
		t.Error("m in the list should mark read")
	}
	if strings.Contains(strings.Split(d.view(), "\n")[1], unreadGlyph) {
		t.Errorf("read article still has the dot:\n%s", d.view())
	}
	// a preview in split view is not reading
	s := newDriver(t, 140, 40).keys("j")
	if read, _ := s.marks(1); read || s.reading() != 2 {
		t.Error("previewing should not mark read")
	}
}

func TestBookmarks(t *testing.T) {
	d := newDriver(t, 80, 24).keys("j", "s")
	if _, b := d.marks(1); !b {
		t.Fatal("s should bookmark the selected article")
	}
	if !strings.Contains(d.view(), "2 "+unreadGlyph+bookmarkGlyph) {
		t.Errorf("bookmark glyph missing:\n%s", d.view())
	}
	d.keys("G", "enter", "s") // bookmark article 5 from the reader
	d.keys("esc", "S")
	if got := listIDs(d); len(got) != 2 || got[0] != 2 || got[1] != 5 {
		t.Errorf("S: list %v, want [2 5]", got)
	}
	if !strings.Contains(strings.Split(d.view(), "\n")[0], bookmarkGlyph+" bookmarked") {
		t.Errorf("header should show the bookmark filter")
	}
	d.keys("s") // unbookmark the selected one: it stays until the cursor leaves it
	if got := listIDs(d); len(got) != 2 {
		t.Errorf("after unbookmarking: %v, want the row kept", got)
	}
	if _, b := d.marks(4); b {
		t.Error("s should have unbookmarked article 5")
	}
	d.keys("s") // a mistake is undone where it was made
	if _, b := d.marks(4); !b {
		t.Error("s again should bookmark article 5 again")
	}
	d.keys("s", "k") // unbookmarked, and the cursor leaves it: it goes
	if got := listIDs(d); len(got) != 1 || got[0] != 2 {
		t.Errorf("after leaving the unbookmarked row: %v, want [2]", got)
	}
	d.keys("s", "S", "S") // the last one, unbookmarked: listed again, it is gone
	if got := listIDs(d); len(got) != 0 || !strings.Contains(d.view(), "no bookmarked articles") {
		t.Errorf("no bookmarks left: %v\n%s", got, d.view())
	}
	d.keys("S")
	if len(d.m.list.items) != 5 {
		t.Errorf("S again should show all")
	}
}

func TestReopensWhereTheReaderLeftOff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d, st := newDriverWithState(t, 80, 24, path)
	d.keys("j", "j", "enter")
	for range 30 {
		d.keys("j")
	}
	offset := d.top()
	passage := d.topPassage()
	d.keys("esc") // back in the list: the place is remembered all the same
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	again, st2 := newDriverWithState(t, 80, 24, path)
	defer st2.Close()
	r := again.m.reader
	if again.m.mode != modeReader || again.reading() != 3 {
		t.Fatalf("did not reopen article 3 (mode %d)", again.m.mode)
	}
	if r.top != offset {
		t.Errorf("reopened at line %d, want %d", r.top, offset)
	}
	if !strings.Contains(again.view(), "continuing where you left off") {
		t.Errorf("footer should say so: %q", lastLine(again.view()))
	}
	again.keys("esc")
	if !strings.Contains(again.view(), continueGlyph) {
		t.Errorf("the list should mark the article to continue:\n%s", again.view())
	}

	// at another width, the same passage comes back
	st2.Close()
	narrow, st3 := newDriverWithState(t, 50, 30, path)
	defer st3.Close()
	if got := narrow.topPassage(); got != passage {
		t.Errorf("at 50 columns: passage %d at the top, want %d", got, passage)
	}
}

func TestHistorySurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d, st := newDriverWithState(t, 80, 24, path)
	d.keys("enter", "J", "J")
	st.Close()
	again, st2 := newDriverWithState(t, 80, 24, path)
	defer st2.Close()
	if again.reading() != 3 {
		t.Fatalf("reopened article %d, want 3", again.reading())
	}
	again.keys("[")
	if again.reading() != 2 {
		t.Errorf("back after restart: article %d, want 2", again.reading())
	}
	again.keys("[")
	if again.reading() != 1 {
		t.Errorf("back twice after restart: article %d, want 1", again.reading())
	}
}

func TestSaveErrorsShowInTheFooter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d, st := newDriverWithState(t, 80, 24, path)
	os.MkdirAll(filepath.Join(path, "blocker"), 0o755) // the save cannot replace a directory
	d.keys("s")
	st.Flush()
	d.send(tea.KeyMsg{Type: tea.KeyDown})
	if !strings.Contains(lastLine(d.view()), "save failed") {
		t.Errorf("footer: %q", lastLine(d.view()))
	}
	if _, b := d.marks(0); !b {
		t.Error("the bookmark must stay in memory")
	}
}

func TestLoadingWarningsAreShown(t *testing.T) {
	arts, err := article.ParseFS(testlib.Library)
	if err != nil {
		t.Fatal(err)
	}
	notes := fstest.MapFS{
		"x.md": {Data: append([]byte("---\ntitle: Huge\n---\n"), bytes.Repeat([]byte("word "), 1<<20)...)},
		"y.md": {Data: []byte("---\ntitle: Turned\n---\nText \u202etxt.exe\n")},
	}
	lib := store.Load(arts, article.List([]article.Source{{FS: notes, Label: "notes"}}), testTopics(t), nil)
	d := newDriverFor(t, 140, 20, testOptions(lib, memoryState(t)))
	v := d.view()
	if !strings.Contains(lastLine(v), "skipped notes/x.md: file larger than 4 MiB") {
		t.Errorf("footer: %q", lastLine(v))
	}
	// the skipped file is to act on; the bidi control removed is a repair,
	// listed apart and not counted
	if !strings.Contains(strings.Split(v, "\n")[0], "⚠ 1") {
		t.Errorf("header: %q", strings.Split(v, "\n")[0])
	}
	v = d.keys("w").view()
	if !strings.Contains(v, "Repaired") || !strings.Contains(v, "notes/y.md") {
		t.Errorf("the repair is not listed:\n%s", v)
	}
	if v = d.keys("x").view(); strings.Contains(v, "notes/y.md") || !strings.Contains(v, "notes/x.md") {
		t.Errorf("x should dismiss the repair, not the warning:\n%s", v)
	}
}
