package story

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dispatch/store/article"
)

func words(text string) []string {
	var out []string
	for _, t := range tokenize(text, nil) {
		out = append(out, text[t.start:t.end])
	}
	return out
}

func TestTokenize(t *testing.T) {
	for text, want := range map[string]string{
		"The U.S. and U.K. met.":             "The|U.S.|and|U.K.|met",
		"U.S.–Ukraine–Russia dynamics":       "U.S.|Ukraine|Russia|dynamics",
		"About 40,000 homes, 2.4 million":    "About|40,000|homes|2.4|million",
		"Russia’s 28-point plan, NATO-style": "Russia’s|28-point|plan|NATO-style",
		"“Progress, yes.” Plan B. Then":      "Progress|yes|Plan|B|Then",
		"":                                   "",
	} {
		if got := strings.Join(words(text), "|"); got != want {
			t.Errorf("tokenize(%q) = %q, want %q", text, got, want)
		}
	}
	toks := tokenize("He said. “Then she left: Kyiv won”", nil)
	var initial []string
	for _, tk := range toks {
		if tk.initial {
			initial = append(initial, "He said. “Then she left: Kyiv won”"[tk.start:tk.end])
		}
	}
	if strings.Join(initial, " ") != "He Then Kyiv" {
		t.Errorf("sentence starts = %q", initial)
	}
}

func namesOf(texts ...string) []string {
	var docs [][]passageToks
	for _, s := range texts {
		docs = append(docs, []passageToks{{text: s, kind: article.Paragraph, toks: tokenize(s, nil)}})
	}
	conf := confirmed(docs)
	var out []string
	for _, ps := range docs {
		for p, pt := range ps {
			for _, m := range findNames(p, pt, conf) {
				s := pt.text[m.start:m.end]
				if m.role != "" {
					s += " (" + m.role + ")"
				}
				out = append(out, s)
			}
		}
	}
	return out
}

func TestFindNames(t *testing.T) {
	got := namesOf("Officials met U.S. Secretary of State Marco Rubio in Geneva on Sunday.",
		"Kharkiv Mayor Ihor Terekhov said the Biden administration’s plan and NATO-style guarantees reached the Sea of Azov and Kharkiv.",
		"Kyiv refuses. Putin waits. The Ukrainian delegation met senior advisor Jared Kushner and Secretary Driscoll.")
	want := []string{"U.S.", "Marco Rubio (us secretary of state)", "Geneva", "Kharkiv", "Ihor Terekhov (kharkiv mayor)",
		"Biden (administration)", "NATO", "Sea of Azov", "Kharkiv", "Jared Kushner (advisor)", "Driscoll (secretary)"}
	if !slices.Equal(got, want) {
		t.Errorf("names:\n got %q\nwant %q", got, want)
	}
}

func figuresOf(text string) []string {
	pt := passageToks{text: text, toks: tokenize(text, nil)}
	var out []string
	for _, f := range findFigures(0, pt) {
		out = append(out, f.label+"="+f.key)
	}
	return out
}

func TestFindFigures(t *testing.T) {
	for text, want := range map[string]string{
		"About 40,000 homes were left without power on Tuesday.":  "40,000 homes=40000 home|Tuesday=tuesday",
		"Repairs cost 2.4 million euros in late November 2025.":   "2.4 million euros=2400000 euro|November 2025=november 2025",
		"The 28-point plan; the war took millions of lives":       "28-point plan=28 point plan|millions of lives=millions live",
		"1. Three substations since 2022, between 5 pm and 10 pm": "Three substations=3 substation|2022=2022|5 pm=5 pm|10 pm=10 pm",
		"the 21st century, one of the most, 12 said":              "",
	} {
		if got := strings.Join(figuresOf(text), "|"); got != want {
			t.Errorf("figures(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://www.Example.com/a/b/?utm_source=rss&id=3&fbclid=x#top": "example.com/a/b?id=3",
		"http://example.com/a/b?id=3":                                   "example.com/a/b?id=3",
		"https://example.com/":                                          "",
		"ftp://example.com/a":                                           "",
		"not a url":                                                     "",
	} {
		if got := canonicalURL(raw); got != want {
			t.Errorf("canonicalURL(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestNamesStopAtPossessive(t *testing.T) {
	got := namesOf("He met Ukraine’s Coordination Headquarters for the Treatment of Prisoners of War in Kyiv.")
	want := []string{"Ukraine", "Coordination Headquarters for the Treatment of Prisoners of War", "Kyiv"}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

func TestOfficeHolderIsAPerson(t *testing.T) {
	a := Doc{ID: 1, Source: "A", Passages: []Passage{{Text: "It showed the Biden administration’s intent. The U.S. administration stressed unity in Kyiv."}}}
	b := Doc{ID: 2, Source: "B", Passages: []Passage{{Text: "It reflected the Trump administration’s doctrine."}}}
	c := Doc{ID: 3, Source: "C", Passages: []Passage{{Text: "The Kyiv government agreed."}}}
	v := Compare([]Doc{a, b, c})
	if len(v.Disagreements) != 1 || len(v.Disagreements[0].Sides) != 2 || v.Disagreements[0].About != "administration" ||
		v.Disagreements[0].Sides[0].Value != "Biden" || v.Disagreements[0].Sides[1].Value != "Trump" {
		t.Errorf("disagreements = %+v, want Biden against Trump", v.Disagreements)
	}
}

// foldInto and pluralBytes are the allocation-free forms of foldWord and
// plural: the same answers.
func TestFoldIntoIsFoldWord(t *testing.T) {
	for _, w := range []string{"Russia’s", "U.S.", "2.4", "Türkiye", "HOMES", "ies", "cities", "glasses", "buses",
		"bus", "analysis", "Kyiv’", "a", "", "G7", "U.S.-led", "watches", "x.y.z", "Ukrainians'"} {
		if got, want := string(foldInto(nil, w)), foldWord(w); got != want {
			t.Errorf("foldInto(%q) = %q, foldWord = %q", w, got, want)
		}
		f := foldWord(w)
		if got, want := string(pluralBytes([]byte(f))), plural(f); got != want {
			t.Errorf("pluralBytes(%q) = %q, plural = %q", f, got, want)
		}
	}
}

func TestFirstOfIsSortedPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 300 {
		keys := make([]uint64, n)
		for i := range keys {
			keys[i] = uint64(rng.IntN(6))<<56 | rng.Uint64()>>8
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		want = want[:min(30, n)]
		if got := firstOf(slices.Clone(keys), 30); !slices.Equal(got, want) {
			t.Fatalf("firstOf of %d keys differs from sorting them", n)
		}
	}
}

func TestOfficeIsNamedAsWritten(t *testing.T) {
	a := Doc{ID: 1, Source: "A", Passages: []Passage{{Text: "In Kharkiv, Mayor Ihor Terekhov spoke."}}}
	b := Doc{ID: 2, Source: "B", Passages: []Passage{{Text: "In Kharkiv, Kharkiv Mayor Oleh Syniehubov spoke."}}}
	v := Compare([]Doc{a, b})
	if len(v.Disagreements) != 1 || v.Disagreements[0].About != "Kharkiv Mayor" {
		t.Errorf("disagreements = %+v, want one on the Kharkiv Mayor", v.Disagreements)
	}
}
