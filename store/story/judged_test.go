package story_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"dispatch/internal/fold"
	"dispatch/store/story"
)

// Floors of the judged scores: set from the first honest run, then raised
// (see docs/STORIES.md for the history). First honest run:
// copies P 1.000 R 1.000; stories B-cubed F1 0.785, pairwise F1 0.435;
// facets micro-F1 0.994; only-in P 0.975; left-out P 1.000; disagreements
// P 1.000 R 0.833. Raised to what tuning reached once it held through the
// identities, copies and stories kept in the index: they only go up.
var floors = map[string]float64{
	"copies precision":        1.00,
	"copies recall":           1.00,
	"stories B-cubed F1":      1.00,
	"stories pairwise F1":     1.00,
	"facets micro-F1":         0.99,
	"only-in precision":       1.00,
	"disagreements precision": 1.00,
	"disagreements recall":    1.00,
	"left-out precision":      1.00,
}

type factsFile struct {
	Stories []struct {
		Name  string `yaml:"name"`
		Docs  []int  `yaml:"docs"`
		Facts []struct {
			Kind    string         `yaml:"kind"`
			Label   string         `yaml:"label"`
			Aliases []string       `yaml:"aliases"`
			In      map[int]string `yaml:"in"`
		} `yaml:"facts"`
		Disagreements []struct {
			About string `yaml:"about"`
			A     struct {
				Doc  int    `yaml:"doc"`
				Span string `yaml:"span"`
			} `yaml:"a"`
			B struct {
				Doc  int    `yaml:"doc"`
				Span string `yaml:"span"`
			} `yaml:"b"`
		} `yaml:"disagreements"`
	} `yaml:"stories"`
}

// ratio is a score's numerator and denominator.
type ratio struct{ n, d int }

func (r ratio) value() float64 {
	if r.d == 0 {
		return 1
	}
	return float64(r.n) / float64(r.d)
}

