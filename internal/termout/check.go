package termout

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

// sgrSequence matches an SGR sequence with plain parameters.
var sgrSequence = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Check reports the first thing in out that breaks the promise Clean makes
// for mode: invalid UTF-8, an escape sequence other than an allowed SGR
// (any at all for Plain), a control character other than newline and tab,
// a bidi, TAG or byte-order-mark character. Tests hold every output of
// dispatch to it.
func Check(out string, mode Mode) error {
	if !utf8.ValidString(out) {
		return fmt.Errorf("invalid UTF-8")
	}
	rest := out
	if mode != Plain {
		for _, seq := range sgrSequence.FindAllString(out, -1) {
			if _, ok := allowedSGR(seq[2:len(seq)-1], mode); !ok {
				return fmt.Errorf("escape sequence %q is not allowed", seq)
			}
		}
		rest = sgrSequence.ReplaceAllString(out, "")
	}
	for i, r := range rest {
		switch {
		case r == 0x1b:
			end := min(len(rest), i+12)
			return fmt.Errorf("escape sequence %q", rest[i:end])
		case r < 0x20 && r != '\n' && r != '\t' || r == 0x7f:
			return fmt.Errorf("control character %U", r)
		case dropRune(r):
			return fmt.Errorf("invisible or control character %U", r)
		}
	}
	return nil
}
