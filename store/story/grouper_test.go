package story_test

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"dispatch/store/story"
	"dispatch/store/story/storygen"
)

// groups is a Grouper's stories and copies, comparable with reflect.DeepEqual.
func groups(g *story.Grouper) ([]story.Story, map[int][]int) {
	copies := map[int][]int{}
	for _, s := range g.Stories() {
		for _, id := range s.Members {
			if c := g.CopiesOf(id); len(c) > 0 {
				copies[id] = c
			}
		}
	}
	return g.Stories(), copies
}

func sameGroups(t *testing.T, what string, a, b *story.Grouper) {
	t.Helper()
	sa, ca := groups(a)
	sb, cb := groups(b)
	if !reflect.DeepEqual(sa, sb) || !reflect.DeepEqual(ca, cb) {
		t.Errorf("%s: the groups differ:\n%+v\n%v\nagainst\n%+v\n%v", what, sa, ca, sb, cb)
	}
}

// generated is n generated documents' Features, in date order.
func generated(n int) []story.Features {
	gen := storygen.New(11, n)
	fs := make([]story.Features, gen.Len())
	for i := range fs {
		d, _ := gen.Doc(i)
		fs[i] = story.Extract(d)
	}
	return fs
}

func TestAddOneByOneIsAddAllAtOnce(t *testing.T) {
	lib := loadLibrary(t)
	var fs []story.Features
	for _, id := range lib.ids {
		fs = append(fs, story.Extract(lib.docs[id]))
	}
	fs = append(fs, generated(400)...)
	for i := range fs[len(lib.ids):] {
		fs[len(lib.ids)+i].ID += 1000
	}
	all := story.NewGrouper()
	all.Add(fs...)
	// arrival in date order, ties by id, one at a time
	ordered := slices.Clone(fs)
	slices.SortStableFunc(ordered, func(a, b story.Features) int {
		if a.Date != b.Date {
			return int(a.Date - b.Date)
		}
		return a.ID - b.ID
	})
	one := story.NewGrouper()
	for _, f := range ordered {
		one.Add(f)
	}
	sameGroups(t, "one by one", all, one)
	// a batch in any order is taken in date order
	shuffled := slices.Clone(fs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again := story.NewGrouper()
	again.Add(shuffled...)
	sameGroups(t, "shuffled batch", all, again)
	// in batches, as fetches bring them
	batches := story.NewGrouper()
	for i := 0; i < len(ordered); i += 37 {
		batches.Add(ordered[i:min(i+37, len(ordered))]...)
	}
	sameGroups(t, "batches", all, batches)
	if all.Len() != len(fs) {
		t.Errorf("Len = %d, want %d", all.Len(), len(fs))
	}
}

func TestSavedGrouperGoesOnAsTheOriginal(t *testing.T) {
	fs := generated(600)
	first, rest := fs[:400], fs[400:]
	g := story.NewGrouper()
	g.Add(first...)
	g.Remove(first[10].ID, first[200].ID)
	data, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var loaded story.Grouper
	if err := loaded.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	sameGroups(t, "reloaded", g, &loaded)
	again, _ := loaded.MarshalBinary()
	if !slices.Equal(data, again) {
		t.Error("a reloaded grouper saves other bytes")
	}
	g.Add(rest...)
	loaded.Add(rest...)
	sameGroups(t, "reloaded, then added to", g, &loaded)
}

func TestCopiesAndStories(t *testing.T) {
	lib := loadLibrary(t)
	g := story.NewGrouper()
	for _, id := range lib.ids {
		g.Add(story.Extract(lib.docs[id]))
	}
	groups, stories := g.Groups(), g.Stories()
	if len(groups) != len(stories) {
		t.Fatalf("%d groups, %d stories", len(groups), len(stories))
	}
	for i, s := range stories {
		if !slices.Equal(groups[i], s.Members) {
			t.Errorf("group %d is %v, story %d has %v", i, groups[i], s.ID, s.Members)
		}
	}
	if got := g.CopiesOf(6); !slices.Equal(got, []int{2, 7}) {
		t.Errorf("CopiesOf(6) = %v, want [2 7]", got)
	}
	for _, id := range []int{2, 6, 7} {
		if first, ok := g.FirstCopy(id); !ok || first != 2 {
			t.Errorf("FirstCopy(%d) = %d, %v, want 2", id, first, ok)
		}
	}
	for _, id := range lib.ids { // the first of each group is its own and its copies'
		first, _ := g.FirstCopy(id)
		copies := g.CopiesOf(id)
		if len(copies) == 0 && first != id || len(copies) > 0 && first != id && !slices.Contains(copies, first) {
			t.Errorf("FirstCopy(%d) = %d, its copies %v", id, first, copies)
		}
		if again, _ := g.FirstCopy(first); again != first {
			t.Errorf("the first of %d's copies, %d, has another first: %d", id, first, again)
		}
	}
	s, ok := g.StoryOf(9)
	if !ok || s.ID != 1 || len(s.Members) != 10 || s.Sources[0] != "Atlantic Desk" {
		t.Errorf("StoryOf(9) = %+v, %v", s, ok)
	}
	// the lead goes: the next earliest leads; the first of copies goes: the next is first
	g.Remove(1, 2)
	if s, _ := g.StoryOf(9); s.ID != 3 {
		t.Errorf("after removing 1, the story is led by %d, want 3", s.ID)
	}
	if got := g.CopiesOf(7); !slices.Equal(got, []int{6}) {
		t.Errorf("after removing 2, CopiesOf(7) = %v, want [6]", got)
	}
	if first, ok := g.FirstCopy(7); !ok || first == 2 {
		t.Errorf("after removing 2, FirstCopy(7) = %d, %v", first, ok)
	}
	if _, ok := g.StoryOf(1); ok {
		t.Error("a removed document still has a story")
	}
	// a document again under its id replaces it
	d := lib.docs[22]
	d.Date = d.Date.Add(40 * 24 * time.Hour)
	g.Add(story.Extract(d))
	if s, _ := g.StoryOf(22); !s.Newest.Equal(d.Date) || len(s.Members) != 1 {
		t.Errorf("replaced document: %+v", s)
	}
	if g.Len() != len(lib.ids)-2 {
		t.Errorf("Len = %d, want %d", g.Len(), len(lib.ids)-2)
	}
}

// A guid a feed uses as a counter is no copy key across feeds, nor is one
// guid on two plainly different texts, nor a site's home page.
func TestNoCopyByLocalGUIDOrHomePage(t *testing.T) {
	lib := loadLibrary(t)
	a, b := lib.docs[13], lib.docs[17] // Kharkiv, the ferry: other texts
	a.GUID, b.GUID = "1234", "1234"
	a.Source, b.Source = "A", "B"
	a.URL, b.URL = "https://a.example/", "https://a.example/"
	g := story.NewGrouper()
	g.Add(story.Extract(a), story.Extract(b))
	if c := g.CopiesOf(a.ID); len(c) > 0 {
		t.Errorf("copies by a local guid or a home page: %v", c)
	}
	b.GUID, a.GUID = "https://a.example/?p=1", "https://a.example/?p=1"
	g.Add(story.Extract(a), story.Extract(b))
	if c := g.CopiesOf(a.ID); len(c) > 0 {
		t.Errorf("copies by one guid on two texts: %v", c)
	}
}

func TestUnmarshalRejectsDamage(t *testing.T) {
	g := story.NewGrouper()
	g.Add(generated(50)...)
	data, _ := g.MarshalBinary()
	for _, bad := range [][]byte{nil, data[:len(data)-1], append(slices.Clone(data), 0), []byte("dsg1xxxx")} {
		var l story.Grouper
		if err := l.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary accepted %d damaged bytes", len(bad))
		}
	}
	flipped := slices.Clone(data)
	flipped[len(flipped)/2] ^= 0x40
	var l story.Grouper
	if err := l.UnmarshalBinary(flipped); err == nil {
		t.Error("UnmarshalBinary accepted a flipped bit")
	}
	f := story.Extract(loadLibrary(t).docs[1])
	fd, _ := f.MarshalBinary()
	var back story.Features
	if err := back.UnmarshalBinary(fd); err != nil || !reflect.DeepEqual(f, back) {
		t.Errorf("features round trip: %v", err)
	}
	if err := back.UnmarshalBinary(fd[:len(fd)-3]); err == nil {
		t.Error("truncated features accepted")
	}
	var errs []error
	errs = append(errs, l.UnmarshalBinary(nil))
	if !errors.Is(errs[0], story.ErrCorrupt) {
		t.Errorf("error %v is not ErrCorrupt", errs[0])
	}
}

func TestZeroGrouper(t *testing.T) {
	var g story.Grouper
	if len(g.Stories()) != 0 || g.CopiesOf(1) != nil || g.Len() != 0 {
		t.Error("an empty grouper has groups")
	}
	g.Remove(1)
	g.Add(generated(3)...)
	if g.Len() != 3 {
		t.Errorf("Len = %d, want 3", g.Len())
	}
}
