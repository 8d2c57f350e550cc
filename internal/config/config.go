// Package config reads dispatch's configuration file,
// $XDG_CONFIG_HOME/dispatch/config.yaml: every setting a flag or an
// environment variable gives, the keys, the colours, saved searches and
// the command run when a fetch brings something new, feeds' own settings.
//
// A file is read whole or not at all: an unknown key, a value of the wrong
// type or an invalid one is one error naming the file, the line and the
// key ("config.yaml:12: measure: ..."), and nothing of the file is used. A
// missing file is no error: every setting keeps its default. The file is
// read through yaml.Node, so every value keeps its line for messages and
// for `dispatch config`, which says where each value came from.
//
// The package knows the file's shape and the values it can check alone.
// What other packages know is checked by main, which translates: a key
// action or key name (the reader's key map), a topic key, a query (store),
// a measure; its errors name the line through Config.Errorf. It imports
// neither the reader nor the store.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// FileName is the configuration file's name in dispatch's folder under
// $XDG_CONFIG_HOME.
const FileName = "config.yaml"

// MaxFileBytes bounds a configuration file: it is a few hundred lines.
const MaxFileBytes = 1 << 20

// MinRefresh is the shortest refresh interval: feeds are fetched politely.
const MinRefresh = time.Minute

// Config is a configuration file as read. A field the file does not set
// is its zero value; Set says which the file sets, and Line where.
type Config struct {
	// File is the file read, "" when there was none.
	File string

	Dirs          []string // folders of articles (--dir), absolute
	NoBuiltin     bool     // --no-builtin
	Topics        string   // a topics file (--topics), absolute
	State         string   // the reading state file (--state), absolute
	Cache         string   // the index cache's folder (--cache), absolute
	NoCache       bool     // --no-cache
	TrustCache    bool     // --trust-cache
	Subscriptions string   // the feeds' OPML file (--subscriptions), absolute
	Data          string   // where fetched items are kept (--data), absolute
	NoFeeds       bool     // --no-feeds
	Measure       int      // --measure; main checks its range
	NoColor       bool     // --no-color
	Theme         string   // dark, light, auto, or a glamour style's name or file (absolute)
	Browser       string   // as $BROWSER reads

	Refresh      time.Duration // fetch the feeds this often while reading; 0: never
	FetchAtStart bool          // fetch the feeds when the reader starts
	OnNew        []string      // the command run after a fetch that brought items, and its arguments

	// Colors are the colours the reader draws with, by name (see
	// ColorNames), as #RRGGBB; TopicColors by topic key.
	Colors      map[string]string
	TopicColors map[string]string

	Keys     []Binding // in the file's order
	Searches []Search  // in the file's order
	Feeds    []Feed    // feeds' own settings, in the file's order

	lines map[string]int // where each key was, by its path ("keys.down")
}

// Binding is an action of the keys: mapping and the keys given for it; no
// keys unbinds it.
type Binding struct {
	Action   string
	Keys     []string
	Line     int
	KeyLines []int // each key's line
}

// Search is a saved search: a name and a query.
type Search struct {
	Name, Query string
	Line        int
}

// Keys are the file's top-level keys, in the order `dispatch config
// --default` writes them.
var Keys = []string{
	"dirs", "no-builtin", "topics", "state", "cache", "no-cache", "trust-cache", "subscriptions", "data", "no-feeds",
	"measure", "no-color", "theme", "browser", "refresh", "fetch-at-start", "on-new", "colors", "keys", "searches", "feeds",
}

// ColorNames are the colours the colors: mapping may set, beside topics.
var ColorNames = []string{"accent", "text", "muted", "unread", "new", "bookmark", "warning"}

// Set reports whether the file sets key, a path such as "measure" or
// "keys.down".
func (c *Config) Set(key string) bool {
	_, ok := c.lines[key]
	return ok
}

// Line is the line key is set on, 0 when the file does not set it.
func (c *Config) Line(key string) int { return c.lines[key] }

// Where names key's place: "FILE:LINE".
func (c *Config) Where(key string) string {
	return fmt.Sprintf("%s:%d", c.File, c.lines[key])
}

// Errorf is the error for key's value, on one line: "FILE:LINE: KEY:
// message".
func (c *Config) Errorf(key, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", c.Where(key), key, termout.OneLine(fmt.Sprintf(format, args...)))
}

