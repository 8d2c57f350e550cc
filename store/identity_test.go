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

// numbersOf are a library's numbers and slugs by path.
func numbersOf(lib *store.Library) map[string]string {
	out := map[string]string{}
	for d := range lib.Len() {
		a := lib.Article(d)
		out[a.Path] = fmt.Sprintf("%d %s", a.Number, a.Slug)
		if got, ok := lib.DocOf(a.Number); !ok || got != d {
			panic(fmt.Sprintf("DocOf(%d) = %d, %v; it is %d", a.Number, got, ok, d))
		}
	}
	return out
}

// A warm library trusts the numbers its snapshot saved while the journal
// is as it was: it does not read it (here, bytes of the same size and
// time that are not a journal at all).
func TestWarmLibraryDoesNotReadTheJournal(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(2, 3))
	for i := range 5 {
		writeArticle(t, dir, fmt.Sprintf("a%d.md", i), rng)
	}
	topics := fixtureTopics(t)
	first, _ := openCached(dir, topics, store.CacheOptions{Dir: cache})
	journal := journalOf(cache)
	info, err := os.Stat(journal)
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte(strings.Repeat("x", int(info.Size())))
	if err := os.WriteFile(journal, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(journal, info.ModTime(), info.ModTime())
	warm, report := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if report.Indexed != 0 || report.Saved || report.Warning != "" {
		t.Errorf("warm: %+v", report)
	}
	if got, want := numbersOf(warm), numbersOf(first); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("warm numbers %v, first %v", got, want)
	}
}

// The journal only grown (another library numbered its articles) is
// trusted too; replaced, its numbers are the ones that stand.
func TestJournalGrownOrReplaced(t *testing.T) {
	dir, other, cache := t.TempDir(), t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(4, 5))
	for i := range 4 {
		writeArticle(t, dir, fmt.Sprintf("a%d.md", i), rng)
		writeArticle(t, other, fmt.Sprintf("b%d.md", i), rng)
	}
	topics := fixtureTopics(t)
	first, _ := openCached(dir, topics, store.CacheOptions{Dir: cache})
	// another library, numbered by the same journal
	if _, _, err := store.Open(store.Inputs{Listing: folderLibrary(other), Topics: topics, Identities: journalOf(cache)}, store.OpenOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	grown, report := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if report.Saved || report.Indexed != 0 || fmt.Sprint(numbersOf(grown)) != fmt.Sprint(numbersOf(first)) {
		t.Errorf("after the journal grew: %+v, numbers %v, were %v", report, numbersOf(grown), numbersOf(first))
	}
	// replaced: this journal numbers the other library first
	os.Rename(journalOf(cache), journalOf(cache)+".old")
	if _, _, err := store.Open(store.Inputs{Listing: folderLibrary(other), Topics: topics, Identities: journalOf(cache)}, store.OpenOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	replaced, report := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if !strings.Contains(report.Warning, "numbers changed") || !report.Saved {
		t.Errorf("after the journal was replaced: %+v", report)
	}
	for d := range replaced.Len() {
		if n := replaced.Article(d).Number; n <= 4 {
			t.Errorf("%s is %d: the other library's numbers come first in this journal", replaced.Article(d).Path, n)
		}
	}
	fresh := freshBuild(dir, cache, topics)
	if fmt.Sprint(numbersOf(replaced)) != fmt.Sprint(numbersOf(fresh)) {
		t.Errorf("rebuilt %v, a fresh build %v", numbersOf(replaced), numbersOf(fresh))
	}
}

// Numbers stay through a merge: a file added sorting first gets the next
// number, the others keep theirs; one removed takes its number away and
// gives it to no one.
func TestMergeKeepsNumbers(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(6, 7))
	for i := range 4 {
		writeArticle(t, dir, fmt.Sprintf("m%d.md", i), rng)
	}
	topics := fixtureTopics(t)
	before, _ := openCached(dir, topics, store.CacheOptions{Dir: cache})
	was := numbersOf(before)
	writeArticle(t, dir, "a-first.md", rng)
	os.Remove(filepath.Join(dir, "m2.md"))
	after, report := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if report.Indexed != 1 || report.Removed != 1 {
		t.Fatalf("not a merge: %+v", report)
	}
	now := numbersOf(after)
	for path, id := range was {
		if got, ok := now[path]; ok && got != id {
			t.Errorf("%s was %s, is %s", path, id, got)
		}
	}
	if got := now["notes/a-first.md"]; !strings.HasPrefix(got, "5 ") {
		t.Errorf("the newcomer is %q, want number 5", got)
	}
	writeArticle(t, dir, "m2.md", rng) // back, with other text: the same file
	back, _ := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if got := numbersOf(back)["notes/m2.md"]; got != was["notes/m2.md"] {
		t.Errorf("m2.md came back as %s, was %s", got, was["notes/m2.md"])
	}
}