func (r *ratio) add(ok bool) {
	r.d++
	if ok {
		r.n++
	}
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// TestJudged scores the engine against the judged stories and prints the
// numbers: go test ./store/story -run Judged -v
func TestJudged(t *testing.T) {
	lib := loadLibrary(t)
	scores := map[string]float64{}
	for k, v := range groupingScores(t, lib) {
		scores[k] = v
	}
	for k, v := range facetScores(t, lib) {
		scores[k] = v
	}
	for _, k := range slices.Sorted(maps.Keys(floors)) {
		t.Logf("%-26s %.3f (floor %.3f)", k, scores[k], floors[k])
		if scores[k] < floors[k] {
			t.Errorf("%s fell to %.3f, below its floor %.3f", k, scores[k], floors[k])
		}
	}
}

func groupingScores(t *testing.T, lib judgedLibrary) map[string]float64 {
	g := story.NewGrouper()
	for _, id := range lib.ids {
		g.Add(story.Extract(lib.docs[id]))
	}
	// copies: pairs of ids
	gold := map[[2]int]bool{}
	for _, c := range lib.copies {
		for _, a := range c {
			for _, b := range c {
				if a < b {
					gold[[2]int{a, b}] = true
				}
			}
		}
	}
	var p, r ratio
	got := map[[2]int]bool{}
	for _, id := range lib.ids {
		for _, c := range g.CopiesOf(id) {
			if id < c {
				got[[2]int{id, c}] = true
				p.add(gold[[2]int{id, c}])
				if !gold[[2]int{id, c}] {
					t.Logf("copies: %d and %d are not copies", id, c)
				}
			}
		}
	}
	for pair := range gold {
		r.add(got[pair])
		if !got[pair] {
			t.Logf("copies: missed %d and %d", pair[0], pair[1])
		}
	}
	// stories
	goldOf, gotOf := map[int]string{}, map[int]int{}
	for name, ids := range lib.stories {
		for _, id := range ids {
			goldOf[id] = name
		}
	}
	for _, s := range g.Stories() {
		t.Logf("story %d %q: %v", s.ID, s.Headline, s.Members)
		for _, id := range s.Members {
			gotOf[id] = s.ID
		}
	}
	var bp, br float64
	var pp, pr ratio
	for _, a := range lib.ids {
		sameGot, sameGold, both := 0, 0, 0
		for _, b := range lib.ids {
			sg, sd := gotOf[a] == gotOf[b], goldOf[a] == goldOf[b]
			if sg {
				sameGot++
			}
			if sd {
				sameGold++
			}
			if sg && sd {
				both++
			}
			if a < b {
				if sg {
					pp.add(sd)
				}
				if sd {
					pr.add(sg)
				}
			}
		}
		bp += float64(both) / float64(sameGot)
		br += float64(both) / float64(sameGold)
	}
	n := float64(len(lib.ids))
	return map[string]float64{
		"copies precision":    p.value(),
		"copies recall":       r.value(),
		"stories B-cubed F1":  f1(bp/n, br/n),
		"stories pairwise F1": f1(pp.value(), pr.value()),
	}
}

// norm is a label as compared: folded, lower case, letters and digits.
func norm(s string) string {
	s = strings.ToLower(fold.Accents(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

func facetScores(t *testing.T, lib judgedLibrary) map[string]float64 {
	var ff factsFile
	readYAML(t, "facts.yaml", &ff)
	var tp, fp, fn int
	var only, onlyRecall, missing, disP, disR ratio
	for _, js := range ff.Stories {
		var docs []story.Doc
		for _, id := range js.Docs {
			docs = append(docs, lib.docs[id])
		}
		v := story.Compare(docs)
		docOfSource := map[int]int{}
		for s, src := range v.Sources {
			if len(src.Docs) != 1 {
				t.Fatalf("%s: source %q has docs %v; the judged stories have one doc a source", js.Name, src.Name, src.Docs)
			}
			docOfSource[s] = src.Docs[0]
		}
		type judged struct {
			kind   story.Kind
			labels []string
			gold   map[int]bool
			spans  []story.Span
		}
		var facts []judged
		for _, f := range js.Facts {
			j := judged{kind: kindOf(t, f.Kind), gold: map[int]bool{}}
			for _, l := range append([]string{f.Label}, f.Aliases...) {
				j.labels = append(j.labels, norm(l))
			}
			for id, span := range f.In {
				sp, err := locate(lib.docs[id], span)
				if err != nil {
					t.Fatalf("facts.yaml: %s: %s: %v", js.Name, f.Label, err)
				}
				j.gold[id] = true
				j.spans = append(j.spans, sp)
			}
			facts = append(facts, j)
		}
		// each facet to the judged fact it is: by label, else by a span
		// overlapping one judged and a label inside the other
		match := make([]int, len(v.Facets))
		predicted := make([]map[int]bool, len(facts))
		for i := range predicted {
			predicted[i] = map[int]bool{}
		}
		for fi, fc := range v.Facets {
			match[fi] = -1
			if fc.Kind == story.Topic {
				continue
			}
			l := norm(fc.Label)
			for ji, j := range facts {
				if j.kind == fc.Kind && slices.Contains(j.labels, l) {
					match[fi] = ji
					break
				}
			}
			for ji, j := range facts {
				if match[fi] >= 0 || j.kind != fc.Kind {
					continue
				}
				contains := slices.ContainsFunc(j.labels, func(jl string) bool {
					return strings.Contains(" "+jl+" ", " "+l+" ") || strings.Contains(" "+l+" ", " "+jl+" ")
				})
				if contains && slices.ContainsFunc(fc.Cells, func(c story.Cell) bool {
					return slices.ContainsFunc(c.Spans, func(sp story.Span) bool {
						return slices.ContainsFunc(j.spans, func(js story.Span) bool { return overlap(sp, js) })
					})
				}) {
					match[fi] = ji
				}
			}
			if match[fi] < 0 {
				fp += len(fc.Cells)
				t.Logf("%s: unjudged %s %q in %d sources", js.Name, fc.Kind, fc.Label, len(fc.Cells))
				continue
			}
			for _, c := range fc.Cells {
				predicted[match[fi]][docOfSource[c.Source]] = true
			}
		}
		for ji, j := range facts {
			for id := range predicted[ji] {
				if j.gold[id] {
					tp++
				} else {
					fp++
					t.Logf("%s: %q is not in doc %d", js.Name, j.labels[0], id)
				}
			}
			for id := range j.gold {
				if !predicted[ji][id] {
					fn++
					t.Logf("%s: missed %q in doc %d", js.Name, j.labels[0], id)
				}
			}
		}
		onlyFound := map[int]bool{}
		for _, fi := range v.Only {
			fc := v.Facets[fi]
			if fc.Kind == story.Topic {
				continue
			}
			id := docOfSource[fc.Cells[0].Source]
			ok := match[fi] >= 0 && len(facts[match[fi]].gold) == 1 && facts[match[fi]].gold[id]
			only.add(ok)
			if ok {
				onlyFound[match[fi]] = true
			} else {
				t.Logf("%s: wrong only-in: %q in doc %d", js.Name, fc.Label, id)
			}
		}
		for ji, j := range facts {
			if len(j.gold) == 1 {
				onlyRecall.add(onlyFound[ji])
			}
		}
		n := len(v.Sources)
		for _, gap := range v.Missing {
			fc := v.Facets[gap.Facet]
			if fc.Kind == story.Topic {
				continue
			}
			id := docOfSource[gap.Source]
			ji := match[gap.Facet]
			ok := ji >= 0 && !facts[ji].gold[id] && 2*len(facts[ji].gold) > n-1
			missing.add(ok)
			if !ok {
				t.Logf("%s: wrong left-out: %q in doc %d", js.Name, fc.Label, id)
			}
		}
		// disagreements, as pairs of claims from two sides
		type pair struct{ a, b story.Span }
		var gold []pair
		for _, d := range js.Disagreements {
			a, errA := locate(lib.docs[d.A.Doc], d.A.Span)
			b, errB := locate(lib.docs[d.B.Doc], d.B.Span)
			if errA != nil || errB != nil {
				t.Fatalf("facts.yaml: %s: %v %v", js.Name, errA, errB)
			}
			gold = append(gold, pair{a, b})
		}
		found := make([]bool, len(gold))
		for _, d := range v.Disagreements {
			for x := range d.Sides {
				for y := x + 1; y < len(d.Sides); y++ {
					for _, cx := range d.Sides[x].Claims {
						for _, cy := range d.Sides[y].Claims {
							k := slices.IndexFunc(gold, func(g pair) bool {
								return overlap(cx.Span, g.a) && overlap(cy.Span, g.b) || overlap(cx.Span, g.b) && overlap(cy.Span, g.a)
							})
							disP.add(k >= 0)
							if k >= 0 {
								found[k] = true
							} else {
								t.Logf("%s: wrong disagreement on %q: %q (doc %d) against %q (doc %d)", js.Name, d.About,
									cx.Value, cx.Span.Doc, cy.Value, cy.Span.Doc)
							}
						}
					}
				}
			}
		}
		for k, ok := range found {
			disR.add(ok)
			if !ok {
				t.Logf("%s: missed disagreement %q: doc %d against doc %d", js.Name, js.Disagreements[k].About,
					js.Disagreements[k].A.Doc, js.Disagreements[k].B.Doc)
			}
		}
	}
	p, r := ratio{tp, tp + fp}.value(), ratio{tp, tp + fn}.value()
	t.Logf("facets: precision %.3f recall %.3f; only-in recall %.3f (%d/%d)", p, r, onlyRecall.value(), onlyRecall.n, onlyRecall.d)
	t.Logf("counts: only-in %d/%d, left-out %d/%d, disagreements %d/%d found, %d/%d right", only.n, only.d,
		missing.n, missing.d, disR.n, disR.d, disP.n, disP.d)
	return map[string]float64{
		"facets micro-F1":         f1(p, r),
		"only-in precision":       only.value(),
		"left-out precision":      missing.value(),
		"disagreements precision": disP.value(),
		"disagreements recall":    disR.value(),
	}
}

func kindOf(t *testing.T, k string) story.Kind {
	switch k {
	case "name":
		return story.Name
	case "number":
		return story.Number
	case "date":
		return story.Date
	case "quote":
		return story.Quote
	}
	t.Fatalf("facts.yaml: unknown kind %q", k)
	return 0
}
