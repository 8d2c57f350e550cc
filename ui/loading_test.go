package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	glamourstyles "github.com/charmbracelet/glamour/styles"

	"dispatch/internal/testlib"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// provisionalDriver starts a reader on a catalog of the embedded articles
// and three files of the user's, and returns the inputs to finish loading.
func provisionalDriver(t *testing.T, width, height int) (*driver, func() LibraryLoadedMsg) {
	t.Helper()
	builtin, err := article.ParseFS(testlib.Library)
	if err != nil {
		t.Fatal(err)
	}
	tm := testTopics(t)
	listing := article.List([]article.Source{{Label: "mine", FS: fstest.MapFS{
		"a-grain-corridor.md": {Data: []byte("# Grain corridor\n\nShips leave Odesa under escort.\n\nA second paragraph on the corridor.\n")},
		"b-broken.md":         {Data: []byte("---\ntitle: [unclosed\n---\nbody\n")},
		"c-truce.md":          {Data: []byte("# Truce plan\n\nThe truce plan has three stages.\n\n" + strings.Repeat("Monitors report on the line of contact every week.\n\n", 60))},
	}}})
	d := newDriverFor(t, width, height, testOptions(store.Catalog(builtin, listing, tm), memoryState(t)))
	finish := func() LibraryLoadedMsg {
		full := store.Load(builtin, listing, tm, nil)
		return LibraryLoadedMsg{Library: full, Renderer: NewRenderer(full, testStyles(), glamourstyles.NoTTYStyleConfig, 32<<20)}
	}
	return d, finish
}

func (d *driver) docOf(path string) int {
	d.t.Helper()
	for i := range d.m.c.lib.Len() {
		if d.m.c.lib.Article(i).Path == path {
			return i
		}
	}
	d.t.Fatalf("no article %s", path)
	return -1
}

func TestProvisionalLibraryIsUsableAtOnce(t *testing.T) {
	d, _ := provisionalDriver(t, 80, 24)
	if !strings.Contains(d.view(), "indexing …") {
		t.Errorf("header does not say the library is being indexed:\n%s", d.view())
	}
	d.send(LoadProgressMsg{Done: 3, Total: 8})
	if !strings.Contains(d.view(), "indexing 37%") {
		t.Errorf("header does not show progress:\n%s", d.view())
	}
	// the user's files are listed by name and open on demand; undated,
	// they are listed by when they were first seen: now, before the
	// built-in articles
	d.keys("g", "j", "j")
	if doc := d.selected(); doc < 0 || d.m.c.lib.Article(doc).Path != "mine/c-truce.md" {
		t.Fatalf("last row is %d, want mine/c-truce.md", doc)
	}
	d.keys("enter")
	if !strings.Contains(d.view(), "three stages") {
		t.Errorf("a listed file does not open:\n%s", d.view())
	}
	// what needs the index says it is coming, and changes nothing
	for _, k := range []string{"/", "1", "c", "r", "s", "m", "S", "U"} {
		d.keys("esc", k)
		if d.m.mode != modeList || d.topic() != noTopic || d.m.list.bookmarkedOnly || d.m.list.unreadOnly {
			t.Fatalf("%s did something on a provisional library (mode %d)", k, d.m.mode)
		}
		if !strings.Contains(d.m.status, "once your articles are indexed (37%)") {
			t.Errorf("%s: status %q", k, d.m.status)
		}
	}
	if a := d.m.c.state.Article(d.m.c.stateKey(d.selected())); a.Read || a.Bookmarked {
		t.Error("a provisional article was saved as read or bookmarked")
	}
}

