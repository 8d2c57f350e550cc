package story

import "fmt"

// DebugLikeness: the likeness of f to each candidate story.
func DebugLikeness(g *Grouper, f Features) string {
	i := int32(len(g.docs))
	g.docs = append(g.docs, entry{Features: f, story: -1, copyOf: i})
	g.live++
	for _, t := range f.terms {
		g.df[t.hash]++
	}
	defer func() {
		g.docs = g.docs[:i]
		g.live--
		for _, t := range f.terms {
			g.df[t.hash]--
		}
	}()
	out := ""
	v := g.vector(&f, nil)
	for _, s := range g.candidates(i) {
		var sc []weighted
		for _, m := range g.centroidMembers(s, f.Date) {
			sc = g.vector(&g.docs[m].Features, sc)
		}
		out += fmt.Sprintf(" %d:%.2f", g.docs[g.stories[s].members[0]].ID, cosine(v, sc))
	}
	return out
}
