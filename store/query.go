package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dispatch/store/article"
)

// Query is a parsed search: every Must clause has to match, no Not clause
// may, and the operators (topic:, source:, tag:, is:, since:, until:,
// date:) restrict the articles considered.
type Query struct {
	Raw        string
	TooLong    bool // the text was longer than MaxQueryBytes or had more than MaxQueryWords words and phrases: the rest was left out
	Must       []Clause
	Not        []Clause
	Topics     []string // topic:NAME, lower-case
	NotTopics  []string // -topic:NAME
	Sources    []string // source:NAME or source:"A NAME"
	NotSources []string // -source:NAME
	Tags       []string // tag:NAME or tag:"A NAME"
	NotTags    []string // -tag:NAME
	States     []StateFilter
	Dates      []DateFilter
	// Err is the first mistake in the query's operators (an unknown one,
	// one with nothing after it, a date that is none): Library.List
	// answers it instead of a listing. While a query is typed, a mistake
	// in its last word is none yet.
	Err error
}

// Clause is one word or quoted phrase of a query. It matches where any of its
// alternatives does; an alternative of several terms is a phrase.
type Clause struct {
	Text string     // as typed, for messages and suggestions
	Alts [][]string // term sequences
	// Related are other words of the same family a single word also finds,
	// ranked below it: the noun of a verb and back (negotiate, negotiation,
	// negotiator; withdraw, withdrawal). Not every shared stem: security
	// and securing are different words (see stem, related).
	Related [][]string
	// exact is the word as typed, folded, when the clause is one word: it
	// ranks above the other spellings of its term.
	exact string

	// prefix, when set, is the folded last word of a query still being
	// typed: Index.Expand turns it into every indexed word it begins.
	prefix       string
	lastWord     string // folded spelling of the clause's last word
	fromCompound bool   // the alternatives are a hyphenated word's parts and whole
}

// Query size limits. Every word costs a look-up, and a word the index
// does not know a search for spellings near it: a query pasted by mistake
// (a megabyte of text) must not keep the reader busy.
const (
	MaxQueryBytes = 1000
	MaxQueryWords = 32
)

// Empty reports whether the query asks for nothing: no clauses, no topics.
func (q Query) Empty() bool {
	return len(q.Must) == 0 && len(q.Not) == 0 && !q.HasFilters() && q.Err == nil
}

// HasFilters reports whether the query has operators: topic:, source:,
// tag:, is:, since:, until: or date:.
func (q Query) HasFilters() bool {
	return len(q.Topics)+len(q.NotTopics)+len(q.Sources)+len(q.NotSources)+len(q.Tags)+len(q.NotTags)+
		len(q.States)+len(q.Dates) > 0
}

// HasTerms reports whether the query has words or phrases to look for.
func (q Query) HasTerms() bool { return len(q.Must) > 0 }

// ParseQuery reads a query: words are ANDed, "quoted phrases" match in
// order, -word and -"phrase" exclude, a word ending in * is the start of
// words (harb* finds harbour), and operators filter: topic:NAME,
// source:NAME, tag:NAME, is:unread (read, starred, new), since:DATE,
// until:DATE and date:DATE or date:A..B (see operators.go). Stop words
// ("what", "the", "did") are left out unless the query has nothing else,
// and a word given twice counts once. An unbalanced quote runs to the
// end, a lone "-" and words without letters or digits are ignored; a
// mistake in an operator is the query's Err.
func (an *Analyzer) ParseQuery(s string) Query {
	return an.parseQuery(s, false)
}

// ParseTyping reads a query that is still being typed: unless it ends in a
// space or a closing quote, its last word is taken as the start of a word
// ("guar" finds guarantees), and a mistake in an operator being typed
// there ("since:2025-1") is not one yet. Index.Expand resolves it.
func (an *Analyzer) ParseTyping(s string) Query {
	return an.parseQuery(s, true)
}

