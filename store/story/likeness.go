package story

import (
	"cmp"
	"math"
	"slices"
)

// candidateStories is how many stories, those sharing the most telling
// terms with a document, it is compared with in full.
const candidateStories = 16

// tfWeight is 1 + ln(tf), by tf.
var tfWeight = func() (w [math.MaxUint8 + 1]float64) {
	for tf := 1; tf < len(w); tf++ {
		w[tf] = 1 + math.Log(float64(tf))
	}
	return w
}()

// ln is ln(k), from a table grown as the library grows: idf is computed
// for every term of every document grouped.
func (g *Grouper) ln(k int32) float64 {
	for int(k) >= len(g.logs) {
		g.logs = append(g.logs, math.Log(float64(len(g.logs))))
	}
	return g.logs[k]
}

// idf is ln(1 + n/df) = ln(n + df) − ln(df), over the documents grouped.
func (g *Grouper) idf(h uint32) float64 {
	df := max(1, g.df[h])
	return g.ln(int32(g.live)+df) - g.ln(df)
}

// weigh sets e's vector: its profile's tf·idf weights, the idf as it is
// when it is grouped, unit length, kept in a byte each. A document's
// vector never changes after, so that a saved grouping reloads exactly and
// a story's centroid can be kept rather than recomputed for every document
// compared with it.
func (g *Grouper) weigh(e *entry) {
	w := make([]float64, len(e.terms))
	var norm float64
	for j, t := range e.terms {
		w[j] = tfWeight[t.tf] * g.idf(t.hash) * t.kind.boost()
		norm += w[j] * w[j]
	}
	e.weights = make([]uint8, len(e.terms))
	if norm == 0 {
		return
	}
	norm = math.Sqrt(norm)
	for j := range w {
		e.weights[j] = uint8(math.Round(w[j] / norm * math.MaxUint8))
	}
}

// weighted is one term of a vector.
type weighted struct {
	hash uint32
	w    float64
}

// centre recomputes story s's centroid: the sum of the vectors of its
// latest centroidMembers members that are not copies.
func (g *Grouper) centre(s int32) {
	rec := g.stories[s]
	rec.centroid = rec.centroid[:0]
	taken := 0
	for k := len(rec.members) - 1; k >= 0 && taken < centroidMembers; k-- {
		e := &g.docs[rec.members[k]]
		if e.copyOf != rec.members[k] {
			continue
		}
		taken++
		for j, t := range e.terms {
			rec.centroid = append(rec.centroid, weighted{t.hash, float64(e.weights[j])})
		}
	}
	slices.SortFunc(rec.centroid, func(a, b weighted) int { return cmp.Compare(a.hash, b.hash) })
	out := rec.centroid[:0]
	for _, x := range rec.centroid {
		if n := len(out); n > 0 && out[n-1].hash == x.hash {
			out[n-1].w += x.w
		} else {
			out = append(out, x)
		}
	}
	rec.centroid = out
	rec.norm = 0
	for _, x := range out {
		rec.norm += x.w * x.w
	}
	rec.norm = math.Sqrt(rec.norm)
}

// likeness is the cosine of e's vector and story s's centroid.
func (g *Grouper) likeness(e *entry, s int32) float64 {
	rec := g.stories[s]
	if rec.norm == 0 {
		return 0
	}
	var dot, norm float64
	c := rec.centroid
	k := 0
	for j, t := range e.terms {
		w := float64(e.weights[j])
		norm += w * w
		for k < len(c) && c[k].hash < t.hash {
			k++
		}
		if k < len(c) && c[k].hash == t.hash {
			dot += w * c[k].w
		}
	}
	if norm == 0 {
		return 0
	}
	return dot / (math.Sqrt(norm) * rec.norm)
}

// candidates are the stories with a member dated within the story window
// of i that share its less common terms, at most candidateStories of them:
// those sharing the most idf, ties to the earlier lead.
func (g *Grouper) candidates(i int32) []int32 {
	e := &g.docs[i]
	limit := int32(max(commonFloor, int(commonShare*float64(g.live))))
	score := map[int32]float64{}
	last := map[int32]int{} // the last term a story was scored for, plus one
	for j, t := range e.terms {
		if g.df[t.hash] > limit {
			continue
		}
		w := g.idf(t.hash)
		ps := g.post[t.hash]
		lo, _ := slices.BinarySearchFunc(ps, e.Date-g.window, func(p posting, d int64) int { return cmp.Compare(p.date, d) })
		for _, p := range ps[lo:] {
			if p.date > e.Date+g.window {
				break
			}
			if last[p.story] != j+1 {
				last[p.story] = j + 1
				score[p.story] += w
			}
		}
	}
	out := make([]int32, 0, len(score))
	for s := range score {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b int32) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), g.before(g.stories[a].members[0], g.stories[b].members[0]))
	})
	return out[:min(len(out), candidateStories)]
}

// bestStory is the candidate story i is most like, when alike enough; or -1.
func (g *Grouper) bestStory(i int32, cands []int32) int32 {
	e := &g.docs[i]
	best, bestL := int32(-1), 0.0
	for _, s := range cands {
		l := g.likeness(e, s)
		if l >= g.join && (best < 0 || l > bestL || l == bestL && g.before(g.stories[s].members[0], g.stories[best].members[0]) < 0) {
			best, bestL = s, l
		}
	}
	return best
}
