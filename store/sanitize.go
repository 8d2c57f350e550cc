package store

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to hand to the markdown renderer and the
// terminal: it repairs invalid UTF-8, removes terminal escape sequences and
// control characters (keeping newlines and tabs), removes bidi overrides that
// could reorder what the reader sees, and removes HTML character references
// that would decode to any of those. It is idempotent.
func Sanitize(s string) string {
	out, _ := sanitizeReport(s)
	return out
}

// cleaning records what Sanitize had to remove, for warnings.
type cleaning struct {
	invalidUTF8, escapes, controls, bidi, entities bool
}

// String describes the cleaning in a few words, "" when nothing was done.
func (c cleaning) String() string {
	var parts []string
	if c.invalidUTF8 {
		parts = append(parts, "replaced invalid UTF-8")
	}
	if c.escapes {
		parts = append(parts, "removed terminal escape sequences")
	}
	if c.controls {
		parts = append(parts, "removed control characters")
	}
	if c.bidi {
		parts = append(parts, "removed bidi overrides")
	}
	if c.entities {
		parts = append(parts, "removed character references to control characters")
	}
	return strings.Join(parts, "; ")
}

func sanitizeReport(s string) (string, cleaning) {
	var c cleaning
	if isClean(s) {
		return s, c
	}
	for range 8 { // removing one construct can splice together another
		next := sanitizeOnce(s, &c)
		if next == s {
			return s, c
		}
		s = next
	}
	return s, c
}

func sanitizeOnce(s string, c *cleaning) string {
	if v := strings.ToValidUTF8(s, "\uFFFD"); v != s {
		s, c.invalidUTF8 = v, true
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.ContainsAny(s, "\x1b\u009b\u009d\u0090") {
		if v := ansi.Strip(s); v != s {
			s, c.escapes = v, true
		}
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case isBidi(r):
			c.bidi = true
			return -1
		case isUnsafeRune(r):
			if r != '\r' {
				c.controls = true
			}
			return -1
		}
		return r
	}, s)
	if strings.IndexByte(s, '&') >= 0 {
		s = unsafeEntity.ReplaceAllStringFunc(s, func(ref string) string {
			out := dropUnsafeEntity(ref)
			if out != ref {
				c.entities = true
			}
			return out
		})
	}
	return s
}

// isClean reports, in one pass, text with nothing to remove: valid UTF-8, no
// carriage returns, no unsafe runes, no numeric character references. Most
// articles are, and skip the copying passes.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '&' && i+1 < len(s) && s[i+1] == '#' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isUnsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// isUnsafeRune reports runes a terminal would interpret rather than print:
// C0 and C1 controls (except newline and tab), DEL, and the bidi embedding,
// override and isolate characters.
func isUnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidi(r)
}

func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// unsafeEntity matches numeric character references; the markdown renderer
// decodes them, so one written as &#27; would reach the terminal as ESC.
var unsafeEntity = regexp.MustCompile(`&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?`)

func dropUnsafeEntity(ref string) string {
	digits := strings.TrimSuffix(strings.TrimPrefix(ref, "&#"), ";")
	base := 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n > 0x10ffff || isUnsafeRune(rune(n)) {
		return ""
	}
	return ref
}
