package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"dispatch/store"
)

// The tests here each hold one finding of the relevance review (issue 15)
// on articles written out in the test.

// md is an article file with a title, an optional dek and a body.
func md(title, dek, body string) string {
	head := "---\ntitle: " + title + "\n"
	if dek != "" {
		head += "dek: " + dek + "\n"
	}
	return head + "---\n" + body + "\n"
}

// filler is neutral prose, to give articles comparable lengths.
func filler(n int) string {
	return strings.Repeat("The delegations met again in the afternoon and spoke at length. ", n)
}

func searchNames(lib *store.Library, q string) []string {
	return names(lib, lib.Index().Search(lib.Index().Analyzer().ParseQuery(q), 0, nil).Hits)
}

// Different words that share a stem do not find each other: aid is not
// aides, security is not securing, stabilization is not stability.
func TestWordsThatShareAStemStayApart(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"aides.md":     md("Staff", "", "Diplomatic aides met. "+filler(2)),
		"aid.md":       md("Help", "", "Military aid was pledged. "+filler(2)),
		"securing.md":  md("Ending", "", "Talks aimed at securing an end to the war. "+filler(2)),
		"security.md":  md("Guarantees", "", "Security guarantees were agreed. "+filler(2)),
		"stability.md": md("Calm", "", "Global stability is the aim. "+filler(2)),
		"stabilize.md": md("Grid", "", "Stabilization of the energy grid was planned. "+filler(2)),
	}), fixtureTopics(t))
	for q, want := range map[string][]string{
		"aid":           {"aid"},
		"aides":         {"aides"},
		"security":      {"security"},
		"securing":      {"securing"},
		"stabilization": {"stabilize"},
		"stability":     {"stability"},
	} {
		if got := searchNames(lib, q); !slices.Equal(got, want) {
			t.Errorf("%s found %v, want %v", q, got, want)
		}
	}
}

// Inflections still meet: guarantee finds guarantees and guaranteed,
// announce finds announced, a verb finds its noun (ranked after).
func TestInflectionsAndFamiliesMeet(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"plural.md":    md("One", "", "Several guarantees were given. "+filler(2)),
		"past.md":      md("Two", "", "Support was guaranteed. "+filler(2)),
		"announced.md": md("Three", "", "The plan was announced today. "+filler(2)),
		"verb.md":      md("Four", "", "They will negotiate again. "+filler(2)),
		"noun.md":      md("Five", "", "The negotiations resume. "+filler(2)),
	}), fixtureTopics(t))
	for q, want := range map[string][]string{
		"guarantee":   {"past", "plural"},
		"announce":    {"announced"},
		"negotiate":   {"verb", "noun"},
		"negotiation": {"noun", "verb"},
	} {
		got := searchNames(lib, q)
		if len(want) == 1 || q == "negotiate" || q == "negotiation" {
			if !slices.Equal(got, want) {
				t.Errorf("%s found %v, want %v in that order", q, got, want)
			}
			continue
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s found %v, want %v", q, got, want)
		}
	}
}

// The form typed ranks above the term's other forms.
func TestExactFormRanksFirst(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a-singular.md": md("One", "", "A guarantee was given. "+filler(3)),
		"b-plural.md":   md("Two", "", "Guarantees were given. "+filler(3)),
	}), fixtureTopics(t))
	if got := searchNames(lib, "guarantees"); !slices.Equal(got, []string{"b-plural", "a-singular"}) {
		t.Errorf("guarantees: %v, want the plural first", got)
	}
	if got := searchNames(lib, "guarantee"); !slices.Equal(got, []string{"a-singular", "b-plural"}) {
		t.Errorf("guarantee: %v, want the singular first", got)
	}
}

