package termout

import (
	"strconv"
	"strings"
)

// CleanJSON removes from JSON text the string escapes that decode to
// characters the output may not carry: control characters but newline and
// tab (\u001b, \r, \b, \f), and escaped bidi, TAG and C1 characters. The
// raw characters themselves are removed by Clean when the text is written;
// these would come back only when a program decodes the JSON.
func CleanJSON(data string) string {
	if !strings.Contains(data, `\`) {
		return data
	}
	var b strings.Builder
	b.Grow(len(data))
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(data):
			n, drop := jsonEscape(data[i:])
			if !drop {
				b.WriteString(data[i : i+n])
			}
			i += n - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// jsonEscape reads the escape at the start of s and reports its length and
// whether it decodes to a character the output may not carry.
func jsonEscape(s string) (n int, drop bool) {
	switch s[1] {
	case 'r', 'b', 'f':
		return 2, true
	case 'u':
		if len(s) < 6 {
			return len(s), false
		}
		v, err := strconv.ParseUint(s[2:6], 16, 32)
		if err != nil {
			return 2, false
		}
		r := rune(v)
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || dropRune(r) {
			return 6, true
		}
		return 6, false
	}
	return 2, false
}
