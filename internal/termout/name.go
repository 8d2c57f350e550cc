package termout

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Name shows a file name (or any one-line value taken from outside, such
// as a path in an error message) on one line as the characters it holds:
// control characters, bidi controls, TAG characters and invalid bytes
// appear as Go-style escapes ("\x1b", "\n", "\u202e"), so a name can
// neither act on the terminal nor start a new line of output.
func Name(s string) string {
	if isVisibleName(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case dropRune(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case dropRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isVisibleName(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || dropRune(r) {
			return false
		}
	}
	return true
}
