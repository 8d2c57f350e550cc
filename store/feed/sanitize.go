package feed

import (
	"regexp"
	"strconv"
	"strings"

	"dispatch/internal/termout"
	"dispatch/store/article"
)

// Everything a feed says is untrusted. Text is cleaned by article.Sanitize, the
// project's input wall (invalid UTF-8, terminal escape sequences, C0/C1
// controls, bidi controls and marks, TAG characters, numeric references to
// those). neutralizeRefs is a last pass that no splice can undo, and the
// one cleanURL needs for addresses, which Sanitize never sees.

// cleanText makes a markdown body or any multi-line text safe to write. It is
// idempotent, cleanText(cleanText(s)) == cleanText(s): the last step
// replaces a dangerous reference with U+FFFD, which cannot splice.
func cleanText(s string) string {
	return neutralizeRefs(article.Sanitize(s))
}

// cleanLine is cleanText for a one-line field (title, author, name): all
// white space, line breaks included, becomes single spaces. Idempotent.
func cleanLine(s string) string {
	return termout.OneLine(cleanText(s))
}

// unsafeRef matches numeric references and the two named references that
// decode to directional marks; CommonMark decodes both kinds. (The optional
// ";" mirrors article.Sanitize, which errs on the side of removing.)
var unsafeRef = regexp.MustCompile(`&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?|&(?:lrm|rlm);`)

// neutralizeRefs replaces each character reference that would decode to an
// unsafe rune with U+FFFD. article.Sanitize drops such references too, but
// only eight levels deep ("&#&#&#27;27;27;"); this pass is final.
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
		if err != nil || n > 0x10ffff || article.IsUnsafe(rune(n)) {
			return "\uFFFD"
		}
		return ref
	})
}
