package store_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dispatch/articles"
	"dispatch/store"
)

func ids(lib *store.Library, hits []store.Hit) []int {
	var out []int
	for _, h := range hits {
		out = append(out, lib.Articles[h.Doc].ID)
	}
	return out
}

func search(lib *store.Library, q string) []store.Hit {
	return lib.Index.Search(lib.Index.Analyzer().ParseQuery(q), 0, nil).Hits
}

// The expectations below come from reading the five articles, before ranking
// was tuned: which articles mention what.
func TestSearchEmbedded(t *testing.T) {
	lib := embedded(t)
	tests := []struct {
		query string
		want  []int // article IDs in any order, unless ordered
		first int   // the article that must rank first, 0 for any
	}{
		{"Black Sea", []int{5}, 5},
		{`"black sea"`, []int{5}, 5},
		{`"sea black"`, nil, 0},
		{"guarantee", []int{1, 2, 3, 4, 5}, 0},
		{"GUARANTEES", []int{1, 2, 3, 4, 5}, 0},
		{"turkiye", []int{1}, 1},
		{"Türkiye", []int{1}, 1},
		{"air defense", []int{3}, 3},
		{"air-defense", []int{3}, 3},
		{"airdefense", []int{3}, 3},
		{"ceasefire", []int{1, 2, 4}, 0},
		{"cease-fire", []int{1, 2, 4}, 0},
		{"ceasefires", []int{1, 2, 4}, 0},
		{"Rubio", []int{4, 5}, 0},
		{"Rubio -Trump", []int{4}, 4},
		{`Rubio -"President Trump"`, []int{4}, 4},
		{"Witkoff Kushner", []int{5}, 5},
		{"mediators", []int{1}, 1},
		{"28-point", []int{4}, 4},
		{"Reuters", []int{2, 4}, 2}, // in article 2's references
		{"Carlson", []int{5}, 5},    // byline
		{"Azov navigation", []int{5}, 5},
		{`"black sea`, []int{5}, 5},              // unbalanced quote: phrase to the end
		{"- guarantee", []int{1, 2, 3, 4, 5}, 0}, // lone minus ignored
		{`""`, []int{1, 2, 3, 4, 5}, 0},          // nothing to look for: everything
		{"-", []int{1, 2, 3, 4, 5}, 0},
		{"-russia", []int{5}, 5}, // article 5 never names Russia
		{"blak", nil, 0},
		{"Geneva peace framework security", []int{1, 2, 3, 4, 5}, 0},
	}
	for _, tt := range tests {
		got := ids(lib, search(lib, tt.query))
		if !sameSet(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
			continue
		}
		if tt.first != 0 && got[0] != tt.first {
			t.Errorf("%q ranks %v, want %d first", tt.query, got, tt.first)
		}
	}
}

func sameSet(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestSearchRanksByRelevance(t *testing.T) {
	lib := embedded(t)
	// "reconstruction" is a section of article 1 and a theme of 3 and 5; the
	// SEO-heavy article 4 mentions it in passing.
	hits := search(lib, "reconstruction fund")
	if len(hits) == 0 || lib.Articles[hits[0].Doc].ID != 1 {
		t.Errorf("reconstruction fund: %v, want article 1 first", ids(lib, hits))
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not sorted by score: %+v", hits)
		}
	}
	// stemming finds navigating and navigates too; BM25 ranks article 5,
	// with freedom of navigation three times, first
	h := search(lib, "navigation")
	if got := ids(lib, h); !slices.Equal(got, []int{5, 2, 4}) || h[0].Matches != 3 {
		t.Errorf("navigation: %+v", h)
	}
}

func TestSearchPointsAtPassages(t *testing.T) {
	lib := embedded(t)
	h := search(lib, "buffer corridors")
	if len(h) != 1 {
		t.Fatalf("buffer corridors: %v", ids(lib, h))
	}
	a := lib.Articles[h[0].Doc]
	if h[0].Passage < 0 || !strings.Contains(a.MustContent().Passages[h[0].Passage].Text, "buffer corridors") {
		t.Errorf("hit passage %d is not the one about buffer corridors", h[0].Passage)
	}
	// a match only in the title block points at no passage
	h = search(lib, "Andrew")
	if len(h) != 1 || h[0].Passage != -1 {
		t.Errorf("byline match: %+v", h)
	}
}

