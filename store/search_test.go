package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dispatch/store"
)

// Which reports mention what, read off testdata/library.
func TestSearchFindsWhatTheArticlesSay(t *testing.T) {
	lib := fixture(t)
	all := []string{"choir", "drill", "festival", "fishing", "ice", "trawler", "truce"}
	tests := []struct {
		query string
		want  []string // in any order
		first string   // the article that must rank first, "" for any
	}{
		{"orvell", []string{"fishing", "ice", "trawler", "truce"}, ""},
		{"Lake Orvell", []string{"fishing", "ice", "trawler", "truce"}, ""}, // ice: "The lake froze" under "Ice Comes Late to Orvell"
		{`"lake orvell"`, []string{"fishing", "trawler", "truce"}, ""},
		{`"orvell lake"`, nil, ""},                                    // a phrase is in order
		{`"lake orvell`, []string{"fishing", "trawler", "truce"}, ""}, // unbalanced quote: a phrase to the end
		{"perch", []string{"fishing", "trawler"}, "fishing"},          // three times in fishing, once in trawler
		{"PERCH", []string{"fishing", "trawler"}, "fishing"},
		{"net", []string{"fishing", "trawler"}, ""}, // stemmed: nets
		{"trawlers", []string{"fishing", "trawler"}, ""},
		{"cease-fire", []string{"trawler", "truce"}, ""},
		{"ceasefire", []string{"trawler", "truce"}, ""},
		{"ceasefires", []string{"trawler", "truce"}, ""},
		{"cease fire", []string{"trawler", "truce"}, ""},
		{"air-defense", []string{"drill"}, "drill"},
		{"air defense", []string{"drill"}, "drill"},
		{"airdefense", []string{"drill"}, "drill"},
		{"Muñoz", []string{"trawler", "truce"}, ""},
		{"munoz", []string{"trawler", "truce"}, ""},
		{"Íñigo Muñoz", []string{"trawler", "truce"}, ""},
		{"angstrom", []string{"choir", "festival", "truce"}, ""}, // the byline
		{"Reed", []string{"fishing", "trawler"}, ""},             // the byline
		{"incident", []string{"trawler"}, "trawler"},             // only in its references
		{"gazette", []string{"truce"}, "truce"},
		{"choir", []string{"choir", "festival"}, ""},
		{"choir -orchestra", []string{"choir"}, "choir"},
		{`choir -"town orchestra"`, []string{"choir"}, "choir"},
		{`choir -"orchestra town"`, []string{"choir", "festival"}, ""},
		{"-orvell", []string{"choir", "drill", "festival"}, ""},
		{"- perch", []string{"fishing", "trawler"}, ""}, // a lone minus is ignored
		{`""`, all, ""}, // nothing to look for: everything
		{"-", all, ""},
		{"sundby karrow truce", []string{"trawler", "truce"}, ""},
		{"perhc", nil, ""},
		{"zeppelin", nil, ""},
	}
	for _, tt := range tests {
		got := names(lib, search(lib, tt.query))
		if !sameSet(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
			continue
		}
		if tt.first != "" && got[0] != tt.first {
			t.Errorf("%q ranks %v, want %s first", tt.query, got, tt.first)
		}
	}
}

func TestSearchRanksByRelevance(t *testing.T) {
	lib := fixture(t)
	hits := search(lib, "perch nets")
	if got := names(lib, hits); !slices.Equal(got, []string{"fishing", "trawler"}) {
		t.Errorf("perch nets ranks %v, want fishing (three perch, two nets) before trawler (one of each)", got)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not sorted by score: %+v", hits)
		}
	}
	if h := search(lib, "perch"); len(h) == 0 || h[0].Matches != 3 {
		t.Errorf("perch in fishing: %+v, want 3 matches", h)
	}
}

func TestSearchLimitKeepsTheBestAndCountsAll(t *testing.T) {
	lib := fixture(t)
	q := lib.Index().Analyzer().ParseQuery("lake")
	all := lib.Index().Search(q, 0, nil)
	top := lib.Index().Search(q, 2, nil)
	if all.Total != len(all.Hits) || top.Total != all.Total {
		t.Errorf("totals: %d of %d hits unlimited, %d limited", all.Total, len(all.Hits), top.Total)
	}
	if len(all.Hits) <= 2 || !reflect.DeepEqual(top.Hits, all.Hits[:2]) {
		t.Errorf("limited to 2: %v, want the first two of %v", names(lib, top.Hits), names(lib, all.Hits))
	}
}

