package article

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"testing"
	"testing/fstest"
	"time"
)

// TestListKnownListsAsAWalk: whatever changed, a listing that knows the
// files as they were and the paths touched since lists exactly what a walk
// lists now, in the same order, with the same sizes and times; files not
// touched are not looked at (their known size is kept even when it lies).
func TestListKnownListsAsAWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	names := []string{"a.md", "a-b.md", "a/x.md", "a/y.txt", "b/c/d.md", "b/c.md", "b/notes.pdf", "c.markdown", "z/.hidden.md", ".git/x.md"}
	for round := range 200 {
		fsys := fstest.MapFS{}
		stamp := time.Unix(1700000000, 0)
		for _, n := range names {
			if rng.IntN(3) > 0 {
				fsys[n] = &fstest.MapFile{Data: []byte("# " + n), ModTime: stamp}
			}
		}
		before := List([]Source{{FS: fsys, Label: "x"}})
		var known []FileInfo
		for i := range before.Len() {
			known = append(known, before.File(i))
		}
		var touched []string
		for range 1 + rng.IntN(4) {
			n := names[rng.IntN(len(names))]
			switch rng.IntN(4) {
			case 0: // removed
				delete(fsys, n)
			case 1: // written
				fsys[n] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# %s %d", n, round)), ModTime: stamp.Add(time.Second)}
			case 2: // a new file in a new folder
				n = fmt.Sprintf("new%d/f%d.md", rng.IntN(2), round)
				fsys[n] = &fstest.MapFile{Data: []byte("new")}
			case 3: // a folder removed whole
				n = path.Dir(n)
				if n == "." {
					continue
				}
				for k := range fsys {
					if len(k) > len(n) && k[:len(n)+1] == n+"/" {
						delete(fsys, k)
					}
				}
			}
			touched = append(touched, n)
		}
		want := List([]Source{{FS: fsys, Label: "x"}})
		got := ListKnown([]Source{{FS: fsys, Label: "x"}}, func(int) (Known, bool) {
			return Known{Mark: "m", Files: known, Touched: touched}, true
		})
		if !slices.Equal(infos(got), infos(want)) {
			t.Fatalf("round %d, touched %v:\n got %v\nwant %v", round, touched, infos(got), infos(want))
		}
		if got.Mark(0) != "m" || got.Mark(1) != "" {
			t.Fatalf("marks %q %q", got.Mark(0), got.Mark(1))
		}
	}

	// untouched files are taken as known, unlooked at
	fsys := fstest.MapFS{"a.md": {Data: []byte("# a")}}
	l := ListKnown([]Source{{FS: fsys}}, func(int) (Known, bool) {
		return Known{Files: []FileInfo{{Name: "a.md", Size: 99}, {Name: "gone.md", Size: 1}}}, true
	})
	if l.Len() != 2 || l.File(0).Size != 99 || !l.File(0).Known {
		t.Fatalf("an untouched file was looked at: %v", infos(l))
	}
}

func infos(l *Listing) []FileInfo {
	var out []FileInfo
	for i := range l.Len() {
		f := l.File(i)
		f.Known = false // looked at or not, the same file
		out = append(out, f)
	}
	return out
}

func TestWalkOrder(t *testing.T) {
	in := []string{"a-c.md", "a/b.md", "a.md", "b/c/d.md", "b/c.md", "a/b/c.md", "ab.md"}
	slices.SortFunc(in, walkOrder)
	want := []string{"a/b/c.md", "a/b.md", "a-c.md", "a.md", "ab.md", "b/c/d.md", "b/c.md"}
	// the walk's own order is the judge
	fsys := fstest.MapFS{}
	for _, n := range in {
		fsys[n] = &fstest.MapFile{Data: []byte("x")}
	}
	var walked []string
	for _, f := range infos(List([]Source{{FS: fsys}})) {
		walked = append(walked, f.Name)
	}
	if !slices.Equal(in, walked) || !slices.Equal(in, want) {
		t.Fatalf("sorted %v\nwalked %v", in, walked)
	}
}
