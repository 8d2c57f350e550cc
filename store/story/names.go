package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dispatch/store/article"
)

// connectors may join the capitalised words of one name ("Sea of Azov",
// "Treatment of Prisoners of War"); "the" only after "of" or "for".
var connectors = map[string]bool{"of": true, "for": true, "de": true, "del": true, "da": true, "van": true,
	"von": true, "al": true, "bin": true, "la": true, "le": true, "du": true, "des": true}

// titles are offices written before a name ("Secretary of State Marco
// Rubio", "port director Andriy Kovalenko"), longest first where one
// begins another. A title is kept as the person's role, not as a name.
var titles = [][]string{
	{"secretary", "of", "state"}, {"secretary", "general"}, {"secretary-general"}, {"special", "envoy"},
	{"prime", "minister"}, {"foreign", "minister"}, {"defence", "minister"}, {"defense", "minister"},
	{"vice", "president"}, {"deputy", "prime", "minister"}, {"president"}, {"secretary"}, {"minister"},
	{"mayor"}, {"governor"}, {"senator"}, {"sen"}, {"rep"}, {"general"}, {"gen"}, {"envoy"}, {"ambassador"},
	{"chancellor"}, {"commissioner"}, {"director"}, {"king"}, {"queen"}, {"pope"}, {"prince"},
	{"mr"}, {"mrs"}, {"ms"}, {"dr"}, {"advisor"}, {"adviser"}, {"spokesman"}, {"spokeswoman"},
	{"spokesperson"}, {"chief"}, {"commander"}, {"admiral"}, {"premier"}, {"speaker"},
}

// offices are nouns that follow a name and make it the holder of an
// office that has one holder at a time: "the Biden administration".
var offices = map[string]bool{"administration": true, "government": true}

// demonym reports whether a single capitalised word is an adjective or
// noun of nationality ("Ukrainian", "European", "Western", "French"): the
// reader's facets are the places, not the adjectives.
func demonym(folded string) bool {
	for _, suf := range []string{"ian", "ean", "ern", "ese", "ish", "can", "ans", "ians"} {
		if strings.HasSuffix(folded, suf) && len(folded) > len(suf)+2 {
			return true
		}
	}
	switch folded {
	case "french", "dutch", "swiss", "german", "germans", "greek", "thai", "british", "czech", "emirati", "israeli",
		"israelis", "iraqi", "saudi", "pakistani", "afghan", "arab", "arabs", "kurdish", "baltic":
		return true
	}
	return false
}

// nameMention is one mention of a name in a passage.
type nameMention struct {
	passage     int
	start, end  int    // the name's bytes, title left out
	key         string // folded words joined by spaces ("marco rubio", "us")
	words       []string
	acronym     bool   // one word in capitals ("US", "EU")
	role        string // the office it is named with, folded ("kharkiv mayor"), or ""
	title       string // the office's title alone ("mayor"), or ""
	roleStart   int    // bytes of the whole mention with the title
	roleEnd     int
	roleText    string // the office as written ("Kharkiv Mayor", "administration")
	hasOfficial bool   // named with a title (a person)
	locative    bool   // after "in", "from", "to"…: a place
}

// locatives are prepositions of place: a name after one of them is a
// place, never the holder of an office.
var locatives = map[string]bool{"in": true, "from": true, "to": true, "at": true, "across": true, "near": true,
	"into": true, "outside": true, "inside": true}

// passageToks is a passage's tokens with the passage.
type passageToks struct {
	text string
	kind article.PassageKind
	toks []token
}

// confirmed gathers the folded words seen capitalised inside a sentence of
// a paragraph, list item or quote (not a heading) anywhere in the story: a
// capitalised word at the start of a sentence or in a heading is a name
// only if it is one of these.
func confirmed(docs [][]passageToks) map[string]bool {
	m := map[string]bool{}
	for _, ps := range docs {
		for _, p := range ps {
			if p.kind == article.Heading {
				continue
			}
			for _, t := range p.toks {
				if t.upper && !t.initial {
					m[foldWord(namePart(p.text[t.start:t.end]))] = true
				}
			}
		}
	}
	return m
}

// namePart is the part of a word that can be a name: "NATO" of
// "NATO-style", the whole of "Indo-Pacific".
func namePart(w string) string {
	if i := strings.IndexByte(w, '-'); i > 0 {
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return w[:i]
		}
	}
	return w
}

