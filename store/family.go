package store

import "strings"

// related returns the other members of the word family of a one-word
// clause: the nouns English makes of verbs and the verbs of those nouns,
// for the endings that keep the meaning (-ation, -ator, -al after a verb).
// -ction is not one: object and objection, project and projection differ. Only forms the rules make are tried; those the index lacks simply
// match nothing. Derivations that change the meaning (-ity, -ment, -ing as
// a noun: security, statement, building) are not families here.
func related(alts [][]string) [][]string {
	if len(alts) != 1 || len(alts[0]) != 1 {
		return nil
	}
	t := alts[0][0]
	if len(t) < 4 || isStopWord(t) {
		return nil
	}
	var out []string
	add := func(forms ...string) {
		for _, f := range forms {
			if f != t && len(f) >= 4 {
				out = append(out, f)
			}
		}
	}
	// the terms are stems: negotiate is "negotiat", propose "propos"
	switch {
	case strings.HasSuffix(t, "at") && len(t) >= 6: // negotiat(e), mediat(e), evacuat(e); not stat(e)
		add(t+"ion", t+"or")
	case strings.HasSuffix(t, "iz"): // stabiliz(e)
		add(t + "ation")
	case strings.HasSuffix(t, "ation") && len(t) > 7: // negotiation, stabilization, organization
		base := t[:len(t)-5]
		add(base+"at", base+"ator", base)
	case strings.HasSuffix(t, "ator"): // mediator
		base := t[:len(t)-4]
		add(base+"at", base+"ation")
	case strings.HasSuffix(t, "wal"), strings.HasSuffix(t, "sal"), strings.HasSuffix(t, "val"): // withdrawal, proposal, approval
		add(t[:len(t)-2])
	case strings.HasSuffix(t, "aw"), strings.HasSuffix(t, "os"), strings.HasSuffix(t, "ov"): // withdraw, propos(e), approv(e)
		add(t + "al")
	}
	if len(out) == 0 {
		return nil
	}
	alts2 := make([][]string, len(out))
	for i, f := range out {
		alts2[i] = []string{f}
	}
	return alts2
}
