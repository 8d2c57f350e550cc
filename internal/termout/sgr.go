package termout

import "strings"

// allowedSGR checks the parameters of an SGR sequence against the ones
// dispatch draws with, and returns those mode keeps: in Attributes mode
// colours are left out. A parameter outside the list (blink, conceal,
// private or colon forms) rejects the whole sequence. The screen is full
// of these sequences, so the common case — every parameter kept — returns
// params itself, without building anything.
func allowedSGR(params string, mode Mode) (string, bool) {
	if params == "" {
		return "", true // ESC[m resets
	}
	colours := false
	for rest := params; ; {
		n, ok, next := sgrField(rest)
		if !ok {
			return "", false
		}
		switch {
		case isAttribute(n):
		case n == 38 || n == 48:
			var ok bool
			if next, ok = extendedColour(next); !ok {
				return "", false
			}
			colours = true
		case isColour(n):
			colours = true
		default:
			return "", false
		}
		if next == "" {
			break
		}
		rest = next
	}
	if !colours || mode == Styled {
		return params, true
	}
	return attributesOnly(params)
}

// attributesOnly drops the colour parameters of valid params; false when
// nothing is left.
func attributesOnly(params string) (string, bool) {
	var kept []string
	for rest := params; rest != ""; {
		n, _, next := sgrField(rest)
		field := rest[:len(rest)-len(next)]
		switch {
		case n == 38 || n == 48:
			next, _ = extendedColour(next)
		case isAttribute(n):
			kept = append(kept, strings.TrimSuffix(field, ";"))
		}
		rest = next
	}
	if len(kept) == 0 {
		return "", false
	}
	return strings.Join(kept, ";"), true
}

// sgrField reads the first parameter of s: decimal digits only, at most
// three, empty for 0. next is what follows its ";"; a trailing ";" ends
// with an empty parameter, which is 0.
func sgrField(s string) (n int, ok bool, next string) {
	i := 0
	for i < len(s) && s[i] != ';' {
		c := s[i]
		if c < '0' || c > '9' || i == 3 {
			return 0, false, ""
		}
		n = n*10 + int(c-'0')
		i++
	}
	if i < len(s) { // s[i] is ';'
		next = s[i+1:]
		if next == "" {
			next = "0" // "1;" is "1;0"
		}
	}
	return n, true, next
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
// 0–255, and returns what follows it.
func extendedColour(rest string) (string, bool) {
	if rest == "" {
		return "", false
	}
	kind, ok, next := sgrField(rest)
	size := 0
	switch {
	case ok && kind == 5:
		size = 1
	case ok && kind == 2:
		size = 3
	default:
		return "", false
	}
	for range size {
		if next == "" {
			return "", false
		}
		var v int
		if v, ok, next = sgrField(next); !ok || v > 255 {
			return "", false
		}
	}
	return next, true
}