func TestSearchPointsAtPassages(t *testing.T) {
	lib := fixture(t)
	tests := []struct {
		query, article string
		passage        string // the start of the passage of the first match; "" for none
	}{
		{"nets", "fishing", "Crews mended their nets"},
		{"searchlights", "truce", "No new searchlights"},
		{"armistice", "truce", "Muñoz said that armistice"},
		{"terms", "truce", "Terms of the cease-fire"},     // a heading
		{"squares", "truce", "A cease-fire on the water"}, // a quote
		{"Reed", "fishing", ""},                           // the byline
		{"gazette", "truce", ""},                          // the references
		{"northern", "fishing", ""},                       // the dek
	}
	for _, tt := range tests {
		d := doc(t, lib, tt.article)
		var hit *store.Hit
		for _, h := range search(lib, tt.query) {
			if h.Doc == d {
				hit = &h
			}
		}
		switch {
		case hit == nil:
			t.Errorf("%q does not find %s", tt.query, tt.article)
		case tt.passage == "" && hit.Passage != -1:
			t.Errorf("%q matches only around the text of %s, but points at passage %d", tt.query, tt.article, hit.Passage)
		case tt.passage != "" && hit.Passage != passage(t, lib, d, tt.passage):
			t.Errorf("%q points at passage %d of %s, want the one starting %q", tt.query, hit.Passage, tt.article, tt.passage)
		}
	}
}

func TestSuggest(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	tests := []struct{ query, want string }{
		{"perhc", "perch"},
		{"Lake Orvll", "Lake orvell"}, // known words stay as typed; corrections are folded
		{"Lake Orvel", "Lake orvell"}, // a misspelling, not an inflection: no longer one term
		{"trawlr nets", "trawler nets"},
		{"perch", ""},        // found: nothing to suggest
		{"zzzzzzzzzzzz", ""}, // nothing close
	}
	for _, tt := range tests {
		if got := lib.Index().Suggest(an.ParseQuery(tt.query)); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	an := store.NewAnalyzer()
	tests := []struct {
		in                    string
		must, not, topics, nt string
	}{
		{"lake orvell", "[lake] [orvell]", "", "", ""},
		{`"lake orvell" -karrow`, "[lake orvell]", "[karrow]", "", ""},
		{"cease-fire", "[ceas fire|ceasefir]", "", "", ""},
		{`"air-defense systems"`, "[air defens system|airdefens system]", "", "", ""},
		{"topic:Truce nets -topic:music", "[net]", "", "truce", "music"},
		{`-"patrol boats`, "", "[patrol boat]", "", ""},
		{"- -- — !!", "", "", "", ""},
		{`unbalanced "quote`, "[unbalanc] [quot]", "", "", ""},
		{"topic:", "", "", "", ""},                   // an error: see TestQueryOperatorMistakes
		{"a\u00a0b -\u00a0c", "[b] [c]", "", "", ""}, // no-break spaces separate words; "a" is a stop word
		{"what did the perch eat", "[perch] [eat]", "", "", ""},
		{"the who", "[the] [who]", "", "", ""}, // nothing but stop words: they are the query
		{`"the end of the war"`, "[the end of the war]", "", "", ""},
		{"nets nets NETS", "[net]", "", "", ""}, // a word given twice counts once
		{"\x1b[31mred\x1b[0m \u202eevil", "[red] [evil]", "", "", ""},
	}
	for _, tt := range tests {
		q := an.ParseQuery(tt.in)
		if got := clauses(q.Must); got != tt.must {
			t.Errorf("%q must = %s, want %s", tt.in, got, tt.must)
		}
		if got := clauses(q.Not); got != tt.not {
			t.Errorf("%q not = %s, want %s", tt.in, got, tt.not)
		}
		if got := strings.Join(q.Topics, ","); got != tt.topics {
			t.Errorf("%q topics = %s, want %s", tt.in, got, tt.topics)
		}
		if got := strings.Join(q.NotTopics, ","); got != tt.nt {
			t.Errorf("%q not topics = %s, want %s", tt.in, got, tt.nt)
		}
	}
}

// A query pasted by mistake is read only up to the limits; the rest is
// left out and the query says so.
func TestQueriesPastTheLimitsAreCut(t *testing.T) {
	an := store.NewAnalyzer()
	var words []string
	for i := range store.MaxQueryWords + 10 {
		words = append(words, fmt.Sprintf("word%02d", i))
	}
	many := strings.Join(words, " ")
	if q := an.ParseQuery(many); !q.TooLong || len(q.Must) != store.MaxQueryWords {
		t.Errorf("%d words: too long %v, kept %d", store.MaxQueryWords+10, q.TooLong, len(q.Must))
	}
	long := "perch " + strings.Repeat("x", store.MaxQueryBytes) + " nets"
	q := an.ParseQuery(long)
	if !q.TooLong || len(q.Must) != 2 || q.Must[0].Text != "perch" || strings.Contains(q.Must[1].Text, "nets") {
		t.Errorf("%d bytes: too long %v, clauses %s; want perch and the cut word, not nets", len(long), q.TooLong, clauses(q.Must))
	}
	if q := an.ParseQuery("perch nets"); q.TooLong {
		t.Error("a short query is marked too long")
	}
}

func clauses(cs []store.Clause) string {
	var parts []string
	for _, c := range cs {
		var alts []string
		for _, a := range c.Alts {
			alts = append(alts, strings.Join(a, " "))
		}
		parts = append(parts, "["+strings.Join(alts, "|")+"]")
	}
	return strings.Join(parts, " ")
}

func TestSnippetMarksTheMatchesAndShowsTheCuts(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	q := an.ParseQuery(`"lake orvell" nets`)
	d := doc(t, lib, "trawler")
	s := lib.Index().Snippet(lib.Article(d), q, passage(t, lib, d, "Early on Tuesday"), 60)
	marked := s.Marked("[[", "]]")
	if !strings.Contains(marked, "[[Lake Orvell]]") || !strings.Contains(marked, "[[nets]]") {
		t.Errorf("snippet %q, want Lake Orvell and nets marked", marked)
	}
	if n := utf8.RuneCountInString(s.Text); n > 60+2 {
		t.Errorf("snippet is %d runes, want about 60", n)
	}
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") {
		t.Errorf("a snippet cut at both ends should show it: %q", s.Text)
	}
	checkSpans(t, s.Text, s.Highlights)
}

