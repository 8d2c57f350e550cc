package article

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"dispatch/internal/parallel"
)

// ParseFS reads the curated articles at the top of fsys (the embedded ones:
// every *.md file, in name order, each with front matter and a title).
// Files that cannot be read or parsed are left out and reported in the
// returned error, one wrapped error per file naming it; the articles that
// did load are returned either way, their contents kept in memory.
func ParseFS(fsys fs.FS) ([]Article, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	slices.Sort(names)
	type result struct {
		art Article
		err error
	}
	var arts []Article
	var errs []error
	parallel.InOrder(len(names), newParser,
		func(p *parser, i int) result {
			data, err := fs.ReadFile(fsys, names[i])
			if err != nil {
				return result{err: fmt.Errorf("read %s: %w", names[i], err)}
			}
			a, _, err := p.parseKind(names[i], data, curated)
			return result{a, err}
		},
		func(i int, err error) result { return result{err: fmt.Errorf("%s: %w", names[i], err)} },
		func(_ int, r result) {
			if r.err != nil {
				errs = append(errs, r.err)
				return
			}
			arts = append(arts, r.art)
		})
	return arts, errors.Join(errs...)
}
