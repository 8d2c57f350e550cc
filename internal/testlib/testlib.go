// Package testlib is the library tests read instead of dispatch's own:
// copies of five news reports, the topics they were scored on, and one of
// the plain-text seeds they were made from (seeds/), frozen here so that
// changing the built-in articles or topics changes no test but the few
// that pin them on purpose (named "Shipped").
package testlib

import (
	"embed"
	"io/fs"
)

//go:embed library/*.md
var library embed.FS

// Library is the articles, each a markdown file with front matter.
var Library fs.FS = mustSub(library, "library")

// Topics is the topics file the articles are scored on; it replaces
// dispatch's own topics.
//
//go:embed topics.yaml
var Topics []byte

// Dir and TopicsFile are the same files on disk, relative to the
// repository's root, for tests that run the command line.
const (
	Dir        = "internal/testlib/library"
	TopicsFile = "internal/testlib/topics.yaml"
)

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the directory is embedded: it is there
	}
	return sub
}
