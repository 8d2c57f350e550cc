package store

import "strings"

// Why inflections only.
//
// A full English stemmer (Snowball, Porter) also strips derivations: it makes
// "security" and "securing" one term, "stability" and "stabilization",
// "aides" and "aid", "organ" and "organization". Readers see those as wrong
// answers, and they reach topic marks too. A lemma dictionary would be exact
// but weighs megabytes and knows no names; an exception list learned from the
// library would make a word's term depend on what else is indexed, so an index
// could no longer grow article by article. Inflections, though, are regular:
// undoing them with rules joins "guarantee", "guarantees", "guaranteed" and
// "guaranteeing" and keeps different words apart. stem is Snowball English
// (Porter2) steps 1a to 1c — plurals, -ed and -ing with the e restored and
// doubled consonants undone, final y — and Porter's 5a, which drops a final
// e so that "announce" meets "announced"; none of the steps between, which
// strip derivations. British spellings are first written the American way,
// so "defence" finds "defense".

// stem returns the term of a folded, lower-case ASCII word.
func stem(w string) string {
	w = americanSpelling(w)
	if len(w) <= 2 || keptWords[w] {
		return w
	}
	if base, ok := irregular[w]; ok {
		w = base // and on, so that "crises" meets "crisis" wherever that goes
	}
	r1 := region1(w)
	w = step1a(w)
	if invariant[w] || keptWords[w] {
		return w // evenings stays evening, not even
	}
	w = step1b(w, r1)
	return step5a(step1c(w))
}

// step5a drops a final e, as Porter's step 5a does, so that the forms
// whose ending took the e meet the bare word: announce and announced,
// secure and securing, issue and issued. It keeps the e of a short word
// ending consonant, vowel, consonant — hope, state, plane stay apart from
// hop, stat and plan — of aide, which would become aid, and of words of
// three letters (use is not US).
func step5a(w string) string {
	base, ok := strings.CutSuffix(w, "e")
	if !ok || w == "aide" || len(base) < 3 {
		return w // use is not us, nor ice ic
	}
	switch m := measure(base); {
	case m > 1:
		return base
	case m == 1 && !endsCVC(base):
		return base
	}
	return w
}

// measure is Porter's m: how many vowel-consonant sequences w has.
func measure(w string) int {
	m, inVowels := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if !v && inVowels {
			m++
		}
		inVowels = v
	}
	return m
}

// endsCVC reports Porter's *o: consonant, vowel, consonant not w, x or y.
func endsCVC(w string) bool {
	n := len(w)
	return n >= 3 && !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(w[n-1]) && strings.IndexByte("wxy", w[n-1]) < 0
}

// keptWords are left as they are: they only look inflected, or undoing the
// ending would join them to another word ("united" is not "unit").
var keptWords = setOf("news", "species", "series", "thus", "this", "is", "was", "his", "hers", "its",
	"us", "bus", "gas", "bias", "atlas", "cosmos", "lens", "means", "united", "kindness", "less", "unless",
	"always", "perhaps", "towards", "afterwards", "whereas", "across", "during", "nothing", "something",
	"anything", "everything", "morning", "evening", "ceiling", "wedding", "offing", "string", "thing",
	"king", "ring", "spring", "wing", "sibling", "darling", "bed", "red", "shed", "need", "speed", "seed",
	"feed", "bleed", "hundred", "kindred", "sacred", "naked", "wicked", "wretched", "rugged", "ragged")

// irregular are plurals and verb forms no rule undoes.
var irregular = map[string]string{
	"men": "man", "women": "woman", "children": "child", "people": "person", "mice": "mouse", "feet": "foot",
	"teeth": "tooth", "lives": "life", "wives": "wife", "knives": "knife", "leaves": "leaf", "halves": "half",
	"shelves": "shelf", "thieves": "thief", "wolves": "wolf", "crises": "crisis", "analyses": "analysis",
	"theses": "thesis", "bases": "base", "criteria": "criterion", "phenomena": "phenomenon",
	"said": "say", "says": "say", "saying": "say", "made": "make", "went": "go", "gone": "go", "goes": "go",
	"did": "do", "done": "do", "does": "do", "had": "have", "has": "have", "having": "have", "met": "meet",
	"held": "hold", "led": "lead", "told": "tell", "took": "take", "taken": "take", "gave": "give",
	"given": "give", "began": "begin", "begun": "begin", "sought": "seek", "brought": "bring",
	"thought": "think", "fought": "fight", "bought": "buy", "caught": "catch", "taught": "teach",
	"lost": "lose", "kept": "keep", "felt": "feel", "came": "come", "became": "become", "seen": "see", "spoke": "speak", "spoken": "speak",
	"wrote": "write", "written": "write", "chose": "choose", "chosen": "choose", "drew": "draw",
	"drawn": "draw", "knew": "know", "known": "know", "grew": "grow", "grown": "grow", "risen": "rise", "fell": "fall", "fallen": "fall", "struck": "strike", "stood": "stand",
	"understood": "understand", "built": "build", "sent": "send", "spent": "spend", "meant": "mean",
	"dying": "die", "lying": "lie", "tying": "tie",
}