// A word in the title or dek counts more than one in the body; words close
// together count more than words far apart.
func TestFieldsAndNearness(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a-body.md":  md("Talks A", "", "A pause in the fighting was discussed. "+filler(3)),
		"b-title.md": md("Ceasefire talks", "", "A pause in the fighting was discussed. "+filler(3)),
		"c-dek.md":   md("Talks C", "What a ceasefire would need", "A pause in the fighting was discussed. "+filler(3)),
		"d-body.md":  md("Talks D", "", "A ceasefire was discussed. "+filler(3)),
	}), fixtureTopics(t))
	got := searchNames(lib, "ceasefire")
	if len(got) != 3 || got[2] != "d-body" {
		t.Errorf("ceasefire: %v, want the title and dek matches above the body's", got)
	}
	lib = library(t, parse(t, map[string]string{
		"a-far.md":  md("One", "", "Security was raised first. "+filler(3)+" Guarantees came last."),
		"b-near.md": md("Two", "", "Security guarantees were raised first. "+filler(3)),
	}), fixtureTopics(t))
	if got := searchNames(lib, "security guarantees"); !slices.Equal(got, []string{"b-near", "a-far"}) {
		t.Errorf("security guarantees: %v, want the adjacent words first", got)
	}
}

// Questions find answers: the words that only make it a question are not
// required.
func TestQuestionsNeedOnlyTheirContentWords(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"rubio.md": md("Envoy", "", "Rubio said the framework is a living document. "+filler(2)),
		"other.md": md("Other", "", filler(3)),
	}), fixtureTopics(t))
	if got := searchNames(lib, "what did Rubio say"); !slices.Equal(got, []string{"rubio"}) {
		t.Errorf("what did Rubio say: %v", got)
	}
}

// When no article has every word, the articles with the most are returned,
// marked partial; an exclusion still excludes.
func TestPartialMatchesWhenNoArticleHasEveryWord(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"sea.md":   md("One", "", "The Black Sea ports. "+filler(2)),
		"grain.md": md("Two", "", "Grain exports rose. "+filler(2)),
	}), fixtureTopics(t))
	an := lib.Index().Analyzer()
	res := lib.Index().Search(an.ParseQuery("black sea grain"), 0, nil)
	if !res.Partial || !slices.Equal(names(lib, res.Hits), []string{"sea", "grain"}) {
		t.Errorf("black sea grain: partial %v, %v; want sea (two words) then grain", res.Partial, names(lib, res.Hits))
	}
	res = lib.Index().Search(an.ParseQuery("black sea grain -exports"), 0, nil)
	if !slices.Equal(names(lib, res.Hits), []string{"sea"}) {
		t.Errorf("with -exports: %v", names(lib, res.Hits))
	}
	if res := lib.Index().Search(an.ParseQuery("black sea"), 0, nil); res.Partial {
		t.Error("a query every word of which is found is marked partial")
	}
}

// Topics are found by any beginning of their key or name that is theirs
// alone, as the list's chips abbreviate them.
func TestTopicsByPrefix(t *testing.T) {
	ts := fixtureTopics(t)
	for i, topic := range ts {
		for _, ref := range []string{topic.Key, strings.ToUpper(topic.Key[:3]), topic.Name, fmt.Sprint(i + 1)} {
			if got, err := ts.Find(ref); err != nil || got != i {
				t.Errorf("Find(%q) = %d, %v; want %d", ref, got, err, i)
			}
		}
	}
	if _, err := ts.Find("zzz"); err == nil {
		t.Error("an unknown topic was found")
	}
	lib := fixture(t)
	keep, err := lib.Filter(lib.Index().Analyzer().ParseQuery("topic:" + ts[0].Key[:3] + " perch"))
	if err != nil || keep == nil {
		t.Errorf("topic:%s: %v", ts[0].Key[:3], err)
	}
}

