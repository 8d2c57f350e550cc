package story

import (
	"cmp"
	"slices"
	"strings"
)

// sameClause is the least likeness (Jaccard, over content words) of the
// clauses around two figures for them to be of the same thing.
const sameClause = 0.3

// clauseWords begin a clause: a figure's clause runs from the last of
// them, or punctuation, or the start of the sentence, to the next.
var clauseWords = map[string]bool{"after": true, "before": true, "when": true, "while": true, "since": true,
	"until": true, "because": true, "but": true, "and": true, "which": true, "who": true, "where": true,
	"although": true, "though": true, "whereas": true, "as": true}

// claimed is a figure with its clause, in one source.
type claimed struct {
	fig    figure
	doc    int // index in reps
	source int
	clause []string // content words of its clause, sorted, each once
}

func (b *builder) disagreements(toks [][]passageToks) {
	groups := map[string][]claimed{} // unit, or the kind of date → claims
	var units []string
	for i, ps := range toks {
		for p, pt := range ps {
			for _, fg := range findFigures(p, pt) {
				g := fg.unit
				if fg.isDate() {
					g = "\x00date" + string(rune('0'+fg.kind))
				} else if fg.value < 0 {
					continue // "millions" has no value to disagree with
				}
				if _, ok := groups[g]; !ok {
					units = append(units, g)
				}
				groups[g] = append(groups[g], claimed{fg, i, b.docSource[i], clauseOf(pt, fg.tokFrom, fg.tokTo)})
			}
		}
	}
	slices.Sort(units)
	for _, u := range units {
		b.figureDisagreements(u, groups[u])
	}
	b.roleDisagreements()
}

