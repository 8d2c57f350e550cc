package config

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseEverySetting(t *testing.T) {
	data, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join("/etc/dispatch", FileName)
	c, err := Parse(name, data, "/home/ada")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		File:          name,
		Dirs:          []string{"/home/ada/notes", "/etc/dispatch/clippings", "/srv/articles"},
		NoBuiltin:     true,
		Topics:        "/etc/dispatch/topics.yaml",
		State:         "/home/ada/state.json",
		Cache:         "/tmp/dispatch-cache",
		NoCache:       false,
		Subscriptions: "/home/ada/feeds.opml",
		Data:          "/home/ada/data",
		NoFeeds:       false,
		Measure:       72,
		NoColor:       false,
		Theme:         "light",
		Browser:       "w3m %s:firefox",
		Refresh:       30 * time.Minute,
		FetchAtStart:  true,
		OnNew:         []string{"notify-send", "dispatch", "--urgency=low"},
		Colors:        map[string]string{"accent": "#AA88FF", "unread": "#00AAFF", "new": "#22CC66"},
		TopicColors:   map[string]string{"security": "#FF0000"},
		Keys: []Binding{
			{Action: "down", Keys: []string{"n", "down"}, Line: 26, KeyLines: []int{26, 26}},
			{Action: "up", Keys: []string{"e"}, Line: 27, KeyLines: []int{27}},
			{Action: "fetch-feeds", Keys: []string{}, Line: 28},
		},
		Searches: []Search{
			{Name: "Geneva this week", Query: `"geneva" since:7d`, Line: 30},
			{Name: "Unread boats", Query: "tag:boats is:unread", Line: 31},
		},
	}
	c.lines = nil
	if !equalConfig(*c, want) {
		t.Errorf("read\n%+v\nwant\n%+v", *c, want)
	}
}

func equalConfig(a, b Config) bool {
	eqMap := func(x, y map[string]string) bool {
		if len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if y[k] != v {
				return false
			}
		}
		return true
	}
	eqBindings := slices.EqualFunc(a.Keys, b.Keys, func(x, y Binding) bool {
		return x.Action == y.Action && slices.Equal(x.Keys, y.Keys) && (x.Keys == nil) == (y.Keys == nil) && x.Line == y.Line && slices.Equal(x.KeyLines, y.KeyLines)
	})
	a2, b2 := a, b
	a2.Dirs, a2.OnNew, a2.Colors, a2.TopicColors, a2.Keys, a2.Searches = nil, nil, nil, nil, nil, nil
	b2.Dirs, b2.OnNew, b2.Colors, b2.TopicColors, b2.Keys, b2.Searches = nil, nil, nil, nil, nil, nil
	return a2.File == b2.File && a2.NoBuiltin == b2.NoBuiltin && a2.Topics == b2.Topics && a2.State == b2.State &&
		a2.Cache == b2.Cache && a2.NoCache == b2.NoCache && a2.Subscriptions == b2.Subscriptions && a2.Data == b2.Data &&
		a2.NoFeeds == b2.NoFeeds && a2.Measure == b2.Measure && a2.NoColor == b2.NoColor && a2.Theme == b2.Theme &&
		a2.Browser == b2.Browser && a2.Refresh == b2.Refresh && a2.FetchAtStart == b2.FetchAtStart &&
		slices.Equal(a.Dirs, b.Dirs) && slices.Equal(a.OnNew, b.OnNew) && eqMap(a.Colors, b.Colors) &&
		eqMap(a.TopicColors, b.TopicColors) && eqBindings && slices.Equal(a.Searches, b.Searches)
}

