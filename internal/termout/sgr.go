package termout

import (
	"strconv"
	"strings"
)

// allowedSGR checks the parameters of an SGR sequence against the ones
// dispatch draws with, and returns those mode keeps: in Attributes mode
// colours are left out. A parameter outside the list (blink, conceal,
// private or colon forms) rejects the whole sequence.
func allowedSGR(params string, mode Mode) (string, bool) {
	if params == "" {
		return "", true // ESC[m resets
	}
	fields := strings.Split(params, ";")
	kept := make([]string, 0, len(fields))
	for i := 0; i < len(fields); i++ {
		n, ok := sgrNumber(fields[i])
		if !ok {
			return "", false
		}
		switch {
		case isAttribute(n):
			kept = append(kept, fields[i])
		case n == 38 || n == 48:
			size, ok := extendedColour(fields[i+1:])
			if !ok {
				return "", false
			}
			if mode == Styled {
				kept = append(kept, fields[i:i+1+size]...)
			}
			i += size
		case isColour(n):
			if mode == Styled {
				kept = append(kept, fields[i])
			}
		default:
			return "", false
		}
	}
	if len(kept) == 0 {
		return "", false
	}
	return strings.Join(kept, ";"), true
}

// isAttribute reports the attributes dispatch uses and their resets:
// reset, bold, faint, italic, underline, reverse, strikethrough.
func isAttribute(n int) bool {
	switch n {
	case 0, 1, 2, 3, 4, 7, 9, 22, 23, 24, 27, 29:
		return true
	}
	return false
}

// isColour reports the 16 colours and the default colours.
func isColour(n int) bool {
	return n >= 30 && n <= 37 || n == 39 || n >= 40 && n <= 47 || n == 49 || n >= 90 && n <= 97 || n >= 100 && n <= 107
}

// extendedColour checks what follows 38 or 48: "5;N" or "2;R;G;B", each
// 0–255, and returns how many fields that is.
func extendedColour(rest []string) (int, bool) {
	if len(rest) == 0 {
		return 0, false
	}
	kind, ok := sgrNumber(rest[0])
	size := 0
	switch {
	case ok && kind == 5:
		size = 2
	case ok && kind == 2:
		size = 4
	default:
		return 0, false
	}
	if len(rest) < size {
		return 0, false
	}
	for _, f := range rest[1:size] {
		if v, ok := sgrNumber(f); !ok || v > 255 {
			return 0, false
		}
	}
	return size, true
}

// sgrNumber reads one parameter: decimal digits only, no more than three;
// an empty parameter is 0.
func sgrNumber(f string) (int, bool) {
	if f == "" {
		return 0, true
	}
	if len(f) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(f)
	if err != nil || n < 0 || strings.ContainsAny(f, "+-") {
		return 0, false
	}
	return n, true
}
