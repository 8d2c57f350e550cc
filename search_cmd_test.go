package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	code, out, errs := runCLI(t, nil, "search", "black", "sea")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d stderr %q", code, errs)
	}
	if !strings.HasPrefix(out, " 5  a-diplomatic-breakthrough-us-ukraine-talks  score ") ||
		!strings.Contains(out, "in the [[Black]] [[Sea]] and [[Sea]] of Azov") {
		t.Errorf("output:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in piped output")
	}
}

func TestSearchCommandJSON(t *testing.T) {
	code, out, _ := runCLI(t, nil, "search", "--json", "guarantee", "--limit", "3")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(hits) != 3 {
		t.Fatalf("--limit 3 gave %d hits", len(hits))
	}
	for i, h := range hits {
		if h.ID == 0 || h.Slug == "" || h.Title == "" || h.Matches == 0 || h.Score <= 0 || h.Snippet == "" {
			t.Errorf("hit %d incomplete: %+v", i, h)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hits not ranked: %v > %v", h.Score, hits[i-1].Score)
		}
		for _, hl := range h.Highlights {
			if got := strings.ToLower(h.Snippet[hl[0]:hl[1]]); !strings.HasPrefix(got, "guarantee") {
				t.Errorf("highlight %v marks %q", hl, got)
			}
		}
	}
}

func TestSearchCommandQueryWithDashes(t *testing.T) {
	_, withFlag, _ := runCLI(t, nil, "search", "--json", "Rubio", "-Trump")
	_, quoted, _ := runCLI(t, nil, "search", "--json", "Rubio -Trump")
	_, afterDashes, _ := runCLI(t, nil, "search", "--json", "--", "Rubio", "-Trump")
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(withFlag), &hits); err != nil || len(hits) != 1 || hits[0].ID != 4 {
		t.Fatalf("Rubio -Trump: %v %s", err, withFlag)
	}
	if quoted != withFlag || afterDashes != withFlag {
		t.Errorf("the three spellings of the query differ")
	}
}

func TestSearchCommandNoMatches(t *testing.T) {
	code, out, _ := runCLI(t, nil, "search", "blak")
	if code != 0 || out != "no matches for \"blak\" — did you mean \"black\"?\n" {
		t.Errorf("exit %d: %q", code, out)
	}
	code, out, _ = runCLI(t, nil, "search", "--json", "blak")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("--json with no matches: exit %d %q", code, out)
	}
}

func TestSearchCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"search"}, {"search", "  "}, {"search", "x", "--limit", "0"}, {"search", "x", "--limit"},
		// nothing to look for: not every article as a hit scored 0
		{"search", `"`}, {"search", "-"}, {"search", `""`}, {"search", "-russia"}, {"search", "--", "-russia", "-geneva"},
		// a pasted megabyte is refused at once, not searched word by word
		{"search", strings.Repeat("zzqx ", 200_000)}, {"search", strings.Repeat("w ", 33)},
	} {
		code, _, errs := runCLI(t, nil, args...)
		if code != 2 || !strings.HasPrefix(errs, "dispatch: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}
