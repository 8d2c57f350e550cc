package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"dispatch/store"
)

// The search prompt answers a query with operators as the command line
// does: one parser, one listing, the reading state, tags and clock given.
func TestPromptOperatorsListAsTheCommandLine(t *testing.T) {
	lib := testLibrary(t)
	now := time.Date(2025, 11, 29, 10, 0, 0, 0, time.UTC)
	tags := func(_ *store.Library, doc int) []string {
		if doc%2 == 0 {
			return []string{"Wire"}
		}
		return nil
	}
	opts := testOptions(lib, memoryState(t))
	opts.Tags, opts.Now = tags, func() time.Time { return now }
	d := newDriverFor(t, 100, 40, opts).keys("j", "m", "j", "s") // the second read, the third bookmarked
	read := func(doc int) bool { return d.saved(doc).Read }
	marks := store.MarkFuncs{IsRead: read, IsStarred: func(doc int) bool { return d.saved(doc).Bookmarked }}
	for _, q := range []string{"is:unread", "is:read", "-is:read geneva", "is:starred", "tag:wire", "tag:wire is:unread peace",
		"since:1w", "since:3d", "date:2025-11-23 -tag:wire", "until:2025-11-22"} {
		d.keys("/").typeText(q).keys("enter")
		want, err := lib.List(store.ListRequest{Text: q, Marks: marks, Tags: func(doc int) []string { return tags(lib, doc) }, Now: now})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var docs []int
		for _, h := range want.Hits {
			docs = append(docs, h.Doc)
		}
		if got := d.listed(); !slices.Equal(got, docs) {
			t.Errorf("%s: the prompt lists %v, the command line %v", q, got, docs)
		}
		if q == "is:unread" && len(docs) != lib.Len()-1 || q == "since:3d" && len(docs) != 0 {
			t.Errorf("%s: %v", q, docs)
		}
		d.keys("/", "esc")
	}
	d.keys("/").typeText("tpoic:x ").keys("enter")
	if v := d.view(); !strings.Contains(v, `unknown operator "tpoic:"`) {
		t.Errorf("an unknown operator is not said:\n%s", v)
	}
}

func TestSaveSearchMessage(t *testing.T) {
	var saved [][2]string
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.SaveSearch = func(name, query string) error {
		if name == "broken" {
			return errors.New("config.yaml:3: measure: want a whole number")
		}
		saved = append(saved, [2]string{name, query})
		return nil
	}
	opts.Searches = []store.SavedSearch{{Name: "Peace", Query: "peace"}}
	d := newDriverFor(t, 100, 40, opts).send(SaveSearchMsg{Name: "Geneva", Query: "geneva since:7d"})
	if !slices.Equal(saved, [][2]string{{"Geneva", "geneva since:7d"}}) || !strings.Contains(d.footer(), `saved the search "Geneva"`) {
		t.Errorf("saved %v, footer %q", saved, d.footer())
	}
	counts := d.m.SearchCounts()
	if len(counts) != 2 || counts[0].Name != "Peace" || counts[0].Total == 0 || counts[0].Unread != counts[0].Total || counts[1].Query != "geneva since:7d" {
		t.Errorf("the searches counted after saving one: %+v", counts)
	}
	d.send(SaveSearchMsg{Name: "broken", Query: "x"})
	if !strings.Contains(d.footer(), "config.yaml:3") || !slices.ContainsFunc(d.m.Warnings(), func(w string) bool { return strings.Contains(w, "config.yaml:3") }) {
		t.Errorf("a failed save: footer %q, warnings %v", d.footer(), d.m.Warnings())
	}
	off := newDriverFor(t, 100, 40, testOptions(testLibrary(t), memoryState(t))).send(SaveSearchMsg{Name: "a", Query: "b"})
	if !strings.Contains(off.footer(), "saving searches is off") {
		t.Errorf("no SaveSearch: footer %q", off.footer())
	}
	d.send(NoticeMsg{Text: "on-new: exit status 3:\nno display"})
	if !strings.Contains(d.footer(), "on-new: exit status 3: no display") {
		t.Errorf("a notice: footer %q", d.footer())
	}
}
