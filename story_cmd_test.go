package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The five reports of the Geneva talks are one story of five sources, in
// which two disagree on the administration.
func TestStoriesAndStory(t *testing.T) {
	code, out, errs := runCLI(t, nil, "stories")
	if lines := strings.Split(strings.TrimRight(out, "\n"), "\n"); code != 0 || errs != "" || len(lines) != 1 ||
		!strings.Contains(lines[0], " 5 sources ") || !strings.Contains(lines[0], " 5 unread ") || !strings.HasPrefix(lines[0], "   1  2025-11-23") {
		t.Fatalf("stories: exit %d %q\n%s", code, errs, out)
	}
	var stories []storiesJSON
	json.Unmarshal([]byte(mustRun(t, nil, "stories", "--json")), &stories)
	if len(stories) != 1 || len(stories[0].IDs) != 5 || stories[0].IDs[0] != stories[0].ID || len(stories[0].Sources) != 5 {
		t.Errorf("stories --json: %+v", stories)
	}

	out = mustRun(t, nil, "story", "3") // any article of it names the story
	for _, want := range []string{
		"story 1: ", "5 sources, 5 articles", "disagreements:", "administration (name):",
		`#3 says "Biden administration’s"`, "highlighting the Biden administration’s",
		`says "Trump administration’s"`, "reflecting the Trump administration’s doctrine",
		"only in one source:", "left out (most others state it):", "who says what", "#1¶0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("story 3 lacks %q:\n%s", want, out)
		}
	}
	var s storyJSON
	if err := json.Unmarshal([]byte(mustRun(t, nil, "story", "1", "--json")), &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != 1 || len(s.Sources) != 5 || len(s.Articles) != 5 || len(s.Disagreements) != 1 || len(s.Facets) == 0 {
		t.Fatalf("story --json: %d sources, %d articles, %d disagreements", len(s.Sources), len(s.Articles), len(s.Disagreements))
	}
	for _, side := range s.Disagreements[0].Sides {
		c := side.Claims[0]
		if got := c.PassageText[c.Span.Start:c.Span.End]; !strings.Contains(got, strings.TrimSuffix(side.Value, "’s")) {
			t.Errorf("claim %q points at %q", side.Value, got)
		}
	}

	dir := t.TempDir()
	write("lone.md", "---\ntitle: Ice Fishing Opens\n---\nThe lake froze and the ice fishing season opened on Saturday.\n")(t, dir)
	if code, _, errs := runCLI(t, nil, "story", "--dir", dir, "ice-fishing-opens"); code != 1 || !strings.Contains(errs, "article 6 is no story") {
		t.Errorf("story of a lone article: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, nil, "stories", "--no-builtin", "--dir", dir); code != 0 || errs != "" {
		t.Errorf("no stories: exit %d, %q", code, errs)
	}
}
