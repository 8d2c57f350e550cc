package store

import (
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// newFolder returns a transformer that removes diacritics (Türkiye becomes
// Turkiye). Transformers keep state, so each goroutine needs its own.
func newFolder() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// foldAccents removes diacritics from s.
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	out, _, err := transform.String(newFolder(), s)
	if err != nil {
		return s
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
