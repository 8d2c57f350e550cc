package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dispatch/internal/fold"
)

// token is one word or number of a passage, by its byte span in the text.
type token struct {
	start, end int
	upper      bool // begins with an upper-case letter
	digit      bool // begins with a digit
	initial    bool // first word of a sentence, a passage, a quotation or a clause after a colon
	quoted     bool // inside typographic or straight double quotes
	stopBefore bool // punctuation (not a space) separates it from the token before
}

// tokenize splits text into tokens. Words keep inner apostrophes ("Russia’s"),
// hyphens ("28-point", "NATO-style"), abbreviation dots ("U.S.") and the
// separators of numbers ("40,000", "2.4"); an en or em dash splits
// ("U.S.–Ukraine"). It is linear in the text and never fails.
func tokenize(text string, out []token) []token {
	out = out[:0]
	initial, quoted, gap := true, false, false
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?':
				if i+n >= len(text) || text[i+n] == ' ' || isCloseQuote(text, i+n) {
					initial = true
				}
			case ':', ';':
				initial = r == ':'
			case '“', '"':
				if r == '“' || !quoted {
					quoted, initial = true, true
				} else {
					quoted = false
				}
			case '”':
				quoted = false
			}
			if r != ' ' {
				gap = true
			}
			i += n
			continue
		}
		end := wordEnd(text, i)
		upper, digit := 'A' <= r && r <= 'Z', '0' <= r && r <= '9'
		if r >= utf8.RuneSelf {
			upper, digit = unicode.IsUpper(r), unicode.IsDigit(r)
		}
		out = append(out, token{start: i, end: end, upper: upper, digit: digit,
			initial: initial, quoted: quoted, stopBefore: gap})
		initial, gap = false, false
		i = end
	}
	return out
}

func isCloseQuote(text string, i int) bool {
	return strings.HasPrefix(text[i:], "”") || strings.HasPrefix(text[i:], "\"") || strings.HasPrefix(text[i:], "’")
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd is where the word starting at i ends.
func wordEnd(text string, i int) int {
	j := i
	segment := 0 // letters since the last dot, for abbreviations like U.S.
	for j < len(text) {
		if c := text[j]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			j++
			segment++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += n
			segment++
			continue
		}
		next, m := utf8.DecodeRuneInString(text[j+n:])
		if j+n >= len(text) {
			next, m = 0, 0
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:j])
		switch {
		case (r == '’' || r == '\'') && unicode.IsLetter(next) && unicode.IsLetter(prev):
		case r == '-' && isWordRune(next) && isWordRune(prev):
		case (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next):
		case r == '.' && segment == 1 && unicode.IsUpper(prev):
			// U.S. and U.K.: a dot after a lone capital belongs to the word
			// when another capital-and-dot follows or one came before
			if unicode.IsUpper(next) && strings.HasPrefix(text[j+n+m:], ".") || strings.Contains(text[i:j], ".") {
				j += n
				segment = 0
				continue
			}
			return j
		default:
			return j
		}
		j += n
		segment = 0
	}
	return j
}

// foldWord is the comparison form of a word: accents removed, lower case,
// a possessive ending and abbreviation dots dropped ("Russia’s" → "russia",
// "U.S." → "us").
func foldWord(w string) string {
	w = trimPossessive(w)
	if !fold.IsASCII(w) {
		w = fold.Accents(w)
	}
	w = strings.ToLower(w)
	if strings.IndexByte(w, '.') >= 0 && !strings.ContainsAny(w, "0123456789") {
		w = strings.ReplaceAll(w, ".", "")
	}
	return w
}

// foldInto is foldWord(w) written into dst's memory, without allocating
// for the ASCII words that most text is made of.
func foldInto(dst []byte, w string) []byte {
	w = trimPossessive(w)
	for i := 0; i < len(w); i++ {
		// apostrophes and dashes fold to themselves; a letter beyond
		// ASCII needs the full folding
		if w[i] >= utf8.RuneSelf {
			if r, n := utf8.DecodeRuneInString(w[i:]); r != '’' && r != '‘' && r != '–' && r != '—' {
				return append(dst[:0], foldWord(w)...)
			} else {
				i += n - 1
			}
		}
	}
	dst = dst[:0]
	dots, digits := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '.':
			dots = true
		case '0' <= c && c <= '9':
			digits = true
		}
		dst = append(dst, c)
	}
	if dots && !digits {
		k := 0
		for _, c := range dst {
			if c != '.' {
				dst[k] = c
				k++
			}
		}
		dst = dst[:k]
	}
	return dst
}

// pluralBytes is plural for a word in dst's memory, which it may change.
func pluralBytes(w []byte) []byte {
	n := len(w)
	has := func(suf string) bool { return n >= len(suf) && string(w[n-len(suf):]) == suf }
	switch {
	case n > 4 && has("ies"):
		w[n-3] = 'y'
		return w[:n-2]
	case n > 4 && (has("ses") || has("xes") || has("ches") || has("shes")):
		return w[:n-2]
	case n > 3 && has("s") && !has("ss") && !has("us") && !has("is"):
		return w[:n-1]
	}
	return w
}

// trimPossessive removes a trailing 's or ’s, or a lone trailing
// apostrophe.
func trimPossessive(w string) string {
	n := len(w)
	if n < 2 || w[n-1] != 's' && w[n-1] != '\'' && w[n-1] != 0x99 {
		return w // most words: no apostrophe at the end
	}
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// plural strips a regular English plural ending, so that "home" and
// "homes" count as one term. It is deliberately crude: a stemmer costs more
// than the grouping can afford per word, and only equality matters here.
func plural(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "ses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}
