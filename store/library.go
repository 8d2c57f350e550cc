// Package store is dispatch's library: the articles (see store/article)
// with what is derived from them to search, filter by topic, relate and
// group — an inverted index with word positions, each article's and
// passage's topic scores, related-article vectors, and the stories and
// copies of store/story.
//
// Every article has a number and a slug that never change once seen (see
// store/ident and identity.go); lists are newest first (order.go); the
// items the last fetch brought are new (news.go). Numbers, the order and
// the stories are worked out when a library is built and kept with its
// index in the cache (snapshot*.go), where a fetch's merge adds to them.
//
// A Library is immutable once loaded and safe for concurrent use; the few
// answers computed on first use (related passages) are computed under a
// lock. Loading a large library reads files in parallel and streams them
// into the index.
package store

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"dispatch/internal/fold"
	"dispatch/internal/termout"
	"dispatch/store/article"
	"dispatch/store/ident"
	"dispatch/store/story"
)

// Library is the loaded articles with their index, topic coverage,
// relations and stories. An article's place within a library is its index,
// 0 for the first ("doc"), which holds for that library only; it is shown
// to people by its number (Article.Number), which never changes.
type Library struct {
	docs docSource
	n    int
	snap *snapshot // the snapshot it is read from; nil for one made in memory

	slugsOnce sync.Once
	bySlug    map[string]int

	sourcesOnce sync.Once
	sources     []string

	index    *Index
	topics   Topics    // the topic definitions scored against
	coverage *Coverage // how much of each article and passage is on each topic
	related  *Related
	warnings []article.Warning // files skipped or cleaned on loading, slugs taken

	idsOnce sync.Once
	ids     idTables // see order.go

	storiesOnce sync.Once
	groups      storyTables    // see stories.go
	grouper     *story.Grouper // the grouping made in memory, for a snapshot to keep
	fresh       []int32        // the docs the last fetch brought, in order (see IsNew)

	journal string      // the identity journal the numbers are of
	stamp   ident.Stamp // and how it was then

	textOrder [2]struct { // by title and by source: see textRank
		once sync.Once
		rank []int32
	}

	// recorded are the warnings (as their String gives them) that the
	// index cache the library came from holds: said when they were found
	recorded map[string]bool

	provisional bool // see Provisional
	updating    bool // see Updating
}

// Index is the library's search index.
func (l *Library) Index() *Index { return l.index }

// Topics are the topic definitions the library is scored against, in the
// order of their number keys. They are the library's: do not change them.
func (l *Library) Topics() Topics { return l.topics }

// Coverage is how much of each article and passage is on each topic.
func (l *Library) Coverage() *Coverage { return l.coverage }

// Related finds the articles and passages like one another.
func (l *Library) Related() *Related { return l.related }

// Warnings name the files skipped or cleaned on loading, the slugs taken
// (when the newcomer was named) and what became of the index cache.
func (l *Library) Warnings() []article.Warning { return slices.Clone(l.warnings) }

// NewWarnings are the warnings that the index cache this library came from
// does not hold: those this run found. A command says these; the ones the
// cache holds were said when found, and stay among Warnings for dispatch
// index and the reader's warnings panel.
func (l *Library) NewWarnings() []article.Warning {
	var out []article.Warning
	for _, w := range l.warnings {
		if !l.recorded[w.String()] {
			out = append(out, w)
		}
	}
	return out
}

// recordWarnings notes that warnings are held by the cache the library
// came from.
func (l *Library) recordWarnings(warnings ...[]article.Warning) {
	if l.recorded == nil {
		l.recorded = map[string]bool{}
	}
	for _, ws := range warnings {
		for _, w := range ws {
			l.recorded[w.String()] = true
		}
	}
}

// Provisional marks a Catalog: the user's files are listed, not yet read
// or indexed.
func (l *Library) Provisional() bool { return l.provisional }

// Updating marks a library read from a cache some files changed since (see
// StaleLibrary): everything works, on the index as it was, while the
// changed files are read.
func (l *Library) Updating() bool { return l.updating }

// Len returns the number of articles.
func (l *Library) Len() int { return l.n }

// Article returns article doc. It must not be changed.
func (l *Library) Article(doc int) *article.Article { return l.docs.article(doc) }

// docSource is where a library's articles are.
type docSource interface {
	article(d int) *article.Article
}

// memArticles are articles in memory.
type memArticles []article.Article

func (m memArticles) article(d int) *article.Article { return &m[d] }

// savedArticles are the articles of a snapshot, each decoded when first
// asked for and given the way to its text.
type savedArticles struct {
	snap    *snapshot
	decoded []atomic.Pointer[article.Article]
	attach  func(d int, a *article.Article) // gives an article its text; may be nil
}

func (s *savedArticles) article(d int) *article.Article {
	if a := s.decoded[d].Load(); a != nil {
		return a
	}
	a := s.snap.article(d)
	if s.attach != nil {
		s.attach(d, &a)
	}
	if s.decoded[d].CompareAndSwap(nil, &a) {
		return &a
	}
	return s.decoded[d].Load()
}

// slugs is the index of slugs, made on first use for a saved library.
func (l *Library) slugs() map[string]int {
	l.slugsOnce.Do(func() {
		if l.bySlug != nil {
			return
		}
		l.bySlug = make(map[string]int, l.n)
		for d := range l.n {
			l.bySlug[l.Article(d).Slug] = d
		}
	})
	return l.bySlug
}

