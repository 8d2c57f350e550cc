package article_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"dispatch/internal/safefile"
	"dispatch/store/article"
)

func TestListAndLoadAFolder(t *testing.T) {
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
	arts, warns := loadAll(t, article.Source{FS: fsys, Label: "notes"})
	var titles, paths []string
	for _, a := range arts {
		titles = append(titles, a.Title)
		paths = append(paths, a.Path)
	}
	wantTitles := []string{"Heading Title", "Setext Title", "Second level first", "Plain Title", "Just a first line that is the whole article and rather long…", "Deep"}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("titles %q\nwant   %q", titles, wantTitles)
	}
	if want := []string{"notes/a.md", "notes/b/setext.md", "notes/c.markdown", "notes/d.txt", "notes/e.md", "notes/sub/deeper/x.md"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q\nwant  %q", paths, want)
	}
	if body := content(t, &arts[0]).Body; body != "Body of a." {
		t.Errorf("the heading that became the title stays in the body: %q", body)
	}
	if arts[3].Byline != "Someone" {
		t.Errorf("text byline %q", arts[3].Byline)
	}
	if !slices.Equal(warns, []string{"skipped notes/empty.txt: empty file"}) {
		t.Errorf("warnings %q", warns)
	}
	for _, a := range arts {
		if a.Hash == "" || a.Words == 0 || a.PassageCount == 0 {
			t.Errorf("%s: hash %q, %d words, %d passages", a.Path, a.Hash, a.Words, a.PassageCount)
		}
	}
}

func TestListNumbersFoldersInTurn(t *testing.T) {
	one := fstest.MapFS{"b.md": {Data: []byte("# B\n\ntext\n")}, "a.md": {Data: []byte("# A\n\ntext\n")}}
	two := fstest.MapFS{"a.md": {Data: []byte("# Other A\n\ntext\n")}}
	l := article.List([]article.Source{{FS: one, Label: "one"}, {FS: two, Label: "two"}})
	var got []string
	for i := range l.Len() {
		got = append(got, l.Path(i))
	}
	if want := []string{"one/a.md", "one/b.md", "two/a.md"}; !slices.Equal(got, want) {
		t.Errorf("listed %q, want %q", got, want)
	}
	if p := l.Placeholder(2); p.Title != "a" || p.Path != "two/a.md" {
		t.Errorf("placeholder of two/a.md: title %q, path %q", p.Title, p.Path)
	}
}

// TestFileSwappedForAPipeAfterListing: the listing saw a regular file; by
// the time it is read, a named pipe with no writer is in its place.
// Opening it must not block the load. (Were it to block, go test's
// -timeout would report the stuck open with its stack.)
func TestFileSwappedForAPipeAfterListing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "c.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# Title "+name+"\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := article.List([]article.Source{{FS: safefile.DirFS(dir), Label: "notes"}})
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "b.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	ld := l.NewLoader()
	var loaded []string
	var warns []string
	for i := range l.Len() {
		a, ws, ok := ld.Load(i)
		if ok {
			loaded = append(loaded, a.Path)
		}
		for _, w := range ws {
			warns = append(warns, w.String())
		}
	}
	if !slices.Equal(loaded, []string{"notes/a.md", "notes/c.md"}) {
		t.Errorf("loaded %q, want the 2 regular files", loaded)
	}
	if !slices.Equal(warns, []string{"skipped notes/b.md: not a regular file (a named pipe)"}) {
		t.Errorf("warnings %q", warns)
	}
}

// A large library lets contents go once indexed and reads them again when
// they are shown.
func TestReleasedContentIsReadAgain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("# Perch\n\nThe catch of perch was large.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, warns := loadAll(t, article.Source{FS: safefile.DirFS(dir), Label: "notes"})
	if len(arts) != 1 || len(warns) != 0 {
		t.Fatalf("loaded %d articles, warnings %q", len(arts), warns)
	}
	a := &arts[0]
	if resident, n := a.Resident(); !resident || n == 0 {
		t.Errorf("a loaded article holds its content: resident %v, %d bytes", resident, n)
	}
	before := content(t, a).Text
	a.ReleaseContent()
	if resident, n := a.Resident(); resident || n != 0 {
		t.Errorf("released: resident %v, %d bytes", resident, n)
	}
	if got := content(t, a).Text; got != before {
		t.Errorf("read again: %q, want %q", got, before)
	}
}

// A placeholder whose file is gone by the time it is opened says so in
// one line naming the file.
func TestPlaceholderOfAFileGoneSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gone.md")
	if err := os.WriteFile(path, []byte("# Gone\n\ntext\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := article.List([]article.Source{{FS: safefile.DirFS(dir), Label: "notes"}})
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	p := l.Placeholder(0)
	_, err := p.Content()
	if err == nil || !strings.Contains(err.Error(), "notes/gone.md") || strings.Contains(err.Error(), "\n") {
		t.Errorf("opening a file gone: %v, want one line naming it", err)
	}
}

// A file name is shown as the characters it holds: one that carries an
// escape sequence cannot act on the terminal from a warning.
func TestWarningsShowHostileNamesInert(t *testing.T) {
	w := article.Warning{Path: "notes/\x1b[2Jevil\n.md", Skipped: true, Msg: "empty file"}
	got := w.String()
	if strings.ContainsAny(got, "\x1b\n") || !strings.HasPrefix(got, "skipped notes/") {
		t.Errorf("warning %q", got)
	}
}
