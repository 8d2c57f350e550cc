package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"dispatch/store"
)

// july3 is the clock of the date tests: the fixture's newest article, the
// choir's tour, is of 1 July 2031.
var july3 = time.Date(2031, 7, 3, 12, 0, 0, 0, time.UTC)

// marks is a reading state for the tests, by article name.
type marks struct {
	lib           *store.Library
	read, starred map[string]bool
}

func (m marks) Read(doc int) bool    { return m.read[name(m.lib, doc)] }
func (m marks) Starred(doc int) bool { return m.starred[name(m.lib, doc)] }

func TestDateOperators(t *testing.T) {
	lib := fixture(t)
	honolulu := time.FixedZone("HST", -10*3600)
	for _, tt := range []struct {
		query string
		now   time.Time
		want  []string // newest first: a query of operators only is not ranked
	}{
		{"since:7d", july3, []string{"choir"}},
		{"since:3w", july3, []string{"choir", "festival"}},
		{"since:1m", july3, []string{"choir", "festival"}},
		{"date:3w", july3, []string{"choir", "festival"}}, // an age alone: since then
		{"until:2031-03-02", july3, []string{"truce", "ice"}},
		{"until:20w", july3, []string{"ice"}}, // older than 20 weeks: before 13 February
		{"date:2031-04-01..2031-04-09", july3, []string{"trawler", "fishing"}},
		{"date:2031-04", july3, []string{"trawler", "fishing"}},
		{"date:2031-06..", july3, []string{"choir", "festival"}},
		{"date:..2031-01-31", july3, []string{"ice"}},
		{"date:2031", july3, []string{"choir", "festival", "drill", "trawler", "fishing", "truce", "ice"}},
		{"-date:2031-04", july3, []string{"choir", "festival", "drill", "truce", "ice"}},
		{"since:2031-04-02 until:2031-06-13", july3, []string{"drill", "trawler"}},
		{"date:yesterday", time.Date(2031, 7, 2, 9, 0, 0, 0, time.UTC), []string{"choir"}},
		{"date:today", time.Date(2031, 7, 1, 23, 59, 0, 0, time.UTC), []string{"choir"}},
		{"date:today", time.Date(2031, 7, 2, 0, 0, 0, 0, time.UTC), nil},
		// a day is that day wherever it is read: not cut at UTC's midnight
		{"date:2031-07-01", time.Date(2031, 7, 3, 0, 0, 0, 0, honolulu), []string{"choir"}},
		{"date:today", time.Date(2031, 7, 1, 22, 0, 0, 0, honolulu), []string{"choir"}},
	} {
		got, res := listNames(t, lib, store.ListRequest{Text: tt.query, Now: tt.now})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s at %s: %v, want %v", tt.query, tt.now.Format(time.RFC3339), got, tt.want)
		}
		for _, h := range res.Hits {
			if h.Score != 0 || h.Passage != -1 {
				t.Errorf("%s: hit %+v ranked; operators alone only filter", tt.query, h)
			}
		}
	}
}

// An article without a date is dated by when the library first saw it.
func TestDateOperatorsDateTheUndatedByFirstSeen(t *testing.T) {
	arts := append(fixtureArticles(t), parse(t, map[string]string{"undated.md": "---\ntitle: Undated Perch Notes\n---\nThe perch were biting.\n"})...)
	lib := library(t, arts, fixtureTopics(t))
	undated := len(arts) - 1
	seen := lib.FirstSeen(undated)
	if seen.IsZero() || !lib.Article(undated).Published.IsZero() {
		t.Fatalf("the undated article was first seen at %v", seen)
	}
	for q, want := range map[string]bool{
		"since:100y": true, "-since:1d": true, "until:2099-01-01": true, "perch date:2031": false,
		"date:" + seen.In(july3.Location()).Format("2006-01-02"): true,
	} {
		got, _ := listNames(t, lib, store.ListRequest{Text: q, Now: july3})
		if slices.Contains(got, "undated") != want {
			t.Errorf("%s: %v, the undated article (first seen %s) listed: %v", q, got, seen.Format(time.RFC3339), !want)
		}
	}
}

