package store

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Library is the set of loaded articles in list order, with their index and
// topic scores.
type Library struct {
	Articles []Article
	Index    *Index
	Topics   *TopicScores
	Related  *Related
	Warnings []Warning // files skipped or cleaned on loading, slugs renamed

	// Provisional marks a Catalog: the user's files are listed, not yet read
	// or indexed.
	Provisional bool

	bySlug map[string]int
}

// LoadFS reads every *.md file at the top of fsys, in name order. Files that
// cannot be read or parsed are left out and reported in the returned error,
// one wrapped error per file naming it; the articles that did load are
// returned either way.
func LoadFS(fsys fs.FS) ([]Article, error) {
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
	inOrder(len(names), newParser,
		func(p *parser, i int) result {
			data, err := fs.ReadFile(fsys, names[i])
			if err != nil {
				return result{err: fmt.Errorf("read %s: %w", names[i], err)}
			}
			a, err := p.parse(names[i], data)
			return result{a, err}
		},
		func(_ int, r result) {
			if r.err != nil {
				errs = append(errs, r.err)
				return
			}
			arts = append(arts, r.art)
		})
	return arts, errors.Join(errs...)
}

// NewLibrary numbers the articles in order from 1, gives each a unique slug
// (a title used twice gets "-2", "-3" and so on), indexes them and scores
// their passages against the topic model.
func NewLibrary(arts []Article, topics *TopicModel) *Library {
	return finishLibrary(arts, BuildIndex(NewAnalyzer(), arts), topics)
}

// finishLibrary numbers and names indexed articles and works out their
// topics and relations.
func finishLibrary(arts []Article, ix *Index, topics *TopicModel) *Library {
	lib := &Library{Articles: arts, Index: ix, bySlug: make(map[string]int, len(arts))}
	for i := range lib.Articles {
		a := &lib.Articles[i]
		a.ID = i + 1
		base := Slugify(a.Title)
		a.Slug = base
		for n := 2; ; n++ {
			if _, taken := lib.bySlug[a.Slug]; !taken {
				break
			}
			a.Slug = base + "-" + strconv.Itoa(n)
		}
		if a.Slug != base {
			lib.Warnings = append(lib.Warnings, Warning{Path: a.Path,
				Msg: fmt.Sprintf("slug %q is taken by %s; this one is %q", base, lib.Articles[lib.bySlug[base]].Path, a.Slug)})
		}
		lib.bySlug[a.Slug] = i
	}
	lib.Topics = ScoreTopics(topics, lib.Index, lib.Articles)
	lib.Related = NewRelated(lib.Index, lib.Topics, lib.Articles)
	lib.releaseContents()
	return lib
}

// residentContentBytes is how much article text a library keeps in memory;
// beyond it, contents that can be read again from their files are dropped
// (a library of 100,000 articles holds gigabytes of text).
const residentContentBytes = 128 << 20

// releaseContents drops the contents of articles that can be read again,
// once they are indexed, when keeping them all would cost too much memory.
func (l *Library) releaseContents() {
	total := 0
	for i := range l.Articles {
		if c := l.Articles[i].text.resident; c != nil {
			total += len(c.Body) + len(c.Text)
		}
	}
	if total <= residentContentBytes {
		return
	}
	for i := range l.Articles {
		if t := &l.Articles[i].text; t.reload != nil {
			t.resident = nil
		}
	}
}

// TopicFilter returns the article filter for a query's topic:KEY and
// -topic:KEY terms (nil when it has none), or an error naming an unknown key.
func (l *Library) TopicFilter(q Query) (func(doc int) bool, error) {
	if len(q.Topics) == 0 && len(q.NotTopics) == 0 {
		return nil, nil
	}
	tm := l.Topics.Model
	resolve := func(keys []string) ([]int, error) {
		var out []int
		for _, k := range keys {
			i := tm.Index(k)
			if i < 0 {
				return nil, fmt.Errorf("unknown topic %q (topics: %s)", k, strings.Join(tm.Keys(), ", "))
			}
			out = append(out, i)
		}
		return out, nil
	}
	want, err := resolve(q.Topics)
	if err != nil {
		return nil, err
	}
	not, err := resolve(q.NotTopics)
	if err != nil {
		return nil, err
	}
	return func(doc int) bool {
		for _, t := range want {
			if !l.Topics.Carries(doc, t) {
				return false
			}
		}
		for _, t := range not {
			if l.Topics.Carries(doc, t) {
				return false
			}
		}
		return true
	}, nil
}

// precomputeRelatedUpTo is the library size up to which Warm works out
// every relation; larger libraries compute them when first asked.
const precomputeRelatedUpTo = 200

// Warm does ahead of time the work that makes later answers instant: the
// related-article vectors, and for a small library every article's and
// passage's relations (3 ms for the embedded five, more than loading them).
// It is not part of loading, so a reader can show its first screen first and
// warm up in the background; the library is safe to use meanwhile.
func (l *Library) Warm() {
	l.Related.ready()
	if l.Len() <= precomputeRelatedUpTo {
		l.Related.Precompute()
	}
}

// ErrNotFound reports an article reference that matches nothing.
var ErrNotFound = errors.New("no such article")

// Lookup finds an article by list number ("3") or slug. A unique slug prefix
// is accepted too, so readers can type the first words of a title.
func (l *Library) Lookup(ref string) (*Article, error) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.Atoi(ref); err == nil {
		if n < 1 || n > len(l.Articles) {
			return nil, fmt.Errorf("article %d: %w (ids run from 1 to %d)", n, ErrNotFound, len(l.Articles))
		}
		return &l.Articles[n-1], nil
	}
	if i, ok := l.bySlug[ref]; ok {
		return &l.Articles[i], nil
	}
	var found []int
	for i := range l.Articles {
		if ref != "" && strings.HasPrefix(l.Articles[i].Slug, ref) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 1:
		return &l.Articles[found[0]], nil
	case 0:
		return nil, fmt.Errorf("article %q: %w", ref, ErrNotFound)
	default:
		return nil, fmt.Errorf("article %q: %w: the prefix fits %d slugs", ref, ErrNotFound, len(found))
	}
}

// Len returns the number of articles.
func (l *Library) Len() int { return len(l.Articles) }
