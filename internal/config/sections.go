package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"dispatch/internal/termout"
)

// colors reads the colours: a name (ColorNames) or topics to a colour.
func (p *parser) colors(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v, "colors", "want a mapping of colour names (%s, topics) to colours, got %s", strings.Join(ColorNames, ", "), typeName(v))
	}
	p.c.Colors = map[string]string{}
	return p.pairs(v, "colors.", func(name string, k, val *yaml.Node) error {
		key := "colors." + name
		p.c.lines[key] = k.Line
		if name == "topics" {
			return p.topicColors(val)
		}
		if !slices.Contains(ColorNames, name) {
			return p.errorf(k, key, "unknown colour (known: %s, topics)", strings.Join(ColorNames, ", "))
		}
		if val.Tag == "!!null" {
			return nil // the theme's
		}
		c, err := p.color(key, val)
		p.c.Colors[name] = c
		return err
	})
}

// topicColors reads colors.topics: a topic key to a colour; main checks
// the keys against the topics.
func (p *parser) topicColors(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v, "colors.topics", "want a mapping of topic keys to colours, got %s", typeName(v))
	}
	p.c.TopicColors = map[string]string{}
	return p.pairs(v, "colors.topics.", func(topic string, k, val *yaml.Node) error {
		key := "colors.topics." + topic
		p.c.lines[key] = k.Line
		if val.Tag == "!!null" {
			return nil // the topics file's
		}
		c, err := p.color(key, val)
		p.c.TopicColors[topic] = c
		return err
	})
}

// keys reads action: [key, ...]; a single key may be given bare, and []
// unbinds the action.
func (p *parser) keys(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v, "keys", "want a mapping of actions to lists of keys (down: [j, down]), got %s", typeName(v))
	}
	return p.pairs(v, "keys.", func(action string, k, val *yaml.Node) error {
		key := "keys." + action
		p.c.lines[key] = k.Line
		b := Binding{Action: action, Line: k.Line}
		items := []*yaml.Node{val}
		switch {
		case val.Kind == yaml.SequenceNode:
			items = val.Content
			b.Keys = []string{} // [] unbinds
		case val.Tag == "!!null":
			return nil
		}
		for _, item := range items {
			if item.Kind != yaml.ScalarNode || item.Tag == "!!null" || item.Value == "" {
				return p.errorf(item, key, "want a list of keys ([n, down]), got %s", typeName(item))
			}
			b.Keys = append(b.Keys, item.Value)
			b.KeyLines = append(b.KeyLines, item.Line)
		}
		p.c.Keys = append(p.c.Keys, b)
		return nil
	})
}

// maxSearchName bounds a saved search's name: it is a line of a panel.
const maxSearchName = 80

// searches reads name: query.
func (p *parser) searches(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errorf(v, "searches", `want a mapping of names to queries (Geneva this week: '"geneva" since:7d'), got %s`, typeName(v))
	}
	return p.pairs(v, "searches.", func(name string, k, val *yaml.Node) error {
		key := "searches." + name
		p.c.lines[key] = k.Line
		if err := CheckSearchName(name); err != nil {
			return p.errorf(k, key, "%v", err)
		}
		q, err := p.text(key, val)
		if err != nil {
			return err
		}
		p.c.Searches = append(p.c.Searches, Search{Name: name, Query: q, Line: k.Line})
		return nil
	})
}

// CheckSearchName says what is wrong with a saved search's name, if
// anything: it is one line of text, not too long.
func CheckSearchName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("a saved search needs a name")
	case len(name) > maxSearchName:
		return fmt.Errorf("a name of at most %d bytes", maxSearchName)
	case termout.OneLine(name) != name || termout.Name(name) != name:
		return errors.New("a name is one line of plain text")
	}
	return nil
}
