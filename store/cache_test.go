package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dispatch/store"
	"dispatch/store/article"
)

// cacheVocabulary is what the generated articles are written with: topic
// words of the fixture topics, names, inflections, hyphenated compounds.
var cacheVocabulary = strings.Fields(`perch perches trawler trawlers nets net quota quotas lake harbour
	harbor Orvell Karrow truce truces ceasefire cease-fire patrol patrols boats boat symphony orchestra
	concert season composer violin festival guarantees guaranteed guarantee fishing fished fishermen
	Israel-style air-defense the a of and in on with was were is said says announced announce`)

// writeArticle writes a generated article to dir/name.
func writeArticle(t *testing.T, dir, name string, rng *rand.Rand) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s %d\n", cacheVocabulary[rng.IntN(len(cacheVocabulary))], rng.IntN(5))
	if rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "byline: %s\n", cacheVocabulary[rng.IntN(len(cacheVocabulary))])
	}
	b.WriteString("---\n")
	for p := range 2 + rng.IntN(4) {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for range 8 + rng.IntN(30) {
			b.WriteString(cacheVocabulary[rng.IntN(len(cacheVocabulary))] + " ")
		}
		b.WriteString(".")
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// folderLibrary lists dir as a cacheable source.
func folderLibrary(dir string) *article.Listing {
	return article.List([]article.Source{{FS: os.DirFS(dir), Label: "notes", Root: dir}})
}

// journalOf is the identity journal kept beside a cache: a library read
// through the cache and one built afresh number their articles alike
// only when both keep their numbers there (a slug, once given, stays with
// its article when its title changes; a fresh build cannot know it).
func journalOf(cache string) string { return filepath.Join(cache, "ids") }

// openCached is LoadCached of the folder dir with the journal beside the
// cache.
func openCached(dir string, topics store.Topics, opts store.CacheOptions) (*store.Library, store.CacheReport) {
	lib, report, err := store.Open(store.Inputs{Listing: folderLibrary(dir), Topics: topics, Identities: journalOf(opts.Dir)},
		store.OpenOptions{Cache: opts}, nil)
	if err != nil {
		panic(err)
	}
	return lib, report
}

// freshBuild is Load of the folder dir numbered by the journal beside
// cache.
func freshBuild(dir, cache string, topics store.Topics) *store.Library {
	lib, _, err := store.Open(store.Inputs{Listing: folderLibrary(dir), Topics: topics, Identities: journalOf(cache)}, store.OpenOptions{}, nil)
	if err != nil {
		panic(err)
	}
	return lib
}

// libraryAnswers is everything a library answers, to compare two.
func libraryAnswers(t *testing.T, lib *store.Library) string {
	t.Helper()
	var b strings.Builder
	for d := range lib.Len() {
		a := lib.Article(d)
		c := content(t, lib, d)
		fmt.Fprintf(&b, "%d #%d %s %s %s %s %d %d %q copies %v", d, a.Number, a.Path, a.Slug, a.Title, a.Hash, a.Words, len(c.Passages), a.Byline, lib.CopiesOf(d))
		if s, ok := lib.StoryOf(d); ok {
			fmt.Fprintf(&b, " story %d %v", s.ID, s.Docs)
		}
		fmt.Fprintln(&b)
		for ti := range lib.Topics() {
			fmt.Fprintf(&b, " %.6f", lib.Coverage().Weight(d, ti))
			for p := range len(c.Passages) {
				fmt.Fprintf(&b, "/%.2f", lib.Coverage().PassageScore(d, p, ti))
			}
		}
		fmt.Fprintf(&b, " %v\n", lib.Coverage().Carried(d))
		for _, ra := range lib.Related().Articles(d) {
			fmt.Fprintf(&b, "  rel %d %.6f %v %v\n", ra.Doc, ra.Score, ra.SharedTerms, ra.SharedTopics)
		}
		for p := range min(len(c.Passages), 2) {
			for _, rp := range lib.Related().Passages(d, p) {
				fmt.Fprintf(&b, "  pass %d/%d %d/%d %.6f %v\n", d, p, rp.Doc, rp.Passage, rp.Score, rp.SharedTerms)
			}
		}
	}
	an := lib.Index().Analyzer()
	for _, q := range []string{"perch", "guarantees", "guarantee", "cease-fire", `"patrol boats"`, "trawler -nets",
		"Orvell lake", "air defense", "what was said", "harbour", "israel-style", "symph"} {
		for _, typing := range []bool{false, true} {
			pq := an.ParseQuery(q)
			if typing {
				pq = lib.Index().Expand(an.ParseTyping(q))
			}
			res := lib.Index().Search(pq, 0, nil)
			fmt.Fprintf(&b, "search %q %v: %d partial %v\n", q, typing, res.Total, res.Partial)
			for _, h := range res.Hits {
				fmt.Fprintf(&b, "  %d %.9f %d %d %q\n", h.Doc, h.Score, h.Matches, h.Passage, lib.Index().Snippet(lib.Article(h.Doc), pq, h.Passage, 60).Text)
			}
		}
		fmt.Fprintf(&b, "suggest %q: %q\n", q, lib.Index().Suggest(an.ParseQuery(q+"x")))
	}
	res, err := lib.List(store.ListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "newest first:")
	for _, h := range res.Hits {
		fmt.Fprintf(&b, " %d%v", h.Doc, h.Copies)
	}
	fmt.Fprintf(&b, "\nstories: %d\n", len(lib.Stories()))
	for _, w := range lib.Warnings() {
		if !strings.Contains(w.Msg, "is taken by") { // said once, by whichever numbered it
			fmt.Fprintf(&b, "warn %s\n", w)
		}
	}
	return b.String()
}

// TestCacheAnswersAsAFreshBuild changes a folder at random — files added,
// rewritten, removed, touched, broken — and after every change compares
// the library read through the cache (updated incrementally) with one
// built from scratch: every article, score, topic, relation, search and
// warning must be the same.
func TestCacheAnswersAsAFreshBuild(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(7, 11))
	names := []string{}
	for i := range 12 {
		name := fmt.Sprintf("f%02d.md", i)
		if i%4 == 3 {
			name = fmt.Sprintf("sub/g%02d.md", i)
		}
		writeArticle(t, dir, name, rng)
		names = append(names, name)
	}
	topics := fixtureTopics(t)
	opts := store.CacheOptions{Dir: cache}
	clock := time.Now()
	for step := range 24 {
		op := "first"
		if step > 0 {
			switch r := rng.IntN(6); {
			case r == 0 || len(names) < 4: // add
				name := fmt.Sprintf("new%02d.md", step)
				if rng.IntN(2) == 0 {
					name = "sub/" + name
				}
				writeArticle(t, dir, name, rng)
				names = append(names, name)
				op = "add " + name
			case r == 1: // remove
				i := rng.IntN(len(names))
				os.Remove(filepath.Join(dir, names[i]))
				op = "remove " + names[i]
				names = append(names[:i], names[i+1:]...)
			case r == 2: // touch: a new time, the same text
				name := names[rng.IntN(len(names))]
				clock = clock.Add(time.Minute)
				os.Chtimes(filepath.Join(dir, name), clock, clock)
				op = "touch " + name
			case r == 3: // break one: it is skipped with a warning
				name := names[rng.IntN(len(names))]
				os.WriteFile(filepath.Join(dir, name), []byte("---\ntitle: [unclosed\n---\ntext\n"), 0o644)
				op = "break " + name
			case r == 4: // several at once
				for range 3 {
					writeArticle(t, dir, names[rng.IntN(len(names))], rng)
				}
				op = "rewrite three"
			default: // rewrite one
				name := names[rng.IntN(len(names))]
				writeArticle(t, dir, name, rng)
				op = "rewrite " + name
			}
		}
		cached, report := openCached(dir, topics, opts)
		fresh := freshBuild(dir, cache, topics)
		if got, want := libraryAnswers(t, cached), libraryAnswers(t, fresh); got != want {
			t.Fatalf("step %d (%s): the cached library answers differently\n%s", step, op, firstDifference(got, want))
		}
		if report.Warning != "" {
			t.Errorf("step %d (%s): %s", step, op, report.Warning)
		}
		t.Logf("step %d (%s): reused %d, indexed %d, removed %d, saved %v", step, op, report.Reused, report.Indexed, report.Removed, report.Saved)
		// read again, nothing changed: all from the cache, nothing saved
		again, report := openCached(dir, topics, opts)
		if report.Indexed != 0 || report.Saved || report.Reused != again.Len() {
			t.Errorf("step %d (%s): an unchanged folder read %d files, saved %v, reused %d of %d", step, op, report.Indexed, report.Saved, report.Reused, again.Len())
		}
		if got, want := libraryAnswers(t, again), libraryAnswers(t, fresh); got != want {
			t.Fatalf("step %d (%s): the library read back answers differently\n%s", step, op, firstDifference(got, want))
		}
	}
}

