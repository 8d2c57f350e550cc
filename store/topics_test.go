package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"dispatch/store"
)

// Hand-written passages, and what a reader would call them, on the topics
// of testdata/topics.yaml: one strong word (weight 3) is enough, one
// ordinary word is not, two are.
func TestPassagesAreOnTheTopicsTheirWordsSignal(t *testing.T) {
	tests := []struct {
		text string
		on   []string // the topics the passage is on
	}{
		{"The truce must hold.", []string{"truce"}},
		{"Cease-fires were agreed along the shore.", []string{"truce"}},
		{"A ceasefire was declared at noon.", []string{"truce"}}, // hyphens are optional
		{"Both towns signed an ARMISTICE.", []string{"truce"}},
		{"Border guards and monitors watched the shore.", []string{"truce"}}, // 1 + 1.5
		{"The border was quiet.", nil},                                       // one weak signal is not enough
		{"The patrol boats went home.", nil},                                 // 2: a phrase, but alone
		{"The withdrawal of the patrol boats began.", []string{"truce"}},     // 2 + 2
		{"The trawler came home with full nets.", []string{"fishing"}},
		{"The harbour was quiet.", nil},
		{"The choir sang at the fishing festival.", []string{"fishing", "music"}},
		{"Skaters waited for the ice.", nil},
	}
	var body strings.Builder
	for _, tt := range tests {
		body.WriteString(tt.text + "\n\n")
	}
	lib := library(t, parse(t, map[string]string{"a.md": "---\ntitle: Passages\n---\n" + body.String()}), fixtureTopics(t))
	for p, tt := range tests {
		if got := content(t, lib, 0).Passages[p].Text; got != tt.text {
			t.Fatalf("passage %d is %q, want %q", p, got, tt.text)
		}
		var on []string
		for i, topic := range lib.Topics() {
			if lib.Coverage().OnTopic(0, p, i) {
				on = append(on, topic.Key)
			}
			if got := lib.Coverage().PassageScore(0, p, i) >= store.PassageMinScore; got != lib.Coverage().OnTopic(0, p, i) {
				t.Errorf("%q on %s: score %v but OnTopic %v", tt.text, topic.Key, lib.Coverage().PassageScore(0, p, i), !got)
			}
		}
		if !slices.Equal(on, tt.on) {
			t.Errorf("%q is on %v, want %v", tt.text, on, tt.on)
		}
	}
}

// Which reports carry which topics, read off testdata/library.
func TestArticlesCarryTheTopicsTheyAreAbout(t *testing.T) {
	lib := fixture(t)
	tests := []struct {
		article string
		carries []string // heaviest first
	}{
		{"truce", []string{"truce"}},
		{"fishing", []string{"fishing"}},
		{"trawler", []string{"truce", "fishing"}}, // a truce incident, with nets and perch
		{"festival", []string{"music"}},
		{"choir", []string{"music"}},
		{"drill", nil}, // air defense is on none of the test topics
		{"ice", nil},
	}
	for _, tt := range tests {
		d := doc(t, lib, tt.article)
		var got []string
		for _, i := range lib.Coverage().Carried(d) {
			got = append(got, lib.Topics()[i].Key)
		}
		if !slices.Equal(got, tt.carries) {
			t.Errorf("%s carries %v, want %v", tt.article, got, tt.carries)
		}
	}
	// the truce report is all truce; the trawler report shares its words
	// with fishing
	truce := topic(t, lib, "truce")
	if got := lib.Coverage().Articles(truce); len(got) != 2 || name(lib, got[0]) != "truce" {
		t.Errorf("truce carried by %v, want the truce report first, then the trawler", got)
	}
}

// The coverage's views agree with one another, whatever the articles.
func TestCoverageIsConsistent(t *testing.T) {
	lib := fixture(t)
	cov := lib.Coverage()
	for d := range lib.Len() {
		passages := content(t, lib, d).Passages
		prev := 2.0
		for _, i := range cov.Carried(d) {
			w := cov.Weight(d, i)
			if w > prev || w < store.ArticleMinShare || w > 1 {
				t.Errorf("%s: weight %v of %s out of order or out of range", name(lib, d), w, lib.Topics()[i].Key)
			}
			prev = w
		}
		for i := range lib.Topics() {
			if cov.Carries(d, i) != slices.Contains(cov.Carried(d), i) {
				t.Errorf("%s: Carries and Carried disagree on %s", name(lib, d), lib.Topics()[i].Key)
			}
			if cov.Carries(d, i) != slices.Contains(cov.Articles(i), d) {
				t.Errorf("%s: Carries and Articles disagree on %s", name(lib, d), lib.Topics()[i].Key)
			}
			var on []int
			for p := range passages {
				if cov.OnTopic(d, p, i) {
					on = append(on, p)
				}
			}
			if got := cov.Passages(d, i); !slices.Equal(got, on) {
				t.Errorf("%s: Passages on %s = %v, OnTopic says %v", name(lib, d), lib.Topics()[i].Key, got, on)
			}
			if cov.Carries(d, i) && len(on) == 0 {
				t.Errorf("%s carries %s with no passage on it", name(lib, d), lib.Topics()[i].Key)
			}
		}
	}
	for i := range lib.Topics() {
		arts := cov.Articles(i)
		for j := 1; j < len(arts); j++ {
			if cov.Weight(arts[j], i) > cov.Weight(arts[j-1], i) {
				t.Errorf("articles on %s not heaviest first: %v", lib.Topics()[i].Key, arts)
			}
		}
	}
}

