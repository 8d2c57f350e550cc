package store

import "testing"

// Words that are forms of one word share a term; different words that a
// full stemmer would join do not.
func TestStemJoinsFormsNotWords(t *testing.T) {
	same := [][]string{
		{"guarantee", "guarantees", "guaranteed", "guaranteeing"},
		{"talk", "talks", "talked", "talking"},
		{"negotiate", "negotiates", "negotiated", "negotiating"},
		{"announce", "announced", "announces", "announcing"},
		{"secure", "secured", "securing"},
		{"issue", "issued", "issues"},
		{"hostility", "hostilities"},
		{"country", "countries"},
		{"crisis", "crises"},
		{"say", "says", "said"},
		{"stop", "stopped", "stopping"},
		{"hope", "hoped", "hoping"},
		{"defense", "defence", "defenses"},
		{"stabilize", "stabilise", "stabilizing", "stabilised"},
		{"organization", "organisation"},
	}
	for _, forms := range same {
		for _, f := range forms[1:] {
			if stem(f) != stem(forms[0]) {
				t.Errorf("%s is %q but %s is %q: one word, two terms", forms[0], stem(forms[0]), f, stem(f))
			}
		}
	}
	apart := [][2]string{
		{"aid", "aides"}, {"security", "securing"}, {"stability", "stabilization"}, {"organ", "organization"},
		{"united", "unit"}, {"news", "new"}, {"evening", "even"}, {"hope", "hop"}, {"state", "stat"},
		{"plane", "plan"}, {"aide", "aid"}, {"use", "us"}, {"left", "leave"},
	}
	for _, p := range apart {
		if stem(p[0]) == stem(p[1]) {
			t.Errorf("%s and %s are both %q: different words, one term", p[0], p[1], stem(p[0]))
		}
	}
}