// Relations come from what the articles say: not from the publishers in
// their references, and a hyphenated compound is one word ("Israel-style",
// not "style").
func TestRelatedIgnoresReferencesAndKeepsCompounds(t *testing.T) {
	ref := "references:\n  - \"Some report — Reuters Investing.com\"\n"
	lib := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: Fishing quotas\n" + ref + "---\nPerch quotas for the lake were cut. Trawler crews protested at the harbour.\n",
		"b.md": "---\ntitle: Concert season\n" + ref + "---\nThe orchestra opened the season with a symphony by the lake composer.\n",
		"c.md": "---\ntitle: Training\n---\nTraining partnerships modeled on Israel-style frameworks. Israel-style drills follow.\n",
		"d.md": "---\ntitle: Drills\n---\nIsrael-style frameworks and drills again, Israel-style.\n",
	}), fixtureTopics(t))
	for _, ra := range lib.Related().Articles(doc(t, lib, "a")) {
		if slices.Contains(ra.SharedTerms, "reuters") || slices.Contains(ra.SharedTerms, "investing") {
			t.Errorf("a and %s relate through their references: %v", name(lib, ra.Doc), ra.SharedTerms)
		}
	}
	for _, ra := range lib.Related().Articles(doc(t, lib, "c")) {
		if slices.Contains(ra.SharedTerms, "style") {
			t.Errorf("c and %s share %v: the compound was split", name(lib, ra.Doc), ra.SharedTerms)
		}
	}
}

// source:NAME keeps the articles of the sources whose name begins with it,
// case and punctuation aside; source:"two words" takes a quoted name; an
// unknown source is an error, not an empty answer.
func TestSourceFilter(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: Perch quotas\nsource: Lakeside Gazette\n---\nPerch quotas for the lake were cut.\n",
		"b.md": "---\ntitle: Perch season\nsource: Harbour Post\n---\nThe perch season opened at the harbour.\n",
		"c.md": "---\ntitle: Perch recipes\n---\nPerch fried in butter.\n",
	}), fixtureTopics(t))
	an := lib.Index().Analyzer()
	for query, want := range map[string][]string{
		"perch source:lakeside":                  {"a"},
		"perch source:LAKESIDE-GAZ":              {"a"},
		`perch source:"lakeside gazette"`:        {"a"},
		"perch -source:lakeside":                 {"b", "c"},
		"perch source:harbour":                   {"b"},
		`source:"Harbour Post" perch source:har`: {"b"},
	} {
		q := an.ParseQuery(query)
		keep, err := lib.Filter(q)
		if err != nil || keep == nil {
			t.Fatalf("%s: no filter (%v)", query, err)
		}
		var got []string
		for _, h := range lib.Index().Search(q, 10, keep).Hits {
			got = append(got, name(lib, h.Doc))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
	for _, unknown := range []string{"nowhere", `"!!!"`, "art"} {
		if _, err := lib.Filter(an.ParseQuery("perch source:" + unknown)); err == nil || !strings.Contains(err.Error(), "no source") {
			t.Errorf("source:%s: %v", unknown, err)
		}
	}
	// names of any script: each finds its own source, and only it
	other := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: Perch one\nsource: Новости\n---\nPerch.\n",
		"b.md": "---\ntitle: Perch two\nsource: 東京新聞\n---\nPerch.\n",
		"c.md": "---\ntitle: Perch three\nsource: Articles Weekly\n---\nPerch.\n",
	}), fixtureTopics(t))
	for query, want := range map[string]string{"perch source:новости": "a", "perch source:東京": "b", "perch source:art": "c"} {
		q := other.Index().Analyzer().ParseQuery(query)
		keep, err := other.Filter(q)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		hits := other.Index().Search(q, 10, keep).Hits
		if len(hits) != 1 || name(other, hits[0].Doc) != want {
			t.Errorf("%s: %v, want %s", query, names(other, hits), want)
		}
	}
	if got := lib.Sources(); !slices.Equal(got, []string{"Lakeside Gazette", "Harbour Post"}) && !slices.Equal(got, []string{"Harbour Post", "Lakeside Gazette"}) {
		t.Errorf("sources %v", got)
	}
}
