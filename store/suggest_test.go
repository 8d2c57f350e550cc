package store_test

import "testing"

// A suggestion replaces the misspelt word where it stands, never a piece of
// another word, and never offers a stop word (issue 21: "prisoner
// exchanges xchange" became "prisoner eexchangess xchange"; "x" became
// "a").
func TestSuggestReplacesWholeWordsOnly(t *testing.T) {
	lib := fixture(t)
	an := lib.Index().Analyzer()
	for _, tt := range []struct{ query, want string }{
		{"trawler rawler", "trawler trawler"},
		{"rawler trawler", "trawler trawler"},
		{`"trawler nets" rawler -perhc`, `"trawler nets" trawler -perhc`},
		{"x", ""},  // one letter: no guess, and never a stop word
		{"th", ""}, // two letters: no guess
	} {
		if got := lib.Index().Suggest(an.ParseQuery(tt.query)); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
