package main

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dispatch/internal/config"
	"dispatch/internal/termout"
	"dispatch/ui"
)

// effectiveConfig is `dispatch config`: every setting in effect, as YAML
// the file could hold, each with where its value comes from — the file
// and its line, a flag, the environment, or the default.
func effectiveConfig(e env, g *globalFlags) (string, error) {
	conf := g.cfg()
	c := conf.file
	var b strings.Builder
	file := "none (every value is a default or a flag's)"
	if c.File != "" {
		file = c.File
	} else if p := configPath(e, g); p != "" {
		file = p + " (not there: every value is a default or a flag's)"
	}
	b.WriteString("# The configuration in effect, each value with where it comes from.\n")
	b.WriteString("# File: " + termout.Name(file) + "\n")
	// where a value is set in the file, which the head names whole
	where := func(key string) string { return filepath.Base(c.File) + ":" + strconv.Itoa(c.Line(key)) }
	line := func(indent, key, value, from string) {
		fmt.Fprintf(&b, "%-38s # %s\n", indent+key+": "+value, from)
	}
	origin := func(key, flag, envVar string) string {
		switch {
		case flag != "" && g.set[flag]:
			return "--" + flag
		case envVar != "" && e.getenv(envVar) != "":
			return envVar
		case c.Set(key):
			return where(key)
		}
		return "default"
	}
	subs, data, _ := feedPaths(e, g)
	dirs, _ := configDirs(g)
	if g.set["dir"] {
		dirs = g.dirs
	}
	values := map[string]string{
		"dirs": yamlList(dirs), "no-builtin": strconv.FormatBool(g.noBuiltin), "topics": pathValue(g.topics),
		"state": pathValue(statePath(g)), "cache": pathValue(cacheDir(e, g)), "no-cache": strconv.FormatBool(g.noCache),
		"trust-cache":   strconv.FormatBool(g.trustCache),
		"subscriptions": pathValue(subs), "data": pathValue(data), "no-feeds": strconv.FormatBool(g.noFeeds),
		"measure": strconv.Itoa(cmp.Or(g.measure, ui.DefaultMeasure)), "no-color": strconv.FormatBool(g.noColor || e.getenv("NO_COLOR") != ""),
		"theme": cmp.Or(strings.ToLower(e.getenv("DISPATCH_THEME")), c.Theme, "auto"), "browser": pathValue(envOrConfig(e.getenv, g)("BROWSER")),
		"refresh": durationValue(conf.refresh), "fetch-at-start": strconv.FormatBool(conf.fetchAtStart), "on-new": yamlList(conf.onNew),
	}
	for _, s := range fileSettings() {
		from := origin(s.key, s.flag, s.env)
		if s.key == "dirs" && e.getenv("DISPATCH_DIR") != "" {
			from += "; DISPATCH_DIR adds " + e.getenv("DISPATCH_DIR")
		}
		line("", s.key, values[s.key], termout.Name(from))
	}
	b.WriteString("colors:\n")
	for _, name := range config.ColorNames {
		if v, ok := c.Colors[name]; ok {
			line("  ", name, yamlScalar(v), where("colors."+name))
		} else {
			line("  ", name, "~", fmt.Sprintf("default: dark %s, light %s", colourOf(ui.DefaultColours(true), name), colourOf(ui.DefaultColours(false), name)))
		}
	}
	topics, err := loadTopics(e, g)
	if err != nil {
		return "", err
	}
	b.WriteString("  topics:\n")
	for _, t := range topics {
		from := "the topics"
		if _, ok := c.TopicColors[t.Key]; ok {
			from = where("colors.topics." + t.Key)
		}
		line("    ", t.Key, yamlScalar(t.Color), from)
	}
	b.WriteString("keys:\n")
	for _, action := range ui.KeyActions() {
		keys, _ := conf.keys.ActionKeys(action)
		from := "default"
		if c.Set("keys." + action) {
			from = where("keys." + action)
		}
		line("  ", action, yamlList(keys), from)
	}
	if len(conf.searches) == 0 {
		b.WriteString("searches: {}                           # none saved\n")
	} else {
		b.WriteString("searches:\n")
		for _, s := range conf.searches {
			line("  ", yamlScalar(s.Name), yamlScalar(s.Query), where("searches."+s.Name))
		}
	}
	if err := showFeedSettings(&b, e, g, line, where); err != nil {
		return "", err
	}
	return b.String(), nil
}

// pathValue is a path as YAML, ~ (the default's own) when there is none.
func pathValue(p string) string {
	if p == "" {
		return "~"
	}
	return yamlScalar(filepath.ToSlash(p))
}

// durationValue is an interval as the file takes it: 30m, 2h, or 0.
func durationValue(d time.Duration) string {
	s := d.String()
	if s == "0s" {
		return "0"
	}
	return strings.TrimSuffix(strings.TrimSuffix(s, "0s"), "0m")
}
