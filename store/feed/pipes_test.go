//go:build unix

package feed

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNamedPipesAreNotWaitedOn: a named pipe in place of a feed's fetch
// state or of an item file, with no writer, would block whoever opens it
// for reading. `feeds`, `fetch` and the reader's R open them without
// blocking and take them for what they are: a damaged cache (the state is
// written afresh) and an item to write again. (Were an open to block, go
// test's -timeout would report it, with the stack of the stuck open.)
func TestNamedPipesAreNotWaitedOn(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", simpleItems(2, "1")...))
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	dir := env.m.dirOf(sub)
	var item string
	for name := range env.items(t, sub) {
		item = name
	}
	for _, name := range []string{stateFile, item} {
		path := filepath.Join(dir, name)
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, err := env.m.List()
	if err != nil || len(list) != 1 || list[0].Items != 0 {
		t.Fatalf("list with a pipe for the state: %+v %v", list, err)
	}
	res := env.fetch(t)[0]
	if res.Err != nil || res.New+res.Updated+res.Unchanged != 2 {
		t.Fatalf("fetch with pipes: %v", res)
	}
	for _, name := range []string{stateFile, item} {
		if info, err := os.Lstat(filepath.Join(dir, name)); err != nil || !info.Mode().IsRegular() {
			t.Errorf("%s was not written afresh: %v", name, err)
		}
	}
	if list, _ := env.m.List(); list[0].Items != 2 {
		t.Errorf("list after the fetch: %+v", list)
	}
}
