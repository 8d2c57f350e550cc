package store

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to hand to the markdown renderer and the
// terminal: it repairs invalid UTF-8, removes terminal escape sequences and
// control characters (keeping newlines and tabs), removes bidi overrides that
// could reorder what the reader sees, and removes HTML character references
// that would decode to any of those. It is idempotent.
func Sanitize(s string) string {
	for range 8 { // removing one construct can splice together another
		next := sanitizeOnce(s)
		if next == s {
			return s
		}
		s = next
	}
	return s
}

func sanitizeOnce(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.ContainsAny(s, "\x1b\u009b\u009d\u0090") {
		s = ansi.Strip(s)
	}
	s = strings.Map(dropUnsafeRune, s)
	if strings.IndexByte(s, '&') >= 0 {
		s = unsafeEntity.ReplaceAllStringFunc(s, dropUnsafeEntity)
	}
	return s
}

// dropUnsafeRune returns -1 for runes a terminal would interpret rather than
// print: C0 and C1 controls (except newline and tab), DEL, and the bidi
// embedding, override and isolate characters.
func dropUnsafeRune(r rune) rune {
	if isUnsafeRune(r) {
		return -1
	}
	return r
}

func isUnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
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
