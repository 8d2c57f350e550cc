package store_test

import (
	"os"
	"testing"

	"dispatch/store/article"
)

// TestTitleMatchHoldsInALongArticle: the article titled with the word ranks
// above a short item that names it in passing, with a source filter and
// without (issue 24: the title's weight drowned in the long article's
// saturated body, and the four-mention item came first).
func TestTitleMatchHoldsInALongArticle(t *testing.T) {
	arts, err := article.ParseFS(os.DirFS("testdata/harbour"))
	if err != nil {
		t.Fatal(err)
	}
	lib := library(t, arts, fixtureTopics(t))
	for _, query := range []string{"harbour source:lakeside", "harbour", "harbour -source:harbour"} {
		q := lib.Index().Analyzer().ParseQuery(query)
		keep, err := lib.Filter(q)
		if err != nil {
			t.Fatal(err)
		}
		res := lib.Index().Search(q, 10, keep)
		if len(res.Hits) < 2 {
			t.Fatalf("%s: %d hits", query, len(res.Hits))
		}
		if a := lib.Article(res.Hits[0].Doc); a.Title != "Harbour council approves new mooring fees" {
			t.Errorf("%s: %q (%d matches, score %.3f) ranks above the council article (%d matches, score %.3f)",
				query, a.Title, res.Hits[0].Matches, res.Hits[0].Score, res.Hits[1].Matches, res.Hits[1].Score)
		}
	}
}
