package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/glamour/ansi"

	"dispatch/internal/config"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/feed"
	"dispatch/ui"
)

// settings is the configuration file as a run applies it: what it sets
// that no flag does, read and checked. Flags given win over the file
// (applyConfig), the file over the defaults; DISPATCH_THEME, BROWSER and
// NO_COLOR over the file.
type settings struct {
	file     *config.Config // as read; File "" when there is none
	keys     ui.KeyMap      // the default keys, remapped by keys:
	searches []store.SavedSearch
	colours  ui.Colours
	glamour  *ansi.StyleConfig // a theme's glamour style (a name or a file); nil: by the background

	refresh      time.Duration // for the reader: fetch this often, 0 never
	fetchAtStart bool          // for the reader: fetch when it starts
	onNew        []string      // the command run after a fetch that brought items

	feeds        []feed.FeedSettings // feeds' own settings (feeds:), checked
	feedsChecked bool                // against the subscriptions (checkFeedSettings)
}

// cfg is the configuration as applied, or none (the defaults) when the
// file was not read (a test's flags).
func (g *globalFlags) cfg() *settings {
	if g.conf == nil {
		return &settings{file: &config.Config{}, keys: ui.DefaultKeyMap()}
	}
	return g.conf
}

// configPath is the configuration file: --config, else config.yaml in
// dispatch's folder under XDG_CONFIG_HOME (or ~/.config); "" when there is
// no home for it.
func configPath(e env, g *globalFlags) string {
	if g.config != "" {
		return g.config
	}
	if dir := xdgDir(e, "XDG_CONFIG_HOME", ".config"); dir != "" {
		return filepath.Join(dir, config.FileName)
	}
	return ""
}

// loadConfig reads the configuration file and applies it to g where no
// flag was given. A mistake anywhere in it is the error and nothing of it
// is used: no command runs, and no reader starts, on half a configuration.
// A missing file is none, unless --config named it.
func loadConfig(e env, g *globalFlags) error {
	if g.conf != nil {
		return nil // read before the command name's flags were
	}
	path := configPath(e, g)
	c := &config.Config{}
	if path != "" {
		var err error
		if c, err = config.Read(path, e.getenv("HOME")); err != nil {
			return err
		}
		if g.config != "" && c.File == "" {
			return fmt.Errorf("--config %s: no such file", termout.Name(g.config))
		}
	}
	s, err := checkConfig(c)
	if err != nil {
		return err
	}
	applyConfig(g, c)
	g.conf = s
	return nil
}

// checkConfig checks what only main can: the measure, the keys (actions,
// key names, conflicts), the searches' queries, a theme's style file, the
// values of feeds' settings.
func checkConfig(c *config.Config) (*settings, error) {
	s := &settings{file: c, keys: ui.DefaultKeyMap(), refresh: c.Refresh, fetchAtStart: c.FetchAtStart, onNew: c.OnNew}
	if err := checkMeasure(c.Measure); err != nil && c.Set("measure") {
		return nil, c.Errorf("measure", "%v", err)
	}
	for _, b := range c.Keys {
		for i, k := range b.Keys {
			if _, err := ui.ParseKey(k); err != nil {
				return nil, fmt.Errorf("%s:%d: keys.%s: %v", c.File, b.KeyLines[i], b.Action, err)
			}
		}
		k, err := s.keys.Remap(b.Action, b.Keys)
		if err != nil {
			return nil, c.Errorf("keys."+b.Action, "%v", err)
		}
		s.keys = k
	}
	var conflicts []ui.KeyConflict
	if len(c.Keys) > 0 { // the default keys have none (ui's tests hold that)
		conflicts = s.keys.Conflicts()
	}
	if len(conflicts) > 0 {
		// the action the file remapped last is where the conflict came in
		at := "keys"
		for _, b := range c.Keys {
			if b.Action == conflicts[0].Actions[0] || b.Action == conflicts[0].Actions[1] {
				at = "keys." + b.Action
			}
		}
		return nil, c.Errorf(at, "%s; give one of them other keys", conflicts[0])
	}
	for _, sr := range c.Searches {
		if err := store.CheckQuery(sr.Query); err != nil {
			return nil, c.Errorf("searches."+sr.Name, "%v", err)
		}
		s.searches = append(s.searches, store.SavedSearch{Name: sr.Name, Query: sr.Query})
	}
	col := c.Colors
	s.colours = ui.Colours{Accent: col["accent"], Text: col["text"], Muted: col["muted"], Unread: col["unread"],
		New: col["new"], Bookmark: col["bookmark"], Warning: col["warning"]}
	var err error
	if s.glamour, err = themeStyle(c); err != nil {
		return nil, err
	}
	if s.feeds, err = feedSettings(c); err != nil {
		return nil, err
	}
	return s, nil
}

