package store

import (
	"slices"
	"testing"
	"testing/fstest"
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