func TestSnippetFallsBackToTheTitleBlock(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	d := doc(t, lib, "fishing")
	tests := []struct{ query, want string }{
		{"Reed", "Tomas [[Reed]]"},                       // the byline
		{"northern", "return to the [[northern]] bank."}, // the dek
		{"zeppelin", "Trawlers from Sundby return"},      // no match: the dek
	}
	for _, tt := range tests {
		s := lib.Index().Snippet(lib.Article(d), an.ParseQuery(tt.query), -1, 80)
		if got := s.Marked("[[", "]]"); !strings.Contains(got, tt.want) {
			t.Errorf("snippet for %q: %q, want it to hold %q", tt.query, got, tt.want)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"lake orvell", `"lake orvell`, "-", "cease-fire -karrow", "topic:x y", "\xff\"", "Muñoz’s", `""-""`, "perc"} {
		f.Add(s)
	}
	lib := fixture(f)
	an := lib.Index().Analyzer()
	f.Fuzz(func(t *testing.T, query string) {
		for _, q := range []store.Query{an.ParseQuery(query), lib.Index().Expand(an.ParseTyping(query))} {
			hits := lib.Index().Search(q, 10, nil).Hits
			for _, h := range hits {
				a := lib.Article(h.Doc)
				s := lib.Index().Snippet(a, q, h.Passage, 60)
				checkSpans(t, s.Text, s.Highlights)
				for _, p := range content(t, lib, h.Doc).Passages {
					checkSpans(t, p.Text, q.Find(an.Tokenize(p.Text)))
				}
			}
			// the (sanitized) query itself as text: highlights stay inside it
			checkSpans(t, q.Raw, q.Find(an.Tokenize(q.Raw)))
			_ = lib.Index().Suggest(q)
		}
	})
}

// checkSpans fails unless spans are ascending, inside text and on rune
// boundaries.
func checkSpans(t *testing.T, text string, spans []store.Span) {
	t.Helper()
	last := -1
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End || s.Start < last {
			t.Fatalf("span %+v out of order or outside %d bytes", s, len(text))
		}
		if !utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			t.Fatalf("span %+v of %q splits a rune", s, text)
		}
		last = s.End
	}
}

