package article

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"dispatch/internal/safefile"
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

// TestListKnownByFolders: knowing the files and the folders of a real
// folder, a listing that looks at the folders again (and at the files,
// Look) lists what a walk lists after files are added, removed, renamed
// and rewritten, and folders added, removed or made files. A folder's
// time is what tells: here set on every change, as a later tick would.
func TestListKnownByFolders(t *testing.T) {
	t.Run("os.DirFS", func(t *testing.T) { listKnownByFolders(t, os.DirFS) })
	t.Run("safefile.DirFS", func(t *testing.T) { listKnownByFolders(t, safefile.DirFS) }) // a folder's files through its descriptor
}

func listKnownByFolders(t *testing.T, dirFS func(string) fs.FS) {
	root := t.TempDir()
	rng := rand.New(rand.NewPCG(9, 10))
	clock := time.Unix(1700000000, 0)
	touch := func(dirs ...string) {
		for _, d := range dirs {
			clock = clock.Add(time.Second)
			os.Chtimes(filepath.Join(root, d), clock, clock)
		}
	}
	write := func(name, text string) bool {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		return os.WriteFile(p, []byte(text), 0o644) == nil // not under a file that was a folder
	}
	for _, n := range []string{"a.md", "x/b.md", "x/c.txt", "x/y/d.md", "z/e.md"} {
		write(n, "# "+n)
	}
	src := []Source{{FS: dirFS(root), Label: "r"}}
	before := List(src)
	for round := range 60 {
		var files []string
		for _, f := range infos(before) {
			files = append(files, f.Name)
		}
		pick := func() string { return files[rng.IntN(len(files))] }
		op := ""
		switch r := rng.IntN(6); {
		case r == 0 || len(files) < 3:
			n := fmt.Sprintf("%s/n%d.md", []string{"x", "x/y", "z", "w/v"}[rng.IntN(4)], round)
			if !write(n, "new") {
				continue
			}
			touch(filepath.Dir(n), filepath.Dir(filepath.Dir(n)), ".")
			op = "add " + n
		case r == 1:
			n := pick()
			os.Remove(filepath.Join(root, n))
			touch(filepath.Dir(n))
			op = "remove " + n
		case r == 2:
			n := pick()
			os.Rename(filepath.Join(root, n), filepath.Join(root, n+".md"))
			touch(filepath.Dir(n))
			op = "rename " + n
		case r == 3: // in place: only Look finds it
			n := pick()
			write(n, fmt.Sprintf("rewritten %d with more words", round))
			op = "rewrite " + n
		case r == 4:
			d := filepath.Dir(pick())
			if d == "." {
				continue
			}
			os.RemoveAll(filepath.Join(root, d))
			touch(filepath.Dir(d))
			op = "remove folder " + d
		default: // a folder becomes a file
			d := filepath.Dir(pick())
			if d == "." {
				continue
			}
			os.RemoveAll(filepath.Join(root, d))
			write(d, "not a folder")
			touch(filepath.Dir(d))
			op = "folder to file " + d
		}
		var known []FileInfo
		for i := range before.Len() {
			known = append(known, before.File(i))
		}
		want := List(src)
		got := ListKnown(src, func(int) (Known, bool) { return Known{Files: known, Dirs: before.Dirs(0), Look: true}, true })
		if !slices.Equal(infos(got), infos(want)) {
			t.Fatalf("round %d (%s):\n got %v\nwant %v", round, op, infos(got), infos(want))
		}
		if !slices.Equal(got.Dirs(0), want.Dirs(0)) {
			t.Fatalf("round %d (%s): folders\n got %v\nwant %v", round, op, got.Dirs(0), want.Dirs(0))
		}
		before = got
	}
}
