package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dispatch/store"
	"dispatch/store/article"
)

// newsLibrary is a library of fetched items in a feeds folder: two feeds
// carrying the same ferry report, and a harbour story of three reports of
// which the last fetch brought the two named in fresh.
func newsLibrary(t *testing.T, fresh ...string) *store.Library {
	t.Helper()
	dir := t.TempDir()
	items := []struct{ path, source, title, date, body string }{
		{"gazette/ferry.md", "Lakeside Gazette", "Ferry Timetable Changes for the Winter", "2025-11-20",
			"The ferry will sail twice a day from Monday, the council said, after a month of complaints about the crossing to the island and its late boats, which left travellers waiting on the pier in the rain."},
		{"post/ferry.md", "Harbour Post", "Ferry Timetable Changes for the Winter", "2025-11-20",
			"The ferry will sail twice a day from Monday, the council said, after a month of complaints about the crossing to the island and its late boats, which left travellers waiting on the pier in the rain."},
		{"gazette/quay.md", "Lakeside Gazette", "Storm Damages the Old Quay", "2025-11-21",
			"A storm on Sunday night tore planks from the old quay, the harbour master Ines Varga said, and divers will check its oak pillars this week before repairs."},
		{"post/quay.md", "Harbour Post", "Divers Check the Quay After the Storm", "2025-11-22",
			"Divers checked the oak pillars of the old quay on Tuesday after Sunday's storm tore planks from it, harbour master Ines Varga said; repairs start in March."},
		{"wire/quay.md", "Coast Wire", "Quay Repairs to Start in March", "2025-11-23",
			"Repairs to the old quay damaged by Sunday's storm will start in March, harbour master Ines Varga said after divers checked its oak pillars and planks."},
		{"wire/choir.md", "Coast Wire", "Harbour Choir Announces a Spring Tour", "2025-11-24",
			"The harbour choir will tour the lake towns in spring, singing in seven churches, its conductor told the town council on Thursday evening."},
	}
	for _, it := range items {
		path := filepath.Join(dir, filepath.FromSlash(it.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("---\ntitle: %s\nsource: %s\npublished: %q\nfeed: https://example.test/%s\n---\n%s\n", it.title, it.source, it.date, filepath.Dir(it.path), it.body)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := store.Inputs{Listing: article.List([]article.Source{{FS: os.DirFS(dir), Label: "feeds", Root: dir}}), Topics: testTopics(t), Feeds: dir, New: fresh}
	lib, _, err := store.Open(in, store.OpenOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestWhatIsNew: the items the last fetch brought are marked in the list
// and counted in the header; * goes to each in turn; read, an item is no
// longer new.
func TestWhatIsNew(t *testing.T) {
	lib := newsLibrary(t, "wire/quay.md", "wire/choir.md")
	d := newDriverFor(t, 120, 35, testOptions(lib, memoryState(t)))
	if h := d.header(); !strings.Contains(h, "✦ 2 new") {
		t.Errorf("header %q: want 2 new", h)
	}
	rows := strings.Count(d.view(), newGlyph)
	if rows != 3 { // the header's and two rows'
		t.Errorf("%d new marks on screen, want the header's and two rows':\n%s", rows, d.view())
	}
	d.keys("j", "j", "*")
	first := d.selected()
	if a := lib.Article(first); !lib.IsNew(first) {
		t.Fatalf("* went to %q, which is not new", a.Title)
	}
	d.keys("*")
	second := d.selected()
	if second == first || !lib.IsNew(second) {
		t.Fatalf("* again went to %d after %d", second, first)
	}
	d.keys("enter") // read to its end (it is short): no longer new
	if h := d.header(); !strings.Contains(h, "1 new") {
		t.Errorf("after reading one, header %q", h)
	}
	d.keys("esc", "*")
	if d.selected() != first {
		t.Errorf("* went to %d, want the one still new (%d)", d.selected(), first)
	}
	d.keys("m", "*")
	if f := d.footer(); !strings.Contains(f, "nothing new: R fetches the feeds") {
		t.Errorf("with nothing new left, footer %q", f)
	}
}

// TestNothingNewSaysSo: a library no fetch has brought anything to shows
// no count, and * says why it goes nowhere.
func TestNothingNewSaysSo(t *testing.T) {
	d := newDriverFor(t, 120, 35, testOptions(newsLibrary(t), memoryState(t))).keys("*")
	if strings.Contains(d.header(), "new") && !strings.Contains(d.header(), "newest") {
		t.Errorf("header %q counts new items", d.header())
	}
	if f := d.footer(); !strings.Contains(f, "nothing new: R fetches") {
		t.Errorf("footer %q", f)
	}
}

// TestCopiesAreOneRow: the ferry report carried by two feeds is one row
// naming the other feed; marking it read marks the copy read too.
func TestCopiesAreOneRow(t *testing.T) {
	lib := newsLibrary(t)
	st := memoryState(t)
	d := newDriverFor(t, 120, 35, testOptions(lib, st))
	flatRows := len(d.listed())
	v := d.view()
	if n := strings.Count(v, "Ferry Timetable"); n != 1 {
		t.Fatalf("the ferry report is listed %d times:\n%s", n, v)
	}
	if !strings.Contains(v, "also in Harbour") && !strings.Contains(v, "also in Lakeside") {
		t.Errorf("the ferry row does not name the other feed:\n%s", v)
	}
	for i := 0; i < flatRows && lib.CopiesOf(d.selected()) == nil; i++ {
		d.keys("j")
	}
	doc, copies := d.selected(), lib.CopiesOf(d.selected())
	d.keys("m")
	for _, c := range append([]int{doc}, copies...) {
		if !st.Article(lib.Article(c).StateKey()).Read {
			t.Errorf("%s not marked read with its copy", lib.Article(c).Path)
		}
	}
}

// TestListByStory: V lists one row per story, saying how many report it
// and who; enter unfolds the story's articles under it, enter again on it
// reads the lead; V again lists every article.
func TestListByStory(t *testing.T) {
	lib := newsLibrary(t)
	d := newDriverFor(t, 140, 35, testOptions(lib, memoryState(t)))
	flat := len(d.listed())
	d.keys("V")
	if h := d.header(); !strings.Contains(h, "by story") {
		t.Errorf("header %q does not say by story", h)
	}
	stories := len(d.listed())
	if stories >= flat {
		t.Fatalf("by story: %d rows, flat %d", stories, flat)
	}
	v := d.view()
	if !strings.Contains(v, "▸ 3 reports") || !strings.Contains(v, "Coast Wire") {
		t.Fatalf("no folded story of three reports:\n%s", v)
	}
	// to the quay story's row, and unfold it
	for i := 0; i < stories && !strings.Contains(cursorRow(d.view()), "reports"); i++ {
		d.keys("j")
	}
	d.keys("enter")
	if got := len(d.listed()); got != stories+2 {
		t.Errorf("unfolded: %d rows, want %d", got, stories+2)
	}
	if !strings.Contains(d.view(), "▾ 3 reports") || !strings.Contains(d.view(), memberGlyph) {
		t.Errorf("the unfolded story is not marked:\n%s", d.view())
	}
	head := d.selected()
	d.keys("enter")
	if got := d.reading() - 1; got != head {
		t.Errorf("enter on an unfolded story read article %d, want its row's (%d)", got, head)
	}
	// a new library (a fetch) keeps the list by story and what was unfolded
	d.send(LibraryLoadedMsg{Library: lib, Renderer: d.m.c.renderer})
	d.keys("esc")
	if h := d.header(); !strings.Contains(h, "by story") || len(d.listed()) != stories+2 {
		t.Errorf("after a new library: header %q, %d rows", h, len(d.listed()))
	}
	d.keys("V")
	if got := len(d.listed()); got != flat {
		t.Errorf("V again: %d rows, want %d", got, flat)
	}
	if d.keys("V"); len(d.listed()) != stories {
		t.Errorf("V a third time: %d rows, want every story folded (%d)", len(d.listed()), stories)
	}
}

// TestListByStoryActsOnWholeStories: by story, A marks every article
// listed read, the folded ones too; * finds a new article folded into a
// story and unfolds it; . goes to a story with an unread article folded.
func TestListByStoryActsOnWholeStories(t *testing.T) {
	lib := newsLibrary(t, "wire/quay.md")
	st := memoryState(t)
	d := newDriverFor(t, 140, 35, testOptions(lib, st)).keys("O", "V") // oldest first: the new quay report is not its story's first
	if h := d.header(); !strings.Contains(h, "by story, oldest first") || !strings.Contains(h, "1 new") {
		t.Fatalf("header %q", h)
	}
	d.keys("g", "*")
	if got := lib.Article(d.selected()).Path; got != "feeds/wire/quay.md" {
		t.Errorf("* went to %s, want the new report folded in its story", got)
	}
	if !strings.Contains(d.view(), openedGlyph+" 3 reports") {
		t.Errorf("* did not unfold the story:\n%s", d.view())
	}
	d.keys("V", "O", "O", "O", "V") // folded again, newest first
	d.keys("A", "A")
	for doc := range lib.Len() {
		if !st.Article(lib.Article(doc).StateKey()).Read {
			t.Errorf("A A by story left %s unread", lib.Article(doc).Path)
		}
	}
	st.SetRead(lib.Article(lib.CopiesOf(0)[0]).StateKey(), false) // unread a copy, folded
	d.keys("g", ".")
	if f := d.footer(); strings.Contains(f, "no unread") {
		t.Errorf(". found no row with the unread copy: %q", f)
	}
}

// TestNewCopiesCountOnce: two feeds' copies of one new report are one in
// the header's count, as they are one row.
func TestNewCopiesCountOnce(t *testing.T) {
	lib := newsLibrary(t, "gazette/ferry.md", "post/ferry.md")
	d := newDriverFor(t, 120, 35, testOptions(lib, memoryState(t)))
	if h := d.header(); !strings.Contains(h, "✦ 1 new") {
		t.Errorf("header %q: want the two copies counted once", h)
	}
}

// cursorRow is the list row under the cursor in view: its title line and
// its details line.
func cursorRow(view string) string {
	ls := strings.Split(view, "\n")
	for i, l := range ls {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "›") && i+1 < len(ls) {
			return l + "\n" + ls[i+1]
		}
	}
	return ""
}

// TestSourcesCountWhatIsNew: the sources panel counts, beside each feed's
// unread items, those the last fetch brought.
func TestSourcesCountWhatIsNew(t *testing.T) {
	lib := newsLibrary(t, "wire/quay.md", "wire/choir.md", "post/quay.md")
	opts := testOptions(lib, memoryState(t))
	feed := func(name string) Source {
		return Source{Kind: SourceFeed, Name: name, Has: func(a *article.Article) bool { return a.Source == name }}
	}
	opts.Feeds = Feeds{
		Fetch: func([]string, func(done, total int)) FetchResult { return FetchResult{} },
		Sources: func() ([]Source, error) {
			return []Source{feed("Lakeside Gazette"), feed("Harbour Post"), feed("Coast Wire")}, nil
		},
	}
	d := newDriverFor(t, 100, 30, opts).keys("F")
	v := d.view()
	for _, want := range []string{"2 unread · 2 ", "✦ 1 new · 2 unread · 2", "✦ 2 new · 2 unread · 2"} {
		if !strings.Contains(v, want) {
			t.Errorf("the sources panel lacks %q:\n%s", want, v)
		}
	}
}
