package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestTopicKeysFilterTheList(t *testing.T) {
	d := newDriver(t, 80, 24)
	ts := d.m.c.lib.Coverage()
	for i, key := range []string{"1", "2", "3", "4"} {
		d.keys(key)
		if d.topic() != i {
			t.Fatalf("%s: topic %d", key, d.topic())
		}
		want := ts.Articles(i) // ordered by weight
		var got []int
		for _, h := range d.m.list.items {
			got = append(got, h.Doc)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: list %v, want %v by weight", key, got, want)
		}
		header := strings.Split(d.view(), "\n")[0]
		name := d.m.c.lib.Topics()[i].Name
		if !strings.Contains(header, fmt.Sprintf("%d %s %d/5", i+1, name, len(want))) {
			t.Errorf("%s: header %q lacks the topic and its count", key, header)
		}
	}
	d.keys("4")
	if d.topic() != noTopic || len(d.m.list.items) != 5 {
		t.Errorf("pressing the active topic's key again should clear it")
	}
	d.keys("2", "0")
	if d.topic() != noTopic || len(d.m.list.items) != 5 {
		t.Errorf("0 should clear the topic filter")
	}
	d.keys("9")
	if d.topic() != noTopic {
		t.Errorf("9 with four topics should do nothing, topic %d", d.topic())
	}
}

func TestTopicFilterCombinesWithSearch(t *testing.T) {
	d := newDriver(t, 80, 24).keys("2", "/").typeText("guarantee").keys("enter")
	ts := d.m.c.lib.Coverage()
	if len(d.m.list.items) == 0 || len(d.m.list.items) == 5 {
		t.Fatalf("guarantee on ceasefire: %d items", len(d.m.list.items))
	}
	for _, h := range d.m.list.items {
		if !ts.Carries(h.Doc, 1) {
			t.Errorf("article %d is not on ceasefire", h.Doc+1)
		}
	}
	d.keys("esc")
	if len(d.m.list.items) != len(ts.Articles(1)) {
		t.Errorf("clearing the search keeps the topic filter: %d items", len(d.m.list.items))
	}
	d2 := newDriver(t, 80, 24).keys("/").typeText("topic:weather x")
	if !strings.Contains(d2.view(), `unknown topic "weather"`) {
		t.Errorf("unknown topic in a query should say so:\n%s", d2.view())
	}
}

func TestTopicPassagesInTheReader(t *testing.T) {
	d := newDriver(t, 80, 24).keys("2", "g", "enter") // ceasefire, heaviest article first
	r := d.m.reader
	doc := r.doc
	passages := d.m.c.lib.Coverage().Passages(doc, 1)
	if len(passages) < 2 {
		t.Fatalf("article %d has %d ceasefire passages", doc+1, len(passages))
	}
	d.keys("t")
	first := passages[0]
	if got := d.top(); got != min(d.m.reader.page.passageLines[first], d.m.reader.maxTop()) {
		t.Errorf("t: top %d, want passage %d at line %d", got, first, d.m.reader.page.passageLines[first])
	}
	if d.m.reader.flash != first {
		t.Errorf("t should mark the passage it jumped to")
	}
	view := d.m.View()
	if !strings.Contains(view, flashBar) {
		t.Errorf("the passage jumped to is not marked")
	}
	d.keys("t")
	if d.m.reader.flash != passages[1] {
		t.Errorf("second t: passage %d, want %d", d.m.reader.flash, passages[1])
	}
	d.keys("T")
	if d.m.reader.flash != first {
		t.Errorf("T: passage %d, want %d", d.m.reader.flash, first)
	}
	d.send(flashDoneMsg{gen: d.m.reader.flashGen})
	if d.m.reader.flash != -1 || !strings.Contains(d.m.View(), topicBar) {
		t.Errorf("after the flash, passages on the topic keep their bar")
	}
	d.keys("T", "T", "T", "T", "T", "T", "T", "T", "T", "T", "T", "T")
	if d.reading() != doc+1 || !strings.Contains(d.footer(), "the end: no previous article on Ceasefire") {
		t.Errorf("T past the first passage of the first article on the topic should say so: %q", d.footer())
	}
	d.keys("esc", "0", "enter", "t")
	if d.m.reader.flash != -1 || !strings.Contains(d.footer(), "no topic filter") {
		t.Errorf("t without a topic filter should say why it does nothing: %q", d.footer())
	}
}

func TestTopicBarOnlyOnTopicLines(t *testing.T) {
	d := newDriver(t, 80, 24).keys("4", "enter")
	r := d.m.reader
	doc := r.doc
	for y := range r.page.lines {
		p := r.page.linePassage[y]
		want := p >= 0 && d.m.c.lib.Coverage().OnTopic(doc, int(p), 3)
		if got := strings.HasPrefix(ansi.Strip(r.markedLine(y)), topicBar); got != want {
			t.Errorf("line %d %q: bar %v, want %v", y, r.page.plain[y], got, want)
		}
		if ansi.StringWidth(r.markedLine(y)) != ansi.StringWidth(r.page.lines[y]) {
			t.Errorf("line %d changed width", y)
		}
	}
}

func TestCoverageView(t *testing.T) {
	d := newDriver(t, 80, 24).keys("c")
	if d.m.mode != modeCoverage {
		t.Fatal("c did not open the coverage view")
	}
	v := d.view()
	for _, want := range []string{"Topic coverage", "Security", "Ceasefire", "Mediators"} {
		if !strings.Contains(v, want) {
			t.Errorf("coverage lacks %q:\n%s", want, v)
		}
	}
	d.keys("j", "l", "l", "l", "l", "h") // article 2, mediators (the last column), back to reconstruction
	if d.m.coverage.row != 1 || d.m.coverage.col != 2 {
		t.Errorf("cursor at %d,%d, want 1,2", d.m.coverage.row, d.m.coverage.col)
	}
	d.keys("k", "k", "G")
	if d.m.coverage.row != 4 {
		t.Errorf("G: row %d", d.m.coverage.row)
	}
	d.keys("g", "l", "l", "l", "enter") // article 1 on mediators
	if d.m.mode != modeReader || d.reading() != 1 {
		t.Fatalf("enter should open article 1")
	}
	first := d.m.c.lib.Coverage().Passages(0, 3)[0]
	if got := d.top(); got != min(d.m.reader.page.passageLines[first], d.m.reader.maxTop()) {
		t.Errorf("opened at line %d, want the first mediators passage at line %d", got, d.m.reader.page.passageLines[first])
	}
	if !strings.Contains(d.view(), "Though not officially confirmed") && !strings.Contains(d.view(), "Quiet Engagement") {
		t.Errorf("the first passage on mediators is not on screen:\n%s", d.view())
	}
	for _, k := range []string{"esc", "c", "q"} {
		d := newDriver(t, 80, 24).keys("c", k)
		if d.m.mode == modeCoverage || d.quit {
			t.Errorf("%s should close the coverage view (quit=%v)", k, d.quit)
		}
	}
}
