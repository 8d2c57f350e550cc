// Package storetest loads libraries for the benchmarks of store and the
// packages above it: the embedded articles, and the generated libraries of
// internal/benchcorpus read as the reader reads a user's folder. It lives
// beside store, which it loads with, so that internal/ imports nothing of
// the product above it.
package storetest

import (
	"fmt"
	"runtime"
	"testing"

	"dispatch/articles"
	"dispatch/internal/benchcorpus"
	"dispatch/internal/safefile"
	"dispatch/store"
	"dispatch/store/article"
)

// Load loads the embedded articles and, when n > 0, a library of n
// generated articles written by benchcorpus.Dir, as the reader loads a
// user's folder: read, parsed, indexed, scored on the default topics,
// related.
func Load(n int) (*store.Library, error) {
	builtin, err := article.ParseFS(articles.FS)
	if err != nil {
		return nil, fmt.Errorf("load built-in articles: %w", err)
	}
	tm, err := store.DefaultTopics()
	if err != nil {
		return nil, err
	}
	var dirs []article.Source
	if n > 0 {
		dir, err := benchcorpus.Dir(n)
		if err != nil {
			return nil, err
		}
		dirs = append(dirs, article.Source{FS: safefile.DirFS(dir), Label: "corpus"})
	}
	lib := store.Load(builtin, article.List(dirs), tm, nil)
	for _, w := range lib.Warnings() {
		if w.Skipped { // a title made twice only renames a slug
			return nil, fmt.Errorf("load %d generated articles: %s", n, w)
		}
	}
	return lib, nil
}

// loaded is the last library Loaded returned. Only one is kept: a 100k
// library holds most of a gigabyte.
var loaded struct {
	n   int
	lib *store.Library
}

// Loaded is Load(n) for benchmarks: the library is loaded once and shared
// by the benchmarks that ask for the same size in a row.
func Loaded(b testing.TB, n int) *store.Library {
	b.Helper()
	if loaded.lib == nil || loaded.n != n {
		loaded.lib = nil // let the collector have the last one first
		runtime.GC()
		lib, err := Load(n)
		if err != nil {
			b.Fatal(err)
		}
		loaded.n, loaded.lib = n, lib
	}
	return loaded.lib
}

// Forget drops the library Loaded keeps, to make room for another.
func Forget() { loaded.lib = nil }
