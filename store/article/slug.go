package article

import (
	"strings"
	"unicode"

	"dispatch/internal/fold"
)

// Slugs keep at most maxSlugWords words and maxSlugLen bytes, short enough
// to type on a command line.
const (
	maxSlugWords = 6
	maxSlugLen   = 60
)

// joiners vanish rather than split words, so abbreviations and possessives
// stay whole: "U.S." becomes "us", "Russia’s" becomes "russias".
var joiners = strings.NewReplacer(".", "", "'", "", "’", "", "ʼ", "")

// Slugify turns a title into a short, lower-case, ASCII, hyphen-separated
// name: "U.S.–Ukraine Talks" becomes "us-ukraine-talks".
func Slugify(title string) string {
	s := joiners.Replace(strings.ToLower(fold.Accents(title)))
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r >= unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	if len(words) > maxSlugWords {
		words = words[:maxSlugWords]
	}
	slug := strings.Join(words, "-")
	if len(slug) > maxSlugLen {
		slug = strings.TrimRight(slug[:maxSlugLen], "-")
	}
	if slug == "" {
		return "article"
	}
	return slug
}