// invariant words end step 1a as they are: Porter2's list.
var invariant = setOf("inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

// region1 is where Porter2's R1 starts: after the first non-vowel that
// follows a vowel.
func region1(w string) int {
	for i := 1; i < len(w); i++ {
		if !isVowel(w[i]) && isVowel(w[i-1]) {
			return i + 1
		}
	}
	return len(w)
}

// step1a undoes plurals and third persons.
func step1a(w string) string {
	switch {
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ied"), strings.HasSuffix(w, "ies"):
		if len(w) > 4 {
			return w[:len(w)-2] // cries → cri, as "cry" becomes in step 1c
		}
		return w[:len(w)-1] // ties → tie
	case strings.HasSuffix(w, "us"), strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s"):
		// gaps → gap, but gas and this stay: a vowel must come before the
		// letter ahead of the s
		if strings.IndexFunc(w[:len(w)-2], func(r rune) bool { return isVowel(byte(r)) }) >= 0 {
			return w[:len(w)-1]
		}
	}
	return w
}

// step1b undoes -ed and -ing, restoring what the ending took: an e
// (hoping → hope), a single consonant (stopped → stop).
func step1b(w string, r1 int) string {
	if strings.HasSuffix(w, "eed") {
		if len(w)-3 >= r1 {
			return w[:len(w)-1] // guaranteed → guarantee
		}
		return w
	}
	var base string
	switch {
	case strings.HasSuffix(w, "ed"):
		base = w[:len(w)-2]
	case strings.HasSuffix(w, "ing"):
		base = w[:len(w)-3]
	default:
		return w
	}
	if strings.IndexFunc(base, func(r rune) bool { return isVowel(byte(r)) }) < 0 {
		return w // red, sing, bring
	}
	switch {
	case strings.HasSuffix(base, "at"), strings.HasSuffix(base, "bl"), strings.HasSuffix(base, "iz"):
		return base + "e" // negotiating → negotiate
	case doubled(base):
		return base[:len(base)-1] // stopped → stop
	case isShort(base):
		return base + "e" // hoping → hope
	}
	return base
}

// doubled reports a doubled consonant Porter2 undoes at the end of w.
func doubled(w string) bool {
	if len(w) < 2 || w[len(w)-1] != w[len(w)-2] {
		return false
	}
	return strings.IndexByte("bdfgmnprt", w[len(w)-1]) >= 0
}

// isShort reports a word of one short syllable: its R1 is empty and it ends
// consonant, vowel, consonant (not w, x or y), or is a vowel and a consonant.
func isShort(w string) bool {
	if region1(w) < len(w) {
		return false
	}
	n := len(w)
	switch {
	case n == 2:
		return isVowel(w[0]) && !isVowel(w[1])
	case n >= 3:
		return !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(w[n-1]) && strings.IndexByte("wxy", w[n-1]) < 0
	}
	return false
}

// step1c turns a final y after a consonant into i, so that "hostility" and
// "hostilities" meet.
func step1c(w string) string {
	if n := len(w); n > 2 && (w[n-1] == 'y') && !isVowel(w[n-2]) {
		return w[:n-1] + "i"
	}
	return w
}

// americanSpelling writes the British spellings common in news the American
// way: defence, colour, centre, organise, organisation.
func americanSpelling(w string) string {
	if us, ok := british[w]; ok {
		return us
	}
	for _, s := range []struct{ uk, us string }{{"isations", "izations"}, {"isation", "ization"}} {
		if strings.HasSuffix(w, s.uk) && len(w) > len(s.uk)+2 {
			return w[:len(w)-len(s.uk)] + s.us
		}
	}
	// the -ise verbs, in all their forms: organise, organised, organises,
	// organising
	for _, end := range []string{"ise", "ised", "ises", "ising"} {
		if base, ok := strings.CutSuffix(w, end); ok && iseVerbs[base] {
			return base + "iz" + end[2:]
		}
	}
	return w
}

// british are whole words spelt differently in American English.
var british = map[string]string{
	"defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
	"licence": "license", "pretence": "pretense", "colour": "color", "colours": "colors", "favour": "favor",
	"favours": "favors", "favourable": "favorable", "labour": "labor", "neighbour": "neighbor",
	"neighbours": "neighbors", "neighbouring": "neighboring", "honour": "honor", "behaviour": "behavior",
	"harbour": "harbor", "harbours": "harbors", "rumour": "rumor", "rumours": "rumors", "endeavour": "endeavor",
	"armour": "armor", "armoured": "armored", "centre": "center", "centres": "centers", "theatre": "theater",
	"metre": "meter", "metres": "meters", "kilometre": "kilometer", "kilometres": "kilometers",
	"programme": "program", "programmes": "programs", "catalogue": "catalog", "grey": "gray",
	"travelled": "traveled", "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling",
	"modelled": "modeled", "labelled": "labeled", "fuelled": "fueled", "signalled": "signaled",
}

// iseVerbs are the stems of -ise verbs spelt -ize in American English; not
// every -ise word is one (promise, surprise, exercise, compromise).
var iseVerbs = setOf("organ", "recogn", "real", "critic", "emphas", "apolog", "normal", "stabil", "destabil",
	"mobil", "demobil", "priorit", "author", "legal", "final", "util", "character", "summar", "minim",
	"maxim", "modern", "privat", "national", "sympath", "jeopard", "capital", "scrutin", "special",
	"central", "decentral", "militar", "demilitar", "subsid", "global", "harmon", "optim", "symbol",
	"categor", "memor", "standard", "civil", "colon", "agon", "industrial", "liberal", "neutral",
	"polar", "politic", "radical", "formal", "visual", "energ", "synchron", "terror", "weapon")
