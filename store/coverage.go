package store

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"dispatch/store/article"
)

// Topic thresholds, set from reading the five embedded articles. One strong
// signal ("ceasefire", "India") or two ordinary ones ("economic
// investment") put a passage on a topic; a passage scoring StrongScore or
// more is wholly about it. An article carries a topic when ArticleMinShare of
// its text is on it (2%, set again when the analysis stopped joining
// different words: a report with a whole section on rebuilding carries it).
const (
	PassageMinScore = 2.5
	StrongScore     = 8
	ArticleMinShare = 0.02
)

// Coverage says, for one library and its topics, how much of each
// article is on each topic (its weight: the share of its words in passages
// on the topic), which topics each carries, and each passage's score for
// each topic (a passage scoring PassageMinScore or more is on the topic).
type Coverage struct {
	topics      int            // how many topics
	src         coverageSource // scored, or read from a snapshot
	byTopicOnce sync.Once
	byTopic     [][]int // [topic]: the articles carrying it, heaviest first
}

// coverageSource is where a Coverage reads each article's part: scored in
// memory, or saved in a snapshot.
type coverageSource interface {
	docs() int
	// of is article d's topic weights and the topics it carries, heaviest first
	of(d int) (weights []float64, carried []int)
	// docScores are article d's passage scores, passage by passage, topic by topic
	docScores(d int) []float32
}

// scoredCoverage is coverage worked out in memory.
type scoredCoverage struct {
	weights [][]float64 // [article][topic]: share of the article's words on the topic
	scores  [][]float32 // [article][passage*topics+topic]: passage scores
	carried [][]int     // [article]: topics the article carries, heaviest first
}

func (c *scoredCoverage) docs() int                   { return len(c.weights) }
func (c *scoredCoverage) of(d int) ([]float64, []int) { return c.weights[d], c.carried[d] }
func (c *scoredCoverage) docScores(d int) []float32   { return c.scores[d] }

// savedCoverage is the coverage a snapshot saved, each article's part read
// when first asked for: a search that filters by no topic reads none of it.
type savedCoverage struct {
	snap *snapshot
	each []atomic.Pointer[docTopics] // by article, once read
	last atomic.Pointer[decodedScores]
}

// docTopics are an article's topic weights and the topics it carries.
type docTopics struct {
	weights []float64
	carried []int
}

// decodedScores are the passage scores of the article read last from a
// snapshot: the reader asks for one article's passages one by one.
type decodedScores struct {
	doc    int
	scores []float32
}

// scoredTopic is one topic's terms analysed like query clauses.
type scoredTopic struct {
	clauses []Clause
	weights []float64
}

func (ts Topics) analyse(an *Analyzer) []scoredTopic {
	out := make([]scoredTopic, len(ts))
	for i, t := range ts {
		for _, term := range t.Terms {
			if c, ok := an.clause(term.Text); ok {
				out[i].clauses = append(out[i].clauses, c)
				out[i].weights = append(out[i].weights, term.Weight)
			}
		}
	}
	return out
}

// scoreCoverage scores every passage of the library's articles with the
// index, then weighs articles by the share of their words in passages on
// each topic. Front-matter topics add ("key") or remove ("-key") topics an
// article carries.
func scoreCoverage(topics Topics, ix *Index, n int, art func(d int) *article.Article) *Coverage {
	ts := &scoredCoverage{}
	nt := len(topics)
	ts.scores = make([][]float32, n)
	for d := range n {
		ts.scores[d] = make([]float32, art(d).PassageCount*nt)
	}
	for topic, st := range topics.analyse(ix.an) {
		for j, c := range st.clauses {
			w := float32(st.weights[j])
			ix.eachClauseDoc(c, true, func(m docMatch, starts []int32) {
				for _, pos := range starts {
					if p := ix.passageAt(int(m.doc), pos); p >= 0 && p*nt < len(ts.scores[m.doc]) {
						ts.scores[m.doc][p*nt+topic] += w
					}
				}
			})
		}
	}
	ts.weights = make([][]float64, n)
	ts.carried = make([][]int, n)
	for d := range n {
		ts.weights[d] = make([]float64, nt)
		total := 0
		for p, words := range ix.passLenOf(d) {
			total += int(words)
			addPassageShares(ts.weights[d], passageScores(ts.scores[d], nt, p), float64(words))
		}
		for topic := range ts.weights[d] {
			if total > 0 {
				ts.weights[d][topic] /= float64(total)
			}
		}
		carries := make([]bool, nt)
		for topic, w := range ts.weights[d] {
			carries[topic] = w >= ArticleMinShare
		}
		for _, key := range art(d).Topics {
			if i := topics.Index(strings.TrimPrefix(key, "-")); i >= 0 {
				carries[i] = !strings.HasPrefix(key, "-")
			}
		}
		for topic, c := range carries {
			if c {
				ts.carried[d] = append(ts.carried[d], topic)
			}
		}
		slices.SortStableFunc(ts.carried[d], func(a, b int) int {
			return compareDesc(ts.weights[d][a], ts.weights[d][b])
		})
	}
	cov := &Coverage{topics: nt, src: ts}
	cov.byTopicOnce.Do(cov.sortByTopic)
	return cov
}

