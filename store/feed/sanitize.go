package feed

import (
	"regexp"
	"strconv"
	"strings"

	"dispatch/store"
)

// Everything a feed says is untrusted. Text is cleaned by store.Sanitize, the
// project's input wall (invalid UTF-8, terminal escape sequences, C0/C1
// controls, bidi embeddings and isolates, numeric references to those), then
// by the small extra filter below for what store.Sanitize does not know yet.

// cleanText makes a markdown body or any multi-line text safe to write. It is
// idempotent, cleanText(cleanText(s)) == cleanText(s), in one pass: the
// steps that remove (and so could splice "&#2" and "7;" into a reference)
// come first, and the last step replaces a dangerous reference with U+FFFD,
// which cannot splice.
func cleanText(s string) string {
	s = store.Sanitize(s)
	s = dropExtraRunes(s)
	return neutralizeRefs(s)
}

// cleanLine is cleanText for a one-line field (title, author, name): all
// white space, line breaks included, becomes single spaces. Idempotent.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// ---- Extra filter: remove once store.Sanitize covers these. ----
//
// store.Sanitize (as of this writing) keeps the TAG characters
// (U+E0000–E007F, invisible and used to smuggle text), the directional marks
// U+200E, U+200F and U+061C, and references to them ("&#x200F;", "&rlm;")
// that the markdown renderer would decode. The design's safety section asks
// for them gone from feed text.

// isExtraUnsafe reports the runes store.Sanitize does not remove yet.
func isExtraUnsafe(r rune) bool {
	return r == 0x200e || r == 0x200f || r == 0x061c || r >= 0xe0000 && r <= 0xe007f
}

// isUnsafeRune is the full list of runes that must not survive: what
// store.Sanitize removes and what the extra filter removes. Tests and fuzz
// targets check output against it.
func isUnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return isExtraUnsafe(r)
}

// unsafeRef matches numeric references and the two named references that
// decode to directional marks; CommonMark decodes both kinds. (The optional
// ";" mirrors store.Sanitize, which errs on the side of removing.)
var unsafeRef = regexp.MustCompile(`&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?|&(?:lrm|rlm);`)

// dropExtraRunes removes the runes store.Sanitize keeps but must not.
func dropExtraRunes(s string) string {
	if strings.IndexFunc(s, isExtraUnsafe) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isExtraUnsafe(r) {
			return -1
		}
		return r
	}, s)
}

// neutralizeRefs replaces each character reference that would decode to an
// unsafe rune with U+FFFD. store.Sanitize drops such references too, but
// only eight levels deep ("&#&#&#27;27;27;"), and dropExtraRunes can splice
// new ones; this pass is final.
func neutralizeRefs(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return unsafeRef.ReplaceAllStringFunc(s, func(ref string) string {
		if ref == "&lrm;" || ref == "&rlm;" {
			return "\uFFFD"
		}
		digits := strings.TrimSuffix(strings.TrimPrefix(ref, "&#"), ";")
		base := 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || n > 0x10ffff || isUnsafeRune(rune(n)) {
			return "\uFFFD"
		}
		return ref
	})
}
