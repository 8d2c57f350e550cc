package store

import (
	"slices"
	"strings"

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
	topics  int         // how many topics
	weights [][]float64 // [article][topic]: share of the article's words on the topic
	scores  [][]float32 // [article][passage*topics+topic]: passage scores
	byTopic [][]int     // [topic]: the articles carrying it, heaviest first
	carried [][]int     // [article]: topics the article carries, heaviest first
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
func scoreCoverage(topics Topics, ix *Index, arts []article.Article) *Coverage {
	ts := &Coverage{topics: len(topics)}
	n := len(arts)
	nt := len(topics)
	ts.scores = make([][]float32, n)
	for d := range arts {
		ts.scores[d] = make([]float32, arts[d].PassageCount*nt)
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
	for d := range arts {
		ts.weights[d] = make([]float64, nt)
		total := 0
		for p, words := range ix.passLen[d] {
			total += int(words)
			addPassageShares(ts.weights[d], ts.passageScores(d, p), float64(words))
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
		for _, key := range arts[d].Topics {
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
	ts.byTopic = make([][]int, nt)
	for topic := range nt {
		var out []int
		for d := range ts.carried {
			if ts.Carries(d, topic) {
				out = append(out, d)
			}
		}
		slices.SortStableFunc(out, func(a, b int) int { return compareDesc(ts.weights[a][topic], ts.weights[b][topic]) })
		ts.byTopic[topic] = out
	}
	return ts
}

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
	nt := ts.topics
	if p < 0 || (p+1)*nt > len(ts.scores[d]) {
		return make([]float32, nt)
	}
	return ts.scores[d][p*nt : (p+1)*nt]
}

// Weight is the share of article d's words in passages on topic.
func (ts *Coverage) Weight(d, topic int) float64 { return ts.weights[d][topic] }

// Carried returns the topics article d carries, heaviest first.
func (ts *Coverage) Carried(d int) []int { return ts.carried[d] }

// Carries reports whether article d is on topic.
func (ts *Coverage) Carries(d, topic int) bool { return slices.Contains(ts.carried[d], topic) }

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
	for p := range len(ts.scores[d]) / ts.topics {
		if ts.OnTopic(d, p, topic) {
			out = append(out, p)
		}
	}
	return out
}

// Articles lists the articles carrying topic, heaviest first.
// The list is the library's: do not change it.
func (ts *Coverage) Articles(topic int) []int { return ts.byTopic[topic] }
