package store_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store"
)

func TestRelatedIsSymmetricAndExcludesSelf(t *testing.T) {
	lib := embedded(t)
	r := lib.Related
	for a := range lib.Articles {
		for _, ra := range r.Articles(a) {
			if ra.Doc == a {
				t.Errorf("article %d is related to itself", a+1)
			}
			if s := r.Similarity(ra.Doc, a); math.Abs(s-ra.Score) > 1e-9 {
				t.Errorf("similarity %d~%d = %v but %d~%d = %v", a+1, ra.Doc+1, ra.Score, ra.Doc+1, a+1, s)
			}
			back := slices.IndexFunc(r.Articles(ra.Doc), func(x store.RelatedArticle) bool { return x.Doc == a })
			if back < 0 {
				t.Errorf("%d lists %d as related but not the other way", a+1, ra.Doc+1)
			}
			if len(ra.SharedTerms) == 0 {
				t.Errorf("%d~%d: no shared terms to explain it", a+1, ra.Doc+1)
			}
		}
		for p := range lib.Articles[a].PassageCount {
			for _, rp := range r.Passages(a, p) {
				if rp.Doc == a {
					t.Errorf("passage %d.%d related to its own article", a+1, p)
				}
			}
		}
	}
}

func TestRelatedIsStable(t *testing.T) {
	first := embedded(t).Related.Articles(0)
	for range 5 {
		again := embedded(t).Related.Articles(0)
		if len(again) != len(first) {
			t.Fatalf("run to run: %d vs %d related", len(again), len(first))
		}
		for i := range first {
			if again[i].Doc != first[i].Doc || again[i].Score != first[i].Score || !slices.Equal(again[i].SharedTerms, first[i].SharedTerms) {
				t.Fatalf("run to run, related[%d] differs: %+v vs %+v", i, again[i], first[i])
			}
		}
	}
}

// Hand-made documents where the answer is obvious: two about a grain
// corridor in the Black Sea, one about a football match.
func TestRelatedObviousAnswers(t *testing.T) {
	fsys := fstest.MapFS{
		"1.md": {Data: []byte("---\ntitle: Grain corridor reopens\n---\nShips carrying grain left Odesa through the Black Sea corridor. Insurers watched the grain corridor closely.\n\nThe weather was mild.\n")},
		"2.md": {Data: []byte("---\ntitle: Black Sea shipping\n---\nThe weather was mild on Tuesday.\n\nGrain exports through the Black Sea corridor rose as ships left Odesa.\n")},
		"3.md": {Data: []byte("---\ntitle: Cup final\n---\nThe striker scored twice in the final minutes of the football match.\n\nFans sang in the stadium.\n")},
	}
	arts, err := store.LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary(arts, mustTopics(t))
	r := lib.Related
	rel := r.Articles(0)
	if len(rel) == 0 || rel[0].Doc != 1 {
		t.Fatalf("grain article's related: %+v, want the shipping article first", rel)
	}
	if r.Similarity(0, 1) <= r.Similarity(0, 2) {
		t.Errorf("grain~shipping %v should beat grain~football %v", r.Similarity(0, 1), r.Similarity(0, 2))
	}
	shared := strings.Join(rel[0].SharedTerms, " ")
	for _, w := range []string{"grain", "corridor", "odesa"} {
		if !strings.Contains(shared, w) {
			t.Errorf("shared terms %q lack %q", shared, w)
		}
	}
	if strings.Contains(shared, "the") || strings.Contains(shared, "was") {
		t.Errorf("shared terms %q include stop words", shared)
	}
	// the grain paragraph of 1 matches the grain paragraph of 2, not its weather line
	ps := r.Passages(0, 0)
	if len(ps) == 0 || ps[0].Doc != 1 || ps[0].Passage != 1 {
		t.Errorf("related passages of the grain paragraph: %+v, want article 2 passage 1", ps)
	}
	for _, p := range ps {
		if p.Doc == 2 {
			t.Errorf("the football match is not about grain: %+v", p)
		}
	}
}

func TestRelatedPassageExample(t *testing.T) {
	// From the issue: a reader on the paragraph about buffer corridors can
	// jump to the passage on humanitarian corridors in another report.
	lib := embedded(t)
	a := lib.Articles[0]
	p := slices.IndexFunc(a.MustContent().Passages, func(p store.Passage) bool { return p.Text == "Demilitarized buffer corridors" })
	rel := lib.Related.Passages(0, p)
	if len(rel) == 0 {
		t.Fatal("no passage related to the buffer corridors")
	}
	got := lib.Articles[rel[0].Doc].MustContent().Passages[rel[0].Passage].Text
	if !strings.Contains(got, "humanitarian access corridors") {
		t.Errorf("best related passage: %q", got)
	}
}

func TestRelatedKnownTellsLookupsFromWork(t *testing.T) {
	lib := embedded(t)
	r := store.NewRelated(lib.Index, lib.Topics, lib.Articles)
	if r.Known(0, -1) {
		t.Fatal("known before anything was computed")
	}
	r.Articles(0)
	if !r.Known(0, -1) || r.Known(0, 1) || r.Known(1, -1) {
		t.Errorf("after Articles(0): known(0) %v, known(0, passage 1) %v, known(1) %v", r.Known(0, -1), r.Known(0, 1), r.Known(1, -1))
	}
	r.Passages(0, 1)
	if !r.Known(0, 1) || r.Known(0, 2) || r.Known(0, 1<<20) {
		t.Errorf("after Passages(0, 1): known(0, 1) %v, known(0, 2) %v, known(0, huge) %v", r.Known(0, 1), r.Known(0, 2), r.Known(0, 1<<20))
	}
}
