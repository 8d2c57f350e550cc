package store

import (
	"slices"
	"sort"
	"strings"
)

// spelling is one folded word as it occurs in the articles, with its term.
type spelling struct {
	word, term string
}

// Prefix expansion limits: the word being typed turns into at most
// maxPrefixTerms words, the most widely used first, and stops adding words
// once they cover prefixPostings times the library, or minPrefixPostings
// articles in small libraries (a two-letter prefix of a large library would
// otherwise search half its vocabulary per key). Covering the library once
// is enough for a word one or two letters long, which finds most of it
// whatever words it stands for; three times over cost a key at 100,000
// articles 26 ms for the first letter and 36 ms for the second.
const (
	maxPrefixTerms    = 64
	prefixPostings    = 1
	minPrefixPostings = 20000
)

// Expand resolves the word being typed in a query (see ParseTyping) into the
// indexed words it begins, most frequent first: each becomes an alternative,
// so "guar" finds guarantee, guaranteed and guard. A prefix nothing begins
// stays as typed, so the query finds nothing and Suggest can help.
func (ix *Index) Expand(q Query) Query {
	expand := func(cs []Clause) []Clause {
		out := slices.Clone(cs)
		for i, c := range out {
			if c.prefix == "" {
				continue
			}
			terms := ix.termsWithPrefix(c.prefix)
			if len(terms) == 0 {
				continue
			}
			base := c.Alts[0]
			var alts [][]string
			if c.fromCompound {
				// a hyphenated word being typed ("cease-fire") is already
				// whole: its forms stay ("ceasefire") beside the words its
				// last part begins
				alts = slices.Clone(c.Alts)
			}
			for _, t := range terms {
				alts = append(alts, append(slices.Clone(base[:len(base)-1]), t))
			}
			c.Alts, c.prefix = alts, ""
			out[i] = c
		}
		return out
	}
	q.Must, q.Not = expand(q.Must), expand(q.Not)
	return q
}

// termsWithPrefix returns the terms of the words beginning with prefix, the
// most widely used first.
func (ix *Index) termsWithPrefix(prefix string) []string {
	n := ix.numSpellings()
	i := sort.Search(n, func(i int) bool { return ix.spellingAt(i).word >= prefix })
	type candidate struct {
		term string
		df   int
	}
	seen := map[string]bool{}
	var found []candidate // in spelling order; each term's frequency looked up once
	for ; i < n && strings.HasPrefix(ix.spellingAt(i).word, prefix); i++ {
		if t := ix.spellingAt(i).term; !seen[t] {
			seen[t] = true
			found = append(found, candidate{t, ix.docFreq(t)})
		}
	}
	slices.SortStableFunc(found, func(a, b candidate) int { return b.df - a.df })
	covered, limit := 0, max(prefixPostings*len(ix.docLen), minPrefixPostings)
	var terms []string
	for n, c := range found {
		if n == maxPrefixTerms || n > 0 && covered >= limit {
			break
		}
		terms = append(terms, c.term)
		covered += c.df
	}
	return terms
}
