// Package termout is dispatch's output wall. Everything dispatch writes to
// a terminal or a pipe passes through it: the reader's screen, every
// command's output, warnings, errors and file names. It keeps exactly the
// SGR attributes dispatch itself draws with — colours, bold, faint,
// italic, underline, reverse video, strikethrough — and removes every
// other escape sequence, control character (but newline and tab), bidi
// control and TAG character, and repairs invalid UTF-8. Input is cleaned
// when articles are loaded; this is the second wall, for text that becomes
// dangerous after that (decoded by a renderer) or never passed the first
// (file names, error messages, state files).
//
// The functions are pure and the Writer is safe for concurrent use.
package termout

import (
	"strings"
	"unicode/utf8"
)

// Mode says which escape sequences may reach the output.
type Mode int

const (
	// Plain allows none: pipes, files, --no-color, and stderr.
	Plain Mode = iota
	// Attributes allows SGR attributes but no colours: a terminal under
	// NO_COLOR, where emphasis must still show.
	Attributes
	// Styled allows SGR attributes and colours.
	Styled
)

// Clean returns s with everything mode does not allow removed.
func Clean(s string, mode Mode) string {
	if isPlainText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	cleanInto(&b, s, mode, true)
	return b.String()
}

// isPlainText reports text that needs no cleaning: printable ASCII,
// newlines and tabs, and non-ASCII runes that are neither controls nor
// invisible formatting.
func isPlainText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || dropRune(r) || c1Introducer(r) != 0 {
			return false
		}
		i += size
	}
	return true
}

// cleanInto writes the allowed part of s to b. With final unset, an
// escape sequence or rune cut off by the end of s is not written but
// returned, for the next call to complete.
func cleanInto(b *strings.Builder, s string, mode Mode, final bool) (pending string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n, keep, complete := escapeSequence(s[i:], 1, mode)
			if !complete && !final {
				return s[i:]
			}
			b.WriteString(keep)
			i += n
			continue
		}
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' {
				b.WriteByte(c)
			}
			i++
			continue
		}
		if !utf8.FullRuneInString(s[i:]) && !final {
			return s[i:]
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("\uFFFD")
		case c1Introducer(r) != 0:
			// an 8-bit introducer stands for ESC and a character
			n, keep, complete := escapeSequence(s[i:], size, mode)
			if !complete && !final {
				return s[i:]
			}
			b.WriteString(keep)
			i += n
			continue
		case dropRune(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return ""
}

// dropRune reports runes that never reach the output: C1 controls, bidi
// controls, TAG characters and the byte-order mark.
func dropRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c ||
		r >= 0xe0000 && r <= 0xe007f || r == 0xfeff
}

// c1Introducer returns the character an 8-bit C1 introducer stands for
// after ESC (U+009B is ESC [), or 0 for other runes.
func c1Introducer(r rune) byte {
	switch r {
	case 0x9b:
		return '['
	case 0x9d:
		return ']'
	case 0x90:
		return 'P'
	case 0x98:
		return 'X'
	case 0x9e:
		return '^'
	case 0x9f:
		return '_'
	}
	return 0
}

// escapeSequence reads the sequence at the start of s, whose introducer
// (ESC, or an 8-bit C1 introducer) is intro bytes long. It returns the
// sequence's length, what of it to keep (an allowed SGR sequence, else
// nothing) and whether it was complete.
func escapeSequence(s string, intro int, mode Mode) (n int, keep string, complete bool) {
	var kind byte
	if intro == 1 {
		if len(s) < 2 {
			return len(s), "", false
		}
		kind, intro = s[1], 2
	} else {
		r, _ := utf8.DecodeRuneInString(s)
		kind = c1Introducer(r)
	}
	switch kind {
	case '[':
		return controlSequence(s, intro, mode)
	case ']', 'P', 'X', '^', '_':
		return controlString(s, intro)
	}
	// ESC, then intermediates 0x20–0x2F, then a final byte: ESC c, ESC ( B
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i == len(s) {
		return i, "", false
	}
	if s[i] >= 0x30 && s[i] <= 0x7e {
		return i + 1, "", true
	}
	return 1, "", true // ESC before something that ends no sequence: drop ESC alone
}

// controlSequence reads a CSI sequence: parameter bytes, intermediate
// bytes, a final byte. Only SGR ("m") with allowed parameters is kept.
func controlSequence(s string, intro int, mode Mode) (n int, keep string, complete bool) {
	i := intro
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	params := s[intro:i]
	inter := i
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i == len(s) {
		return i, "", false
	}
	if s[i] < 0x40 || s[i] > 0x7e {
		return i, "", true // malformed: drop what was read, the rest is text
	}
	if s[i] != 'm' || inter != i || mode == Plain {
		return i + 1, "", true
	}
	if kept, ok := allowedSGR(params, mode); ok {
		if kept == params && s[0] == 0x1b {
			return i + 1, s[:i+1], true // as it came: most sequences are
		}
		return i + 1, "\x1b[" + kept + "m", true
	}
	return i + 1, "", true
}

// controlString reads an OSC, DCS, SOS, PM or APC string, up to BEL or the
// string terminator; like a terminal, it takes another ESC or C1
// introducer, CAN or SUB as the end of it too. One that never ends is not
// swallowed: its introducer is dropped and the rest shows as text, cleaned.
func controlString(s string, intro int) (n int, keep string, complete bool) {
	for i := intro; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0x07:
			return i + 1, "", true
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2, "", true
		case c == 0x1b || c == 0x18 || c == 0x1a:
			return i, "", true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			if s[i+1] == 0x9c { // U+009C ST
				return i + 2, "", true
			}
			return i, "", true
		}
	}
	return intro, "", false
}