func TestWhereValuesAre(t *testing.T) {
	c, err := Parse("c.yaml", []byte("# comment\nmeasure: 72\nkeys:\n  down: [n]\ncolors:\n  topics:\n    security: '#ff0000'\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{"measure": 2, "keys": 3, "keys.down": 4, "colors.topics.security": 7, "theme": 0} {
		if got := c.Line(key); got != line || c.Set(key) != (line > 0) {
			t.Errorf("%s: line %d (set %v), want %d", key, got, c.Set(key), line)
		}
	}
	if got, want := c.Errorf("keys.down", "no key %q", "ctrl+ü"), `c.yaml:4: keys.down: no key "ctrl+ü"`; got.Error() != want {
		t.Errorf("Errorf: %q, want %q", got, want)
	}
}

// Every kind of mistake is one line naming the file, the line and the key,
// and no configuration comes with it.
func TestConfigMistakes(t *testing.T) {
	for _, tt := range []struct{ what, file, want string }{
		{"unknown key", "measure: 72\nmesure: 80\n", "c.yaml:2: mesure: unknown key (known: dirs, no-builtin,"},
		{"wrong type", "measure: wide\n", `c.yaml:1: measure: want a whole number, got "wide"`},
		{"wrong type, bool", "no-cache: 1\n", "c.yaml:1: no-cache: want true or false, got a number"},
		{"wrong type, list", "dirs: ~/notes\n", "c.yaml:1: dirs: want a list of folders"},
		{"wrong type, on-new", "on-new: notify-send dispatch\n", "c.yaml:1: on-new: want a list, the program then its arguments"},
		{"bad colour", "colors:\n  accent: '#12345'\n", `c.yaml:2: colors.accent: "#12345" is not a colour`},
		{"colour unquoted", "colors:\n  accent: 12\n", `c.yaml:2: colors.accent: want a colour "#RRGGBB"`},
		{"unknown colour", "colors:\n  background: '#000000'\n", "c.yaml:2: colors.background: unknown colour"},
		{"bad topic colour", "colors:\n  topics:\n    security: red\n", `c.yaml:3: colors.topics.security: "red" is not a colour`},
		{"key list of mappings", "keys:\n  down: [{a: b}]\n", "c.yaml:2: keys.down: want a list of keys"},
		{"twice", "measure: 72\nmeasure: 80\n", "c.yaml:2: measure: given twice (first on line 1)"},
		{"alias", "a: &x 1\n", "c.yaml:1: a: anchors and aliases"},
		{"interval", "refresh: 10s\n", "c.yaml:1: refresh: 10s is too often"},
		{"interval garbage", "refresh: soon\n", `c.yaml:1: refresh: want an interval such as 30m or 2h (0 for none), got "soon"`},
		{"theme", "theme: solarized\n", `c.yaml:1: theme: "solarized": want auto, dark, light`},
		{"search name", "searches:\n  \"a\\tb\": perch\n", "c.yaml:2: searches.a\tb: a name is one line"},
		{"empty query", "searches:\n  Perch: ''\n", "c.yaml:2: searches.Perch: empty"},
		{"not a mapping", "- measure\n", "c.yaml:1: want settings, one per line"},
		{"syntax", "measure: [72\n", "c.yaml:2: did not find expected"},
	} {
		c, err := Parse("c.yaml", []byte(tt.file), "/home/ada")
		if err == nil {
			t.Errorf("%s: no error", tt.what)
			continue
		}
		if c != nil {
			t.Errorf("%s: a configuration came with the error", tt.what)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, tt.want) || strings.ContainsAny(msg, "\n\r") {
			t.Errorf("%s: %q, want one line starting %q", tt.what, msg, tt.want)
		}
	}
}

func TestEmptyAndMissingFiles(t *testing.T) {
	for _, data := range []string{"", "# nothing yet\n", "---\n", "measure:\n"} {
		c, err := Parse("c.yaml", []byte(data), "")
		if err != nil || c.Measure != 0 || c.Set("measure") {
			t.Errorf("%q: %+v, %v; want an empty configuration", data, c, err)
		}
	}
	c, err := Read(filepath.Join(t.TempDir(), "none", FileName), "")
	if err != nil || c.File != "" {
		t.Errorf("a missing file: %+v, %v; want no file and no error", c, err)
	}
	dir := t.TempDir()
	if _, err := Read(dir, ""); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("a folder for a file: %v, want an error naming it", err)
	}
	file := filepath.Join(dir, "f")
	os.WriteFile(file, nil, 0o644)
	if _, err := Read(filepath.Join(file, FileName), ""); err == nil {
		t.Error("a path under a regular file: no error")
	}
}