// findNames returns the name mentions of one passage.
func findNames(p int, pt passageToks, conf map[string]bool) []nameMention {
	var out []nameMention
	toks, text := pt.toks, pt.text
	heading := pt.kind == article.Heading
	word := func(i int) string { return text[toks[i].start:toks[i].end] }
	usable := func(i int) bool {
		t := toks[i]
		if !t.upper || t.digit {
			return false
		}
		w := namePart(word(i))
		f := foldWord(w)
		switch {
		case (functionWords[f] || weekdays[f] || months[f]) && !isAcronym(w):
			return false
		case !t.initial && !heading:
			return true
		case isAcronym(w) && !heading, titleAt([]string{f}, 0) > 0:
			return true // an acronym or a title begins a name anywhere
		}
		return conf[f]
	}
	for i := 0; i < len(toks); {
		if !usable(i) {
			i++
			continue
		}
		// a run of usable words, joined by connectors, not across punctuation,
		// a word cut at a hyphen or a possessive ("Ukraine’s Coordination
		// Headquarters" is two names)
		j := i + 1
		for j < len(toks) && namePart(word(j-1)) == word(j-1) && trimPossessive(word(j-1)) == word(j-1) {
			k := j
			for k < len(toks) && !toks[k].upper && connectors[strings.ToLower(word(k))] && !toks[k].stopBefore {
				k++
				if k < len(toks) && strings.EqualFold(word(k), "the") && !toks[k].stopBefore {
					k++
				}
			}
			if k >= len(toks) || toks[k].stopBefore || toks[k].quoted != toks[i].quoted || !usable(k) {
				break
			}
			j = k + 1
		}
		out = append(out, splitTitle(p, pt, i, j)...)
		i = j
	}
	return out
}

// splitTitle makes the mentions of the run toks[i:j]: the person after a
// title, the qualifier before it (a place, as in "Kharkiv Mayor"), or the
// whole run when it has no title.
func splitTitle(p int, pt passageToks, i, j int) []nameMention {
	toks, text := pt.toks, pt.text
	folded := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		folded = append(folded, foldWord(namePart(text[toks[k].start:toks[k].end])))
	}
	ti, tn := -1, 0
	for k := range folded {
		if n := titleAt(folded, k); n > 0 {
			ti, tn = k, n
			break
		}
	}
	mention := func(a, b int) nameMention {
		end := toks[i+b-1].end
		last := text[toks[i+b-1].start:end]
		end = toks[i+b-1].start + len(trimPossessive(namePart(last)))
		words := contentWords(folded[a:b])
		m := nameMention{passage: p, start: toks[i+a].start, end: end, key: strings.Join(words, " "), words: words,
			acronym: b-a == 1 && isAcronym(text[toks[i+a].start:end]), roleStart: toks[i+a].start, roleEnd: end}
		if k := i + a - 1; k >= 0 && !toks[i+a].stopBefore {
			m.locative = locatives[foldWord(text[toks[k].start:toks[k].end])]
		}
		return m
	}
	var out []nameMention
	if ti < 0 {
		m := mention(0, len(folded))
		if len(m.words) == 1 && demonym(m.key) {
			return nil
		}
		m.title, m.role = lowerTitle(pt, i)
		m.hasOfficial = m.role != ""
		if m.role != "" {
			m.roleStart = toks[i-len(strings.Fields(m.title))].start
			m.roleText = text[m.roleStart:toks[i-1].end]
		}
		if j < len(toks) && !toks[j].stopBefore && offices[foldWord(text[toks[j].start:toks[j].end])] {
			m.role, m.title, m.roleEnd = foldWord(text[toks[j].start:toks[j].end]), "", toks[j].end
			m.roleText = trimPossessive(text[toks[j].start:toks[j].end])
		}
		if m.key != "" {
			out = append(out, m)
		}
		return out
	}
	title := strings.Join(folded[ti:ti+tn], " ")
	qual := ""
	if ti > 0 {
		q := mention(0, ti)
		qual = q.key
		if q.key != "" && !(len(q.words) == 1 && demonym(q.key)) {
			out = append(out, q)
		}
	}
	if ti+tn < len(folded) {
		m := mention(ti+tn, len(folded))
		m.title, m.role, m.hasOfficial = title, strings.TrimSpace(qual+" "+title), true
		m.roleStart = toks[i].start
		m.roleText = text[toks[i].start:toks[i+ti+tn-1].end]
		if m.key != "" {
			out = append(out, m)
		}
	}
	return out
}

// titleAt is the number of words of the title that begins at words[k], or 0.
func titleAt(words []string, k int) int {
	for _, t := range titles {
		if k+len(t) <= len(words) && equalWords(words[k:k+len(t)], t) {
			return len(t)
		}
	}
	return 0
}

// lowerTitle is the title written in lower case just before toks[i], as in
// "senior advisor Jared Kushner": the title and the role it names.
func lowerTitle(pt passageToks, i int) (title, role string) {
	if i == 0 || pt.toks[i].stopBefore {
		return "", ""
	}
	prev := foldWord(pt.text[pt.toks[i-1].start:pt.toks[i-1].end])
	if pt.toks[i-1].upper || titleAt([]string{prev}, 0) == 0 {
		return "", ""
	}
	return prev, prev
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// contentWords drops connectors, so that "sea of azov" and the initials of
// "United States" come out right.
func contentWords(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !connectors[w] && w != "the" {
			out = append(out, w)
		}
	}
	return out
}

// isAcronym reports whether w is written in capitals (and digits, dots):
// "US", "U.S.", "EU", "G7".
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r), r == '.':
		default:
			return false
		}
	}
	return letters >= 1 && len(w) >= 2
}
