package story

import (
	"cmp"
	"math"
	"slices"
)

// A document is compared in full with candidateStories stories: those
// sharing the most idf with it in its candidateTerms rarest terms.
const (
	candidateStories = 8
	candidateTerms   = 16
)

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
func (g *Grouper) idf(id int32) float64 {
	df := max(1, g.df[id])
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
	ids := g.terms(e)
	for j, t := range e.terms {
		w[j] = tfWeight[t.tf] * g.idf(ids[j]) * t.kind.boost()
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

// weighted is one term of a centroid. Weights are whole numbers (sums of a
// byte a member), so that a centroid is the same whatever order it was
// summed in.
type weighted struct {
	hash uint32
	w    int32
}

// centre recomputes story s's centroid: the sum of the vectors of its
// latest centroidMembers members that are not copies, merged term by term
// (each vector is sorted by term).
func (g *Grouper) centre(s int32) {
	rec := g.stories[s]
	sum := rec.centroid[:0]
	taken := 0
	for k := len(rec.members) - 1; k >= 0 && taken < centroidMembers; k-- {
		e := &g.docs[rec.members[k]]
		if e.copyOf != rec.members[k] {
			continue
		}
		taken++
		g.scratch = g.scratch[:0]
		a := 0
		for j, t := range e.terms {
			for a < len(sum) && sum[a].hash < t.hash {
				g.scratch = append(g.scratch, sum[a])
				a++
			}
			x := weighted{t.hash, int32(e.weights[j])}
			if a < len(sum) && sum[a].hash == t.hash {
				x.w += sum[a].w
				a++
			}
			g.scratch = append(g.scratch, x)
		}
		g.scratch = append(g.scratch, sum[a:]...)
		sum, g.scratch = g.scratch, sum
	}
	rec.centroid = sum
	var norm int64
	for _, x := range sum {
		norm += int64(x.w) * int64(x.w)
	}
	rec.norm = math.Sqrt(float64(norm))
}

// likeness is the cosine of e's vector and story s's centroid.
func (g *Grouper) likeness(e *entry, s int32) float64 {
	rec := g.stories[s]
	if rec.norm == 0 {
		return 0
	}
	var dot, norm int64
	c := rec.centroid
	k := 0
	for j, t := range e.terms {
		w := int64(e.weights[j])
		norm += w * w
		for k < len(c) && c[k].hash < t.hash {
			k++
		}
		if k < len(c) && c[k].hash == t.hash {
			dot += w * int64(c[k].w)
		}
	}
	if norm == 0 {
		return 0
	}
	return float64(dot) / (math.Sqrt(float64(norm)) * rec.norm)
}

// candidates are the stories with a member dated within the story window
// of i that share its most telling terms (the candidateTerms rarest of
// those some other document has, none in more than commonShare of the
// documents), at most candidateStories of
// them: those sharing the most idf, ties to the earlier lead.
func (g *Grouper) candidates(i int32) []int32 {
	e := &g.docs[i]
	limit := int32(max(commonFloor, int(commonShare*float64(g.live))))
	for len(g.score) < len(g.stories) {
		g.score, g.last = append(g.score, 0), append(g.last, 0)
	}
	ids := g.terms(e)
	telling := g.telling[:0]
	for j, id := range ids {
		if g.df[id] > 1 && g.df[id] <= limit { // in another document, and not in most
			telling = append(telling, int32(j))
		}
	}
	slices.SortFunc(telling, func(a, b int32) int { return cmp.Or(cmp.Compare(g.df[ids[a]], g.df[ids[b]]), cmp.Compare(a, b)) })
	telling = telling[:min(len(telling), candidateTerms)]
	g.telling = telling
	// score by story, last the term it was scored for (plus one)
	score, last := g.score, g.last
	from, to := minuteOf(e.Date-g.window), minuteOf(e.Date+g.window)
	var out []int32
	for _, j := range telling {
		w := g.idf(ids[j])
		ps := g.post[ids[j]]
		lo, hi := 0, len(ps)
		for lo < hi {
			if mid := int(uint(lo+hi) >> 1); ps[mid].minute < from {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		for _, p := range ps[lo:] {
			if p.minute > to {
				break
			}
			if last[p.story] == 0 {
				out = append(out, p.story)
			}
			if last[p.story] != j+1 {
				last[p.story] = j + 1
				score[p.story] += w
			}
		}
	}
	slices.SortFunc(out, func(a, b int32) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), g.before(g.stories[a].members[0], g.stories[b].members[0]))
	})
	for _, s := range out {
		score[s], last[s] = 0, 0
	}
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