func TestSearchAsYouTypeCompletesTheLastWord(t *testing.T) {
	lib := fixture(t)
	ix := lib.Index()
	typing := func(s string) []string {
		return names(lib, ix.Search(ix.Expand(ix.Analyzer().ParseTyping(s)), 0, nil).Hits)
	}
	tests := []struct {
		typed string
		want  []string
	}{
		{"per", []string{"fishing", "trawler"}}, // perch
		{"trawl", []string{"fishing", "trawler"}},
		{"Íñi", []string{"trawler", "truce"}},
		{"ini", []string{"trawler", "truce"}},
		{"perch tru", []string{"trawler"}}, // truce
		{"perc ", nil},                     // a space ends the word: "perc" itself is not a word
		{`"lake orv`, []string{"fishing", "trawler", "truce"}},
		{`"lake orv"`, nil},
		{"air-def", []string{"drill"}},
		{"choir -orch", []string{"choir"}},
		{"-orv", []string{"choir", "drill", "festival"}},
		{"zep", nil},
	}
	for _, tt := range tests {
		if got := typing(tt.typed); !sameSet(got, tt.want) {
			t.Errorf("typing %q found %v, want %v", tt.typed, got, tt.want)
		}
	}
	if got := names(lib, search(lib, "perc")); len(got) != 0 {
		t.Errorf("a finished query matches whole words only: perc found %v", got)
	}
	q := ix.Expand(ix.Analyzer().ParseTyping("perc"))
	d := doc(t, lib, "fishing")
	if s := ix.Snippet(lib.Article(d), q, -1, 200); len(s.Highlights) == 0 {
		t.Errorf("expanded prefix should highlight: %q", s.Text)
	}
}

// A hyphenated word still being typed finds what the finished word finds:
// "cease-fire" in the prompt, before the space, finds "ceasefire" too.
func TestTypingAHyphenatedWordFindsItsForms(t *testing.T) {
	lib := library(t, parse(t, map[string]string{
		"a.md": "---\ntitle: One\n---\nThe cease-fire held.\n",
		"b.md": "---\ntitle: Two\n---\nThe ceasefire held.\n",
		"c.md": "---\ntitle: Three\n---\nA cease fire, two words.\n",
	}), fixtureTopics(t))
	an := lib.Index().Analyzer()
	done := lib.Index().Search(an.ParseQuery("cease-fire"), 0, nil)
	typing := lib.Index().Search(lib.Index().Expand(an.ParseTyping("cease-fire")), 0, nil)
	if done.Total != 3 || typing.Total != done.Total {
		t.Errorf("cease-fire: %d results finished, %d while typing; want 3 and 3", done.Total, typing.Total)
	}
}

// A word given twice counts once: the same query, the same scores.
func TestRepeatedWordsDoNotInflateScores(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	once := lib.Index().Search(an.ParseQuery("perch nets"), 0, nil)
	twice := lib.Index().Search(an.ParseQuery("perch nets perch NETS"), 0, nil)
	if len(once.Hits) == 0 || !reflect.DeepEqual(once.Hits, twice.Hits) {
		t.Errorf("perch nets: %+v\ntwice: %+v", once.Hits, twice.Hits)
	}
}

// A suggestion completes a word begun before it corrects one, and is made
// only when it finds something.
func TestSuggestPrefersPrefixesAndResults(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	if got := lib.Index().Suggest(an.ParseQuery("trawl")); !strings.HasPrefix(got, "trawl") {
		t.Errorf("Suggest(trawl) = %q, want a word beginning trawl", got)
	}
	// each word alone is known, so nothing is corrected; a suggestion that
	// finds nothing is not made either
	if got := lib.Index().Suggest(an.ParseQuery("perch zzzq")); got != "" {
		t.Errorf("Suggest(perch zzzq) = %q, want none", got)
	}
}