func TestStateOperators(t *testing.T) {
	lib := fixture(t)
	m := marks{lib: lib, read: map[string]bool{}, starred: map[string]bool{"truce": true}}
	all := []string{"choir", "festival", "drill", "trawler", "fishing", "truce", "ice"}
	list := func(q string) []string {
		t.Helper()
		got, _ := listNames(t, lib, store.ListRequest{Text: q, Marks: m, Now: july3})
		return got
	}
	if got := list("is:unread"); !slices.Equal(got, all) {
		t.Errorf("is:unread with nothing read: %v", got)
	}
	m.read["festival"], m.read["ice"] = true, true // marking
	if got, want := list("is:unread"), []string{"choir", "drill", "trawler", "fishing", "truce"}; !slices.Equal(got, want) {
		t.Errorf("is:unread after marking festival and ice read: %v, want %v", got, want)
	}
	if got, want := list("is:read"), []string{"festival", "ice"}; !slices.Equal(got, want) {
		t.Errorf("is:read: %v, want %v", got, want)
	}
	if got, want := list("-is:unread"), []string{"festival", "ice"}; !slices.Equal(got, want) {
		t.Errorf("-is:unread: %v, want %v", got, want)
	}
	if got, want := list("is:starred"), []string{"truce"}; !slices.Equal(got, want) {
		t.Errorf("is:starred: %v, want %v", got, want)
	}
	if got, want := list("IS:Bookmarked"), []string{"truce"}; !slices.Equal(got, want) {
		t.Errorf("IS:Bookmarked: %v, want %v", got, want)
	}
	if got := list("is:new"); len(got) != 0 {
		t.Errorf("is:new, nothing fetched: %v", got)
	}
	// with words: ranked as the words alone are, the read left out
	words, _ := listNames(t, lib, store.ListRequest{Text: "karrow"})
	want := slices.DeleteFunc(slices.Clone(words), func(s string) bool { return m.read[s] })
	if got := list("karrow is:unread"); !slices.Equal(got, want) {
		t.Errorf("karrow is:unread: %v, want %v", got, want)
	}
	if _, err := lib.List(store.ListRequest{Text: "is:unread"}); err == nil || !strings.Contains(err.Error(), "reading state") {
		t.Errorf("is: without marks: %v, want an error about the reading state", err)
	}
}

func TestTagOperator(t *testing.T) {
	lib := fixture(t)
	tags := map[string][]string{"truce": {"Lake News"}, "trawler": {"Lake News", "boats"}, "fishing": {"boats"}}
	req := func(q string) store.ListRequest {
		return store.ListRequest{Text: q, Tags: func(doc int) []string { return tags[name(lib, doc)] }, Now: july3}
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{`tag:"lake news"`, []string{"trawler", "truce"}},
		{"tag:boats", []string{"trawler", "fishing"}},
		{"tag:BOATS -tag:\"Lake News\"", []string{"fishing"}},
		{"tag:boats perch", nil}, // ranked: checked as a set below
		{"tag:none", nil},
	} {
		got, _ := listNames(t, lib, req(tt.query))
		if tt.query == "tag:boats perch" {
			if !sameSet(got, []string{"trawler", "fishing"}) {
				t.Errorf("%s: %v, want trawler and fishing", tt.query, got)
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.query, got, tt.want)
		}
	}
	if got, _ := listNames(t, lib, store.ListRequest{Text: "tag:boats"}); len(got) != 0 {
		t.Errorf("tag: without tags: %v, want nothing", got)
	}
}

func TestQueryOperatorMistakes(t *testing.T) {
	an := store.NewAnalyzer()
	for _, tt := range []struct{ query, want string }{
		{"perch tpoic:fishing", `unknown operator "tpoic:" (known: date:, is:, since:, source:, tag:, topic:, until:)`},
		{"Update: geneva", `unknown operator "update:"`},
		{"topic:", "topic: needs a topic"},
		{"perch source: nets", "source: needs a source"},
		{"tag:", "tag: needs a tag"},
		{"is:", "is: needs a state"},
		{"is:sleepy", "is:sleepy: want is:unread"},
		{"since:", "since: needs a date"},
		{"since:2031-13-01", "since:2031-13-01: not a date"},
		{"since:2031-04-01..2031-04-09", "since: takes one date; date:A..B takes a range"},
		{"date:..", "a range needs a date on at least one side"},
		{"date:0d", "an age is a whole number from 1"},
		{"until:7q", "until:7q: not a date"},
	} {
		err := an.ParseQuery(tt.query).Err
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line with %q", tt.query, err, tt.want)
		}
		if cerr := store.CheckQuery(tt.query); cerr == nil || cerr.Error() != err.Error() {
			t.Errorf("CheckQuery(%q) = %v, want %v", tt.query, cerr, err)
		}
	}
	lib := fixture(t)
	if _, err := lib.List(store.ListRequest{Text: "tpoic:fishing"}); err == nil {
		t.Error("List answered a query with an unknown operator")
	}
	// words with a colon that are no operators
	for _, q := range []string{"http://example.org/perch", "https://a.b/c?x=1", "mailto:/x", "10:30", "perch 2031-04-01T10:30", `"update: perch"`, "Ørsted:", "-:x"} {
		if err := an.ParseQuery(q).Err; err != nil {
			t.Errorf("%q: %v, want words", q, err)
		}
	}
}

