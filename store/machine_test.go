package store

import (
	"testing"
)

func TestMachineSpans(t *testing.T) {
	for text, want := range map[string][]string{
		"See https://example.com/a?b=c, then go.":             {"https://example.com/a?b=c,"},
		"(www.example.org/x) and ftp://h":                     {"www.example.org/x", "ftp://h"},
		"Image: a dredger at work":                            {"Image"},
		"[Image] and [Image: map](https://x.example/i.png)":   {"Image", "Image", "https://x.example/i.png"},
		"An Imagemaker said Image is not a label, nor Image.": nil,
		"The U.S. and e.g. Ph.D holders":                      nil,
		"://":                                                 {"://"},
	} {
		var got []string
		for _, s := range machineSpans(text) {
			got = append(got, text[s[0]:s[1]])
		}
		if len(got) != len(want) {
			t.Errorf("%q: %q, want %q", text, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %q, want %q", text, got, want)
			}
		}
	}
	for word, want := range map[string]bool{"example.com": true, "news.example.org": true, "U.S.": false, "e.g": false,
		"Ph.D": false, "3.5": false, "v1.2": false, "example": false, "kyiv-post.com.ua": true, "ex.c0m": false} {
		if isDomain(word) != want {
			t.Errorf("isDomain(%q) = %v", word, !want)
		}
	}
}

// FuzzMachineSpans: any text gives spans in order, inside it, never a
// panic.
func FuzzMachineSpans(f *testing.F) {
	f.Add("See https://example.com/a?b=c and www.example.org, Image: a map")
	f.Add("[Image]://www.://Image")
	f.Add("\x00https://\xff")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range machineSpans(text) {
			if s[0] < prev || s[0] > s[1] || s[1] > len(text) {
				t.Fatalf("%q: span %v after %d", text, s, prev)
			}
			prev = s[0]
		}
	})
}
