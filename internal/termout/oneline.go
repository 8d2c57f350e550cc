package termout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OneLine puts outside text (an error message, a title, a warning) on one
// line: it trims s and turns every run of white space, newlines included,
// into one space.
func OneLine(s string) string {
	if !needsFolding(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsFolding reports white space other than single spaces between words.
func needsFolding(s string) bool {
	prevSpace := true // a leading space needs trimming
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return true
			}
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
		case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return true
		default:
			prevSpace = false
		}
	}
	return prevSpace && len(s) > 0
}
