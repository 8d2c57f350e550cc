package article

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to hand to the markdown renderer and the
// terminal: it repairs invalid UTF-8, removes terminal escape sequences and
// control characters (keeping newlines and tabs), removes bidi controls that
// could reorder what the reader sees and TAG characters that hide text,
// settles emoji sequences whose width terminals disagree on, and decodes
// numeric character references once, correctly, so that no reference is
// left for the markdown parser or renderer to decode into any of those. It
// is idempotent.
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
		parts = append(parts, "removed bidi controls")
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
	s = lineEnds.Replace(s)
	if strings.ContainsAny(s, "\x1b\u009b\u009d\u0090\u009e\u009f\u0098") {
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
			if r != 0xfeff {
				c.controls = true
			}
			return -1
		case isUnsettledWidth(r):
			return -1
		}
		return r
	}, s)
	if strings.Contains(s, "&") {
		s = settleReferences(s, c)
	}
	return s
}

// lineEnds makes every line end a newline: Windows' CR LF, and the lone
// CR of classic Mac OS text, which would otherwise be removed with the
// other controls and glue its lines together.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// isClean reports, in one pass, text with nothing to remove: valid UTF-8, no
// carriage returns, no unsafe runes, no character references. Most articles
// are, and skip the copying passes.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '&' && i+1 < len(s) && (s[i+1] == '#' || isASCIILetter(s[i+1])) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isUnsafeRune(r) || isUnsettledWidth(r) {
			return false
		}
		i += size
	}
	return true
}

// IsUnsafe reports whether Sanitize removes r wherever it stands: see
// isUnsafeRune. Other cleaners of untrusted text (feeds) check against it.
func IsUnsafe(r rune) bool { return isUnsafeRune(r) }

// isUnsafeRune reports runes a terminal would interpret rather than print,
// or that change what the reader sees without being seen: C0 and C1
// controls (except newline and tab), DEL, bidi controls, TAG characters
// and the byte-order mark.
func isUnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidi(r) || isInvisibleFormat(r)
}

// isBidi reports the bidi embedding, override, isolate and mark characters.
func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// isInvisibleFormat reports TAG characters, which can smuggle hidden text,
// and the byte-order mark, which hides a file's front matter.
func isInvisibleFormat(r rune) bool {
	return r >= 0xe0000 && r <= 0xe007f || r == 0xfeff
}

// isUnsettledWidth reports runes that make terminals disagree on how wide
// an emoji is: the zero-width joiner that fuses emoji into one picture
// (two cells, or two cells for each part), skin-tone modifiers and
// variation selectors. Without them every emoji is drawn alike everywhere,
// so a line measured to fit a pane does fit it.
func isUnsettledWidth(r rune) bool {
	return r == 0x200d || r >= 0x1f3fb && r <= 0x1f3ff || r == 0xfe0e || r == 0xfe0f
}
