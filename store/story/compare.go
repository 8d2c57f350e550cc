package story

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Kind is what a facet is.
type Kind uint8

// Facet kinds, in the order a View lists them.
const (
	Name   Kind = iota // a person, place or organisation
	Number             // a number with what it counts
	Date               // a day, month, year or time
	Topic              // one of the caller's topics
	Quote              // a quoted phrase
)

func (k Kind) String() string {
	return [...]string{"name", "number", "date", "topic", "quote"}[min(int(k), 4)]
}

// Span is a stretch of text: bytes [Start, End) of passage Passage of the
// document with id Doc.
type Span struct {
	Doc, Passage, Start, End int
}

// Source is one row of a View: a source and its documents in the story.
type Source struct {
	Name   string
	Docs   []int // ids of its documents compared
	Copies []int // ids of copies of them (in any source) folded into them
}

// Cell is what one source says of one facet: where it says it (at most
// maxSpans places).
type Cell struct {
	Source int // index in View.Sources
	Spans  []Span
}

// Facet is one column of a View: a name, number, date, topic or quote, and
// the sources that state it.
type Facet struct {
	Kind  Kind
	Label string // as written by the first source to state it; the topic's key for topics
	Cells []Cell // by source
}

// Gap is a source leaving out a facet that most of the others state.
type Gap struct {
	Source, Facet int
}

// Claim is one source's value for a disputed thing, and where it says it.
type Claim struct {
	Source int
	Value  string // as written ("45,000 homes", "Wednesday", "Oleh Syniehubov")
	Span   Span
}

// Side is one value of a disputed thing and the sources that give it.
type Side struct {
	Value  string
	Claims []Claim
}

// Disagreement is sources giving different values for the same thing: two
// sides or more, each with its verbatim claims.
type Disagreement struct {
	Kind  Kind   // Number, Date or Name (two people in one office)
	About string // what is disputed: the thing counted, the event dated, the office
	Sides []Side
}

// View is who says what in one story.
type View struct {
	Sources       []Source
	Facets        []Facet // names, numbers, dates, topics, quotes; each most stated first
	Common        []int   // facets every source states (indices into Facets); none for one source
	Only          []int   // facets a single source states; none for one source
	Missing       []Gap   // a source leaves out a facet most of the others state
	Disagreements []Disagreement
}

// maxSpans bounds the places a cell keeps: a name said forty times needs
// a few to be checked, not forty.
const maxSpans = 8

// Compare returns who says what in docs, the documents of one story. Copies
// among them (same guid, address or text, or nearly the same text) count
// once, as the earliest. Each source's documents are one row. Compare never
// fails: text it cannot read as a name, number, date or quote is left out.
func Compare(docs []Doc) View {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int { return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID)) })
	var v View
	reps, copies := foldCopies(docs)
	srcOf := map[string]int{}
	docSource := make([]int, len(reps))
	for i, d := range reps {
		name := strings.TrimSpace(d.Source)
		if name == "" {
			name = "#" + strconv.Itoa(d.ID)
		}
		s, ok := srcOf[name]
		if !ok {
			s = len(v.Sources)
			srcOf[name] = s
			v.Sources = append(v.Sources, Source{Name: name})
		}
		v.Sources[s].Docs = append(v.Sources[s].Docs, d.ID)
		v.Sources[s].Copies = append(v.Sources[s].Copies, copies[i]...)
		docSource[i] = s
	}
	toks := make([][]passageToks, len(reps))
	for i, d := range reps {
		toks[i] = make([]passageToks, len(d.Passages))
		for p, ps := range d.Passages {
			toks[i][p] = passageToks{text: ps.Text, kind: ps.Kind, toks: tokenize(ps.Text, nil)}
		}
	}
	b := builder{view: &v, reps: reps, docSource: docSource, facetOf: map[string]int{}}
	b.names(toks)
	b.figures(toks)
	b.topics()
	b.quotes(toks)
	b.order()
	b.summarise()
	b.disagreements(toks)
	return v
}

// foldCopies keeps the first of each group of copies among docs (in date
// order) and returns, for each kept one, the ids of its copies.
func foldCopies(docs []Doc) ([]Doc, [][]int) {
	var reps []Doc
	var feats []Features
	var copies [][]int
	for _, d := range docs {
		f := Extract(d)
		at := slices.IndexFunc(feats, func(r Features) bool { return sameItem(&f, &r) })
		if at >= 0 {
			copies[at] = append(copies[at], d.ID)
			continue
		}
		reps, feats, copies = append(reps, d), append(feats, f), append(copies, nil)
	}
	return reps, copies
}