// Topics named in an article's front matter override what its words say;
// its passages keep their scores.
func TestFrontMatterTopicsOverride(t *testing.T) {
	arts := parse(t, map[string]string{
		"a.md": "---\ntitle: A\ntopics: [music, -truce, weather]\n---\nThe truce held and the cease-fire too.\n",
	})
	lib := library(t, arts, fixtureTopics(t))
	truce, music := topic(t, lib, "truce"), topic(t, lib, "music")
	if lib.Coverage().Carries(0, truce) || !lib.Coverage().Carries(0, music) {
		t.Errorf("front matter should remove truce and add music: carries %v", lib.Coverage().Carried(0))
	}
	if !lib.Coverage().OnTopic(0, 0, truce) {
		t.Error("the passage itself is still about the truce")
	}
}

func TestLoadTopicsExtendsAndReplaces(t *testing.T) {
	base := fixtureTopics(t)
	ext := "topics:\n  - key: truce\n    color: \"#123456\"\n    terms:\n      \"line of contact\": 2\n      truce: 5\n  - key: weather\n    name: Weather\n    terms:\n      fog: 2\n      ice: 2\n"
	ts, err := store.LoadTopics("mine.yaml", []byte(ext), base)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ts.Keys(), append(base.Keys(), "weather"); !slices.Equal(got, want) {
		t.Errorf("extended keys %v, want %v: a new key is appended", got, want)
	}
	i := base.Index("truce")
	truce := ts[i]
	if truce.Name != base[i].Name || truce.Color != "#123456" || len(truce.Terms) != len(base[i].Terms)+1 {
		t.Errorf("truce after extension: %s %s %d terms, want the name kept, the colour replaced, one term added", truce.Name, truce.Color, len(truce.Terms))
	}
	if w := truce.Terms[slices.IndexFunc(truce.Terms, func(tt store.TopicTerm) bool { return tt.Text == "truce" })].Weight; w != 5 {
		t.Errorf("a known term's weight is %v, want the file's 5", w)
	}
	if len(base[i].Terms) == len(truce.Terms) || base[i].Color == "#123456" {
		t.Error("extending changed the base topics")
	}
	if w := ts[ts.Index("weather")]; w.Color == "" || w.Name != "Weather" {
		t.Errorf("new topic %+v: want its name and a default colour", w)
	}
	rep := "replace: true\ntopics:\n  - key: weather\n    name: Weather\n    terms:\n      fog: 2\n"
	ts, err = store.LoadTopics("mine.yaml", []byte(rep), base)
	if err != nil || !slices.Equal(ts.Keys(), []string{"weather"}) {
		t.Errorf("replace: %v %v", err, ts.Keys())
	}
}

func TestTopicsIndexIgnoresCaseAndSpace(t *testing.T) {
	ts := fixtureTopics(t)
	for _, key := range []string{"music", " Music ", "MUSIC"} {
		if i := ts.Index(key); i < 0 || ts[i].Key != "music" {
			t.Errorf("Index(%q) = %d", key, i)
		}
	}
	if i := ts.Index("weather"); i != -1 {
		t.Errorf("Index of an unknown key = %d, want -1", i)
	}
}