// newLibrary is the library of the indexed articles, numbered already,
// with their topics, relations and orders worked out.
func newLibrary(arts []article.Article, ix *Index, topics Topics) *Library {
	lib := &Library{docs: memArticles(arts), n: len(arts), index: ix, topics: topics, bySlug: make(map[string]int, len(arts))}
	for i := range arts {
		lib.bySlug[arts[i].Slug] = i
	}
	lib.ids = makeIDTables(lib.n, lib.Article)
	lib.coverage = scoreCoverage(topics, lib.index, lib.n, lib.Article)
	lib.related = newRelated(lib.index, topics, lib.coverage, lib.n, lib.Article)
	releaseContents(arts)
	return lib
}

// setGrouping makes g the library's grouping into stories.
func (lib *Library) setGrouping(g *story.Grouper) {
	lib.grouper = g
	lib.groups = storyTablesOf(g, &lib.ids)
}

// residentContentBytes is how much article text a library keeps in memory;
// beyond it, contents that can be read again from their files are dropped
// (a library of 100,000 articles holds gigabytes of text).
const residentContentBytes = 128 << 20

// releaseContents drops the contents of articles that can be read again,
// once they are indexed, when keeping them all would cost too much memory.
func releaseContents(arts []article.Article) {
	total := 0
	for i := range arts {
		_, n := arts[i].Resident()
		total += n
	}
	if total <= residentContentBytes {
		return
	}
	for i := range arts {
		arts[i].ReleaseContent()
	}
}

// Filter returns the article filter for a query's topic:KEY, source:NAME
// and their negations (nil when it has none), or an error naming a topic or
// source the library does not have.
func (l *Library) Filter(q Query) (func(doc int) bool, error) {
	if len(q.Topics)+len(q.NotTopics)+len(q.Sources)+len(q.NotSources) == 0 {
		return nil, nil
	}
	want, err := l.findTopics(q.Topics)
	if err != nil {
		return nil, err
	}
	not, err := l.findTopics(q.NotTopics)
	if err != nil {
		return nil, err
	}
	from, err := l.findSources(q.Sources)
	if err != nil {
		return nil, err
	}
	notFrom, err := l.findSources(q.NotSources)
	if err != nil {
		return nil, err
	}
	return func(doc int) bool {
		for _, t := range want {
			if !l.coverage.Carries(doc, t) {
				return false
			}
		}
		for _, t := range not {
			if l.coverage.Carries(doc, t) {
				return false
			}
		}
		src := l.Article(doc).Source
		for _, names := range from {
			if !names[src] {
				return false
			}
		}
		for _, names := range notFrom {
			if names[src] {
				return false
			}
		}
		return true
	}, nil
}

func (l *Library) findTopics(keys []string) ([]int, error) {
	var out []int
	for _, k := range keys {
		i, err := l.topics.Find(k)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, nil
}

// findSources resolves each name to the sources it means: those whose
// letters and digits begin with the name's ("lakeside" and "lakeside-gaz"
// mean "Lakeside Gazette"; "новости" means "Новости дня"), case, accents,
// spaces and punctuation aside.
func (l *Library) findSources(names []string) ([]map[string]bool, error) {
	var out []map[string]bool
	for _, name := range names {
		want := sourceKey(name)
		found := map[string]bool{}
		for _, src := range l.Sources() {
			if want != "" && strings.HasPrefix(sourceKey(src), want) {
				found[src] = true
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no source %q in the library", termout.OneLine(name))
		}
		out = append(out, found)
	}
	return out, nil
}

// sourceKey is a source's name as it is compared: its letters and digits,
// of any script, folded.
func sourceKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, strings.ToLower(fold.Accents(name)))
}

// Sources are the names of the articles' sources (a feed's name, a
// publication), each once, in order of first appearance.
func (l *Library) Sources() []string {
	l.sourcesOnce.Do(func() {
		seen := map[string]bool{}
		for d := range l.n {
			if s := l.Article(d).Source; s != "" && !seen[s] {
				seen[s] = true
				l.sources = append(l.sources, s)
			}
		}
	})
	return l.sources
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
	l.related.ready()
	if l.Len() <= precomputeRelatedUpTo {
		l.related.Precompute()
	}
}

// ErrNotFound reports an article reference that matches nothing.
var ErrNotFound = errors.New("no such article")

// Lookup finds an article by its number ("30", or "#30": Article.Number,
// which never changes, not its place in a list) or slug, and returns its
// doc. A unique slug prefix is accepted too, so readers can type the
// first words of a title.
func (l *Library) Lookup(ref string) (int, error) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.Atoi(strings.TrimPrefix(ref, "#")); err == nil {
		if d, ok := l.DocOf(n); ok {
			return d, nil
		}
		return 0, fmt.Errorf("article %d: %w", n, ErrNotFound)
	}
	if i, ok := l.slugs()[ref]; ok {
		return i, nil
	}
	var found []int
	for i := range l.n {
		if ref != "" && strings.HasPrefix(l.Article(i).Slug, ref) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return 0, fmt.Errorf("article %q: %w", ref, ErrNotFound)
	default:
		return 0, fmt.Errorf("article %q: %w: the prefix fits %d slugs: %s", ref, ErrNotFound, len(found), l.slugList(found))
	}
}

// maxNamedSlugs is how many candidates an ambiguous reference names.
const maxNamedSlugs = 5

// slugList names the slugs of docs, the first maxNamedSlugs of them.
func (l *Library) slugList(docs []int) string {
	var slugs []string
	for _, d := range docs[:min(len(docs), maxNamedSlugs)] {
		slugs = append(slugs, l.Article(d).Slug)
	}
	if len(docs) > maxNamedSlugs {
		slugs = append(slugs, fmt.Sprintf("and %d more", len(docs)-maxNamedSlugs))
	}
	return strings.Join(slugs, ", ")
}
