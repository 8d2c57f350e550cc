package store

import "github.com/rivo/uniseg"

// forEachSegment calls fn with the word segments of text (UAX #29), in
// order, with their byte offsets: words, single punctuation characters and
// runs of white space. Text is split at ASCII white space first, where UAX #29
// always breaks; an all-ASCII field is segmented by a fast path that follows
// the UAX #29 rules for ASCII (FuzzSegmentsMatchUniseg holds it to uniseg),
// any other field by uniseg itself. News is mostly ASCII words.
func forEachSegment(text string, fn func(seg string, start int)) {
	for i := 0; i < len(text); {
		j := i
		if isASCIISpace(text[i]) {
			for j < len(text) && isASCIISpace(text[j]) {
				j++
			}
			fn(text[i:j], i)
			i = j
			continue
		}
		ascii := true
		for j < len(text) && !isASCIISpace(text[j]) {
			if text[j] >= 0x80 {
				ascii = false
			}
			j++
		}
		if ascii {
			segmentASCII(text[i:j], i, fn)
		} else {
			segmentUnicode(text[i:j], i, fn)
		}
		i = j
	}
}

func segmentUnicode(field string, base int, fn func(string, int)) {
	rest, state, off := field, -1, base
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		fn(seg, off)
		off += len(seg)
	}
}

// segmentASCII applies UAX #29 to ASCII without white space: letters, digits
// and underscores run together (WB5, WB8–10, WB13); "." and "'" join
// letters to letters and digits to digits ("U.S", "don't", "3.5"; WB6–7,
// WB11–12); ":" joins letters (WB6–7); "," and ";" join digits ("1,100";
// WB11–12); anything else stands alone.
func segmentASCII(f string, base int, fn func(string, int)) {
	for i := 0; i < len(f); {
		if !isWordByte(f[i]) {
			fn(f[i:i+1], base+i)
			i++
			continue
		}
		j := i + 1
		for j < len(f) {
			if isWordByte(f[j]) {
				j++
				continue
			}
			if j+1 < len(f) && joins(f[j-1], f[j], f[j+1]) {
				j += 2
				continue
			}
			break
		}
		fn(f[i:j], base+i)
		i = j
	}
}

func joins(prev, mid, next byte) bool {
	switch mid {
	case '.', '\'':
		return isASCIILetter(prev) && isASCIILetter(next) || isASCIIDigit(prev) && isASCIIDigit(next)
	case ':':
		return isASCIILetter(prev) && isASCIILetter(next)
	case ',', ';':
		return isASCIIDigit(prev) && isASCIIDigit(next)
	}
	return false
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isWordByte(c byte) bool    { return isASCIILetter(c) || isASCIIDigit(c) || c == '_' }