// maxStyleFileBytes bounds a glamour style file.
const maxStyleFileBytes = 1 << 20

// themeStyle is the glamour style a theme names: one of glamour's own, or
// a style file; nil for dark, light and auto, which follow the background.
func themeStyle(c *config.Config) (*ansi.StyleConfig, error) {
	switch c.Theme {
	case "", "auto", "dark", "light":
		return nil, nil
	case "ascii", "notty", "dracula", "tokyo-night", "pink":
		return glamourStyleNamed(c.Theme), nil
	}
	data, err := safefile.ReadFile(c.Theme, maxStyleFileBytes)
	if err != nil {
		return nil, c.Errorf("theme", "%v", err)
	}
	var st ansi.StyleConfig
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, c.Errorf("theme", "%s is not a glamour style: %v", c.Theme, err)
	}
	return &st, nil
}

// applyConfig sets in g what the file sets and no flag given does.
func applyConfig(g *globalFlags, c *config.Config) {
	type apply struct {
		key, flag string
		set       func()
	}
	for _, a := range []apply{
		{"no-builtin", "no-builtin", func() { g.noBuiltin = c.NoBuiltin }},
		{"topics", "topics", func() { g.topics = c.Topics }},
		{"state", "state", func() { g.state = c.State }},
		{"cache", "cache", func() { g.cache = c.Cache }},
		{"no-cache", "no-cache", func() { g.noCache = c.NoCache }},
		{"trust-cache", "trust-cache", func() { g.trustCache = c.TrustCache }},
		{"subscriptions", "subscriptions", func() { g.subscriptions = c.Subscriptions }},
		{"data", "data", func() { g.dataDir = c.Data }},
		{"no-feeds", "no-feeds", func() { g.noFeeds = c.NoFeeds }},
		{"measure", "measure", func() { g.measure = c.Measure }},
		{"no-color", "no-color", func() { g.noColor = c.NoColor }},
		{"refresh", "refresh", func() { g.refresh = c.Refresh }},
		{"fetch-at-start", "fetch-at-start", func() { g.fetchAtStart = c.FetchAtStart }},
	} {
		if c.Set(a.key) && !g.set[a.flag] {
			a.set()
		}
	}
}

// origin names where a setting's value came from, for messages: "--flag",
// or the configuration's "FILE:LINE: key".
func (g *globalFlags) origin(flag, key string) string {
	if g.conf != nil && !g.set[flag] && g.conf.file.Set(key) {
		return g.conf.file.Where(key) + ": " + key
	}
	return "--" + flag
}

// configDirs are the configuration's folders of articles, unless --dir
// was given, each with where the file names it.
func configDirs(g *globalFlags) (dirs, where []string) {
	if g.conf == nil || g.set["dir"] {
		return nil, nil
	}
	c := g.conf.file
	for _, d := range c.Dirs {
		dirs = append(dirs, d)
		where = append(where, c.Where("dirs"))
	}
	return dirs, where
}

// applyTopicColours gives the topics the colours the configuration
// chooses for them; a key that is no topic is the configuration's mistake.
func applyTopicColours(g *globalFlags, ts store.Topics) (store.Topics, error) {
	if g.conf == nil || len(g.conf.file.TopicColors) == 0 {
		return ts, nil
	}
	c := g.conf.file
	out := make(store.Topics, len(ts))
	copy(out, ts)
	for key, colour := range c.TopicColors {
		i := out.Index(key)
		if i < 0 {
			return nil, c.Errorf("colors.topics."+key, "no topic %q (the topics: %s)", key, strings.Join(out.Keys(), ", "))
		}
		out[i].Color = colour
	}
	return out, nil
}

// envOrConfig is getenv with the configuration's say where the environment
// says nothing: DISPATCH_THEME (dark or light) and BROWSER.
func envOrConfig(getenv func(string) string, g *globalFlags) func(string) string {
	if g.conf == nil {
		return getenv
	}
	c := g.conf.file
	return func(k string) string {
		v := getenv(k)
		switch {
		case v != "":
			return v
		case k == "DISPATCH_THEME" && (c.Theme == "dark" || c.Theme == "light"):
			return c.Theme
		case k == "BROWSER":
			return c.Browser
		}
		return v
	}
}

// errNoConfigHome is why a search cannot be saved: no file to keep it in.
var errNoConfigHome = errors.New("no configuration file to keep searches in: set HOME or give --config")