func TestLoadedLibraryKeepsWhatTheReaderIsDoing(t *testing.T) {
	d, finish := provisionalDriver(t, 140, 40)
	d.keys("enter")  // the first of the user's files (newest first: first seen now), for the history
	d.keys("J", "J") // then along to the last of them
	d.keys("ctrl+d")
	wantPath, wantOffset := d.m.reader.art.Path, d.top()
	if wantOffset == 0 {
		t.Fatal("the reader did not scroll")
	}
	backLen := len(d.m.reader.hist.back)
	if backLen == 0 {
		t.Fatal("no history to keep")
	}
	d.send(finish())
	if d.m.c.lib.Provisional() {
		t.Fatal("the library was not replaced")
	}
	if d.m.reader.art == nil || d.m.reader.art.Path != wantPath {
		t.Fatalf("reader shows %v, want %s", d.m.reader.art, wantPath)
	}
	if d.m.mode != modeReader || d.top() != wantOffset {
		t.Errorf("mode %d top %d, want the reader at %d", d.m.mode, d.top(), wantOffset)
	}
	if doc := d.selected(); doc < 0 || d.m.c.lib.Article(doc).Path != wantPath {
		t.Errorf("list cursor on %d, want %s", doc, wantPath)
	}
	if !strings.Contains(d.m.status, "indexed 7 articles · ") || !strings.Contains(d.m.status, "b-broken.md") {
		t.Errorf("status %q does not report the load and the skipped file", d.m.status)
	}
	// the history is kept, less the file that turned out broken
	if got, want := len(d.m.reader.hist.back), backLen-1; got != want {
		t.Errorf("history has %d places, want %d", got, want)
	}
	d.keys("[")
	if a := d.m.reader.art; a == nil || a.Path != "mine/a-grain-corridor.md" {
		t.Errorf("back leads to %v, want mine/a-grain-corridor.md", a)
	}
	d.keys("]")
	// search now knows the user's files
	d.keys("esc", "/").typeText("odesa")
	if ids := listIDs(d); len(ids) != 1 || d.m.c.lib.Article(ids[0]-1).Path != "mine/a-grain-corridor.md" {
		t.Errorf("search odesa lists %v", ids)
	}
	checkBounds(t, d.m.View(), 140, 40)
}

func TestLoadedLibraryDropsAFileThatTurnedOutBroken(t *testing.T) {
	d, finish := provisionalDriver(t, 80, 24)
	broken := d.docOf("mine/b-broken.md")
	for d.cursor() < broken {
		d.keys("j")
	}
	d.send(finish())
	if d.selected() < 0 {
		t.Fatal("no article under the cursor after loading")
	}
	checkBounds(t, d.m.View(), 80, 24)
}

// waitingDriver starts a reader before its library has come, on the state
// file at path ("" for none).
func waitingDriver(t *testing.T, width, height int, path string) (*driver, *state.File) {
	t.Helper()
	st, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(nil, st)
	if New(opts).Init() != nil {
		t.Error("a reader without a library has nothing to warm")
	}
	return newDriverFor(t, width, height, opts), st
}

func loadedMsg(t *testing.T) LibraryLoadedMsg {
	lib := testLibrary(t)
	return LibraryLoadedMsg{Library: lib, Renderer: NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 32<<20)}
}

func TestTheTerminalAnswersBeforeTheLibraryComes(t *testing.T) {
	for _, sz := range goldenSizes {
		d, _ := waitingDriver(t, sz[0], sz[1], "")
		v := d.view()
		checkBounds(t, d.m.View(), sz[0], sz[1])
		if !strings.Contains(v, "dispatch") || sz[0] >= 80 && !strings.Contains(v, "loading your articles …") {
			t.Errorf("%dx%d: waiting screen:\n%s", sz[0], sz[1], v)
		}
		d.send(LoadProgressMsg{Done: 1, Total: 4})
		d.keys("j", "1")
		if sz[0] >= 80 && !strings.Contains(d.view(), "your articles are loading (25%)") {
			t.Errorf("%dx%d: keys while loading:\n%s", sz[0], sz[1], d.view())
		}
		checkBounds(t, d.m.View(), sz[0], sz[1])
		d.send(loadedMsg(t))
		if !strings.Contains(d.view(), "5 articles") || d.selected() < 0 {
			t.Errorf("%dx%d: the library came and the list does not show it:\n%s", sz[0], sz[1], d.view())
		}
		checkBounds(t, d.m.View(), sz[0], sz[1])
		// the keys typed meanwhile act once it has come: the same screen as
		// a reader started with the library that was given them
		if want := newDriver(t, sz[0], sz[1]).keys("j", "1").view(); d.view() != want {
			t.Errorf("%dx%d: after loading:\n%s\nwant:\n%s", sz[0], sz[1], d.view(), want)
		}
	}
}

func TestQuitWhileTheLibraryLoads(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		d, _ := waitingDriver(t, 80, 24, "")
		if d.keys(k); !d.quit {
			t.Errorf("%s does not quit while loading", k)
		}
	}
}

func TestTheLibraryComingReopensWhereTheReaderLeftOff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	d, st := newDriverWithState(t, 80, 24, path)
	d.keys("j", "j", "enter", "ctrl+d")
	offset := d.top()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	again, st2 := waitingDriver(t, 80, 24, path)
	defer st2.Close()
	again.send(loadedMsg(t))
	r := again.m.reader
	if again.m.mode != modeReader || again.reading() != 3 || r.top != offset {
		t.Fatalf("reopened article %d at %d (mode %d), want article 3 at %d", again.reading(), r.top, again.m.mode, offset)
	}
	if !strings.Contains(again.view(), "continuing where you left off") {
		t.Errorf("footer: %q", lastLine(again.view()))
	}
}