// firstDifference shows where two long texts first differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same)"
}

// TestStaleLibraryWorksWhileUpdating: with files changed since the cache
// was saved, the cache still gives the library as it was, at once and
// whole, marked Updating; a removed file's article has no text, a kept
// one reads its file.
func TestStaleLibraryWorksWhileUpdating(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(1, 9))
	for i := range 6 {
		writeArticle(t, dir, fmt.Sprintf("s%d.md", i), rng)
	}
	topics := fixtureTopics(t)
	opts := store.CacheOptions{Dir: cache}
	before, _ := store.LoadCached(nil, folderLibrary(dir), topics, opts)
	os.Remove(filepath.Join(dir, "s0.md"))
	writeArticle(t, dir, "s9.md", rng)
	stale, ok := store.StaleLibrary(nil, folderLibrary(dir), topics, opts)
	if !ok || !stale.Updating() || stale.Provisional() || stale.Len() != before.Len() {
		t.Fatalf("stale library: ok %v, updating %v, %d articles (had %d)", ok, stale != nil && stale.Updating(), stale.Len(), before.Len())
	}
	if got, want := searchNames(stale, "perch"), searchNames(before, "perch"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the stale library searches differently: %v, want %v", got, want)
	}
	c, err := stale.Article(1).Content()
	if err != nil || len(c.Passages) == 0 {
		t.Errorf("a kept article cannot read its text: %v", err)
	}
	if c, _ := stale.Article(0).Content(); len(c.Passages) != 0 {
		t.Error("the removed article still has text")
	}
	after, report := store.LoadCached(nil, folderLibrary(dir), topics, opts)
	if report.Indexed != 1 || report.Removed != 1 || after.Updating() {
		t.Errorf("update: %d indexed, %d removed, updating %v", report.Indexed, report.Removed, after.Updating())
	}
	if _, ok := store.StaleLibrary(nil, folderLibrary(dir), topics, store.CacheOptions{Dir: t.TempDir()}); ok {
		t.Error("an empty cache gave a library")
	}
}

// Saving removes the snapshots other versions of dispatch wrote (nothing
// reads them again) and keeps another library's.
func TestSavingRemovesOtherVersions(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	writeArticle(t, dir, "a.md", rand.New(rand.NewPCG(1, 2)))
	old := filepath.Join(cache, "library-0123456789abcdef.idx")
	if err := os.WriteFile(old, []byte("dispatch index\n\x00\x01\x00\x00\x00rest of an old index"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	writeArticle(t, other, "b.md", rand.New(rand.NewPCG(3, 4)))
	opts := store.CacheOptions{Dir: cache}
	store.LoadCached(nil, folderLibrary(other), fixtureTopics(t), opts) // another library, this version
	store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), opts)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old version's snapshot is still there: %v", err)
	}
	if names, _ := filepath.Glob(filepath.Join(cache, "library-*.idx")); len(names) != 2 {
		t.Errorf("snapshots left: %v, want this library's and the other's", names)
	}
}