// While a query is typed, an operator being typed at its end is no
// mistake yet; once the cursor has left it, it is.
func TestTypingAnOperator(t *testing.T) {
	an := store.NewAnalyzer()
	for _, q := range []string{"perch topic:", "perch since:2031-0", "perch is:un", "perch date:2031-04-01.."[:22], "perch tpoic:"} {
		if err := an.ParseTyping(q).Err; err != nil {
			t.Errorf("typing %q: %v, want no error yet", q, err)
		}
		if err := an.ParseTyping(q + " nets").Err; err == nil && !strings.HasSuffix(q, "..") {
			t.Errorf("typed %q and went on: no error", q)
		}
	}
	q := an.ParseTyping("perch since:7d")
	if q.Err != nil || len(q.Dates) != 1 {
		t.Errorf("a complete operator at the end: err %v, %d dates", q.Err, len(q.Dates))
	}
}

func TestPrefixSearch(t *testing.T) {
	lib := fixture(t)
	typed, _ := listNames(t, lib, store.ListRequest{Query: lib.Index().Expand(lib.Index().Analyzer().ParseTyping("harb"))})
	got, _ := listNames(t, lib, store.ListRequest{Text: "harb*"})
	if len(got) == 0 || !slices.Equal(got, typed) {
		t.Errorf("harb*: %v, want what typing harb finds: %v", got, typed)
	}
	if exact, _ := listNames(t, lib, store.ListRequest{Text: "harb"}); len(exact) != 0 {
		t.Errorf("harb without *: %v, want nothing", exact)
	}
	if got, _ := listNames(t, lib, store.ListRequest{Text: "perch -harb*"}); slices.ContainsFunc(got, func(n string) bool {
		hits, _ := listNames(t, lib, store.ListRequest{Text: "harbour"})
		return slices.Contains(hits, n)
	}) {
		t.Errorf("perch -harb*: %v lists an article with harbour", got)
	}
}

// Operators combine with words, phrases, exclusions, topic: and source:.
func TestOperatorsCombine(t *testing.T) {
	lib := fixture(t)
	m := marks{lib: lib, read: map[string]bool{"trawler": true}}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"perch since:2031-04-05", []string{"trawler"}},
		{"perch since:2031-03-01 is:unread", []string{"fishing"}},
		{`"truce line" date:2031-04`, []string{"trawler"}},
		{"karrow -perch until:2031-06-30 topic:music", []string{"festival"}},
		{"topic:truce since:2031-03-01", nil}, // ranked by nothing: newest first
	} {
		got, _ := listNames(t, lib, store.ListRequest{Text: tt.query, Marks: m, Now: july3})
		if tt.want == nil {
			for i := 1; i < len(got); i++ {
				if lib.Article(doc(t, lib, got[i-1])).Published.Before(lib.Article(doc(t, lib, got[i])).Published) {
					t.Errorf("%s: %v not newest first", tt.query, got)
				}
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.query, got, tt.want)
		}
	}
}

func FuzzQueryOperators(f *testing.F) {
	for _, s := range []string{"since:7d", "date:2031-04-01..2031-04-09", "is:unread tag:\"a b\"", "-date:..2031", "x:", "http://x", "date:99999999d", "since:2031-02-30", "harb* -fo*"} {
		f.Add(s)
	}
	lib := fixture(f)
	an := lib.Index().Analyzer()
	m := marks{lib: lib}
	tags := func(int) []string { return []string{"Lake News"} }
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range []store.Query{an.ParseQuery(text), lib.Index().Expand(an.ParseTyping(text))} {
			if q.Err != nil && strings.ContainsAny(q.Err.Error(), "\n\r\x1b") {
				t.Fatalf("%q: error not one clean line: %q", text, q.Err)
			}
			res, err := lib.List(store.ListRequest{Query: q, Marks: m, Tags: tags, Now: july3, Limit: 5})
			if err == nil && len(res.Hits) > 5 {
				t.Fatalf("%q: %d hits past the limit", text, len(res.Hits))
			}
		}
	})
}

func TestCountSearches(t *testing.T) {
	lib := fixture(t)
	m := marks{lib: lib, read: map[string]bool{"trawler": true, "choir": true}}
	got := lib.CountSearches([]store.SavedSearch{
		{"Perch lately", "perch since:2031-04-01"},
		{"This summer", "since:2031-06-01"},
		{"No such", "perch karrowmoor"},
		{"Bad topic", "topic:weather"},
	}, store.ListRequest{Marks: m, Now: july3})
	want := []store.SearchCount{
		{Name: "Perch lately", Query: "perch since:2031-04-01", Total: 2, Unread: 1},
		{Name: "This summer", Query: "since:2031-06-01", Total: 2, Unread: 1},
		{Name: "No such", Query: "perch karrowmoor"},
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("search %d: %+v, want %+v", i, got[i], w)
		}
	}
	if got[3].Err == nil || got[3].Total != 0 {
		t.Errorf("a search on a topic the library lacks: %+v, want its error", got[3])
	}
}