// coverageFromSnapshot is the coverage a snapshot saved.
func coverageFromSnapshot(s *snapshot) *Coverage {
	return &Coverage{topics: s.meta.numTopics, src: &savedCoverage{snap: s, each: make([]atomic.Pointer[docTopics], s.meta.docs)}}
}

func (c *savedCoverage) docs() int { return len(c.each) }

func (c *savedCoverage) of(d int) ([]float64, []int) {
	if dt := c.each[d].Load(); dt != nil {
		return dt.weights, dt.carried
	}
	w, carried := c.snap.coverage(d)
	c.each[d].Store(&docTopics{w, carried})
	return w, carried
}

func (c *savedCoverage) docScores(d int) []float32 {
	if last := c.last.Load(); last != nil && last.doc == d {
		return last.scores
	}
	scores := c.snap.scores(d)
	c.last.Store(&decodedScores{d, scores})
	return scores
}

// of is article d's weights and carried topics.
func (ts *Coverage) of(d int) ([]float64, []int) { return ts.src.of(d) }

// docScores are article d's passage scores, passage by passage, topic by
// topic.
func (ts *Coverage) docScores(d int) []float32 { return ts.src.docScores(d) }

// sortByTopic lists the articles carrying each topic, heaviest first.
func (ts *Coverage) sortByTopic() {
	nt := ts.topics
	n := ts.src.docs()
	byTopic := make([][]int, nt)
	for topic := range nt {
		var out []int
		for d := range n {
			if ts.Carries(d, topic) {
				out = append(out, d)
			}
		}
		slices.SortStableFunc(out, func(a, b int) int { return compareDesc(ts.Weight(a, topic), ts.Weight(b, topic)) })
		byTopic[topic] = out
	}
	ts.byTopic = byTopic
}

// weightsOf are article d's topic weights and the topics it carries.
func (ts *Coverage) weightsOf(d int) ([]float64, []int) { return ts.of(d) }

// addPassageShares adds a passage's words to the topics it is on: split
// between them in proportion to their scores (a paragraph on guarantees that
// names a monitor is mostly about security), and in full only for a strong
// signal (a passing mention counts for less than a section).
func addPassageShares(words []float64, scores []float32, n float64) {
	var onTotal float64
	for _, s := range scores {
		if s >= PassageMinScore {
			onTotal += float64(s)
		}
	}
	for topic, s := range scores {
		if s < PassageMinScore {
			continue
		}
		strength := min(1, float64(s)/StrongScore)
		words[topic] += n * float64(s) / onTotal * strength
	}
}

func compareDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// passageScores are passage p of article d's scores, by topic; none for a
// passage the index knows of but the scores do not (a file changed since).
func (ts *Coverage) passageScores(d, p int) []float32 {
	return passageScores(ts.docScores(d), ts.topics, p)
}

// passageScores are passage p's scores, by topic, of an article's scores
// for nt topics.
func passageScores(scores []float32, nt, p int) []float32 {
	if p < 0 || (p+1)*nt > len(scores) {
		return make([]float32, nt)
	}
	return scores[p*nt : (p+1)*nt]
}

// Weight is the share of article d's words in passages on topic.
func (ts *Coverage) Weight(d, topic int) float64 {
	w, _ := ts.of(d)
	return w[topic]
}

// Carried returns the topics article d carries, heaviest first.
func (ts *Coverage) Carried(d int) []int {
	_, c := ts.of(d)
	return c
}

// Carries reports whether article d is on topic.
func (ts *Coverage) Carries(d, topic int) bool { return slices.Contains(ts.Carried(d), topic) }

// PassageScore is passage p of article d's score for topic.
func (ts *Coverage) PassageScore(d, p, topic int) float64 {
	return float64(ts.passageScores(d, p)[topic])
}

// OnTopic reports whether passage p of article d is on topic.
func (ts *Coverage) OnTopic(d, p, topic int) bool {
	return ts.passageScores(d, p)[topic] >= PassageMinScore
}

// Passages lists the passages of article d on topic, in reading order.
func (ts *Coverage) Passages(d, topic int) []int {
	var out []int
	scores := ts.docScores(d)
	for p := range len(scores) / ts.topics {
		if scores[p*ts.topics+topic] >= PassageMinScore {
			out = append(out, p)
		}
	}
	return out
}

// Articles lists the articles carrying topic, heaviest first.
// The list is the library's: do not change it.
func (ts *Coverage) Articles(topic int) []int {
	ts.byTopicOnce.Do(ts.sortByTopic)
	return ts.byTopic[topic]
}
