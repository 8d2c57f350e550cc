// Package fold folds text for comparison: accents removed, so that
// "Türkiye" and "Turkiye" meet. The index, slugs and search share it.
package fold

import (
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// newFolder returns a transformer that removes diacritics (Türkiye becomes
// Turkiye). Transformers keep state, so each call needs its own.
func newFolder() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Accents removes diacritics from s.
func Accents(s string) string {
	if IsASCII(s) {
		return s
	}
	out, _, err := transform.String(newFolder(), s)
	if err != nil {
		return s
	}
	return out
}

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
