package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddSearchKeepsCommentsAndSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	before := "# my settings\nmeasure: 72 # narrow\n\nkeys:\n    # Colemak\n    down: [n, down]\nsearches:\n    Perch: perch\n"
	if err := os.WriteFile(path, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := AddSearch(path, "Geneva this week", `"geneva" since:7d`, ""); err != nil {
		t.Fatal(err)
	}
	if err := AddSearch(path, "Perch", "perch is:unread", ""); err != nil { // replaces
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	text := string(data)
	if want := strings.Replace(before, "    Perch: perch\n", "    Perch: perch is:unread\n    Geneva this week: '\"geneva\" since:7d'\n", 1); text != want {
		t.Errorf("the file is\n%s\nwant every other line as it was:\n%s", text, want)
	}
	c, err := Parse(path, data, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Measure != 72 || len(c.Keys) != 1 || len(c.Searches) != 2 ||
		c.Searches[0] != (Search{"Perch", "perch is:unread", c.Searches[0].Line}) ||
		c.Searches[1] != (Search{"Geneva this week", `"geneva" since:7d`, c.Searches[1].Line}) {
		t.Errorf("read back: %+v\n%s", c, text)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600 kept", info.Mode().Perm())
	}
}

func TestAddSearchCreatesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dispatch", FileName)
	if err := AddSearch(path, "yes", "no", ""); err != nil { // words YAML 1.1 would read as booleans
		t.Fatal(err)
	}
	c, err := Read(path, "")
	if err != nil || len(c.Searches) != 1 || c.Searches[0].Name != "yes" || c.Searches[0].Query != "no" {
		t.Errorf("%+v, %v", c, err)
	}
}

func TestAddSearchRefusesAndLeavesTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	broken := "measure: wide\n"
	os.WriteFile(path, []byte(broken), 0o644)
	err := AddSearch(path, "Perch", "perch", "")
	if err == nil || !strings.Contains(err.Error(), "config.yaml:1: measure") {
		t.Errorf("a file with a mistake: %v, want the mistake", err)
	}
	if data, _ := os.ReadFile(path); string(data) != broken {
		t.Errorf("the file changed: %q", data)
	}
	for _, bad := range [][2]string{{"", "perch"}, {"a\nb", "perch"}, {"Perch", ""}, {"Perch", "a\nb"}} {
		if err := AddSearch(filepath.Join(dir, "other.yaml"), bad[0], bad[1], ""); err == nil {
			t.Errorf("name %q query %q: no error", bad[0], bad[1])
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err == nil {
		t.Error("a refused search wrote a file")
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	if err := AddSearch(filepath.Join(file, FileName), "Perch", "perch", ""); err == nil {
		t.Error("a folder that is a file: no error")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left: %s", e.Name())
		}
	}
}

// Files whose searches are not one line each are written out again from
// their tree: the comments stay.
func TestAddSearchToOtherShapes(t *testing.T) {
	for _, before := range []string{
		"", "# only a comment\n", "measure: 72", "searches:\n", "searches: {Perch: perch}\n# end\n",
		"searches:\n  Long: >\n    perch\n    nets\n", "{measure: 72}\n", "searches: ~\n",
	} {
		path := filepath.Join(t.TempDir(), FileName)
		os.WriteFile(path, []byte(before), 0o644)
		if err := AddSearch(path, "Boats", "tag:boats", ""); err != nil {
			t.Errorf("%q: %v", before, err)
			continue
		}
		data, _ := os.ReadFile(path)
		c, err := Parse(path, data, "")
		if err != nil || !hasSearch(c, "Boats", "tag:boats") {
			t.Errorf("%q became %q: %v", before, data, err)
		}
		for _, comment := range []string{"# only a comment", "# end"} {
			if strings.Contains(before, comment) && !strings.Contains(string(data), comment) {
				t.Errorf("%q became %q: the comment is lost", before, data)
			}
		}
	}
}
