package store_test

import (
	"slices"
	"strings"
	"testing"

	"dispatch/store"
)

// listNames lists a request's hits by article name, failing on an error.
func listNames(t *testing.T, lib *store.Library, req store.ListRequest) ([]string, store.ListResult) {
	t.Helper()
	res, err := lib.List(req)
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	var names []string
	for _, h := range res.Hits {
		names = append(names, name(lib, h.Doc))
	}
	return names, res
}

func TestListing(t *testing.T) {
	lib := fixture(t)
	fishingTopic, err := lib.Topics().Find("fishing")
	if err != nil {
		t.Fatal(err)
	}
	var heaviest []string
	for _, d := range lib.Coverage().Articles(fishingTopic) {
		heaviest = append(heaviest, name(lib, d))
	}
	notTrawler := func(d int) bool { return name(lib, d) != "trawler" }
	every := []string{"choir", "festival", "drill", "trawler", "fishing", "truce", "ice"} // newest first
	for _, tt := range []struct {
		what  string
		req   store.ListRequest
		want  []string
		total int
	}{
		{"everything, newest first", store.ListRequest{}, every, 7},
		{"the first three of everything", store.ListRequest{Limit: 3}, every[:3], 7},
		{"a caller's filter", store.ListRequest{Keep: []func(int) bool{notTrawler, nil}}, slices.DeleteFunc(slices.Clone(every), func(s string) bool { return s == "trawler" }), 6},
		{"a topic, heaviest first", store.ListRequest{Topic: "fish"}, heaviest, len(heaviest)},
		{"a topic without the excluded", store.ListRequest{Topic: "fishing", Text: "-truce"}, slices.DeleteFunc(slices.Clone(heaviest), func(s string) bool { return s == "trawler" || s == "truce" }), -1},
		{"exclusions alone", store.ListRequest{Text: "-karrow"}, []string{"drill", "fishing", "ice"}, 3},
		{"words, ranked", store.ListRequest{Text: "truce"}, names(lib, lib.Index().Search(lib.Index().Analyzer().ParseQuery("truce"), 0, nil).Hits), 2},
		{"words on a topic", store.ListRequest{Text: "sundby", Topic: "fishing", Keep: []func(int) bool{notTrawler}}, []string{"fishing"}, 1},
		{"a topic in the query", store.ListRequest{Text: "topic:music"}, []string{"choir", "festival"}, 2},
	} {
		got, res := listNames(t, lib, tt.req)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.what, got, tt.want)
		}
		if tt.total >= 0 && res.Total != tt.total {
			t.Errorf("%s: total %d, want %d", tt.what, res.Total, tt.total)
		}
		for _, h := range res.Hits {
			if !res.Query.HasTerms() && h.Passage != -1 {
				t.Errorf("%s: %s listed at passage %d", tt.what, name(lib, h.Doc), h.Passage)
			}
		}
	}
}

// A listing's words give a suggestion when they find nothing, or only
// some of them; a parsed query is answered as given.
func TestListingSuggestsAndTakesParsedQueries(t *testing.T) {
	lib := fixture(t)
	_, res := listNames(t, lib, store.ListRequest{Text: "perhc"})
	if len(res.Hits) != 0 || res.Suggestion != "perch" {
		t.Errorf("perhc: %d hits, suggestion %q", len(res.Hits), res.Suggestion)
	}
	_, res = listNames(t, lib, store.ListRequest{Text: "truce zzzzzzzz"})
	if !res.Partial || len(res.Hits) == 0 {
		t.Errorf("truce zzzzzzzz: partial %v, %d hits", res.Partial, len(res.Hits))
	}
	q := lib.Index().Analyzer().ParseTyping("trawl")
	q = lib.Index().Expand(q)
	got, _ := listNames(t, lib, store.ListRequest{Query: q})
	if len(got) == 0 || !slices.Contains(got, "trawler") {
		t.Errorf("trawl being typed: %v", got)
	}
}

func TestListingErrors(t *testing.T) {
	lib := fixture(t)
	for _, req := range []store.ListRequest{{Topic: "weather"}, {Text: "perch source:nowhere"}, {Topic: "0"}} {
		if _, err := lib.List(req); err == nil {
			t.Errorf("%+v: no error", req)
		}
	}
}

func TestListingSorts(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: Perch quotas\nsource: Lakeside Gazette\npublished: 2025-11-02\n---\nPerch quotas were cut.\n",
		"b.md": "---\ntitle: Émigré perch\nsource: Harbour Post\npublished: 2025-11-09\n---\nThe perch season opened. Perch perch.\n",
		"c.md": "---\ntitle: banned nets\n---\nPerch nets.\n",
		"d.md": "---\ntitle: Zander\nsource: harbour post\npublished: 2025-10-01\n---\nNo perch here, zander.\n",
	}), fixtureTopics(t))
	for _, tt := range []struct {
		sort string
		text string
		want []string
	}{
		// c has no date: it is dated by when it was first seen, today
		{"newest", "", []string{"c", "b", "a", "d"}},
		{"date", "", []string{"c", "b", "a", "d"}},
		{"oldest", "", []string{"d", "a", "b", "c"}},
		{"title", "", []string{"c", "b", "a", "d"}},
		{"source", "", []string{"b", "d", "a", "c"}},
		{"", "", []string{"c", "b", "a", "d"}},
		{"score", "", []string{"c", "b", "a", "d"}},
		{"newest", "perch", []string{"c", "b", "a", "d"}},
	} {
		s, err := store.ParseSort(tt.sort)
		if err != nil {
			t.Fatal(err)
		}
		got, res := listNames(t, lib, store.ListRequest{Text: tt.text, Sort: s, Limit: 3})
		if !slices.Equal(got, tt.want[:3]) || res.Total != 4 {
			t.Errorf("sort %q %q: %v of %d, want %v of 4", tt.sort, tt.text, got, res.Total, tt.want[:3])
		}
		for _, h := range res.Hits {
			if tt.text != "" && h.Passage == store.PassageUnknown {
				t.Errorf("sort %q: %s has no passage", tt.sort, name(lib, h.Doc))
			}
		}
	}
	if _, err := store.ParseSort("loudest"); err == nil || !strings.Contains(err.Error(), "newest") {
		t.Errorf("an unknown order: %v", err)
	}
}

// A topic named by its key is that topic, though another topic's name is
// the same word (Topics.Find takes the first topic a name or key fits).
func TestListingTopicByKeyFirst(t *testing.T) {
	topics, err := store.LoadTopics("two.yaml", []byte(`replace: true
topics:
  - key: war
    name: Truce
    color: "#111111"
    terms: {choir: 3, orchestra: 3, concert: 3}
  - key: truce
    name: Peace
    color: "#222222"
    terms: {truce: 3}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	lib := library(t, fixtureArticles(t), topics)
	res, err := lib.List(store.ListRequest{Topic: "truce"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	for _, h := range res.Hits {
		if !lib.Coverage().Carries(h.Doc, 1) {
			t.Errorf("%s listed under truce, which it does not carry", name(lib, h.Doc))
		}
	}
}
