package store

import (
	"testing"

	"github.com/rivo/uniseg"

	"dispatch/store/article"
)

// unisegSegments is what uniseg makes of text, for comparison.
func unisegSegments(text string) []string {
	var out []string
	rest, state := text, -1
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		out = append(out, seg)
	}
	return out
}

// wordSegments keeps the segments that can be words.
func wordSegments(segs []string) []string {
	var out []string
	for _, s := range segs {
		if hasWordRune(s) {
			out = append(out, s)
		}
	}
	return out
}

func ourSegments(text string) (segs []string, offsetsOK bool) {
	offsetsOK = true
	forEachSegment(text, func(seg string, start int) {
		if text[start:start+len(seg)] != seg {
			offsetsOK = false
		}
		segs = append(segs, seg)
	})
	return segs, offsetsOK
}

func TestSegmentsMatchUniseg(t *testing.T) {
	for _, text := range []string{
		"U.S. and U.K. officials", "don't 'tis rock'n'roll", "3.5% of 1,100 in 2025; 1;2", "c:a a:b 1:2",
		"air-defense--systems", "e.g. i.e.", "a_b __x__ a_.b", "28-point G7 a1.5 1.a a.1",
		"Russia’s Türkiye 👋 hi", "tabs\tand\nnewlines  double", "...,,,;;;:::'''",
	} {
		want := unisegSegments(text)
		got, ok := ourSegments(text)
		if !ok {
			t.Errorf("%q: offsets do not point at the segments", text)
		}
		if !equalWords(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", text, wordSegments(got), wordSegments(want))
		}
	}
}

func equalWords(a, b []string) bool {
	wa, wb := wordSegments(a), wordSegments(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if wa[i] != wb[i] {
			return false
		}
	}
	return true
}

// FuzzSegmentsMatchUniseg holds the fast path to uniseg: the same word
// segments, in the same order, at the right offsets.
func FuzzSegmentsMatchUniseg(f *testing.F) {
	for _, s := range []string{"U.S. don't 3.5 1,100 c:a", "a-b_c.d'e:f,g;h", "x.1 1.x 'a a' 9,", "Türkiye’s 👋", " \t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		text = article.Sanitize(text) // articles are sanitized before they are tokenized
		want := unisegSegments(text)
		got, ok := ourSegments(text)
		if !ok {
			t.Fatalf("%q: offsets do not point at the segments", text)
		}
		if !equalWords(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", text, wordSegments(got), wordSegments(want))
		}
	})
}
