package config

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"
)

// typeName is how a message names what a node holds.
func typeName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag == "!!bool":
		return "true or false"
	case n.Tag == "!!int" || n.Tag == "!!float":
		return "a number"
	}
	return fmt.Sprintf("%q", n.Value)
}

func (p *parser) boolean(key string, v *yaml.Node) (bool, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		return false, p.errorf(v, key, "want true or false, got %s", typeName(v))
	}
	b, err := strconv.ParseBool(v.Value)
	if err != nil {
		return false, p.errorf(v, key, "want true or false, got %q", v.Value)
	}
	return b, nil
}

func (p *parser) integer(key string, v *yaml.Node) (int, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		return 0, p.errorf(v, key, "want a whole number, got %s", typeName(v))
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil {
		return 0, p.errorf(v, key, "want a whole number, got %q", v.Value)
	}
	return n, nil
}

// text is a one-line string.
func (p *parser) text(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return "", p.errorf(v, key, "want text, got %s", typeName(v))
	}
	s := strings.TrimSpace(v.Value)
	switch {
	case s == "":
		return "", p.errorf(v, key, "empty: leave the key out for the default")
	case strings.ContainsAny(s, "\n\r\x00"):
		return "", p.errorf(v, key, "want one line")
	}
	return s, nil
}

// path is a file or folder: ~/ is the home folder, a relative path is in
// the configuration file's folder.
func (p *parser) path(key string, v *yaml.Node) (string, error) {
	s, err := p.text(key, v)
	if err != nil {
		return "", err
	}
	switch {
	case s == "~" || strings.HasPrefix(s, "~/"):
		if !filepath.IsAbs(p.home) {
			return "", p.errorf(v, key, "%s: no home folder to expand ~ in (set HOME)", s)
		}
		s = filepath.Join(p.home, strings.TrimPrefix(s, "~"))
	case !filepath.IsAbs(s):
		s = filepath.Join(p.dir, s)
	}
	return filepath.Clean(s), nil
}

func (p *parser) paths(key string, v *yaml.Node) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v, key, "want a list of folders ([~/notes, ~/clippings]), got %s", typeName(v))
	}
	var out []string
	for _, item := range v.Content {
		s, err := p.path(key, item)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// themeNames are the themes that are not a file: dispatch's and glamour's
// own styles.
var themeNames = []string{"auto", "dark", "light", "dracula", "tokyo-night", "pink", "ascii", "notty"}

// theme is a style's name, or a glamour style file (a path, ending .json).
func (p *parser) theme(key string, v *yaml.Node) (string, error) {
	s, err := p.text(key, v)
	if err != nil {
		return "", err
	}
	if slices.Contains(themeNames, strings.ToLower(s)) {
		return strings.ToLower(s), nil
	}
	if !strings.HasSuffix(strings.ToLower(s), ".json") {
		return "", p.errorf(v, key, "%q: want %s, or a glamour style file (.json)", s, strings.Join(themeNames, ", "))
	}
	return p.path(key, v)
}

// interval is a duration of at least MinRefresh, or 0 for none.
func (p *parser) interval(key string, v *yaml.Node) (time.Duration, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" && v.Value == "0" {
		return 0, nil
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return 0, p.errorf(v, key, "want an interval such as 30m or 2h (0 for none), got %s", typeName(v))
	}
	d, err := time.ParseDuration(strings.TrimSpace(v.Value))
	switch {
	case err != nil:
		return 0, p.errorf(v, key, "want an interval such as 30m or 2h (0 for none), got %q", v.Value)
	case d == 0:
		return 0, nil
	case d < MinRefresh:
		return 0, p.errorf(v, key, "%s is too often: at least %s (0 for never)", d, MinRefresh)
	}
	return d, nil
}

// command is a program and its arguments, as a list: never a shell line.
func (p *parser) command(key string, v *yaml.Node) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v, key, "want a list, the program then its arguments ([notify-send, dispatch]); no shell runs it, got %s", typeName(v))
	}
	if len(v.Content) == 0 {
		return nil, nil
	}
	var out []string
	for i, item := range v.Content {
		if item.Kind != yaml.ScalarNode || (item.Tag != "!!str" && item.Tag != "!!int" && item.Tag != "!!float") {
			return nil, p.errorf(item, key, "want text for each argument, got %s", typeName(item))
		}
		if strings.ContainsRune(item.Value, 0) || i == 0 && strings.TrimSpace(item.Value) == "" {
			return nil, p.errorf(item, key, "want a program name first")
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// hexColor is a colour as lipgloss takes it and contrast is computed on.
var hexColor = regexp.MustCompile(`^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$`)

func (p *parser) color(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return "", p.errorf(v, key, `want a colour "#RRGGBB" (quoted: # starts a comment), got %s`, typeName(v))
	}
	s := strings.TrimSpace(v.Value)
	if !hexColor.MatchString(s) {
		return "", p.errorf(v, key, `%q is not a colour: want "#RRGGBB" or "#RGB"`, v.Value)
	}
	if len(s) == 4 { // #abc is #aabbcc
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return strings.ToUpper(s), nil
}
