package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dispatch/internal/config"
	"dispatch/ui"
)

// configEnv is an environment whose configuration file holds text (none
// when text is ""), and its path.
func configEnv(t *testing.T, text string) (map[string]string, string) {
	t.Helper()
	root := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": filepath.Join(root, "config"), "HOME": filepath.Join(root, "home")}
	path := filepath.Join(root, "config", "dispatch", config.FileName)
	if text != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return env, path
}

// TestConfigMistakesStopEveryCommand: each kind of mistake is one line
// naming the file, the line and the key, and no command runs on the file
// (the reader, which dispatch with no command starts, included).
func TestConfigMistakesStopEveryCommand(t *testing.T) {
	for _, tt := range []struct{ what, file, want string }{
		{"unknown key", "measure: 72\ncolour-theme: dark\n", `:2: colour-theme: unknown key (known: dirs,`},
		{"wrong type", "no-cache: sometimes\n", `:1: no-cache: want true or false, got "sometimes"`},
		{"bad colour", "colors:\n  accent: '#12'\n", `:2: colors.accent: "#12" is not a colour`},
		{"bad key name", "keys:\n  down:\n    - n\n    - downn\n", `:4: keys.down: no key "downn"`},
		{"unknown action", "keys:\n  downward: [n]\n", `:2: keys.downward: no action "downward"`},
		{"conflicting keys", "keys:\n  down: [n, down]\n", `:2: keys.down: n is both down and next-match on the list and the reader; give one of them other keys`},
		{"bad measure", "measure: 5\n", `:1: measure: must be -1 or between 20 and 1000, got 5`},
		{"bad search", "searches:\n  Soon: since:tomorrow\n", `:2: searches.Soon: since:tomorrow: not a date`},
		{"bad topic colour", "colors:\n  topics:\n    weather: '#123456'\n", `:3: colors.topics.weather: no topic "weather"`},
		{"theme file", "theme: missing.json\n", `:1: theme: `},
	} {
		env, path := configEnv(t, tt.file)
		for _, args := range [][]string{{"list"}, {}, {"search", "geneva"}, {"config"}} {
			code, out, errs := runCLI(t, env, args...)
			want := "dispatch: " + path + tt.want
			if code != 1 || out != "" || !strings.HasPrefix(errs, want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s, dispatch %v: exit %d, stdout %q, stderr %q; want one line starting %q", tt.what, args, code, out, errs, want)
			}
		}
	}
}

// Help, the version and the default configuration need no good file.
func TestConfigMistakesLeaveHelpAlone(t *testing.T) {
	env, _ := configEnv(t, "measure: wide\n")
	for _, args := range [][]string{{"help"}, {"list", "--help"}, {"version"}, {"config", "--default"}} {
		if code, out, errs := runCLI(t, env, args...); code != 0 || out == "" || errs != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestConfigFileFlagsAndDefaults(t *testing.T) {
	env, path := configEnv(t, "# mine\nmeasure: 72\nno-builtin: false\ntheme: dark\nkeys:\n  down: [n, down]\n  next-match: [k]\n  up: [e, up]\n"+
		"searches:\n  Talks: talks since:2025-11-01\n")
	out := mustRun(t, env, "config")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^measure: 72 +# config.yaml:2$`),
		regexp.MustCompile(`(?m)^no-cache: false +# default$`),
		regexp.MustCompile(`(?m)^theme: dark +# config.yaml:4$`),
		regexp.MustCompile(`(?m)^  down: \[n, down\] +# config.yaml:6$`),
		regexp.MustCompile(`(?m)^  page-down: \[space, pgdown, ctrl\+f, ctrl\+d\] +# default$`),
		regexp.MustCompile(`(?m)^  Talks: talks since:2025-11-01 +# config.yaml:10$`),
		regexp.MustCompile(`(?m)^# File: ` + regexp.QuoteMeta(path) + `$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("dispatch config lacks %s:\n%s", want, out)
		}
	}
	// a flag wins over the file, the environment over the theme
	env["DISPATCH_THEME"] = "light"
	out = mustRun(t, env, "--measure", "100", "config")
	if !regexp.MustCompile(`(?m)^measure: 100 +# --measure$`).MatchString(out) || !regexp.MustCompile(`(?m)^theme: light +# DISPATCH_THEME$`).MatchString(out) {
		t.Errorf("flags and the environment do not win:\n%s", out)
	}
	// what config prints is a configuration the file could hold
	if _, err := config.Parse("printed.yaml", []byte(out), "/home"); err != nil {
		t.Errorf("dispatch config does not print a configuration: %v\n%s", err, out)
	}
	if code, _, errs := runCLI(t, env, "--measure", "100", "config", "extra"); code != 2 || !strings.Contains(errs, "takes no arguments") {
		t.Errorf("config extra: exit %d %q", code, errs)
	}
}

func TestMissingConfigFiles(t *testing.T) {
	env, path := configEnv(t, "")
	if out := mustRun(t, env, "config"); !strings.Contains(out, path+" (not there") {
		t.Errorf("no file:\n%s", out)
	}
	code, _, errs := runCLI(t, env, "--config", filepath.Join(t.TempDir(), "none.yaml"), "list")
	if code != 1 || !strings.Contains(errs, "none.yaml: no such file") {
		t.Errorf("--config naming no file: exit %d %q", code, errs)
	}
}

// The default file reads as the defaults: commented, it sets nothing;
// every line uncommented, it sets every setting at its default.
func TestDefaultConfigFile(t *testing.T) {
	env, _ := configEnv(t, "")
	text := mustRun(t, env, "config", "--default")
	c, err := config.Parse("default.yaml", []byte(text), "/home")
	if err != nil || len(c.Keys) > 0 || c.Measure != 0 {
		t.Fatalf("commented: %+v, %v", c, err)
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "#") && len(l) > 1 && l[1] != ' ' && l[1] != '#' || strings.HasPrefix(l, "#  ") {
			l = l[1:]
		}
		lines = append(lines, l)
	}
	uncommented := strings.Join(lines, "\n")
	c, err = config.Parse("default.yaml", []byte(uncommented), "/home")
	if err != nil {
		t.Fatalf("uncommented: %v\n%s", err, uncommented)
	}
	s, err := checkConfig(c)
	if err != nil {
		t.Fatalf("uncommented: %v", err)
	}
	if c.Measure != ui.DefaultMeasure || c.Theme != "auto" || len(c.Keys) != len(ui.KeyActions()) || len(c.Searches) != 2 {
		t.Errorf("uncommented: %+v", c)
	}
	for _, action := range ui.KeyActions() {
		got, _ := s.keys.ActionKeys(action)
		want, _ := ui.DefaultKeyMap().ActionKeys(action)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v, want the default %v", action, got, want)
		}
	}
}

