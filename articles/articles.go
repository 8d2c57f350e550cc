// Package articles holds the curated articles that ship inside the binary.
package articles

import "embed"

// FS holds the embedded articles: one markdown file with YAML front matter
// per article, parsed by article.ParseFS.
//
//go:embed *.md
var FS embed.FS
