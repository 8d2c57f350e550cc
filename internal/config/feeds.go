package config

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Feed is what feeds: sets for one feed, known by its address (as
// `dispatch feeds` lists it: an address does not change when the feed is
// renamed). A setting the entry leaves out is its zero value; Line and
// Lines say where each is. The feed package checks the values (main
// translates: the name, the tags, the interval) and that a feed is
// subscribed at the address.
type Feed struct {
	URL      string
	Name     string   // "" when not given
	FullText *bool    // nil when not given
	Refresh  string   // as written ("2h", "7d", "0"); "" when not given
	Tags     []string // nil when not given; [] for none
	Line     int      // the address's line
	TagLines []int    // each tag's line
}

// FeedKeys are the settings a feed of feeds: may have.
var FeedKeys = []string{"name", "full-text", "refresh", "tags"}

// Key is the path of the feed's setting (one of FeedKeys, or "" for the
// entry itself) for Line, Set and Errorf: "feeds.https://…/rss.name".
func (f Feed) Key(setting string) string {
	if setting == "" {
		return "feeds." + f.URL
	}
	return "feeds." + f.URL + "." + setting
}

// feeds reads address: {name, full-text, refresh, tags}.
func (p *parser) feeds(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v, "feeds", "want a mapping of feed addresses to their settings (https://example.org/rss: {name: Example}), got %s", typeName(v))
	}
	return p.pairs(v, "feeds.", func(address string, k, val *yaml.Node) error {
		f := Feed{URL: strings.TrimSpace(address), Line: k.Line}
		key := f.Key("")
		p.c.lines[key] = k.Line
		lower := strings.ToLower(f.URL)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
			return p.errorf(k, key, "want the feed's address (https://…), as dispatch feeds lists it")
		}
		if val.Tag == "!!null" { // an entry with nothing set: still a feed's
			p.c.Feeds = append(p.c.Feeds, f)
			return nil
		}
		if val.Kind != yaml.MappingNode {
			return p.errorf(val, key, "want the feed's settings (%s), got %s", strings.Join(FeedKeys, ", "), typeName(val))
		}
		err := p.pairs(val, key+".", func(setting string, sk, sv *yaml.Node) error {
			path := f.Key(setting)
			p.c.lines[path] = sk.Line
			if sv.Tag == "!!null" && setting != "tags" {
				return nil // as if left out
			}
			var err error
			switch setting {
			case "name":
				f.Name, err = p.text(path, sv)
			case "full-text":
				var b bool
				b, err = p.boolean(path, sv)
				f.FullText = &b
			case "refresh":
				f.Refresh, err = p.feedInterval(path, sv)
			case "tags":
				f.Tags, f.TagLines, err = p.tags(path, sv)
			default:
				return p.errorf(sk, path, "unknown setting (known: %s)", strings.Join(FeedKeys, ", "))
			}
			return err
		})
		if err != nil {
			return err
		}
		p.c.Feeds = append(p.c.Feeds, f)
		return nil
	})
}

// feedInterval is an interval as written, for the feed package to read:
// text, or the number 0.
func (p *parser) feedInterval(key string, v *yaml.Node) (string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" && v.Value == "0" {
		return "0", nil
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return "", p.errorf(v, key, "want an interval such as 30m, 2h or 7d (0 for none), got %s", typeName(v))
	}
	return p.text(key, v)
}

// tags is a list of words, or one; ~ or [] for none.
func (p *parser) tags(key string, v *yaml.Node) ([]string, []int, error) {
	items := []*yaml.Node{v}
	switch {
	case v.Tag == "!!null":
		return []string{}, nil, nil
	case v.Kind == yaml.SequenceNode:
		items = v.Content
	}
	out, lines := []string{}, []int{}
	for _, item := range items {
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" || slices.Contains([]string{"!!map", "!!seq"}, item.Tag) {
			return nil, nil, p.errorf(item, key, "want a list of tags ([local, ferries]), got %s", typeName(item))
		}
		out = append(out, item.Value)
		lines = append(lines, item.Line)
	}
	return out, lines, nil
}
