package store

import (
	"slices"
	"sort"
)

// positionsFunc returns the ascending word positions of term in one text.
type positionsFunc func(term string) []int32

// altStarts returns the ascending positions where the term sequence alt
// starts in a text: where alt[0] is at p, alt[1] at p+1, and so on.
func altStarts(alt []string, positions positionsFunc) []int32 {
	starts := positions(alt[0])
	for i := 1; i < len(alt) && len(starts) > 0; i++ {
		next := positions(alt[i])
		var kept []int32
		j := 0
		for _, p := range starts {
			want := p + int32(i)
			for j < len(next) && next[j] < want {
				j++
			}
			if j < len(next) && next[j] == want {
				kept = append(kept, p)
			}
		}
		starts = kept
	}
	return starts
}

// clauseStarts returns the distinct positions where any alternative of c
// starts, ascending.
func clauseStarts(c Clause, positions positionsFunc) []int32 {
	if len(c.Alts) == 1 {
		return altStarts(c.Alts[0], positions)
	}
	var all []int32
	for _, alt := range c.Alts {
		all = append(all, altStarts(alt, positions)...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// Span is a matched stretch of a text, in byte offsets.
type Span struct {
	Start, End int
}

// Find returns where the query's clauses match in tokens of text, as
// ascending, non-overlapping byte spans. Excluded clauses are not shown.
func (q Query) Find(tokens Tokens) []Span {
	if len(q.Must) == 0 || len(tokens.Words) == 0 {
		return nil
	}
	byTerm := map[string][]int32{}
	for _, w := range tokens.Words {
		byTerm[w.Term] = append(byTerm[w.Term], int32(w.Pos))
	}
	compoundAt := map[int32][]Token{}
	for _, c := range tokens.Compounds {
		byTerm[c.Term] = append(byTerm[c.Term], int32(c.Pos))
		compoundAt[int32(c.Pos)] = append(compoundAt[int32(c.Pos)], c)
	}
	for term, ps := range byTerm {
		if !sort.SliceIsSorted(ps, func(i, j int) bool { return ps[i] < ps[j] }) {
			slices.Sort(ps)
			byTerm[term] = ps
		}
	}
	positions := func(term string) []int32 { return byTerm[term] }
	var spans []Span
	for _, c := range q.Must {
		for _, alt := range c.Alts {
			for _, p := range altStarts(alt, positions) {
				end := int(p) + len(alt) - 1
				span := Span{Start: tokens.Words[p].Start, End: tokens.Words[min(end, len(tokens.Words)-1)].End}
				if len(alt) == 1 && tokens.Words[p].Term != alt[0] {
					for _, comp := range compoundAt[p] {
						if comp.Term == alt[0] {
							span.End = comp.End
						}
					}
				}
				spans = append(spans, span)
			}
		}
	}
	return mergeSpans(spans)
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
