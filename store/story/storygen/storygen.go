// Package storygen writes synthetic news for the story engine's benchmarks
// and its tests at scale: events, each reported by one or more sources
// over a few days in text of their own (the event's people, places,
// figures and words, the topic's vocabulary, common English), some items
// carried again by other feeds as exact, re-addressed or re-headlined
// copies. It is deterministic from a seed and knows the truth: the event
// of every document and what it copies.
package storygen

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"dispatch/store/article"
	"dispatch/store/story"
)

// function words, in rough order of frequency
var functionWords = strings.Fields(`the of and to a in that is for on with as was by at it from be
this have are an has not but were their which its or also been more after had will than over
about they would when who into said can new other some could there all before them while
between most those under these during where such only because both many through any same`)

var syllables = strings.Fields(`ka lo mer vin tas pel dor fin gra lu sen tor mi bra cal ven ost rum pla ne
qui zor hal dem vis tun bel cor sar fen lin mox tri gal per ron sul ba ter nic`)

var titles = []string{"Minister", "Mayor", "Governor", "Secretary", "Director", "President", "Envoy", "General"}

// Truth is what the generator knows of a document.
type Truth struct {
	Event  int // documents of one event are one story
	CopyOf int // the id of the document it copies, or -1
}

// Gen makes documents in date order. Not safe for concurrent use.
type Gen struct {
	seed   uint64
	vocab  []string // content words, most frequent first
	names  []string
	topics [][]string // each topic's vocabulary
	slots  []slot
	start  time.Time
}

type slot struct {
	event, report int
	at            int64 // seconds after start
	copyOf        int   // slot index copied, or -1
	copyKind      int
}

// event is what every report of it shares.
type event struct {
	topic   int
	words   []string // its own vocabulary
	people  []string // "Mayor Kalo Vinmer"
	places  []string
	figures []string // "4,200 homes"
	title   []string
}

// New plans n documents from seed, spread over a year: events of one to
// twelve reports (most have one or two) within three days, and one report
// in twelve carried again by another feed.
func New(seed uint64, n int) *Gen {
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	g := &Gen{seed: seed, start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	seen := map[string]bool{}
	for len(g.vocab) < 30000 {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	for range 5000 {
		w := g.vocab[1000+rng.IntN(len(g.vocab)-1000)]
		g.names = append(g.names, strings.ToUpper(w[:1])+w[1:])
	}
	for range 12 {
		t := make([]string, 60)
		for i := range t {
			t[i] = g.vocab[200+rng.IntN(3000)]
		}
		g.topics = append(g.topics, t)
	}
	year := int64(365 * 24 * 3600)
	for ev := 0; len(g.slots) < n; ev++ {
		reports := 1 + int(math.Floor(math.Pow(rng.Float64(), 3)*12))
		at := rng.Int64N(year)
		for r := 0; r < reports && len(g.slots) < n; r++ {
			g.slots = append(g.slots, slot{event: ev, report: r, at: at + rng.Int64N(3*24*3600), copyOf: -1})
			if rng.IntN(12) == 0 && len(g.slots) < n {
				orig := len(g.slots) - 1
				g.slots = append(g.slots, slot{event: ev, report: r, at: g.slots[orig].at + rng.Int64N(24*3600),
					copyOf: orig, copyKind: rng.IntN(3)})
			}
		}
	}
	order := make([]int, len(g.slots))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(g.slots[a].at, g.slots[b].at) })
	pos := make([]int, len(order))
	sorted := make([]slot, len(order))
	for to, from := range order {
		pos[from] = to
		sorted[to] = g.slots[from]
	}
	for i := range sorted {
		if sorted[i].copyOf >= 0 {
			sorted[i].copyOf = pos[sorted[i].copyOf]
		}
	}
	g.slots = sorted
	return g
}

// Len is the number of documents planned.
func (g *Gen) Len() int { return len(g.slots) }

