package article

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxEntityName bounds the name of a named character reference; the
// longest HTML5 name has 31 letters.
const maxEntityName = 32

// settleReferences decodes the character references of s once, the way
// HTML5 does, and leaves none that a later decoder could turn into anything
// unsafe. Markdown parsers and renderers decode references themselves, and
// not alike: goldmark reads "&#0233;" as octal (so "&#033;" becomes ESC)
// and glamour decodes with Go's html package, whose arithmetic wraps
// ("&#x000000410000001b;" becomes ESC too). So a numeric reference becomes
// its character when that is safe and not ASCII, a canonical decimal
// reference when it is ASCII (where it may be markup: "&#42;" must not turn
// into emphasis), and nothing when it is unsafe. Named references are
// decoded alike everywhere; those that name an unsafe character (&lrm;) go.
func settleReferences(s string, c *cleaning) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '&')
		if j < 0 {
			break
		}
		i += j
		n, repl, changed := settleReference(s[i:])
		if !changed {
			i++
			continue
		}
		if repl == "" {
			c.entities = true
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		i += n
		last = i
	}
	if b.Len() == 0 && last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// settleReference looks at the reference starting s (s[0] is '&'), and
// returns its length and what replaces it, or changed false to keep it.
func settleReference(s string) (n int, repl string, changed bool) {
	if len(s) > 1 && s[1] == '#' {
		return settleNumeric(s)
	}
	name := 1
	for name < len(s) && name <= maxEntityName && isASCIIAlnum(s[name]) {
		name++
	}
	if name == 1 || name >= len(s) || s[name] != ';' {
		// not a reference, or a legacy one without ";": those all name
		// printable Latin-1 characters
		return 0, "", false
	}
	ref := s[:name+1]
	decoded := html.UnescapeString(ref)
	if decoded == ref || safeText(decoded) {
		return 0, "", false
	}
	return len(ref), "", true
}

// settleNumeric handles "&#…" at the start of s.
func settleNumeric(s string) (n int, repl string, changed bool) {
	i, base := 2, 10
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		i, base = 3, 16
	}
	start := i
	value, overflow := 0, false
	for ; i < len(s); i++ {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		if value = value*base + d; value > utf8.MaxRune {
			value, overflow = utf8.MaxRune+1, true
		}
	}
	if i == start {
		return 0, "", false // "&#" or "&#x" alone is text
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	r := '\uFFFD' // HTML5: out of range is the replacement character
	if !overflow {
		// the html package maps what HTML5 maps: 0 and surrogates to
		// U+FFFD, 0x80–0x9F to the Windows-1252 characters
		r, _ = utf8.DecodeRuneInString(html.UnescapeString("&#" + strconv.Itoa(value) + ";"))
	}
	switch {
	case isUnsafeRune(r) || isUnsettledWidth(r):
		repl = ""
	case r < utf8.RuneSelf:
		repl = "&#" + strconv.Itoa(int(r)) + ";"
	default:
		repl = string(r)
	}
	return i, repl, repl != s[:i]
}

// safeText reports text with no rune Sanitize would remove.
func safeText(s string) bool {
	for _, r := range s {
		if isUnsafeRune(r) || isUnsettledWidth(r) {
			return false
		}
	}
	return true
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