func TestSuggest(t *testing.T) {
	lib := embedded(t)
	an := lib.Index.Analyzer()
	tests := []struct{ query, want string }{
		{"blak", "black"},
		{"ceasfire", "ceasefire"},
		{"Black Seaa", "Black sea"},
		{"guarantee", ""},    // found: nothing to suggest
		{"zzzzzzzzzzzz", ""}, // nothing close
	}
	for _, tt := range tests {
		if got := lib.Index.Suggest(an.ParseQuery(tt.query)); got != tt.want {
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
		{"black sea", "[black] [sea]", "", "", ""},
		{`"black sea" -russia`, "[black sea]", "[russia]", "", ""},
		{"cease-fire", "[ceas fire|ceasefir]", "", "", ""},
		{`"air-defense systems"`, "[air defens system|airdefens system]", "", "", ""},
		{"topic:Ceasefire guarantees -topic:mediators", "[guarante]", "", "ceasefire", "mediators"},
		{`-"peace plan`, "", "[peac plan]", "", ""},
		{"- -- — !!", "", "", "", ""},
		{`unbalanced "quote`, "[unbalanc] [quot]", "", "", ""},
		{"topic:", "[topic]", "", "", ""},
		{"a\u00a0b -\u00a0c", "[a] [b] [c]", "", "", ""}, // no-break spaces separate words
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

func TestSnippet(t *testing.T) {
	lib := embedded(t)
	an := lib.Index.Analyzer()
	q := an.ParseQuery(`"black sea" azov`)
	h := lib.Index.Search(q, 0, nil).Hits
	s := lib.Index.Snippet(&lib.Articles[h[0].Doc], q, h[0].Passage, 80)
	marked := s.Marked("[[", "]]")
	if !strings.Contains(marked, "[[Black Sea]]") || !strings.Contains(marked, "[[Azov]]") {
		t.Errorf("snippet %q", marked)
	}
	if n := utf8.RuneCountInString(s.Text); n > 82 {
		t.Errorf("snippet is %d runes", n)
	}
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") {
		t.Errorf("cut snippet should show where it was cut: %q", s.Text)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"black sea", `"black sea`, "-", "cease-fire -russia", "topic:x y", "\xff\"", "Türkiye’s", `""-""`} {
		f.Add(s)
	}
	arts, err := store.LoadFS(articles.FS)
	if err != nil {
		f.Fatal(err)
	}
	lib := store.NewLibrary(arts, mustTopics(f))
	an := lib.Index.Analyzer()
	f.Fuzz(func(t *testing.T, query string) {
		q := an.ParseQuery(query)
		hits := lib.Index.Search(q, 10, nil).Hits
		for _, h := range hits {
			a := &lib.Articles[h.Doc]
			s := lib.Index.Snippet(a, q, h.Passage, 60)
			checkSpans(t, s.Text, s.Highlights)
			for _, p := range a.MustContent().Passages {
				checkSpans(t, p.Text, q.Find(an.Tokenize(p.Text)))
			}
		}
		// the (sanitized) query itself as text: highlights stay inside it
		checkSpans(t, q.Raw, q.Find(an.Tokenize(q.Raw)))
		_ = lib.Index.Suggest(q)
	})
}

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
	lib := embedded(t)
	ix := lib.Index
	typing := func(s string) []int {
		return ids(lib, ix.Search(ix.Expand(ix.Analyzer().ParseTyping(s)), 0, nil).Hits)
	}
	tests := []struct {
		typed string
		want  []int
	}{
		{"guar", []int{1, 2, 3, 4, 5}},
		{"securi", []int{1, 2, 3, 4, 5}}, // not a prefix of the stem "secur": spellings are
		{"security guar", []int{1, 2, 3, 4, 5}},
		{"guar ", nil}, // a space ends the word: "guar" itself is not a word
		{`"black se`, []int{5}},
		{`"black se"`, nil},
		{"air-def", []int{3}},
		{"turk", []int{1}},
		{"Türk", []int{1}},
		{"blak", nil},
		{"-russ", []int{5}},
		{"rubio -trum", []int{4}},
		{"rubio -tru", nil}, // -tru excludes truce (article 4) as well as Trump (5)
	}
	for _, tt := range tests {
		if got := typing(tt.typed); !sameSet(got, tt.want) {
			t.Errorf("typing %q found %v, want %v", tt.typed, got, tt.want)
		}
	}
	if got := ids(lib, search(lib, "guar")); len(got) != 0 {
		t.Errorf("a finished query matches whole words only: guar found %v", got)
	}
	q := ix.Expand(ix.Analyzer().ParseTyping("guar"))
	if s := ix.Snippet(&lib.Articles[0], q, -1, 200); len(s.Highlights) == 0 {
		t.Errorf("expanded prefix should highlight: %q", s.Text)
	}
}