func TestLoadTopicsErrorsNameTheLine(t *testing.T) {
	base := fixtureTopics(t)
	tests := []struct{ name, data, want string }{
		{"syntax", "topics:\n  - key: a\n   name: [x\n", "t.yaml: yaml: line"},
		{"empty", "", "t.yaml: empty topics file"},
		{"not a mapping", "- a\n- b\n", "t.yaml:1: expected a mapping"},
		{"unknown top field", "topic:\n  - key: a\n", `t.yaml:1: unknown field "topic"`},
		{"replace not a bool", "replace: sometimes\ntopics:\n  - key: a\n", "t.yaml:1: replace must be true or false"},
		{"no topics", "topics: []\n", "t.yaml:1: no topics"},
		{"unknown topic field", "topics:\n  - key: a\n    name: A\n    colour: \"#ffffff\"\n    weight: 3\n", `t.yaml:5: unknown field "weight"`},
		{"bad key", "topics:\n  - key: Big Key\n", `t.yaml:2: key "Big Key"`},
		{"no key", "topics:\n  - name: A\n", "t.yaml:2: topic without a key"},
		{"duplicate key", "topics:\n  - key: a\n    name: A\n    terms: {x: 1}\n  - key: a\n", `t.yaml:5: topic "a" defined twice`},
		{"bad color", "topics:\n  - key: a\n    color: red\n", `t.yaml:3: color "red": want #RRGGBB`},
		{"zero weight", "topics:\n  - key: a\n    name: A\n    terms:\n      gas: 0\n", `t.yaml:5: weight of "gas" must be above 0`},
		{"text weight", "topics:\n  - key: a\n    name: A\n    terms:\n      gas: lots\n", `t.yaml:5: weight of "gas" must be a number`},
		{"NaN weight", "topics:\n  - key: a\n    name: A\n    terms:\n      gas: .nan\n", `t.yaml:5: weight of "gas" must be above 0 and at most 100, got NaN`},
		{"infinite weight", "topics:\n  - key: a\n    name: A\n    terms:\n      gas: .inf\n", `t.yaml:5: weight of "gas" must be above 0 and at most 100, got +Inf`},
		{"term without letters", "topics:\n  - key: a\n    name: A\n    terms:\n      \"--\": 1\n", `t.yaml:5: term "--" has no letters`},
		{"term twice", "topics:\n  - key: a\n    name: A\n    terms:\n      Gas: 1\n      gas: 2\n", `t.yaml:6: term "gas" listed twice`},
		{"new topic without name", "topics:\n  - key: a\n    terms: {x: 1}\n", `t.yaml:2: new topic "a" needs a name`},
		{"new topic without terms", "topics:\n  - key: a\n    name: A\n", `t.yaml:2: new topic "a" needs terms`},
		{"terms not a map", "topics:\n  - key: a\n    name: A\n    terms: [x]\n", "t.yaml:4: terms: want a mapping"},
		{"too many", "replace: true\ntopics:\n" + manyTopics(10), "t.yaml:3: 10 topics: at most 9"},
	}
	for _, tt := range tests {
		_, err := store.LoadTopics("t.yaml", []byte(tt.data), base)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tt.name, err)
		}
	}
}

// Extending cannot go past the nine topics the number keys reach, whatever
// the base holds.
func TestLoadTopicsRefusesMoreThanTheNumberKeys(t *testing.T) {
	base := fixtureTopics(t)
	fits := 9 - len(base)
	if _, err := store.LoadTopics("t.yaml", []byte("topics:\n"+manyTopics(fits)), base); err != nil {
		t.Errorf("%d topics in all: %v", len(base)+fits, err)
	}
	if _, err := store.LoadTopics("t.yaml", []byte("topics:\n"+manyTopics(fits+1)), base); err == nil || !strings.Contains(err.Error(), "10 topics: at most 9") {
		t.Errorf("%d topics in all: error %v", len(base)+fits+1, err)
	}
}

// manyTopics is n new topics, keys t0, t1, ...
func manyTopics(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "  - key: t%d\n    name: T\n    terms: {x: 1}\n", i)
	}
	return b.String()
}

// Hostile names and terms are cleaned like article text: they are shown.
func TestLoadTopicsCleansNamesAndTerms(t *testing.T) {
	data := "replace: true\ntopics:\n  - key: a\n    name: \"Evil \\e[31mname\\u202e\"\n    terms:\n      \"fog\\e]0;x\\a\": 2\n"
	ts, err := store.LoadTopics("t.yaml", []byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{ts[0].Name, ts[0].Terms[0].Text} {
		if strings.ContainsAny(s, "\x1b\a\u202e") {
			t.Errorf("%q keeps a control character", s)
		}
	}
}

func TestTopicFilter(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	tests := []struct {
		query string
		want  []string
	}{
		{"topic:fishing lake", []string{"fishing", "trawler"}},
		{"topic:FISHING lake", []string{"fishing", "trawler"}},
		{"topic:fishing topic:truce lake", []string{"trawler"}},
		{"-topic:truce orvell", []string{"fishing", "ice"}},
		{"-topic:music choir", nil},
		{"topic:music", []string{"choir", "festival"}}, // a topic alone lists its articles
	}
	for _, tt := range tests {
		q := an.ParseQuery(tt.query)
		keep, err := lib.Filter(q)
		if err != nil || keep == nil {
			t.Fatalf("%q: filter %v", tt.query, err)
		}
		if got := names(lib, lib.Index().Search(q, 0, keep).Hits); !sameSet(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
		}
	}
	if keep, err := lib.Filter(an.ParseQuery("lake")); keep != nil || err != nil {
		t.Errorf("a query without topics: filter %v, error %v; want neither", keep != nil, err)
	}
	if _, err := lib.Filter(an.ParseQuery("topic:weather")); err == nil ||
		err.Error() != `unknown topic "weather" (topics: truce, fishing, music)` {
		t.Errorf("unknown topic: %v", err)
	}
}
