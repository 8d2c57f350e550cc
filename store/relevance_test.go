package store_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"dispatch/store"
)

// The judged collection (testdata/relevance/judgments.yaml) was written by
// reading the shipped articles before any tuning of the ranking: for each
// query, which articles answer it and how well (3 central, 2 substantial, 1
// passing), and the passage that does; for passages, which passages of other
// articles say the same. Articles are named by their seed file (origin),
// passages by a verbatim piece of their text, so the judgments outlive
// renumbering and re-parsing.

type judgments struct {
	Search []struct {
		Query    string
		Kind     string
		Relevant []judged
	}
	RelatedPassages []struct {
		Origin  string
		Passage string
		Related []judged
	} `yaml:"related_passages"`
}

type judged struct {
	Origin  string
	Grade   int
	Passage string
}

// relevance is a ranking's quality over the judged queries.
type relevance struct {
	ndcg3, mrr float64 // means over the queries
	n          int
}

// Thresholds the collection must keep, a little under what is measured (see
// docs/PERFORMANCE.md): a change that makes answers worse fails here.
const (
	minSearchNDCG3  = 0.82 // measured 0.856
	minSearchMRR    = 0.90 // 0.935
	minPassageNDCG3 = 0.37 // 0.382
	minPassageMRR   = 0.55 // 0.577
)

func TestShippedRelevance(t *testing.T) {
	data, err := os.ReadFile("testdata/relevance/judgments.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var j judgments
	if err := yaml.Unmarshal(data, &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Search) < 40 {
		t.Fatalf("%d judged queries, want at least 40", len(j.Search))
	}
	lib := shipped(t)
	an := lib.Index().Analyzer()
	byOrigin := map[string]int{}
	for d := range lib.Len() {
		byOrigin[lib.Article(d).Origin] = d
	}

	all, kinds := relevance{}, map[string]*relevance{}
	for _, q := range j.Search {
		gains := map[int]int{}
		for _, r := range q.Relevant {
			d, ok := byOrigin[r.Origin]
			if !ok {
				t.Fatalf("%q: no shipped article from %s", q.Query, r.Origin)
			}
			gains[d] = r.Grade
		}
		var ranked []int
		for _, h := range lib.Index().Search(an.ParseQuery(q.Query), 0, nil).Hits {
			ranked = append(ranked, h.Doc)
		}
		ndcg, rr := score(ranked, func(d int) int { return gains[d] }, maxGrades(q.Relevant))
		if testing.Verbose() && ndcg < 1 {
			t.Logf("search %-32q nDCG@3 %.2f  RR %.2f  ranked %v", q.Query, ndcg, rr, origins(lib, ranked))
		}
		all.add(ndcg, rr)
		if kinds[q.Kind] == nil {
			kinds[q.Kind] = &relevance{}
		}
		kinds[q.Kind].add(ndcg, rr)
	}

	passages := relevance{}
	for _, src := range j.RelatedPassages {
		d, p := findPassage(t, lib, byOrigin, src.Origin, src.Passage)
		gain := func(dp [2]int) int {
			for _, r := range src.Related {
				if od, op := findPassage(t, lib, byOrigin, r.Origin, r.Passage); od == dp[0] && op == dp[1] {
					return r.Grade
				}
			}
			return 0
		}
		var ranked [][2]int
		for _, rp := range lib.Related().Passages(d, p) {
			ranked = append(ranked, [2]int{rp.Doc, rp.Passage})
		}
		ndcg, rr := score(ranked, gain, maxGrades(src.Related))
		if testing.Verbose() && ndcg < 1 {
			t.Logf("passage %-40q nDCG@3 %.2f  RR %.2f", clipText(src.Passage, 40), ndcg, rr)
		}
		passages.add(ndcg, rr)
	}

	t.Logf("search: %d queries, nDCG@3 %.3f, MRR %.3f", all.n, all.mean().ndcg3, all.mean().mrr)
	for _, k := range sortedKeys(kinds) {
		m := kinds[k].mean()
		t.Logf("  %-13s %2d queries, nDCG@3 %.3f, MRR %.3f", k, kinds[k].n, m.ndcg3, m.mrr)
	}
	t.Logf("related passages: %d sources, nDCG@3 %.3f, MRR %.3f", passages.n, passages.mean().ndcg3, passages.mean().mrr)
	if m := all.mean(); m.ndcg3 < minSearchNDCG3 || m.mrr < minSearchMRR {
		t.Errorf("search: nDCG@3 %.3f, MRR %.3f; want at least %.2f, %.2f", m.ndcg3, m.mrr, minSearchNDCG3, minSearchMRR)
	}
	if m := passages.mean(); m.ndcg3 < minPassageNDCG3 || m.mrr < minPassageMRR {
		t.Errorf("related passages: nDCG@3 %.3f, MRR %.3f; want at least %.2f, %.2f", m.ndcg3, m.mrr, minPassageNDCG3, minPassageMRR)
	}
}

func (r *relevance) add(ndcg, rr float64) { r.ndcg3 += ndcg; r.mrr += rr; r.n++ }

func (r relevance) mean() relevance {
	if r.n == 0 {
		return r
	}
	return relevance{ndcg3: r.ndcg3 / float64(r.n), mrr: r.mrr / float64(r.n), n: r.n}
}

// score is nDCG@3 and the reciprocal rank of the first relevant item of a
// ranking. A query nothing answers scores 1 when nothing is returned and 0
// otherwise: inventing an answer is a failure too.
func score[T comparable](ranked []T, gain func(T) int, ideal []int) (ndcg, rr float64) {
	if len(ideal) == 0 {
		if len(ranked) == 0 {
			return 1, 1
		}
		return 0, 0
	}
	dcg := func(gains []int) float64 {
		s := 0.0
		for i, g := range gains[:min(3, len(gains))] {
			s += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
		}
		return s
	}
	var got []int
	seen := map[T]bool{}
	for _, item := range ranked {
		if seen[item] {
			continue
		}
		seen[item] = true
		g := gain(item)
		got = append(got, g)
		if g > 0 && rr == 0 {
			rr = 1 / float64(len(got))
		}
	}
	return dcg(got) / dcg(ideal), rr
}

// maxGrades are the judged grades, best first: the ideal ranking's gains.
func maxGrades(rs []judged) []int {
	var g []int
	for _, r := range rs {
		g = append(g, r.Grade)
	}
	slices.Sort(g)
	slices.Reverse(g)
	return g
}

// findPassage is the article of origin and its passage holding text.
func findPassage(t *testing.T, lib *store.Library, byOrigin map[string]int, origin, text string) (int, int) {
	t.Helper()
	d, ok := byOrigin[origin]
	if !ok {
		t.Fatalf("no shipped article from %s", origin)
	}
	c := content(t, lib, d)
	for p, pass := range c.Passages {
		if strings.Contains(pass.Text, text) {
			return d, p
		}
	}
	t.Fatalf("%s has no passage with %q", origin, text)
	return -1, -1
}

func origins(lib *store.Library, docs []int) []string {
	var out []string
	for _, d := range docs {
		out = append(out, fmt.Sprint(lib.Article(d).Origin[:3]))
	}
	return out
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
