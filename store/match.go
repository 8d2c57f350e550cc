package store

import (
	"slices"
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

// clauseStarts returns the distinct positions where any alternative of c,
// or a related form, starts, ascending.
func clauseStarts(c Clause, positions positionsFunc) []int32 {
	if len(c.Alts) == 1 && len(c.Related) == 0 {
		return altStarts(c.Alts[0], positions)
	}
	var all []int32
	for _, alt := range slices.Concat(c.Alts, c.Related) {
		all = append(all, altStarts(alt, positions)...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// Span is a matched stretch of a text, in byte offsets.
type Span struct {
	Start, End int
}

// TextIndex is one text's tokens looked up by term, for finding queries in
// the same text again and again (the reader re-highlights on every key).
type TextIndex struct {
	tokens     Tokens
	byTerm     map[string][]int32
	compoundAt map[int32][]Token
}

// IndexText tokenizes text for repeated Find calls.
func (an *Analyzer) IndexText(text string) *TextIndex {
	return newTextIndex(an.Tokenize(text))
}

func newTextIndex(tokens Tokens) *TextIndex {
	ti := &TextIndex{tokens: tokens, byTerm: map[string][]int32{}, compoundAt: map[int32][]Token{}}
	for _, w := range tokens.Words {
		ti.byTerm[w.Term] = append(ti.byTerm[w.Term], int32(w.Pos))
	}
	for _, c := range tokens.Compounds {
		ps := ti.byTerm[c.Term]
		// compounds come after words: keep each term's positions ascending
		i, _ := slices.BinarySearch(ps, int32(c.Pos))
		ti.byTerm[c.Term] = slices.Insert(ps, i, int32(c.Pos))
		ti.compoundAt[int32(c.Pos)] = append(ti.compoundAt[int32(c.Pos)], c)
	}
	return ti
}

// Find returns where the query's clauses match in tokens of text, as
// ascending, non-overlapping byte spans. Excluded clauses are not shown.
func (q Query) Find(tokens Tokens) []Span {
	if len(q.Must) == 0 || len(tokens.Words) == 0 {
		return nil
	}
	return q.FindIn(newTextIndex(tokens))
}

// FindIn is Find on an indexed text.
func (q Query) FindIn(ti *TextIndex) []Span {
	words := ti.tokens.Words
	if len(q.Must) == 0 || len(words) == 0 {
		return nil
	}
	positions := func(term string) []int32 { return ti.byTerm[term] }
	var spans []Span
	for _, c := range q.Must {
		for _, alt := range slices.Concat(c.Alts, c.Related) {
			for _, p := range altStarts(alt, positions) {
				end := min(int(p)+len(alt)-1, len(words)-1)
				span := Span{Start: words[p].Start, End: words[end].End}
				if len(alt) == 1 && words[p].Term != alt[0] {
					for _, comp := range ti.compoundAt[p] {
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
