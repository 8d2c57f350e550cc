package store_test

import (
	"strings"
	"testing"

	"dispatch/store"
)

func terms(ts []store.Token) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Term)
	}
	return strings.Join(out, " ")
}

func TestTokenize(t *testing.T) {
	an := store.NewAnalyzer()
	tests := []struct {
		name, in, words, compounds string
	}{
		{"stemming", "Guarantees guaranteed guarantee", "guarante guarante guarante", ""},
		{"accents", "Türkiye TÜRKIYE turkiye Zürich Ångström", "turkiy turkiy turkiy zurich angstrom", ""},
		{"possessive curly", "Russia’s Kyiv's allies’", "russia kyiv alli", ""},
		{"abbreviation dots", "U.S. US U.K.", "us us uk", ""},
		{"hyphen compound", "air-defense systems", "air defens system", "airdefens"},
		{"three-part compound", "step-by-step", "step by step", "stepbystep"},
		{"cease-fire meets ceasefire", "cease-fire ceasefire", "ceas fire ceasefir", "ceasefir"},
		{"number compound", "the 28-point plan", "the 28 point plan", "28point"},
		{"numbers", "1,100 words in 2025 and 3.5%", "1100 word in 2025 and 3.5", ""},
		{"en dash is not a compound", "US–Ukraine", "us ukrain", ""},
		{"dangling hyphen", "pre- and post-war", "pre and post war", "postwar"},
		{"emoji dropped", "hi Ali 👋 🇺🇦!", "hi ali", ""},
		{"punctuation only", "— | … --", "", ""},
		{"invalid UTF-8", "ok\xff\xfebad wörd", "ok bad word", ""},
		{"apostrophe contraction", "isn’t", "isn't", ""},
		{"non-Latin folded, not stemmed", "Україна війна", "украіна віина", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := an.Tokenize(tt.in)
			if w := terms(got.Words); w != tt.words {
				t.Errorf("words of %q = %q, want %q", tt.in, w, tt.words)
			}
			if c := terms(got.Compounds); c != tt.compounds {
				t.Errorf("compounds of %q = %q, want %q", tt.in, c, tt.compounds)
			}
			for i, w := range got.Words {
				if w.Pos != i {
					t.Errorf("word %d has position %d", i, w.Pos)
				}
				if w.Start < 0 || w.End > len(tt.in) || w.Start >= w.End {
					t.Errorf("word %q has bad offsets %d..%d", w.Term, w.Start, w.End)
				}
			}
		})
	}
}

func TestTokenOffsetsPointAtTheWords(t *testing.T) {
	text := "Black Sea: freedom of navigation — Türkiye’s air-defense."
	got := store.NewAnalyzer().Tokenize(text)
	want := []string{"Black", "Sea", "freedom", "of", "navigation", "Türkiye’s", "air", "defense"}
	if len(got.Words) != len(want) {
		t.Fatalf("got %d words, want %d", len(got.Words), len(want))
	}
	for i, w := range got.Words {
		if s := text[w.Start:w.End]; s != want[i] {
			t.Errorf("word %d spans %q, want %q", i, s, want[i])
		}
	}
	if len(got.Compounds) != 1 {
		t.Fatalf("compounds %+v, want air-defense alone", got.Compounds)
	}
	c := got.Compounds[0]
	if s := text[c.Start:c.End]; s != "air-defense" || c.Pos != 6 || c.Span != 2 {
		t.Errorf("compound spans %q at %d over %d words, want air-defense at 6 over 2", s, c.Pos, c.Span)
	}
}

// A 200 KB "word" must not bloat the dictionary.
func TestLongWordIsCut(t *testing.T) {
	long := strings.Repeat("é", 100000)
	got := store.NewAnalyzer().Tokenize("start " + long + " end")
	if len(got.Words) != 3 || len(got.Words[1].Term) > store.MaxTermBytes {
		t.Fatalf("long word: %d words, term length %d", len(got.Words), len(got.Words[1].Term))
	}
}