func (an *Analyzer) parseQuery(s string, typing bool) Query {
	s = article.Sanitize(s)
	q := Query{Raw: s}
	if len(s) > MaxQueryBytes {
		cut := MaxQueryBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s, q.TooLong = s[:cut], true
	}
	var stops []Clause // stop words: dropped unless nothing else is asked
	taken := 0         // words and phrases read, whether kept or not
	spaceAt := func(i int) (bool, int) {
		r, size := utf8.DecodeRuneInString(s[i:])
		return unicode.IsSpace(r), size
	}
	for i := 0; i < len(s); {
		if space, size := spaceAt(i); space {
			i += size
			continue
		}
		if taken == MaxQueryWords {
			q.TooLong = true
			break
		}
		taken++
		negate := false
		if s[i] == '-' {
			negate = true
			i++
			if i >= len(s) {
				continue
			}
			if space, _ := spaceAt(i); space {
				continue // a lone "-"
			}
		}
		var text string
		phrase := s[i] == '"'
		unclosed := false
		if phrase {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				text, i, unclosed = s[i+1:], len(s), true
			} else {
				text, i = s[i+1:i+1+end], i+2+end
			}
		} else {
			end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(s) - i
			}
			text, i = s[i:i+end], i+end
		}
		if name, value, ok := splitOperator(text); ok && !phrase {
			if value == "" && i < len(s) && s[i] == '"' { // source:"Lakeside Gazette"
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					value, i = s[i+1:], len(s)
				} else {
					value, i = s[i+1:i+1+end], i+2+end
				}
			}
			if err := q.applyOperator(name, value, negate); err != nil && q.Err == nil && !(typing && i >= len(s)) {
				q.Err = err // one being typed is not wrong yet
			}
			continue
		}
		starred := !phrase && strings.HasSuffix(text, "*")
		c, ok := an.clause(text)
		if !ok {
			continue
		}
		if starred || typing && i >= len(s) && (!phrase || unclosed) {
			c.prefix = c.lastWord // the word under the cursor, or harb*
		}
		if !phrase {
			c.Related = related(c.Alts)
			if len(c.Alts[0]) == 1 {
				c.exact = c.lastWord
			}
		}
		switch {
		case negate:
			q.Not = appendClause(q.Not, c)
		case !phrase && c.prefix == "" && isStopWord(c.lastWord) && len(c.Alts) == 1 && len(c.Alts[0]) == 1:
			stops = appendClause(stops, c)
		default:
			q.Must = appendClause(q.Must, c)
		}
	}
	if len(q.Must) == 0 {
		q.Must = stops // a query of nothing else: "the who" looks for them
	}
	return q
}

// appendClause adds c to cs unless an equal clause is there already: a
// word typed twice counts once.
func appendClause(cs []Clause, c Clause) []Clause {
	for _, o := range cs {
		if o.prefix == c.prefix && slices.EqualFunc(o.Alts, c.Alts, slices.Equal) {
			return cs
		}
	}
	return append(cs, c)
}

// clause analyses the text of one word or phrase. Its first alternative is
// the words in order; when hyphenated compounds occur, a second has each
// compound as one word, so "cease-fire" also finds "ceasefire".
func (an *Analyzer) clause(text string) (Clause, bool) {
	t := an.Tokenize(text)
	if len(t.Words) == 0 {
		return Clause{}, false
	}
	last := t.Words[len(t.Words)-1]
	c := Clause{Text: strings.TrimSpace(text), lastWord: Fold(text[last.Start:last.End])}
	words := make([]string, len(t.Words))
	for i, w := range t.Words {
		words[i] = w.Term
	}
	c.Alts = append(c.Alts, words)
	if len(t.Compounds) > 0 {
		var joined []string
		next := 0
		for _, comp := range t.Compounds {
			joined = append(joined, words[next:comp.Pos]...)
			joined = append(joined, comp.Term)
			next = comp.Pos + comp.Span
		}
		joined = append(joined, words[next:]...)
		c.Alts = append(c.Alts, joined)
		c.fromCompound = true
	}
	return c, true
}
