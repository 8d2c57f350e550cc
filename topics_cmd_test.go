package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestTopicsCommand(t *testing.T) {
	code, out, _ := runCLI(t, nil, "topics")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "security  ceasefire  reconstruction  mediators") || len(lines) < 7 {
		t.Errorf("matrix:\n%s", out)
	}
	code, out, _ = runCLI(t, nil, "topics", "--json")
	var cov coverageJSON
	if err := json.Unmarshal([]byte(out), &cov); err != nil || code != 0 {
		t.Fatalf("topics --json: %v\n%s", err, out)
	}
	if len(cov.Topics) != 4 || len(cov.Articles) != 5 {
		t.Fatalf("%d topics, %d articles", len(cov.Topics), len(cov.Articles))
	}
	for _, a := range cov.Articles {
		if len(a.Weights) != 4 || len(a.Topics) == 0 {
			t.Errorf("article %d: %+v", a.ID, a)
		}
		for _, k := range a.Topics {
			if a.Weights[k] <= 0 {
				t.Errorf("article %d carries %s with weight %v", a.ID, k, a.Weights[k])
			}
		}
	}
	if cov.Topics[0].Key != "security" || cov.Topics[0].Articles != 5 {
		t.Errorf("security: %+v", cov.Topics[0])
	}
}

func TestListTopic(t *testing.T) {
	for _, ref := range []string{"mediators", "Mediators", "4"} {
		code, out, errs := runCLI(t, nil, "list", "--topic", ref, "--json")
		var arts []articleJSON
		if err := json.Unmarshal([]byte(out), &arts); err != nil || code != 0 {
			t.Fatalf("--topic %s: exit %d %v %s", ref, code, err, errs)
		}
		if len(arts) == 0 || len(arts) == 5 || arts[0].ID != 1 {
			t.Errorf("--topic %s: %d articles, first %d; want article 1 first of a few", ref, len(arts), arts[0].ID)
		}
		prev := 2.0
		for _, a := range arts {
			w := -1.0
			for _, tj := range a.Topics {
				if tj.Key == "mediators" {
					w = tj.Weight
				}
			}
			if w < 0 || w > prev {
				t.Errorf("--topic %s: article %d weight %v out of order", ref, a.ID, w)
			}
			prev = w
		}
	}
	code, _, errs := runCLI(t, nil, "list", "--topic", "weather")
	if code != 2 || errs != "dispatch: unknown topic \"weather\" (topics: security, ceasefire, reconstruction, mediators) (see dispatch help list)\n" {
		t.Errorf("unknown topic: exit %d %q", code, errs)
	}
}

func TestSearchTopic(t *testing.T) {
	_, viaFlag, _ := runCLI(t, nil, "search", "--json", "guarantee", "--topic", "ceasefire")
	_, viaQuery, _ := runCLI(t, nil, "search", "--json", "guarantee topic:ceasefire")
	var hits []searchHitJSON
	if err := json.Unmarshal([]byte(viaFlag), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 || viaFlag != viaQuery {
		t.Errorf("guarantee on ceasefire: %d hits; flag and query differ: %v", len(hits), viaFlag != viaQuery)
	}
	code, _, errs := runCLI(t, nil, "search", "topic:weather x")
	if code != 2 || !strings.Contains(errs, `unknown topic "weather"`) {
		t.Errorf("unknown topic in query: exit %d %q", code, errs)
	}
}

func TestTopicsFileFlag(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/mine.yaml"
	writeFile(t, good, "topics:\n  - key: energy\n    name: Energy\n    terms:\n      energy: 2\n      \"supply lines\": 3\n")
	code, out, errs := runCLI(t, nil, "--topics", good, "topics", "--json")
	var cov coverageJSON
	if err := json.Unmarshal([]byte(out), &cov); err != nil || code != 0 {
		t.Fatalf("exit %d %v %s", code, err, errs)
	}
	if len(cov.Topics) != 5 || cov.Topics[4].Key != "energy" {
		t.Errorf("topics: %+v", cov.Topics)
	}
	replace := dir + "/replace.yaml"
	writeFile(t, replace, "replace: true\ntopics:\n  - key: energy\n    name: Energy\n    terms: {energy: 2}\n")
	_, out, _ = runCLI(t, nil, "topics", "--json", "--topics", replace)
	cov = coverageJSON{}
	if err := json.Unmarshal([]byte(out), &cov); err != nil || len(cov.Topics) != 1 {
		t.Errorf("replace: %v %+v", err, cov.Topics)
	}
	bad := dir + "/bad.yaml"
	writeFile(t, bad, "topics:\n  - key: x\n    name: X\n    terms:\n      gas: -1\n")
	for _, tt := range []struct{ path, want string }{
		{bad, "dispatch: " + bad + ":5: weight of \"gas\" must be above 0 and at most 100, got -1\n"},
		{dir + "/missing.yaml", "dispatch: --topics " + dir + "/missing.yaml: open: no such file or directory\n"},
		{dir, "dispatch: --topics " + dir + ": not a regular file (a directory)\n"},
	} {
		code, _, errs := runCLI(t, nil, "list", "--topics", tt.path)
		if code != 1 || errs != tt.want {
			t.Errorf("--topics %s: exit %d %q, want %q", tt.path, code, errs, tt.want)
		}
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
