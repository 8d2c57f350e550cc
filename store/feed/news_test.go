package feed

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
)

// TestLastNewIsWhatTheLastFetchCreated: each fetch records the items it
// created, not those it updated or left alone, replacing what the fetch
// before recorded; a fetch that brought nothing leaves none.
func TestLastNewIsWhatTheLastFetchCreated(t *testing.T) {
	srv := newTestServer(t)
	v1 := simpleItems(2, "1")
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", v1...))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	if got, err := LastNew(env.m.FeedsDir()); err != nil || len(got) != 0 {
		t.Errorf("before any fetch: %v, %v", got, err)
	}
	before := env.items(t, sub)

	v2 := append(v1, simpleItems(4, "2")[2:]...) // two more
	v2[0].title = "Item number 1, corrected"
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", v2...))
	res := env.fetch(t)[0]
	got, err := LastNew(env.m.FeedsDir())
	if err != nil || res.New != 2 || res.Updated != 1 || len(got) != 2 || !slices.Equal(got, res.NewFiles) {
		t.Fatalf("after a fetch of 2 new and 1 updated: %v (%v), result %v %v", got, err, res, res.NewFiles)
	}
	for _, p := range got {
		dir, file := path.Split(p)
		if _, old := before[file]; old || dir != sub.Dir+"/" {
			t.Errorf("%s is not one of the new items of %s", p, sub.Dir)
		}
		if _, err := os.Stat(filepath.Join(env.m.FeedsDir(), filepath.FromSlash(p))); err != nil {
			t.Errorf("new item %s: %v", p, err)
		}
	}
	if res := env.fetch(t)[0]; res.New != 0 {
		t.Fatalf("third fetch: %v", res)
	}
	if got, err := LastNew(env.m.FeedsDir()); err != nil || len(got) != 0 {
		t.Errorf("after a fetch that brought nothing: %v, %v", got, err)
	}
}

// TestLastNewReadsOnlyItemPaths: what is read back is checked like any
// file of the user's folders.
func TestLastNewReadsOnlyItemPaths(t *testing.T) {
	dir := t.TempDir()
	list := "a/1.md\n../up.md\n/abs/x.md\nb/.hidden.md\nb/notes.txt\nonly.md\na/1.md\nc/d/2.md\n\n"
	if err := os.WriteFile(filepath.Join(dir, newFile), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LastNew(dir)
	if want := []string{"a/1.md", "c/d/2.md"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("read %v, %v; want %v", got, err, want)
	}
	os.Remove(filepath.Join(dir, newFile))
	os.Mkdir(filepath.Join(dir, newFile), 0o755)
	if _, err := LastNew(dir); err == nil {
		t.Error("a folder in the list's place is not an error")
	}
}

// FuzzLastNew: whatever the list holds, what is read back is item paths,
// each once, and never an error for a file that is there.
func FuzzLastNew(f *testing.F) {
	f.Add([]byte("lakeside/2025-11-23-cafe-3f2a1b.md\nharbour/a.md\n"))
	f.Add([]byte("../x.md\n/abs.md\na//b.md\na/./b.md\na/b.md\na/b.md\n\x00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, newFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := LastNew(dir)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range got {
			dir, file := path.Split(p)
			if seen[p] || dir == "" || !validItemFile(file) || path.Clean(p) != p || path.IsAbs(p) {
				t.Fatalf("read %q from %q", p, data)
			}
			seen[p] = true
		}
	})
}