func TestConfigSettingsApply(t *testing.T) {
	notes := t.TempDir()
	os.WriteFile(filepath.Join(notes, "harbour.md"), []byte("---\ntitle: Harbour Notes\npublished: 2025-11-20\n---\nThe harbour froze.\n"), 0o644)
	state := filepath.Join(t.TempDir(), "state.json")
	env, path := configEnv(t, "no-builtin: true\ndirs: ["+notes+", gone]\nstate: "+state+"\n")
	code, out, errs := runCLI(t, env, "list", "--json")
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil || code != 0 || len(arts) != 1 || arts[0].Title != "Harbour Notes" {
		t.Fatalf("exit %d, %v, %s", code, err, errs)
	}
	if want := "dispatch: skipped " + filepath.Join(filepath.Dir(path), "gone") + " from " + path + ":2: not a directory\n"; errs != want {
		t.Errorf("a folder of the file that is not there: %q, want %q", errs, want)
	}
	// --dir replaces the file's folders; --no-builtin=false cannot be said, so
	// the file's true stays
	if _, out, _ := runCLI(t, env, "--dir", t.TempDir(), "list"); out != "" {
		t.Errorf("--dir did not replace the file's folders:\n%s", out)
	}
}

// The README's example configuration is one dispatch reads, and its
// example mistake is the one dispatch gives.
func TestReadmeConfigurationExample(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "\n## Configuration\n")
	_, example, _ := strings.Cut(section, "```yaml\n")
	example, _, _ = strings.Cut(example, "```\n")
	c, err := config.Parse("config.yaml", []byte(example), "/home/ada")
	if err != nil {
		t.Fatalf("README's example: %v", err)
	}
	if _, err := checkConfig(c); err != nil {
		t.Errorf("README's example: %v", err)
	}
	if len(c.Keys) == 0 || len(c.Searches) == 0 || len(c.OnNew) == 0 || len(c.Colors) == 0 {
		t.Errorf("README's example sets less than it shows: %+v", c)
	}
	// without next-match on k, down's n is next-match's too
	var lines []string
	for _, l := range strings.Split(example, "\n") {
		if !strings.HasPrefix(l, "  next-match:") {
			lines = append(lines, l)
		}
	}
	c, _ = config.Parse("config.yaml", []byte(strings.Join(lines, "\n")), "/home/ada")
	_, err = checkConfig(c)
	if err == nil {
		t.Fatal("down on n with next-match on n: no error")
	}
	if !strings.Contains(section, "/"+err.Error()+"\n") {
		t.Errorf("README's example mistake is not dispatch's: %q", err)
	}
}
