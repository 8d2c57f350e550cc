package store_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"dispatch/store"
)

func TestRelatedIsSymmetricAndExcludesSelf(t *testing.T) {
	lib := fixture(t)
	r := lib.Related()
	for a := range lib.Len() {
		for _, ra := range r.Articles(a) {
			if ra.Doc == a {
				t.Errorf("%s is related to itself", name(lib, a))
			}
			if s := r.Similarity(ra.Doc, a); math.Abs(s-ra.Score) > 1e-9 {
				t.Errorf("similarity %s~%s = %v but %s~%s = %v", name(lib, a), name(lib, ra.Doc), ra.Score, name(lib, ra.Doc), name(lib, a), s)
			}
			back := slices.IndexFunc(r.Articles(ra.Doc), func(x store.RelatedArticle) bool { return x.Doc == a })
			if back < 0 {
				t.Errorf("%s lists %s as related but not the other way", name(lib, a), name(lib, ra.Doc))
			}
			if len(ra.SharedTerms) == 0 {
				t.Errorf("%s~%s: no shared terms to explain it", name(lib, a), name(lib, ra.Doc))
			}
			for _, i := range ra.SharedTopics {
				if !lib.Coverage().Carries(a, i) || !lib.Coverage().Carries(ra.Doc, i) {
					t.Errorf("%s~%s share %s, which one of them does not carry", name(lib, a), name(lib, ra.Doc), lib.Topics()[i].Key)
				}
			}
		}
		for p := range lib.Article(a).PassageCount {
			for _, rp := range r.Passages(a, p) {
				if rp.Doc == a {
					t.Errorf("passage %s.%d related to its own article", name(lib, a), p)
				}
			}
		}
	}
}

func TestRelatedIsStable(t *testing.T) {
	first := fixture(t).Related().Articles(0)
	for range 5 {
		again := fixture(t).Related().Articles(0)
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

// In testdata/library the pairs are plain: the two reports on music, the
// two with trawlers, nets and perch.
func TestRelatedPairsTheTestLibrary(t *testing.T) {
	lib := fixture(t)
	tests := []struct {
		article, first string
		shared         []string // among the terms shown to explain it
	}{
		{"festival", "choir", []string{"choir", "concert"}},
		{"choir", "festival", []string{"choir", "concert"}},
		{"fishing", "trawler", []string{"perch", "nets"}},
	}
	for _, tt := range tests {
		rel := lib.Related().Articles(doc(t, lib, tt.article))
		if len(rel) == 0 || name(lib, rel[0].Doc) != tt.first {
			var got []string
			for _, r := range rel {
				got = append(got, name(lib, r.Doc))
			}
			t.Errorf("%s is most like %v, want %s first", tt.article, got, tt.first)
			continue
		}
		for _, w := range tt.shared {
			if !slices.Contains(rel[0].SharedTerms, w) {
				t.Errorf("%s~%s: shared terms %q lack %q", tt.article, tt.first, rel[0].SharedTerms, w)
			}
		}
	}
	festival, choir, drill := doc(t, lib, "festival"), doc(t, lib, "choir"), doc(t, lib, "drill")
	if lib.Related().Similarity(festival, choir) <= lib.Related().Similarity(festival, drill) {
		t.Errorf("festival~choir %v should beat festival~drill %v", lib.Related().Similarity(festival, choir), lib.Related().Similarity(festival, drill))
	}
}

// Hand-made documents where the answer is obvious: two about a grain
// corridor, one about a football match.
func TestRelatedObviousAnswers(t *testing.T) {
	arts := parse(t, map[string]string{
		"1.md": "---\ntitle: Grain corridor reopens\n---\nShips carrying grain left Odesa through the Black Sea corridor. Insurers watched the grain corridor closely.\n\nThe weather was mild.\n",
		"2.md": "---\ntitle: Black Sea shipping\n---\nThe weather was mild on Tuesday.\n\nGrain exports through the Black Sea corridor rose as ships left Odesa.\n",
		"3.md": "---\ntitle: Cup final\n---\nThe striker scored twice in the final minutes of the football match.\n\nFans sang in the stadium.\n",
	})
	lib := library(t, arts, fixtureTopics(t))
	r := lib.Related()
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
	for _, stop := range []string{"the", "was"} {
		if slices.Contains(rel[0].SharedTerms, stop) {
			t.Errorf("shared terms %q include the stop word %q", shared, stop)
		}
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

func TestRelatedKnownTellsLookupsFromWork(t *testing.T) {
	lib := fixture(t) // loaded, not warmed: nothing computed yet
	r := lib.Related()
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

// Warm works out a small library's every relation, so the reader only
// looks them up.
func TestWarmComputesASmallLibraryAhead(t *testing.T) {
	lib := fixture(t)
	lib.Warm()
	for d := range lib.Len() {
		for p := -1; p < lib.Article(d).PassageCount; p++ {
			if !lib.Related().Known(d, p) {
				t.Errorf("after Warm, %s passage %d is not known", name(lib, d), p)
			}
		}
	}
}