func TestPathsNeedAHomeForTilde(t *testing.T) {
	_, err := Parse("c.yaml", []byte("state: ~/state.json\n"), "")
	if err == nil || !regexp.MustCompile(`^c\.yaml:1: state: .*no home`).MatchString(err.Error()) {
		t.Errorf("~ without a home: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"measure: 72\n", "keys:\n  down: [n, down]\n", "a: &a [*a]\n", "searches: {x: 'is:new'}\n", "colors: {topics: {a: '#abc'}}\n", "on-new: []\n", "feeds:\n  https://x/rss: {name: X, full-text: false, refresh: 2h, tags: [a, b]}\n", "feeds: {'http://y/': {tags: ~}}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("c.yaml", data, "/home/ada")
		switch {
		case err != nil && strings.ContainsAny(err.Error(), "\n\r"):
			t.Fatalf("error not on one line: %q", err)
		case err != nil && c != nil:
			t.Fatal("a configuration came with an error")
		case err == nil && c == nil:
			t.Fatal("no configuration and no error")
		}
	})
}

func TestFeedSettings(t *testing.T) {
	c, err := Parse("c.yaml", []byte(`feeds:
  https://example.org/rss:
    name: Lakeside
    full-text: false
    refresh: 2h
    tags: [local, ferries]
  http://other.example/feed:
    tags: boats
    refresh: 0
  HTTPS://third.example/atom:
    tags: ~
  https://fourth.example/feed:
`), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) != 4 {
		t.Fatalf("%+v", c.Feeds)
	}
	f := c.Feeds[0]
	if f.URL != "https://example.org/rss" || f.Name != "Lakeside" || f.FullText == nil || *f.FullText || f.Refresh != "2h" ||
		!slices.Equal(f.Tags, []string{"local", "ferries"}) || f.Line != 2 || !slices.Equal(f.TagLines, []int{6, 6}) {
		t.Errorf("first: %+v", f)
	}
	if g := c.Feeds[1]; g.Name != "" || g.FullText != nil || g.Refresh != "0" || !slices.Equal(g.Tags, []string{"boats"}) {
		t.Errorf("second: %+v", g)
	}
	if h := c.Feeds[2]; h.Tags == nil || len(h.Tags) != 0 {
		t.Errorf("tags: ~ is none: %+v", h)
	}
	if i := c.Feeds[3]; i.Tags != nil || i.Line != 12 {
		t.Errorf("an empty entry: %+v", i)
	}
	for key, line := range map[string]int{f.Key(""): 2, f.Key("name"): 3, f.Key("refresh"): 5, c.Feeds[1].Key("tags"): 8} {
		if c.Line(key) != line {
			t.Errorf("%s: line %d, want %d", key, c.Line(key), line)
		}
	}
	if got := c.Errorf(f.Key("name"), "taken").Error(); got != "c.yaml:3: feeds.https://example.org/rss.name: taken" {
		t.Errorf("Errorf: %q", got)
	}
}

func TestFeedSettingsMistakes(t *testing.T) {
	for _, tt := range []struct{ what, file, want string }{
		{"a list", "feeds: [a]\n", "c.yaml:1: feeds: want a mapping of feed addresses"},
		{"a name for a key", "feeds:\n  Lakeside: {name: L}\n", "c.yaml:2: feeds.Lakeside: want the feed's address (https://…)"},
		{"settings not a mapping", "feeds:\n  https://x/: Lakeside\n", `c.yaml:2: feeds.https://x/: want the feed's settings (name, full-text, refresh, tags), got "Lakeside"`},
		{"unknown setting", "feeds:\n  https://x/:\n    fulltext: true\n", "c.yaml:3: feeds.https://x/.fulltext: unknown setting (known: name, full-text, refresh, tags)"},
		{"full text not a bool", "feeds:\n  https://x/:\n    full-text: sometimes\n", `c.yaml:3: feeds.https://x/.full-text: want true or false, got "sometimes"`},
		{"empty name", "feeds:\n  https://x/:\n    name: ''\n", "c.yaml:3: feeds.https://x/.name: empty"},
		{"refresh a number", "feeds:\n  https://x/:\n    refresh: 30\n", "c.yaml:3: feeds.https://x/.refresh: want an interval such as 30m, 2h or 7d (0 for none), got a number"},
		{"tags of mappings", "feeds:\n  https://x/:\n    tags: [{a: b}]\n", "c.yaml:3: feeds.https://x/.tags: want a list of tags"},
		{"twice", "feeds:\n  https://x/: {}\n  https://x/: {}\n", "c.yaml:3: feeds.https://x/: given twice (first on line 2)"},
	} {
		c, err := Parse("c.yaml", []byte(tt.file), "")
		if err == nil || !strings.Contains(err.Error(), tt.want) || c != nil {
			t.Errorf("%s: %v, want %q", tt.what, err, tt.want)
		}
	}
}
