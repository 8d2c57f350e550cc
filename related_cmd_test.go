package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRelatedCommand(t *testing.T) {
	code, out, _ := runCLI(t, nil, "related", "1", "--json")
	var r relatedJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("exit %d %v\n%s", code, err, out)
	}
	if r.ID != 1 || len(r.Related) == 0 || len(r.Passages) == 0 {
		t.Fatalf("related 1: %+v", r)
	}
	for i, a := range r.Related {
		if a.ID == 1 || a.Score <= 0 || len(a.SharedTerms) == 0 || len(a.SharedTopics) == 0 {
			t.Errorf("related[%d] = %+v", i, a)
		}
		if i > 0 && a.Score > r.Related[i-1].Score {
			t.Errorf("related not ranked")
		}
	}
	for _, p := range r.Passages {
		if p.OtherID == 1 || p.Text == "" || p.OtherText == "" {
			t.Errorf("passage pair %+v", p)
		}
	}
	code, out, _ = runCLI(t, nil, "related", "us-and-ukraine-make-meaningful-progress")
	if code != 0 || !strings.HasPrefix(out, "related to 1  US and Ukraine Make") || !strings.Contains(out, "closest passages:") {
		t.Errorf("plain output:\n%s", out)
	}
	for _, args := range [][]string{{"related"}, {"related", "1", "2"}} {
		if code, _, _ := runCLI(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := runCLI(t, nil, "related", "99"); code != 1 || !strings.HasPrefix(errs, "dispatch: article 99") {
		t.Errorf("related 99: exit %d %q", code, errs)
	}
}
