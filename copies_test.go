package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCopiesAreFolded is issue 24's acceptance: two feeds on 127.0.0.1
// carrying the same three items, one under another headline, list three
// rows, each naming its copy, and a search finds each once.
func TestCopiesAreFolded(t *testing.T) {
	env := feedEnv(t)
	stories := [][3]string{
		{"ferry", "Ferry Timetable Changes for the Winter", "The ferry will sail twice a day from Monday, the council said, after a month of complaints about the crossing to the island."},
		{"quay", "Quay Repairs Begin After Storm Damage", "Divers began checking the pillars of the old quay on Tuesday, the harbour master said, and repairs will take until March."},
		{"choir", "Harbour Choir Announces a Spring Tour", "The harbour choir will tour the lake towns in spring, singing in seven churches, its conductor told the town council."},
	}
	one, two := newFeedServer(t), newFeedServer(t)
	for i, s := range stories {
		one.add(s[0], s[1], s[2])
		title := s[1]
		if i == 1 {
			title = "Storm-Damaged Quay to Be Repaired by March" // the same item, another headline
		}
		two.add(s[0], title, s[2])
	}
	mustRun(t, env, "feeds", "add", one.URL+"/rss.xml", "--name", "Lakeside Gazette")
	mustRun(t, env, "feeds", "add", two.URL+"/rss.xml", "--name", "Harbour Post")
	out := mustRun(t, env, "--no-builtin", "list", "--json")
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Fatalf("%d rows, want 3, one an item with its copy:\n%s", len(arts), out)
	}
	for _, a := range arts {
		if len(a.Copies) != 1 || a.Copies[0].Source == a.Source || a.Copies[0].ID == a.ID {
			t.Errorf("%d %q from %s: copies %+v, want the other feed's", a.ID, a.Title, a.Source, a.Copies)
		}
	}
	plain := mustRun(t, env, "--no-builtin", "list")
	if lines := strings.Split(strings.TrimSpace(plain), "\n"); len(lines) != 3 || strings.Count(plain, "(also: ") != 3 {
		t.Errorf("plain list:\n%s", plain)
	}
	if all := mustRun(t, env, "--no-builtin", "list", "--copies"); strings.Count(all, "\n") != 6 {
		t.Errorf("list --copies:\n%s", all)
	}
	for _, q := range []string{"ferry", "quay", "choir", "harbour"} {
		var hits []searchHitJSON
		json.Unmarshal([]byte(mustRun(t, env, "--no-builtin", "search", "--json", q)), &hits)
		seen := map[int]bool{}
		for _, h := range hits {
			for _, c := range h.Copies {
				if seen[c.ID] || seen[h.ID] {
					t.Errorf("search %s: %d found twice", q, c.ID)
				}
				seen[c.ID] = true
			}
			seen[h.ID] = true
		}
		if len(hits) == 0 || len(hits) > 3 {
			t.Errorf("search %s: %d hits", q, len(hits))
		}
	}
	// the story of a copied item holds both; who says what counts the
	// copy once, as its first
	var story storyJSON
	if err := json.Unmarshal([]byte(mustRun(t, env, "--no-builtin", "story", "--json", "1")), &story); err != nil {
		t.Fatal(err)
	}
	if len(story.Articles) != 2 || len(story.Sources) != 1 || len(story.Sources[0].Copies) != 1 {
		t.Errorf("story of article 1: %+v", story)
	}
}
