package story

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// names finds the names of every document and merges their variants into
// facets: "U.S.", "US" and "United States"; "Secretary Rubio" and "Marco
// Rubio".
func (b *builder) names(toks [][]passageToks) {
	conf := confirmed(toks)
	type variant struct {
		key      string
		words    []string
		acronym  bool
		mentions int
		label    string
		order    int
	}
	var all [][]nameMention
	variants := map[string]*variant{}
	var keys []string
	for _, ps := range toks {
		var ms []nameMention
		for p, pt := range ps {
			for _, m := range findNames(p, pt, conf) {
				ms = append(ms, m)
				v := variants[m.key]
				if v == nil {
					v = &variant{key: m.key, words: m.words, acronym: true, label: pt.text[m.start:m.end], order: len(keys)}
					variants[m.key] = v
					keys = append(keys, m.key)
				}
				v.mentions++
				v.acronym = v.acronym && m.acronym
			}
		}
		all = append(all, ms)
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := find(p)
			parent[k] = r
			return r
		}
		return k
	}
	// one variant, one expansion: an acronym joins the one longer name with
	// its initials, a single word the one longer name it ends
	for _, k := range keys {
		v := variants[k]
		if len(v.words) != 1 {
			continue
		}
		var match []string
		for _, l := range keys {
			w := variants[l]
			if len(w.words) < 2 {
				continue
			}
			if v.acronym && initials(w.words) == k || !v.acronym && w.words[len(w.words)-1] == k {
				match = append(match, l)
			}
		}
		if len(match) == 1 {
			parent[find(k)] = find(match[0])
		}
	}
	// the group's label is its fullest variant
	best := map[string]*variant{}
	for _, k := range keys {
		r := find(k)
		v, cur := variants[k], best[r]
		if cur == nil || len(v.words) > len(cur.words) || len(v.words) == len(cur.words) && v.mentions > cur.mentions {
			best[r] = v
		}
	}
	b.nameKey = make([][]string, len(all))
	b.nameMentions = all
	for i, ms := range all {
		for _, m := range ms {
			r := find(m.key)
			b.nameKey[i] = append(b.nameKey[i], r)
			b.state(Name, r, best[r].label, i, Span{b.reps[i].ID, m.passage, m.start, m.end})
		}
	}
	b.nameLabel = map[string]string{}
	for r, v := range best {
		b.nameLabel[r] = v.label
	}
}

// initials of a name's words: "us" for "united states".
func initials(words []string) string {
	var sb strings.Builder
	for _, w := range words {
		for _, r := range w {
			sb.WriteRune(unicode.ToLower(r))
			break
		}
	}
	return sb.String()
}

// quoteMention is one quoted phrase.
type quoteMention struct {
	passage    int
	start, end int // the quotation marks included
	key        string
}

// findQuotes returns the quoted phrases of two words or more of a passage.
func findQuotes(p int, pt passageToks) []quoteMention {
	var out []quoteMention
	text := pt.text
	for i := 0; i < len(text); {
		open, closeMark := "", ""
		switch {
		case strings.HasPrefix(text[i:], "“"):
			open, closeMark = "“", "”"
		case text[i] == '"':
			open, closeMark = "\"", "\""
		default:
			i++
			continue
		}
		j := strings.Index(text[i+len(open):], closeMark)
		if j < 0 {
			break
		}
		inner := text[i+len(open) : i+len(open)+j]
		end := i + len(open) + j + len(closeMark)
		var words []string
		for _, t := range tokenize(inner, nil) {
			words = append(words, foldWord(inner[t.start:t.end]))
		}
		if len(words) >= 2 {
			out = append(out, quoteMention{passage: p, start: i, end: end, key: strings.Join(words, " ")})
		}
		i = end
	}
	return out
}

// quotes makes a facet of each quoted phrase; a phrase of three words or
// more inside a longer one quoted in the story is that one.
func (b *builder) quotes(toks [][]passageToks) {
	type found struct {
		q quoteMention
		i int
	}
	var all []found
	for i, ps := range toks {
		for p, pt := range ps {
			for _, q := range findQuotes(p, pt) {
				all = append(all, found{q, i})
			}
		}
	}
	// longest first, so that a phrase finds the longer quote it is part of
	order := slices.Clone(all)
	slices.SortStableFunc(order, func(a, c found) int { return cmp.Compare(len(c.q.key), len(a.q.key)) })
	var longer []string
	keyOf := map[string]string{}
	for _, f := range order {
		k := f.q.key
		if _, ok := keyOf[k]; ok {
			continue
		}
		keyOf[k] = k
		if strings.Count(k, " ") >= 2 {
			for _, l := range longer {
				if strings.Contains(" "+l+" ", " "+k+" ") {
					keyOf[k] = l
					break
				}
			}
		}
		longer = append(longer, k)
	}
	labels := map[string]string{}
	for _, f := range all {
		if _, ok := labels[f.q.key]; !ok {
			labels[f.q.key] = quoteLabel(toks[f.i][f.q.passage].text[f.q.start:f.q.end])
		}
	}
	for _, f := range all {
		k := keyOf[f.q.key]
		b.state(Quote, k, labels[k], f.i, Span{b.reps[f.i].ID, f.q.passage, f.q.start, f.q.end})
	}
}

// quoteLabel is a quotation without its marks and closing punctuation.
func quoteLabel(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "“"), "\"")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "”"), "\"")
	return strings.TrimRight(s, ".,;: ")
}
