package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// userDirs makes two folders of the user's own articles.
func userDirs(t *testing.T) (a, b string) {
	t.Helper()
	root := t.TempDir()
	a, b = filepath.Join(root, "a"), filepath.Join(root, "b")
	os.MkdirAll(filepath.Join(a, "deep"), 0o755)
	os.MkdirAll(b, 0o755)
	write("grain.md", "---\ntitle: Grain Through the Black Sea\nbyline: Me\n---\nShips carrying grain crossed the Black Sea corridor under a ceasefire.\n")(t, a)
	write("deep/notes.txt", "Mediator Notes\n\nTürkiye and India offered to mediate.\n- first point\n- second point\n")(t, a)
	write("plain.md", "# A Heading Title\n\nReconstruction of the energy grid starts.\n")(t, b)
	write("ignored.png", "not an article")(t, b)
	write(".hidden.md", "# Hidden\n\nnot loaded\n")(t, b)
	return a, b
}

func TestUserDirectories(t *testing.T) {
	a, b := userDirs(t)
	code, out, errs := runCLI(t, map[string]string{"DISPATCH_DIR": a}, "list", "--json", "--dir", b)
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil || code != 0 || errs != "" {
		t.Fatalf("exit %d %v %q", code, err, errs)
	}
	numbered := func(arts []articleJSON) string {
		byID := map[int]string{}
		for _, x := range arts {
			byID[x.ID] = x.Title
		}
		var titles []string
		for id := 6; id <= 8; id++ {
			titles = append(titles, byID[id])
		}
		return strings.Join(titles, " | ")
	}
	// numbered after the built-in articles, DISPATCH_DIR's before --dir's,
	// each in path order ("deep/…" < "grain.md"); listed newest first, the
	// undated by when they were first seen: now, before the built-in ones
	if got := numbered(arts); got != "Mediator Notes | Grain Through the Black Sea | A Heading Title" {
		t.Errorf("user articles, by number: %s", got)
	}
	if arts[0].ID != 6 || arts[3].ID != 1 {
		t.Errorf("newest first: ids %d … %d, want the undated (6) first, then the built-in (1)", arts[0].ID, arts[3].ID)
	}
	// IDs are stable from run to run
	_, again, _ := runCLI(t, map[string]string{"DISPATCH_DIR": a}, "list", "--json", "--dir", b)
	var second []articleJSON
	json.Unmarshal([]byte(again), &second)
	if numbered(second) != numbered(arts) {
		t.Error("a second run numbered the articles differently")
	}
	// --no-builtin leaves only the user's
	_, out, _ = runCLI(t, nil, "list", "--no-builtin", "--dir", a, "--dir", b)
	if lines := strings.Split(strings.TrimRight(out, "\n"), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], " 1 ●   mediator-notes") {
		t.Errorf("--no-builtin:\n%s", out)
	}
}

func TestUserArticlesAreSearchedScoredAndRelated(t *testing.T) {
	a, b := userDirs(t)
	env := map[string]string{"DISPATCH_DIR": a + string(os.PathListSeparator) + b}
	_, out, _ := runCLI(t, env, "search", "--json", "grain")
	var hits []searchHitJSON
	json.Unmarshal([]byte(out), &hits)
	if len(hits) != 1 || hits[0].Title != "Grain Through the Black Sea" {
		t.Errorf("search grain: %s", out)
	}
	_, out, _ = runCLI(t, env, "list", "--topic", "mediators", "--json")
	if !strings.Contains(out, "Mediator Notes") {
		t.Errorf("the user's note on Türkiye and India should be on mediators:\n%s", out)
	}
	_, out, _ = runCLI(t, env, "related", "grain-through", "--json")
	var rel relatedJSON
	json.Unmarshal([]byte(out), &rel)
	if len(rel.Related) == 0 || rel.Related[0].ID != 5 {
		t.Errorf("the grain note should relate to article 5 (the Black Sea): %+v", rel.Related)
	}
	_, out, _ = runCLI(t, env, "read", "mediator-notes")
	if !strings.Contains(out, "Türkiye and India offered to mediate.") || !strings.Contains(out, "• first point") {
		t.Errorf("read the text note:\n%s", out)
	}
}

func TestDirErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file.md")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		env  map[string]string
		args []string
		code int
		err  string
	}{
		{nil, []string{"list", "--dir", "/no/such/dir"}, 1, "dispatch: --dir /no/such/dir: no such file or directory\n"},
		{nil, []string{"list", "--dir", file}, 1, "dispatch: --dir " + file + ": not a directory\n"},
		{map[string]string{"DISPATCH_DIR": "/no/such/dir"}, []string{"list"}, 0, "dispatch: skipped /no/such/dir from DISPATCH_DIR: not a directory\n"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.env, tt.args...)
		if code != tt.code || errs != tt.err {
			t.Errorf("%v %v: exit %d %q, want %d %q", tt.env, tt.args, code, errs, tt.code, tt.err)
		}
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join("internal", "testlib", "seeds", "004_918861ff8ea677cc.txt")
	code, out, errs := runCLI(t, nil, "import", seed)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d %q", code, errs)
	}
	for _, want := range []string{"---\ntitle: 'A Diplomatic Breakthrough:", "byline: Andrew Carlson\n", "origin: 004_918861ff8ea677cc.txt\n", "In a significant stride"} {
		if !strings.Contains(out, want) {
			t.Errorf("import lacks %q", want)
		}
	}
	for _, debris := range []string{"Trinity Audio", "\n|\n"} {
		if strings.Contains(out, debris) {
			t.Errorf("import kept debris %q", debris)
		}
	}
	// what import prints loads back as the same article
	os.WriteFile(filepath.Join(dir, "saved.md"), []byte(out), 0o644)
	_, list, _ := runCLI(t, nil, "list", "--no-builtin", "--dir", dir)
	if !strings.Contains(list, "A Diplomatic Breakthrough") {
		t.Errorf("the imported markdown does not load:\n%s", list)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("|\nNo comments\n"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"import"}, 2, "dispatch: import takes one or more text files (see dispatch help import)\n"},
		{[]string{"import", empty}, 1, "dispatch: import " + empty + ": no text\n"},
		{[]string{"import", dir}, 1, "dispatch: import " + dir + ": not a regular file (a directory)\n"},
		{[]string{"import", dir + "/gone.txt"}, 1, "dispatch: import " + dir + "/gone.txt: open: no such file or directory\n"},
	} {
		code, _, errs := runCLI(t, nil, tt.args...)
		if code != tt.code || errs != tt.err {
			t.Errorf("%v: exit %d %q, want %d %q", tt.args, code, errs, tt.code, tt.err)
		}
	}
}
