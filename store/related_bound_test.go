package store

import (
	"os"
	"slices"
	"testing"

	"dispatch/internal/benchcorpus"
	"dispatch/store/article"
)

// TestRelatedBoundKeepsTheTenBest: reading an article's topics only while
// its score could still reach the ten best gives the same ten, with the
// same scores, as scoring every article sharing a term.
func TestRelatedBoundKeepsTheTenBest(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchcorpus.WriteDir(dir, 11, 300); err != nil {
		t.Fatal(err)
	}
	topics, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	lib := Load(nil, article.List([]article.Source{{FS: os.DirFS(dir), Label: "c"}}), topics, nil)
	r := lib.Related()
	pruned := 0
	for d := range lib.Len() {
		got := r.Articles(d)
		want := everyCandidate(r, d)
		if !slices.EqualFunc(got, want, func(a, b RelatedArticle) bool { return a.Doc == b.Doc && a.Score == b.Score }) {
			t.Fatalf("article %d: %v, every candidate scored gives %v", d, got, want)
		}
		if len(got) == maxRelatedArticles {
			pruned++
		}
	}
	if pruned == 0 {
		t.Fatal("no article had ten related ones: the bound was never used")
	}
}

// everyCandidate is Articles(d) scoring every article that shares a term,
// as it did before the bound.
func everyCandidate(r *Related, d int) []RelatedArticle {
	src := r.vec(d)
	dots := map[int32]float64{}
	var order []int32
	for i, id := range src.ids {
		for _, dw := range r.holders(id) {
			if int(dw.doc) == d {
				continue
			}
			if _, ok := dots[dw.doc]; !ok {
				order = append(order, dw.doc)
			}
			dots[dw.doc] += float64(src.w[i]) * float64(dw.w)
		}
	}
	top := newBest(maxRelatedArticles, byRank)
	for _, o := range order {
		if s := score(dots[o], r.topicOverlap(d, int(o))); s >= minRelatedScore {
			top.add(RelatedArticle{Doc: int(o), Score: s})
		}
	}
	return top.sorted()
}
