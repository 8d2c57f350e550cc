package state

import (
	"path/filepath"
	"testing"
)

// Version changes with every change to the state, a save's merge of what
// another dispatch saved included, and not otherwise.
func TestVersionChangesWithTheState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := s.Version()
	s.Article("a")
	s.Snapshot()
	if s.Version() != v {
		t.Error("reading changed the version")
	}
	s.SetRead("a", true)
	if s.Version() == v {
		t.Error("a mark did not change the version")
	}
	other, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	other.SetBookmarked("b", true)
	if err := other.Flush(); err != nil {
		t.Fatal(err)
	}
	v = s.Version()
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if s.Version() == v || !s.Article("b").Bookmarked {
		t.Errorf("a save that merged another's bookmark: version %d → %d, bookmarked %v", v, s.Version(), s.Article("b").Bookmarked)
	}
}
