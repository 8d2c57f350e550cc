package ui

import (
	"testing"

	glamourstyles "github.com/charmbracelet/glamour/styles"
)

// The render cache holds at most its budget of bytes and drops the least
// recently used documents first.
func TestRenderCacheIsBoundedLeastRecentlyUsed(t *testing.T) {
	lib := testLibrary(t)
	probe := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 1<<30)
	size := map[int]int{}
	for id := 1; id <= 3; id++ {
		doc, err := probe.Render(id-1, 80)
		if err != nil {
			t.Fatal(err)
		}
		size[id] = doc.size()
	}
	budget := size[1] + size[2] + size[3] - 1 // room for any two, not three
	r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, budget)
	render := func(id int) {
		t.Helper()
		if _, err := r.Render(id-1, 80); err != nil {
			t.Fatal(err)
		}
		if r.cache.Cost() > budget {
			t.Fatalf("cache holds %d bytes, budget %d", r.cache.Cost(), budget)
		}
	}
	cached := func(id int) bool {
		_, ok := r.Cached(renderKey{doc: id - 1, width: 80})
		return ok
	}
	render(1)
	render(2)
	cached(1) // 1 is now more recent than 2
	render(3)
	if !cached(3) || !cached(1) || r.cache.Len() > 2 {
		t.Errorf("after 1, 2, use of 1, 3: cached 1 %v, 3 %v, %d documents", cached(1), cached(3), r.cache.Len())
	}
	if cached(2) {
		t.Error("the least recently used document (2) was kept")
	}
	before := r.Renders()
	render(3)
	if r.Renders() != before {
		t.Error("a cached document was rendered again")
	}
}
