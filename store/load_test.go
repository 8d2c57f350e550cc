package store

import (
	"errors"
	"testing"
	"testing/fstest"
)

func TestNewLibraryNumbersAndSlugs(t *testing.T) {
	fsys := fstest.MapFS{
		"1.md": {Data: []byte("---\ntitle: Geneva Talks\n---\nA.\n")},
		"2.md": {Data: []byte("---\ntitle: Geneva talks!\n---\nB.\n")},
		"3.md": {Data: []byte("---\ntitle: Black Sea Corridors\n---\nC.\n")},
	}
	arts, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(arts, tm)
	wantSlugs := []string{"geneva-talks", "geneva-talks-2", "black-sea-corridors"}
	for i, a := range lib.Articles {
		if a.ID != i+1 {
			t.Errorf("article %d has ID %d", i, a.ID)
		}
		if a.Slug != wantSlugs[i] {
			t.Errorf("article %d slug %q, want %q", i+1, a.Slug, wantSlugs[i])
		}
	}
	lookups := []struct {
		ref    string
		wantID int
	}{
		{"1", 1}, {" 3 ", 3}, {"geneva-talks", 1}, {"geneva-talks-2", 2}, {"black", 3},
		{"0", 0}, {"4", 0}, {"-1", 0}, {"geneva", 0}, {"nothing", 0}, {"", 0},
	}
	for _, l := range lookups {
		a, err := lib.Lookup(l.ref)
		switch {
		case l.wantID == 0 && !errors.Is(err, ErrNotFound):
			t.Errorf("Lookup(%q) = %v, %v; want ErrNotFound", l.ref, a, err)
		case l.wantID != 0 && (err != nil || a.ID != l.wantID):
			t.Errorf("Lookup(%q) = %v, %v; want article %d", l.ref, a, err, l.wantID)
		}
	}
}
