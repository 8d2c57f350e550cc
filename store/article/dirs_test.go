package article

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"dispatch/internal/safefile"
)

func TestLoadDir(t *testing.T) {
	fsys := fstest.MapFS{
		"b/setext.md":     {Data: []byte("Setext Title\n============\n\nBody text.\n")},
		"a.md":            {Data: []byte("# Heading Title\n\nBody of a.\n")},
		"c.markdown":      {Data: []byte("---\ndek: no title here\n---\n## Second level first\n\nText.\n")},
		"d.txt":           {Data: []byte("Plain Title\nBy: Someone\n\nA paragraph.\n")},
		"e.md":            {Data: []byte("Just a first line that is the whole article and rather long at that, more than twelve words.\n")},
		"image.png":       {Data: []byte("\x89PNG")},
		".hidden.md":      {Data: []byte("# Hidden\n\ntext\n")},
		".git/config.md":  {Data: []byte("# In git\n\ntext\n")},
		"empty.txt":       {Data: nil},
		"sub/deeper/x.md": {Data: []byte("# Deep\n\ntext\n")},
	}
	arts, warns := LoadDir(fsys, "notes")
	var titles, paths []string
	for _, a := range arts {
		titles = append(titles, a.Title)
		paths = append(paths, a.Path)
	}
	wantTitles := []string{"Heading Title", "Setext Title", "Second level first", "Plain Title", "Just a first line that is the whole article and rather long…", "Deep"}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("titles %q\nwant   %q", titles, wantTitles)
	}
	if !slices.Equal(paths, []string{"notes/a.md", "notes/b/setext.md", "notes/c.markdown", "notes/d.txt", "notes/e.md", "notes/sub/deeper/x.md"}) {
		t.Errorf("paths %q", paths)
	}
	if arts[0].MustContent().Body != "Body of a." {
		t.Errorf("the heading that became the title stays in the body: %q", arts[0].MustContent().Body)
	}
	if arts[3].Byline != "Someone" {
		t.Errorf("text byline %q", arts[3].Byline)
	}
	if len(warns) != 1 || warns[0].String() != "skipped notes/empty.txt: empty file" {
		t.Errorf("warnings %v", warns)
	}
	for _, a := range arts {
		if a.Hash == "" || a.Words == 0 {
			t.Errorf("%s: hash %q words %d", a.Path, a.Hash, a.Words)
		}
	}
}

// TestFileSwappedForAPipeAfterListing: the listing saw a regular file; by
// the time it is read, a named pipe with no writer is in its place.
// Opening it must not block the load.
func TestFileSwappedForAPipeAfterListing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "c.md"} {
		os.WriteFile(filepath.Join(dir, name), []byte("# Title "+name+"\n\nText.\n"), 0o644)
	}
	listing := List([]DirSource{{FS: safefile.DirFS(dir), Label: "notes"}})
	os.Remove(filepath.Join(dir, "b.md"))
	if err := syscall.Mkfifo(filepath.Join(dir, "b.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *Library, 1)
	go func() { done <- LoadListing(nil, listing, defaultTopicsForTest(t), nil) }()
	select {
	case lib := <-done:
		if lib.Len() != 2 {
			t.Errorf("%d articles loaded, want the 2 regular files", lib.Len())
		}
		var warns []string
		for _, w := range lib.Warnings {
			warns = append(warns, w.String())
		}
		if !slices.Contains(warns, "skipped notes/b.md: not a regular file (a named pipe)") {
			t.Errorf("warnings %q", warns)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("loading hung on the named pipe")
	}
}

// TestAPanicInParsingCostsOneFile: a panic in a parser (third-party code
// reading untrusted bytes) skips that file with a warning, and the worker
// goes on with a fresh parser.
func TestAPanicInParsingCostsOneFile(t *testing.T) {
	fsys := fstest.MapFS{"bad.md": {Data: []byte("# Bad\n\nText.\n")}, "good.md": {Data: []byte("# Good\n\nText.\n")}}
	w := newParseWorker()
	w.read = func(p *parser, at string, data []byte, kind fileKind) (Article, []string, error) {
		if strings.Contains(at, "bad") {
			panic("boom")
		}
		return p.parseKind(at, data, kind)
	}
	before := w.p
	bad := loadOne(w, fsys, "notes", dirEntry{name: "bad.md", kind: markdown}, newContentCache(1))
	if bad.ok || len(bad.warns) != 1 || bad.warns[0].String() != "skipped notes/bad.md: internal error: boom" {
		t.Fatalf("bad file: ok %v, warnings %v", bad.ok, bad.warns)
	}
	if w.p == before {
		t.Error("the parser that panicked is still in use")
	}
	if good := loadOne(w, fsys, "notes", dirEntry{name: "good.md", kind: markdown}, newContentCache(1)); !good.ok {
		t.Errorf("the next file did not load: %v", good.warns)
	}
}

// TestASlowParseIsSkipped: a file past its time budget is skipped, and
// the worker goes on with a fresh parser while the old one finishes.
func TestASlowParseIsSkipped(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	fsys := fstest.MapFS{"slow.md": {Data: []byte("# Slow\n\nText.\n")}}
	w := newParseWorker()
	w.budget = time.Millisecond
	w.read = func(p *parser, at string, data []byte, kind fileKind) (Article, []string, error) {
		<-release
		return p.parseKind(at, data, kind)
	}
	r := loadOne(w, fsys, "notes", dirEntry{name: "slow.md", kind: markdown}, newContentCache(1))
	if r.ok || len(r.warns) != 1 || !strings.HasPrefix(r.warns[0].String(), "skipped notes/slow.md: took longer than") {
		t.Fatalf("ok %v, warnings %v", r.ok, r.warns)
	}
}

func defaultTopicsForTest(t *testing.T) *TopicModel {
	t.Helper()
	tm, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
