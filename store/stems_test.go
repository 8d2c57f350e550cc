package store

import (
	"flag"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"dispatch/articles"
)

var updateStems = flag.Bool("update-stems", false, "rewrite store/stems.txt from the embedded articles, topics and generic words")

// stemTable is what stems.txt must hold: every folded word the embedded
// library's loading stems, with its stem from the stemmer itself.
func stemTable(t *testing.T) string {
	t.Helper()
	arts, err := LoadFS(articles.FS)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := DefaultTopics()
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
		for _, p := range a.MustContent().Passages {
			an.Tokenize(p.Text)
		}
	}
	tm.analyse(an)
	genericTerms(an)
	words := map[string]bool{}
	for raw := range an.stems {
		if w := Fold(raw); w != "" && isASCII(w) && hasWordRune(w) {
			words[w] = true
		}
	}
	var b strings.Builder
	for _, w := range slices.Sorted(maps.Keys(words)) {
		if strings.ContainsAny(w, "\t\n") {
			continue
		}
		b.WriteString(w)
		if stem := english.Stem(w, true); stem != w {
			b.WriteString("\t" + stem)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestKnownStemsAreCurrent(t *testing.T) {
	want := stemTable(t)
	if *updateStems {
		if err := os.WriteFile("stems.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if stemsText != want {
		t.Fatal("store/stems.txt does not match the embedded articles and topics; run: go test ./store -run TestKnownStemsAreCurrent -update-stems")
	}
}

func TestKnownStemsAgreeWithTheStemmer(t *testing.T) {
	known := knownStems()
	if len(known) < 1000 {
		t.Fatalf("only %d known stems", len(known))
	}
	for w, stem := range known {
		if got := english.Stem(w, true); got != stem {
			t.Errorf("known stem of %q is %q, the stemmer says %q", w, stem, got)
		}
	}
}