// Read reads the configuration file at path. A file that does not exist is
// an empty configuration (File ""); one that cannot be read, or holds a
// mistake, is an error. home expands a leading ~/ in paths; relative
// paths are relative to the file's folder.
func Read(path, home string) (*Config, error) {
	data, err := safefile.ReadFile(path, MaxFileBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Config{lines: map[string]int{}}, nil
	case err != nil:
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return Parse(path, data, home)
}

// Parse reads a configuration file's content; name is the file, for
// messages and to resolve relative paths.
func Parse(name string, data []byte, home string) (*Config, error) {
	c := &Config{File: name, lines: map[string]int{}}
	root, err := parseRoot(name, data)
	switch {
	case err != nil:
		return nil, err
	case root == nil:
		return c, nil
	}
	p := parser{c: c, dir: filepath.Dir(absolute(name)), home: home}
	if err := p.top(root); err != nil {
		return nil, err
	}
	return c, nil
}

// yamlLine is the line a YAML syntax error names.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// parseRoot is the file's top-level mapping; nil for an empty file.
func parseRoot(name string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := termout.OneLine(strings.TrimPrefix(err.Error(), "yaml: "))
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", name, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %s", name, msg)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want settings, one per line (measure: 72)", name, root.Line)
	}
	return root, nil
}

func absolute(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// parser reads the file's mapping into c.
type parser struct {
	c    *Config
	dir  string // the file's folder: relative paths are in it
	home string
}

// errorf is an error at node n for key.
func (p *parser) errorf(n *yaml.Node, key, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s: %s", p.c.File, n.Line, key, termout.OneLine(fmt.Sprintf(format, args...)))
}

// pairs walks a mapping's keys and values, refusing what no configuration
// holds: aliases (an alias bomb is a few lines), a key twice, a key that
// is not text.
func (p *parser) pairs(m *yaml.Node, path string, each func(key string, k, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			return fmt.Errorf("%s:%d: %swant a name before the colon", p.c.File, k.Line, prefixed(path))
		}
		if v.Kind == yaml.AliasNode || k.Kind == yaml.AliasNode || v.Anchor != "" {
			return p.errorf(k, path+k.Value, "anchors and aliases (& and *) are not read here: write the value out")
		}
		if at, ok := seen[k.Value]; ok {
			return p.errorf(k, path+k.Value, "given twice (first on line %d)", at)
		}
		seen[k.Value] = k.Line
		if err := each(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func prefixed(path string) string {
	if path == "" {
		return ""
	}
	return strings.TrimSuffix(path, ".") + ": "
}

// top reads the top-level settings.
func (p *parser) top(root *yaml.Node) error {
	return p.pairs(root, "", func(key string, k, v *yaml.Node) error {
		if v.Tag == "!!null" {
			return nil // "measure:" with nothing: the default, as if commented out
		}
		p.c.lines[key] = k.Line
		c := p.c
		var err error
		switch key {
		case "dirs":
			c.Dirs, err = p.paths(key, v)
		case "no-builtin":
			c.NoBuiltin, err = p.boolean(key, v)
		case "topics":
			c.Topics, err = p.path(key, v)
		case "state":
			c.State, err = p.path(key, v)
		case "cache":
			c.Cache, err = p.path(key, v)
		case "no-cache":
			c.NoCache, err = p.boolean(key, v)
		case "trust-cache":
			c.TrustCache, err = p.boolean(key, v)
		case "subscriptions":
			c.Subscriptions, err = p.path(key, v)
		case "data":
			c.Data, err = p.path(key, v)
		case "no-feeds":
			c.NoFeeds, err = p.boolean(key, v)
		case "measure":
			c.Measure, err = p.integer(key, v)
		case "no-color":
			c.NoColor, err = p.boolean(key, v)
		case "theme":
			c.Theme, err = p.theme(key, v)
		case "browser":
			c.Browser, err = p.text(key, v)
		case "refresh":
			c.Refresh, err = p.interval(key, v)
		case "fetch-at-start":
			c.FetchAtStart, err = p.boolean(key, v)
		case "on-new":
			c.OnNew, err = p.command(key, v)
		case "colors", "colours":
			p.c.lines["colors"] = k.Line
			err = p.colors(v)
		case "keys":
			err = p.keys(v)
		case "searches":
			err = p.searches(v)
		case "feeds":
			err = p.feeds(v)
		default:
			return p.errorf(k, key, "unknown key (known: %s)", strings.Join(Keys, ", "))
		}
		return err
	})
}