// sameItem reports whether two documents are copies, by the rules the
// Grouper follows.
func sameItem(a, b *Features) bool {
	l := likeness(a.sig, b.sig)
	switch {
	case a.url != 0 && a.url == b.url, a.text != 0 && a.text == b.text:
		return true
	case a.guid != 0 && a.guid == b.guid:
		return len(a.sig) == 0 || len(b.sig) == 0 || l >= guidLikeness
	}
	return l >= copyLikeness
}

// builder assembles a View.
type builder struct {
	view      *View
	reps      []Doc
	docSource []int
	facetOf   map[string]int // kind + key → facet
	first     []position     // where each facet was first stated, for ordering

	nameMentions [][]nameMention   // by document
	nameKey      [][]string        // the merged name each mention is of
	nameLabel    map[string]string // merged name → its label
}

type position struct{ doc, passage, start int }

// state records that document i states the facet of kind and key at span.
func (b *builder) state(kind Kind, key, label string, i int, sp Span) int {
	k := string(rune('0'+kind)) + key
	f, ok := b.facetOf[k]
	if !ok {
		f = len(b.view.Facets)
		b.facetOf[k] = f
		b.view.Facets = append(b.view.Facets, Facet{Kind: kind, Label: label})
		b.first = append(b.first, position{i, sp.Passage, sp.Start})
	}
	fc := &b.view.Facets[f]
	s := b.docSource[i]
	c := slices.IndexFunc(fc.Cells, func(c Cell) bool { return c.Source == s })
	if c < 0 {
		c = len(fc.Cells)
		fc.Cells = append(fc.Cells, Cell{Source: s})
	}
	if len(fc.Cells[c].Spans) < maxSpans {
		fc.Cells[c].Spans = append(fc.Cells[c].Spans, sp)
	}
	return f
}

func (b *builder) figures(toks [][]passageToks) {
	for i, ps := range toks {
		for p, pt := range ps {
			for _, fg := range findFigures(p, pt) {
				kind := Number
				if fg.isDate() {
					kind = Date
				}
				b.state(kind, fg.key, fg.label, i, Span{b.reps[i].ID, p, fg.start, fg.end})
			}
		}
	}
}

func (b *builder) topics() {
	for i, d := range b.reps {
		for p, ps := range d.Passages {
			for _, t := range ps.Topics {
				if t = strings.TrimSpace(t); t != "" {
					b.state(Topic, t, t, i, Span{d.ID, p, 0, len(ps.Text)})
				}
			}
		}
	}
}

// order sorts the facets by kind, then most sources first, then where
// they were first stated; each facet's cells by source.
func (b *builder) order() {
	v := b.view
	idx := make([]int, len(v.Facets))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int {
		fx, fy := &v.Facets[x], &v.Facets[y]
		px, py := b.first[x], b.first[y]
		return cmp.Or(cmp.Compare(fx.Kind, fy.Kind), cmp.Compare(len(fy.Cells), len(fx.Cells)),
			cmp.Compare(px.doc, py.doc), cmp.Compare(px.passage, py.passage), cmp.Compare(px.start, py.start))
	})
	facets := make([]Facet, len(idx))
	for to, from := range idx {
		facets[to] = v.Facets[from]
		slices.SortFunc(facets[to].Cells, func(a, c Cell) int { return cmp.Compare(a.Source, c.Source) })
	}
	v.Facets = facets
	b.facetOf = nil // indices moved; disagreements find facets by their spans
}

// summarise lists what every source states, what one alone states and
// what a source leaves out that most of the others state.
func (b *builder) summarise() {
	v := b.view
	n := len(v.Sources)
	if n < 2 {
		return
	}
	for f, fc := range v.Facets {
		stated := len(fc.Cells)
		switch stated {
		case n:
			v.Common = append(v.Common, f)
		case 1:
			v.Only = append(v.Only, f)
		}
		if fc.Kind == Quote || stated < 2 || stated == n || 2*stated <= n-1 {
			continue
		}
		for s := range n {
			if !slices.ContainsFunc(fc.Cells, func(c Cell) bool { return c.Source == s }) {
				v.Missing = append(v.Missing, Gap{Source: s, Facet: f})
			}
		}
	}
	slices.SortStableFunc(v.Missing, func(a, c Gap) int { return cmp.Compare(a.Source, c.Source) })
}