// Newest first, by published date, else first seen; ties by number.
func TestNewestFirstByDateThenFirstSeen(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: Old\npublished: 2001-01-01\n---\nText.\n",
		"b.md": "---\ntitle: Undated\n---\nText.\n",
		"c.md": "---\ntitle: Newer\npublished: 2020-05-05\n---\nText.\n",
		"d.md": "---\ntitle: Also 2020\npublished: 2020-05-05\n---\nText.\n",
	}), fixtureTopics(t))
	var got []string
	for _, d := range lib.Newest() {
		got = append(got, lib.Article(int(d)).Title)
	}
	if want := "Undated|Newer|Also 2020|Old"; strings.Join(got, "|") != want {
		t.Errorf("newest first: %v, want %s", got, want)
	}
	res, err := lib.List(store.ListRequest{Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, h := range res.Hits {
		got = append(got, lib.Article(h.Doc).Title)
	}
	if want := "Old|Newer|Also 2020|Undated"; strings.Join(got, "|") != want { // a day's still by number
		t.Errorf("oldest first: %v, want %s", got, want)
	}
	if seen := lib.FirstSeen(1); seen.IsZero() || time.Since(seen) > time.Hour || !lib.Article(1).Published.IsZero() {
		t.Errorf("the undated article was first seen %v", seen)
	}
}

// What the last fetch brought is new, found among the feeds folder's
// files whether the library is built, merged or read from its snapshot.
func TestWhatIsNew(t *testing.T) {
	root, cache := t.TempDir(), t.TempDir()
	feeds := filepath.Join(root, "feeds")
	rng := rand.New(rand.NewPCG(8, 9))
	for _, name := range []string{"lake/1.md", "lake/2.md", "port/3.md"} {
		writeArticle(t, feeds, name, rng)
	}
	topics := fixtureTopics(t)
	open := func(news ...string) (*store.Library, store.CacheReport) {
		l := article.List([]article.Source{{FS: os.DirFS(feeds), Label: "feeds", Root: feeds}})
		lib, report, err := store.Open(store.Inputs{Listing: l, Topics: topics, Identities: journalOf(cache), Feeds: feeds, New: news},
			store.OpenOptions{Cache: store.CacheOptions{Dir: cache}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return lib, report
	}
	newOnes := func(lib *store.Library) []string {
		var out []string
		for d := range lib.Len() {
			if lib.IsNew(d) {
				out = append(out, lib.Article(d).Path)
			}
		}
		return out
	}
	built, _ := open("lake/2.md", "gone/9.md")
	warm, report := open("lake/2.md")
	writeArticle(t, feeds, "port/4.md", rng)
	merged, _ := open("port/4.md", "lake/1.md")
	none, _ := open()
	for _, c := range []struct {
		what string
		lib  *store.Library
		want string
	}{{"built", built, "feeds/lake/2.md"}, {"warm", warm, "feeds/lake/2.md"}, {"merged", merged, "feeds/lake/1.md feeds/port/4.md"}, {"none", none, ""}} {
		if got := strings.Join(newOnes(c.lib), " "); got != c.want || c.lib.NewCount() != len(strings.Fields(c.want)) {
			t.Errorf("%s: new %q (%d), want %q", c.what, got, c.lib.NewCount(), c.want)
		}
	}
	if report.Indexed != 0 {
		t.Errorf("the warm library was not read from its snapshot: %+v", report)
	}
	// is:new is what is new and unread
	res, err := merged.List(store.ListRequest{Text: "is:new", Marks: store.MarkFuncs{IsRead: func(d int) bool { return merged.Article(d).Path == "feeds/lake/1.md" }}})
	if err != nil || len(res.Hits) != 1 || merged.Article(res.Hits[0].Doc).Path != "feeds/port/4.md" {
		t.Errorf("is:new: %+v, %v", res.Hits, err)
	}
}

// The index cache outlives the journal: its numbers are given back to a
// new journal rather than the library numbered afresh.
func TestLostJournalTakesTheCachesNumbers(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(10, 11))
	for i := range 4 {
		writeArticle(t, dir, fmt.Sprintf("n%d.md", i), rng)
	}
	topics := fixtureTopics(t)
	first, _ := openCached(dir, topics, store.CacheOptions{Dir: cache})
	os.Remove(journalOf(cache))
	writeArticle(t, dir, "a-new.md", rng) // sorts first: numbered afresh, it would take 1
	again, report := openCached(dir, topics, store.CacheOptions{Dir: cache})
	if report.Warning != "" || report.Indexed != 1 {
		t.Errorf("with the journal lost: %+v", report)
	}
	was, now := numbersOf(first), numbersOf(again)
	for path, id := range was {
		if now[path] != id {
			t.Errorf("%s was %s, is %s", path, id, now[path])
		}
	}
	if got := now["notes/a-new.md"]; !strings.HasPrefix(got, "5 ") {
		t.Errorf("the newcomer is %q", got)
	}
	if fresh := freshBuild(dir, cache, topics); fmt.Sprint(numbersOf(fresh)) != fmt.Sprint(now) {
		t.Errorf("the journal was not written: a fresh build numbers %v", numbersOf(fresh))
	}
}
