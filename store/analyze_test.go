package store

import (
	"strings"
	"testing"
)

func terms(ts []Token) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Term)
	}
	return strings.Join(out, " ")
}

func TestTokenize(t *testing.T) {
	an := NewAnalyzer()
	tests := []struct {
		name, in, words, compounds string
	}{
		{"stemming", "Guarantees guaranteed guarantee", "guarante guarante guarante", ""},
		{"accents", "Türkiye TÜRKIYE turkiye Zürich", "turkiy turkiy turkiy zurich", ""},
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

func TestTokenOffsets(t *testing.T) {
	text := "Black Sea: freedom of navigation — Türkiye’s air-defense."
	got := NewAnalyzer().Tokenize(text)
	want := []string{"Black", "Sea", "freedom", "of", "navigation", "Türkiye’s", "air", "defense"}
	if len(got.Words) != len(want) {
		t.Fatalf("got %d words", len(got.Words))
	}
	for i, w := range got.Words {
		if s := text[w.Start:w.End]; s != want[i] {
			t.Errorf("word %d spans %q, want %q", i, s, want[i])
		}
	}
	c := got.Compounds[0]
	if s := text[c.Start:c.End]; s != "air-defense" || c.Pos != 6 {
		t.Errorf("compound spans %q at %d", s, c.Pos)
	}
}

func TestLongWordIsCut(t *testing.T) {
	long := strings.Repeat("é", 100000)
	got := NewAnalyzer().Tokenize("start " + long + " end")
	if len(got.Words) != 3 || len(got.Words[1].Term) > maxTermBytes {
		t.Fatalf("long word: %d words, term length %d", len(got.Words), len(got.Words[1].Term))
	}
}
