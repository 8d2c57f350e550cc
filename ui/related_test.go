package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"dispatch/store/article"
)

// scrollToPassage puts the passage starting with prefix at the top of the
// reader and returns its index.
func scrollToPassage(t *testing.T, d *driver, prefix string) int {
	t.Helper()
	a := d.m.reader.art
	p := slices.IndexFunc(mustContent(a).Passages, func(p article.Passage) bool { return strings.HasPrefix(p.Text, prefix) })
	if p < 0 {
		t.Fatalf("article %q has no passage %q", a.Title, prefix)
	}
	d.m.reader.scrollTo(d.m.reader.page.passageLines[p])
	return p
}

func TestRelatedPanelJumpsToPassageAndBack(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	scrollToPassage(t, d, "Demilitarized buffer corridors")
	offset := d.top()
	d.keys("r")
	if d.m.mode != modeRelated {
		t.Fatal("r did not open the related panel")
	}
	p := d.m.related
	if p.articles == 0 || len(p.items) == p.articles {
		t.Fatalf("panel has %d articles and %d passages", p.articles, len(p.items)-p.articles)
	}
	v := d.view()
	if !strings.Contains(v, "Passages like “Demilitarized buffer corridors”") || !strings.Contains(v, "shares:") {
		t.Errorf("panel:\n%s", v)
	}
	for range p.articles {
		d.keys("j")
	}
	it := d.m.related.items[d.m.related.cursor]
	if it.passage < 0 {
		t.Fatalf("cursor is not on a passage")
	}
	d.keys("enter")
	r := d.m.reader
	if d.m.mode != modeReader || d.reading() != it.doc+1 {
		t.Fatalf("enter should open article %d", it.doc+1)
	}
	if r.top != min(r.page.passageLines[it.passage], r.maxTop()) || r.flash != it.passage {
		t.Errorf("landed at %d (flash %d), want passage %d at line %d", r.top, r.flash, it.passage, r.page.passageLines[it.passage])
	}
	if !strings.Contains(d.view(), "humanitarian access corridors") {
		t.Errorf("the related passage is not on screen:\n%s", d.view())
	}
	if !strings.Contains(lastLine(d.view()), "[ US and Ukraine") {
		t.Errorf("footer should say where back leads: %q", lastLine(d.view()))
	}
	landed := r.top
	d.keys("[")
	if d.reading() != 1 || d.top() != offset {
		t.Errorf("back: article %d offset %d, want 1 and %d", d.reading(), d.top(), offset)
	}
	d.keys("]")
	if d.reading() != it.doc+1 || d.top() != landed {
		t.Errorf("forward: article %d offset %d, want %d and %d", d.reading(), d.top(), it.doc+1, landed)
	}
}

func TestHistoryKeys(t *testing.T) {
	for _, back := range []string{"[", "ctrl+o", "backspace"} {
		d := newDriver(t, 80, 24).keys("enter")
		for range 37 {
			d.keys("j")
		}
		d.keys("J", "J")
		if d.reading() != 3 {
			t.Fatalf("J J: article %d", d.reading())
		}
		d.keys("space")
		d.keys(back)
		if d.reading() != 2 || d.top() != 0 {
			t.Errorf("%s: article %d offset %d, want 2 at the top", back, d.reading(), d.top())
		}
		d.keys(back)
		if d.reading() != 1 || d.top() != 37 {
			t.Errorf("%s twice: article %d offset %d, want 1 at 37", back, d.reading(), d.top())
		}
		d.keys(back)
		if d.reading() != 1 {
			t.Errorf("%s with nothing left should stay", back)
		}
		d.keys("]", "]")
		if d.reading() != 3 || d.top() != d.m.reader.height {
			t.Errorf("] ]: article %d offset %d, want 3 a page down", d.reading(), d.top())
		}
		d.keys("[", "K") // a new jump clears forward
		if len(d.m.reader.hist.forward) != 0 {
			t.Errorf("a jump should clear the forward stack: %d left", len(d.m.reader.hist.forward))
		}
	}
}

func TestHistoryKeepsPassageAcrossWidths(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	p := scrollToPassage(t, d, "Though not officially confirmed")
	d.keys("J")
	d.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	d.keys("[")
	r := d.m.reader
	if d.reading() != 1 || r.page.key.width != 60 {
		t.Fatalf("back: article %d width %d", d.reading(), r.page.key.width)
	}
	if r.top != r.page.passageLines[p] {
		t.Errorf("back at another width: offset %d, want passage %d at %d", r.top, p, r.page.passageLines[p])
	}
}

func TestSearchHitAndCoverageJumpsAreHistory(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "esc", "/").typeText("azov ").keys("enter", "enter")
	if d.reading() != 5 {
		t.Fatalf("search hit: article %d", d.reading())
	}
	d.keys("c", "enter", "[")
	if d.reading() != 5 {
		t.Errorf("back from a coverage jump: article %d, want 5", d.reading())
	}
	d.keys("[")
	if d.reading() != 1 {
		t.Errorf("back from a search hit: article %d, want 1", d.reading())
	}
}

func TestRelatedPanelGolden(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	scrollToPassage(t, d, "Demilitarized buffer corridors")
	d.keys("r", "j")
	v := d.m.View()
	checkBounds(t, v, 80, 24)
	golden.RequireEqual(t, ansi.Strip(v))
}

func TestRelatedPanelFromTheList(t *testing.T) {
	d := newDriver(t, 80, 24).keys("j", "r")
	if d.m.mode != modeRelated || d.m.related.doc != 1 || d.m.related.passage != -1 {
		t.Fatalf("r in the list: mode %d for %d passage %d", d.m.mode, d.m.related.doc, d.m.related.passage)
	}
	for _, k := range []string{"esc", "r", "q"} {
		d := newDriver(t, 80, 24).keys("r", k)
		if d.m.mode == modeRelated || d.quit {
			t.Errorf("%s should close the panel", k)
		}
	}
}

// Relations not yet known are computed off the update loop: the panel says
// so, fills in when they arrive, and ignores answers it no longer waits for.
func TestRelatedPanelWaitsForRelations(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	scrollToPassage(t, d, "Demilitarized buffer corridors")
	next, cmd := d.m.Update(keyMsg("r"))
	m := next.(Model)
	if m.mode != modeRelated || !m.related.finding || cmd == nil {
		t.Fatalf("r on relations not computed yet: mode %d, finding %v, command %v", m.mode, m.related.finding, cmd != nil)
	}
	if v := m.View(); !strings.Contains(v, "finding related articles") {
		t.Errorf("panel while finding:\n%s", v)
	}
	found := cmd().(relatedFoundMsg)

	stale := found
	stale.doc = (found.doc + 1) % m.c.lib.Len()
	next, _ = m.Update(stale)
	if m = next.(Model); !m.related.finding {
		t.Fatal("relations for another article filled the panel")
	}
	next, _ = m.Update(found)
	if m = next.(Model); m.related.finding || m.related.articles == 0 || len(m.related.items) == m.related.articles {
		t.Fatalf("after the relations arrived: finding %v, %d articles, %d items", m.related.finding, m.related.articles, len(m.related.items))
	}

	// now known: a second opening shows them at once
	next, _ = m.Update(keyMsg("esc"))
	next, cmd = next.(Model).Update(keyMsg("r"))
	if m = next.(Model); m.related.finding || cmd != nil || len(m.related.items) == 0 {
		t.Errorf("reopening on known relations: finding %v, command %v, %d items", m.related.finding, cmd != nil, len(m.related.items))
	}
}