// Doc returns document i (its id is i) and what it is. Documents come in
// date order.
func (g *Gen) Doc(i int) (story.Doc, Truth) {
	s := g.slots[i]
	if s.copyOf >= 0 {
		d, _ := g.Doc(s.copyOf)
		orig := d
		d.ID = i
		d.Source = fmt.Sprintf("Feed %d", (s.event*7+s.report*3+1)%200)
		d.Date = g.start.Add(time.Duration(s.at) * time.Second)
		d.GUID = fmt.Sprintf("copy-%d", i)
		switch s.copyKind {
		case 0: // the same address with tracking parameters
			d.URL = orig.URL + "?utm_source=rss&utm_medium=feed"
		case 1: // the same text elsewhere
			d.URL = fmt.Sprintf("https://feed%d.example/r/%d", i%200, i)
		default: // re-headlined, the last passage cut
			d.URL = fmt.Sprintf("https://feed%d.example/r/%d", i%200, i)
			d.Title = "Update: " + d.Title
			d.Passages = d.Passages[:max(1, len(d.Passages)-1)]
		}
		return d, Truth{Event: s.event, CopyOf: s.copyOf}
	}
	ev := g.event(s.event)
	rng := rand.New(rand.NewPCG(g.seed^uint64(s.event)<<20^uint64(s.report), 77))
	d := story.Doc{
		ID:     i,
		Source: fmt.Sprintf("Source %d", (s.event*13+s.report*5)%200),
		GUID:   fmt.Sprintf("https://source%d.example/?p=%d", i%200, i),
		URL:    fmt.Sprintf("https://source%d.example/news/%d-%d", i%200, s.event, s.report),
		Date:   g.start.Add(time.Duration(s.at) * time.Second),
	}
	tw := slices.Clone(ev.title)
	rng.Shuffle(len(tw), func(a, b int) { tw[a], tw[b] = tw[b], tw[a] })
	d.Title = strings.Join(tw[:4+rng.IntN(len(tw)-4)], " ")
	target := 400 + rng.IntN(900)
	for words := 0; words < target; {
		if rng.IntN(8) == 0 {
			d.Passages = append(d.Passages, story.Passage{Kind: article.Heading, Text: g.sentence(rng, ev, 5, false)})
			continue
		}
		var p strings.Builder
		for k := range 2 + rng.IntN(4) {
			n := 12 + rng.IntN(16)
			if k > 0 {
				p.WriteString(" ")
			}
			p.WriteString(g.sentence(rng, ev, n, true))
			words += n
		}
		d.Passages = append(d.Passages, story.Passage{Kind: article.Paragraph, Text: p.String()})
	}
	return d, Truth{Event: s.event, CopyOf: -1}
}

// event makes event e's shared material from its own seed.
func (g *Gen) event(e int) event {
	rng := rand.New(rand.NewPCG(g.seed+uint64(e)*0x9e3779b97f4a7c15, 1))
	ev := event{topic: rng.IntN(len(g.topics))}
	for range 25 {
		ev.words = append(ev.words, g.vocab[500+rng.IntN(len(g.vocab)-500)])
	}
	// the people and places of a topic recur across its events, as a
	// conflict's do: names alone do not tell two events apart
	cast := func() string { return g.names[ev.topic*100+rng.IntN(100)] }
	for range 2 + rng.IntN(3) {
		ev.people = append(ev.people, titles[rng.IntN(len(titles))]+" "+cast()+" "+cast())
	}
	for range 1 + rng.IntN(2) {
		ev.places = append(ev.places, cast())
	}
	for range 1 + rng.IntN(3) {
		ev.figures = append(ev.figures, fmt.Sprintf("%d,%03d %s", 1+rng.IntN(90), rng.IntN(1000), g.vocab[300+rng.IntN(2000)]))
	}
	for range 8 {
		w := ev.words[rng.IntN(len(ev.words))]
		ev.title = append(ev.title, strings.ToUpper(w[:1])+w[1:])
	}
	ev.title = append(ev.title, ev.places[0])
	return ev
}

// sentence writes n words: a tenth the event's own words, names and
// figures, a sixth its topic's, the rest common English and vocabulary.
func (g *Gen) sentence(rng *rand.Rand, ev event, n int, end bool) string {
	parts := make([]string, 0, n+4)
	for range n {
		var w string
		switch r := rng.Float64(); {
		case r < 0.40:
			w = functionWords[int(math.Floor(math.Pow(rng.Float64(), 2.2)*float64(len(functionWords))))]
		case r < 0.46:
			w = ev.words[rng.IntN(len(ev.words))]
		case r < 0.48:
			w = ev.people[rng.IntN(len(ev.people))]
		case r < 0.50:
			w = ev.places[rng.IntN(len(ev.places))]
		case r < 0.51:
			w = ev.figures[rng.IntN(len(ev.figures))]
		case r < 0.66:
			w = g.topics[ev.topic][rng.IntN(len(g.topics[ev.topic]))]
		default:
			w = g.vocab[int(math.Floor(math.Pow(rng.Float64(), 3)*float64(len(g.vocab))))]
		}
		parts = append(parts, w)
	}
	s := strings.Join(parts, " ")
	s = strings.ToUpper(s[:1]) + s[1:]
	if end {
		s += "."
	}
	return s
}
