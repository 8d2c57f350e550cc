package story_test

import (
	"testing"

	"dispatch/store/story"
	"dispatch/store/story/storygen"
)

// groupGenerated groups n generated documents and scores the stories and
// copies against the generator's truth.
func groupGenerated(t testing.TB, n int) (bcubed, copyP, copyR float64) {
	gen := storygen.New(7, n)
	feats := make([]story.Features, gen.Len())
	truth := make([]storygen.Truth, gen.Len())
	for i := range feats {
		d, tr := gen.Doc(i)
		feats[i], truth[i] = story.Extract(d), tr
	}
	g := story.NewGrouper()
	g.Add(feats...)
	storyOf := map[int]int{}
	size := map[int]int{}
	for _, s := range g.Stories() {
		for _, id := range s.Members {
			storyOf[id] = s.ID
		}
		size[s.ID] = len(s.Members)
	}
	eventSize := map[int]int{}
	for _, tr := range truth {
		eventSize[tr.Event]++
	}
	// B-cubed over documents, from the overlap of each document's story and event
	both := map[[2]int]int{}
	for id, tr := range truth {
		both[[2]int{storyOf[id], tr.Event}]++
	}
	var p, r float64
	for id, tr := range truth {
		k := float64(both[[2]int{storyOf[id], tr.Event}])
		p += k / float64(size[storyOf[id]])
		r += k / float64(eventSize[tr.Event])
	}
	p, r = p/float64(len(truth)), r/float64(len(truth))
	var cp, cr ratio
	for id, tr := range truth {
		for _, c := range g.CopiesOf(id) {
			cp.add(truth[c].CopyOf == id || tr.CopyOf == c || tr.CopyOf >= 0 && tr.CopyOf == truth[c].CopyOf)
		}
		if tr.CopyOf >= 0 {
			found := false
			for _, c := range g.CopiesOf(id) {
				found = found || c == tr.CopyOf
			}
			cr.add(found)
		}
	}
	return f1(p, r), cp.value(), cr.value()
}

func TestGeneratedStories(t *testing.T) {
	b3, cp, cr := groupGenerated(t, 3000)
	t.Logf("3,000 generated documents: stories B-cubed F1 %.3f, copies precision %.3f recall %.3f", b3, cp, cr)
}
