package store

import (
	"cmp"
	"flag"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"dispatch/articles"
	"dispatch/internal/fold"
	"dispatch/store/article"
)

var updateStems = flag.Bool("update-stems", false, "rewrite store/stems.txt from the shipped articles, the shipped topics and the generic words")

// stems.txt is a cache: a word missing from it is stemmed when met, a word
// no article uses any more costs a line. So it is never wrong for being out
// of date, only wrong when an entry disagrees with the stemmer (search
// would then find a word under two terms), or when it cannot be read.

func TestKnownStemsAgreeWithTheStemmer(t *testing.T) {
	checkStemTable(t, "stems.txt", stemsText)
	known := knownStems()
	if len(known) == 0 {
		t.Fatal("no known stems: stems.txt did not load")
	}
	for w, stem := range known {
		if got := english.Stem(w, true); got != stem {
			t.Errorf("known stem of %q is %q, the stemmer says %q", w, stem, got)
		}
	}
}

// TestRegenerateKnownStems rebuilds the table from the shipped data: with
// -update-stems it rewrites stems.txt, so that starting the reader stems
// fewer words; without, it only checks that the table it would write
// passes the checks above, and says how stale the file is.
//
//	go test ./store -run TestRegenerateKnownStems -update-stems
func TestRegenerateKnownStems(t *testing.T) {
	table := stemTable(t)
	checkStemTable(t, "the regenerated table", table)
	if *updateStems {
		if err := os.WriteFile("stems.txt", []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	missing := 0
	known := knownStems()
	for line := range strings.Lines(table) {
		word, _, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if _, ok := known[word]; !ok {
			missing++
		}
	}
	if missing > 0 {
		t.Logf("%d words of the shipped articles and topics are not in stems.txt (they are stemmed at start-up); -update-stems adds them", missing)
	}
}

// checkStemTable checks the form of a stem table: sorted lines of a folded
// ASCII word, and a tab and its stem when the stem is not the word itself.
func checkStemTable(t *testing.T, name, table string) {
	t.Helper()
	var prev string
	for i, line := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
		word, stem, hasStem := strings.Cut(line, "\t")
		switch {
		case word == "" || Fold(word) != word || !fold.IsASCII(word) || !hasWordRune(word):
			t.Errorf("%s:%d: %q is not a folded ASCII word", name, i+1, word)
		case hasStem && (stem == "" || stem == word || strings.Contains(stem, "\t")):
			t.Errorf("%s:%d: %q: stem %q should be left out", name, i+1, line, stem)
		case word <= prev:
			t.Errorf("%s:%d: %q is out of order or repeated", name, i+1, word)
		case english.Stem(word, true) != cmp.Or(stem, word):
			t.Errorf("%s:%d: %q: the stemmer says %q", name, i+1, line, english.Stem(word, true))
		}
		prev = word
	}
}

// stemTable is what stems.txt holds: every folded word loading the shipped
// articles and topics stems, with its stem from the stemmer itself.
func stemTable(t *testing.T) string {
	t.Helper()
	arts, err := article.ParseFS(articles.FS)
	if err != nil {
		t.Fatal(err)
	}
	topics, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	// the analyzer remembers every word it normalises
	an := NewAnalyzer()
	for i := range arts {
		a := &arts[i]
		for _, s := range append([]string{a.Title, a.Dek, a.Byline}, a.References...) {
			an.Tokenize(s)
		}
		c, err := a.Content()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Passages {
			an.Tokenize(p.Text)
		}
	}
	topics.analyse(an)
	genericTerms(an)
	words := map[string]bool{}
	for raw := range an.stems {
		// numbers are not stemmed (see foldAndStem): nothing to cache
		if w := Fold(raw); w != "" && fold.IsASCII(w) && hasWordRune(w) && !strings.ContainsAny(w, "0123456789\t\n") {
			words[w] = true
		}
	}
	var b strings.Builder
	for _, w := range slices.Sorted(maps.Keys(words)) {
		b.WriteString(w)
		if stem := english.Stem(w, true); stem != w {
			b.WriteString("\t" + stem)
		}
		b.WriteString("\n")
	}
	return b.String()
}