// clauseOf is the content words of the clause around toks[from:to], the
// figure itself left out.
func clauseOf(pt passageToks, from, to int) []string {
	starts := func(k int) bool {
		t := pt.toks[k]
		return t.initial || t.stopBefore || clauseWords[foldWord(pt.text[t.start:t.end])]
	}
	s := from
	for s > 0 && !starts(s) {
		s--
	}
	e := to
	for e < len(pt.toks) && !starts(e) {
		e++
	}
	var out []string
	for k := s; k < e; k++ {
		if k >= from && k < to {
			continue
		}
		w := foldWord(pt.text[pt.toks[k].start:pt.toks[k].end])
		if !stopwords[w] && !pt.toks[k].digit && spelled[w] == 0 {
			out = append(out, plural(w))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); ok {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// figureDisagreements flags, among claims of one unit (or one kind of
// date), two sources giving different values in like clauses, when each
// is the other's likest and neither source also gives the other's value.
func (b *builder) figureDisagreements(unit string, cs []claimed) {
	values := map[int]map[string]bool{} // source → values it gives
	for _, c := range cs {
		if values[c.source] == nil {
			values[c.source] = map[string]bool{}
		}
		values[c.source][c.fig.key] = true
	}
	type pair struct {
		a, b int
		sim  float64
	}
	best := make([]pair, len(cs)) // each claim's likest partner, -1 for none, -2 for a tie
	for i := range best {
		best[i] = pair{-1, -1, 0}
	}
	for i := range cs {
		for j := range cs {
			x, y := &cs[i], &cs[j]
			if x.source == y.source || x.fig.key == y.fig.key || values[y.source][x.fig.key] || values[x.source][y.fig.key] {
				continue
			}
			s := jaccard(x.clause, y.clause)
			switch {
			case s < sameClause:
			case s > best[i].sim:
				best[i] = pair{i, j, s}
			case s == best[i].sim:
				best[i].b = -2
			}
		}
	}
	done := map[[2]int]bool{}
	for i := range cs {
		j := best[i].b
		if j < 0 || best[j].b != i || i > j || done[[2]int{i, j}] {
			continue
		}
		done[[2]int{i, j}] = true
		d := Disagreement{Kind: Number, About: cs[i].fig.unit}
		if cs[i].fig.isDate() {
			d.Kind, d.About = Date, strings.Join(common(cs[i].clause, cs[j].clause), " ")
		}
		for _, k := range []int{i, j} {
			side := Side{Value: cs[k].fig.label}
			side.Claims = append(side.Claims, b.claim(cs[k]))
			// other sources giving the same value in a clause sharing a word
			for m := range cs {
				if m != k && cs[m].fig.key == cs[k].fig.key && cs[m].source != cs[k].source &&
					jaccard(cs[m].clause, cs[k].clause) > 0 &&
					!slices.ContainsFunc(side.Claims, func(c Claim) bool { return c.Source == cs[m].source }) {
					side.Claims = append(side.Claims, b.claim(cs[m]))
				}
			}
			slices.SortFunc(side.Claims, func(a, c Claim) int { return cmp.Compare(a.Source, c.Source) })
			d.Sides = append(d.Sides, side)
		}
		b.view.Disagreements = append(b.view.Disagreements, d)
	}
}

func (b *builder) claim(c claimed) Claim {
	return Claim{Source: c.source, Value: c.fig.label, Span: Span{b.reps[c.doc].ID, c.fig.passage, c.fig.start, c.fig.end}}
}

// common is the words two sorted lists share.
func common(a, b []string) []string {
	var out []string
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); ok {
			out = append(out, w)
		}
	}
	return out
}

// roleDisagreements flags two sources naming different people in one
// office, when each names one person in it and not the other's. An office
// is a qualified title ("Kharkiv Mayor", "U.S. Secretary of State") or an
// office noun after the name of a person ("the Biden administration", not
// "the U.S. administration" or "the Kyiv government"); a bare title
// ("Mayor", "Secretary") is that office only when the story has exactly
// one qualified office of that title, and is never compared otherwise:
// "President Trump" and "President Zelensky" hold two offices.
func (b *builder) roleDisagreements() {
	type held struct {
		person string
		claim  Claim
	}
	qualified := map[string][]string{} // title → qualified roles
	for _, ms := range b.nameMentions {
		for _, m := range ms {
			if m.role != "" && m.title != "" && m.role != m.title && !slices.Contains(qualified[m.title], m.role) {
				qualified[m.title] = append(qualified[m.title], m.role)
			}
		}
	}
	places := map[string]bool{} // names said after "in", "from"…: "the Kyiv government" is no person's
	for i, ms := range b.nameMentions {
		for k, m := range ms {
			if m.locative || m.acronym {
				places[b.nameKey[i][k]] = true
			}
		}
	}
	bySource := map[string]map[int][]held{} // office → source → holders
	label := map[string]string{}            // office → as first written, qualified if ever
	labelOwn := map[string]bool{}
	var offices []string
	for i, ms := range b.nameMentions {
		for k, m := range ms {
			role := m.role
			if role == "" {
				continue
			}
			if role == m.title {
				if q := qualified[m.title]; len(q) == 1 {
					role = q[0]
				} else {
					continue
				}
			}
			if bySource[role] == nil {
				bySource[role] = map[int][]held{}
				offices = append(offices, role)
			}
			if own := m.role != m.title; label[role] == "" || own && !labelOwn[role] {
				label[role], labelOwn[role] = m.roleText, own // "Kharkiv Mayor" rather than "Mayor"
			}
			s := b.docSource[i]
			person := b.nameKey[i][k]
			if m.title == "" && places[person] {
				continue
			}
			if !slices.ContainsFunc(bySource[role][s], func(h held) bool { return h.person == person }) {
				text := b.reps[i].Passages[m.passage].Text
				bySource[role][s] = append(bySource[role][s], held{person, Claim{Source: s, Value: text[m.roleStart:m.roleEnd],
					Span: Span{b.reps[i].ID, m.passage, m.roleStart, m.roleEnd}}})
			}
		}
	}
	slices.Sort(offices)
	for _, office := range offices {
		sides := map[string]*Side{}
		var order []string
		srcs := make([]int, 0, len(bySource[office]))
		for s := range bySource[office] {
			srcs = append(srcs, s)
		}
		slices.Sort(srcs)
		for _, s := range srcs {
			hs := bySource[office][s]
			if len(hs) != 1 {
				continue // a source naming two holders: the office is not one seat
			}
			if sides[hs[0].person] == nil {
				sides[hs[0].person] = &Side{Value: b.nameLabel[hs[0].person]}
				order = append(order, hs[0].person)
			}
			sides[hs[0].person].Claims = append(sides[hs[0].person].Claims, hs[0].claim)
		}
		if len(order) < 2 {
			continue
		}
		d := Disagreement{Kind: Name, About: label[office]}
		for _, p := range order {
			d.Sides = append(d.Sides, *sides[p])
		}
		b.view.Disagreements = append(b.view.Disagreements, d)
	}
}
