package store

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dispatch/internal/fold"
)

// maxTermBytes bounds an indexed term; longer words are cut, so one 200 KB
// "word" cannot bloat the dictionary.
const maxTermBytes = 64

// maxCachedStems bounds the analyzer's stem cache.
const maxCachedStems = 1 << 17

// Token is one word of a text as the index sees it.
type Token struct {
	Term  string // lower-case, accent-folded, stemmed
	Pos   int    // word position: consecutive words have consecutive positions
	Start int    // byte offset of the word in the text
	End   int    // byte offset just past it
	Span  int    // words covered: 1, or the parts of a compound
}

// Tokens are the words of a text plus the hyphenated compounds spelt whole:
// "air-defense" yields the words "air" and "defense" and the compound
// "airdefense" at the position of "air", so "air defense", "air-defense" and
// "airdefense" all find it.
type Tokens struct {
	Words     []Token // Pos equals the index in Words
	Compounds []Token
}

// Analyzer turns text into tokens: Unicode word segmentation (UAX #29),
// lower case, accents folded (Türkiye is turkiye), English inflections
// undone (guarantees is guarantee; see stem). It is safe for concurrent use.
type Analyzer struct {
	mu    sync.RWMutex
	stems map[string]string
}

// NewAnalyzer returns an analyzer with an empty stem cache.
func NewAnalyzer() *Analyzer {
	return &Analyzer{stems: make(map[string]string)}
}

// Tokenize splits text into tokens. Offsets index text; invalid UTF-8 is
// skipped, never panicked on.
func (an *Analyzer) Tokenize(text string) Tokens { return tokenize(text, an) }

// termSource normalises words: the shared Analyzer, or the wordStats of one
// indexing goroutine (which caches its own). Both give every word the same
// term.
type termSource interface {
	Term(word string) string
}

func tokenize(text string, src termSource) Tokens {
	var t Tokens
	scanTokens(text, src,
		func(tok Token) { t.Words = append(t.Words, tok) },
		func(tok Token) { t.Compounds = append(t.Compounds, tok) })
	return t
}

// scanTokens calls word for every word of text, in order, and compound for
// every hyphenated compound right after its last part. src.Term has just
// normalised the word (or the whole compound) when either is called.
func scanTokens(text string, src termSource, word, compound func(Token)) {
	var parts []Token // the current run of hyphen-joined words
	var joined strings.Builder
	flush := func() {
		if len(parts) > 1 {
			joined.Reset()
			for _, p := range parts {
				joined.WriteString(text[p.Start:p.End])
			}
			if term := src.Term(joined.String()); term != "" {
				compound(Token{Term: term, Pos: parts[0].Pos, Start: parts[0].Start, End: parts[len(parts)-1].End, Span: len(parts)})
			}
		}
		parts = parts[:0]
	}
	pendingHyphen := false
	pos := 0
	forEachSegment(text, func(seg string, start int) {
		if isHyphen(seg) && len(parts) > 0 && !pendingHyphen {
			pendingHyphen = true
			return
		}
		if !pendingHyphen {
			flush()
		}
		term := src.Term(seg)
		if term == "" {
			flush()
			pendingHyphen = false
			return
		}
		tok := Token{Term: term, Pos: pos, Start: start, End: start + len(seg), Span: 1}
		pos++
		word(tok)
		pendingHyphen = false
		parts = append(parts, tok)
	})
	flush()
}

func isHyphen(seg string) bool {
	return seg == "-" || seg == "\u2010" || seg == "\u2011"
}

// Term normalises one word: "" for anything without a letter or digit.
func (an *Analyzer) Term(word string) string {
	if !hasWordRune(word) {
		return ""
	}
	an.mu.RLock()
	stem, ok := an.stems[word]
	an.mu.RUnlock()
	if ok {
		return stem
	}
	stem = normalizeWord(word)
	an.mu.Lock()
	if len(an.stems) < maxCachedStems {
		an.stems[word] = stem
	}
	an.mu.Unlock()
	return stem
}

// apostrophes makes curly apostrophes straight and drops thousands commas.
var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'", ",", "")

// Fold lower-cases word, folds accents and drops the dots of abbreviations
// and the apostrophes of possessives, without stemming: the surface form
// shown in suggestions.
func Fold(word string) string {
	w := strings.ToLower(fold.Accents(strings.ToValidUTF8(word, "")))
	if strings.ContainsAny(w, "’ʼ,") { // Replace is slow even when it finds nothing
		w = apostrophes.Replace(w)
	}
	if strings.ContainsFunc(w, unicode.IsLetter) {
		w = strings.ReplaceAll(w, ".", "")
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if len(w) > maxTermBytes {
		w = w[:maxTermBytes]
		for !utf8.ValidString(w) {
			w = w[:len(w)-1]
		}
	}
	return w
}

func normalizeWord(word string) string {
	_, term := foldAndStem(word)
	return term
}

// foldAndStem returns the folded spelling of word and its term.
func foldAndStem(word string) (folded, term string) {
	w := Fold(word)
	if w == "" || !fold.IsASCII(w) || strings.ContainsAny(w, "0123456789'") {
		// the English rules only know English words: not other scripts,
		// nor numbers and codes ("1990s", "h2", "f-16"), nor "o'clock"
		return w, w
	}
	return w, stem(w)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
