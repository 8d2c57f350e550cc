package ui

import (
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// What glamour's word wrap (muesli/reflow) is handed: no word longer than
// a line, so that wrapping takes time in proportion to the text, and
// hyphens it does not break at.

// maxWordRunes bounds the longest unbroken word handed to glamour, whose
// word wrap is quadratic in the length of a word (see breakLongWords).
const maxWordRunes = 256

// Bounds on the link addresses breakLongWords leaves whole. A space
// inside "[text](address)" or "<address>" turns the link into its
// markdown shown as text, so an address is not broken up to maxLinkRunes
// (a news aggregator's links run to several hundred characters). glamour
// shows it as a word of its own, which costs the square of its length to
// wrap, so it is bounded all the same, and so is the number of addresses
// longer than a line left whole: 500 addresses of 512 characters (250
// KiB) took five times what as much prose does.
const (
	maxLinkRunes  = 512
	maxWholeLinks = 100
)

// nonBreakingHyphen stands in for word-internal hyphens while glamour wraps.
const nonBreakingHyphen = "\u2011"

// protectHyphens replaces hyphens between letters or digits ("high-level")
// with non-breaking hyphens. glamour's word wrap (muesli/reflow) breaks lines
// after hyphens but does not count them, so lines with hyphenated words came
// out too long and were wrapped again, leaving one word stranded on a line.
// Render turns them back into hyphens.
func protectHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '-' && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
			rs[i] = '\u2011'
		}
	}
	return string(rs)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// breakLongWords inserts a space into every run without white space wider
// than room cells or longer than maxWordRunes runes, so that no word can
// make glamour's wrapping slow or be cut at the edge. Its word wrap
// measures a word again for every rune added to it, so a word costs the
// square of its length: a paragraph of 40,000 CJK characters, which is
// written without spaces, or of emoji took minutes. A piece of room cells
// is never less than half the line glamour wraps at, so no two pieces
// share a line: glamour breaks the line at each space inserted and drops
// it there, so the space does not show. A link's address is left whole
// (see maxLinkRunes).
func breakLongWords(s string, room int) string {
	var b strings.Builder
	last := 0            // s[:last] is in b
	cells, runes := 0, 0 // of the run so far
	link := linkAddress{room: room}
	for i, r := range s {
		if link.reading() {
			switch link.next(r) {
			case addressGoesOn:
				continue
			case addressEnded: // the address is shown as a word of its own
				cells, runes = 0, 0
				continue
			}
			runes = maxWordRunes // too long to be a link's: broken here, and as any word from here
		} else if link.see(r, s[i:]) {
			continue
		}
		if unicode.IsSpace(r) {
			cells, runes = 0, 0
			continue
		}
		w := runewidth.RuneWidth(r)
		if runes > 0 && (cells+w > room || runes >= maxWordRunes) {
			if b.Len() == 0 {
				b.Grow(len(s) + len(s)/room + 1)
			}
			b.WriteString(s[last:i])
			b.WriteByte(' ')
			last = i
			cells, runes = 0, 0
		}
		cells += w
		runes++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// linkAddress follows breakLongWords through the addresses of links: from
// "](" to the matching ")", from "<http" to ">" (an autolink), and from
// after "]: " to white space (a link definition).
type linkAddress struct {
	end          rune // what ends the address being read: ')', '>' or ' '; 0 outside one
	depth        int  // parentheses open in it
	runes        int  // read of it
	prev, prev2  rune // the runes before, outside addresses
	afterDefined bool // the last run ended with "]:", as a link definition's label does
	room, long   int  // the cells of a line; the addresses longer than that left whole
}

func (l *linkAddress) reading() bool { return l.end != 0 }

// see takes r, outside an address, at the start of s; it reports whether
// r opens one, which next then reads.
func (l *linkAddress) see(r rune, s string) bool {
	prev, prev2 := l.prev, l.prev2
	l.prev, l.prev2 = r, prev
	if unicode.IsSpace(r) {
		if !unicode.IsSpace(prev) {
			l.afterDefined = prev == ':' && prev2 == ']'
		}
		return false
	}
	defined := l.afterDefined && unicode.IsSpace(prev)
	l.afterDefined = false
	switch {
	case l.long >= maxWholeLinks:
		return false
	case r == '(' && prev == ']':
		l.end, l.depth = ')', 1
	case r == '<' && isAutolink(s[1:]):
		l.end = '>'
	case defined:
		l.end = ' '
		l.runes = 1 // r is the address's first
		return true
	default:
		return false
	}
	l.runes = 0
	return true
}

// isAutolink reports whether s, after a "<", starts a web address.
func isAutolink(s string) bool {
	head := strings.ToLower(s[:min(len(s), 8)])
	return strings.HasPrefix(head, "http://") || strings.HasPrefix(head, "https://") || strings.HasPrefix(head, "mailto:")
}

// What reading a rune of an address says.
const (
	addressGoesOn = iota
	addressEnded  // at the rune read: the end of the address, or white space
	addressTooLong
)

// next reads r of an address.
func (l *linkAddress) next(r rune) int {
	if l.runes++; l.runes > maxLinkRunes {
		l.end = 0
		return addressTooLong
	}
	switch {
	case unicode.IsSpace(r):
		l.prev = ' '
	case r == '(' && l.end == ')':
		l.depth++
		return addressGoesOn
	case r == l.end && l.end == ')':
		if l.depth--; l.depth > 0 {
			return addressGoesOn
		}
		l.prev = r
	case r == l.end:
		l.prev = r
	default:
		return addressGoesOn
	}
	if l.runes > l.room {
		l.long++
	}
	l.end = 0
	return addressEnded
}
