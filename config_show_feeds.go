package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"dispatch/store/feed"
)

// showFeedSettings writes feeds: for dispatch config: each feed with a
// setting of its own (in the configuration or the subscriptions file),
// every setting with where it comes from; the feeds with none are
// counted. line writes a setting and where it comes from; where names a
// key's line in the configuration.
func showFeedSettings(b *strings.Builder, e env, g *globalFlags, line func(indent, key, value, from string), where func(string) string) error {
	if g.noFeeds {
		return nil
	}
	m, err := feedManager(e, g)
	if err != nil {
		return nil // no home for feeds: none to show
	}
	defer m.Close()
	subs, err := m.Subscriptions()
	if err != nil {
		return err
	}
	stored, err := m.StoredSubscriptions()
	if err != nil {
		return err
	}
	c := g.cfg().file
	path, _, _ := feedPaths(e, g)
	file := filepath.Base(path)
	plain := 0
	heading := "feeds:\n"
	for i, s := range subs {
		f, inConfig := configFeed(g, s.URL)
		st := stored[i]
		if !inConfig && st.FullText == nil && st.Refresh == 0 && len(st.Tags) == 0 {
			plain++
			continue
		}
		b.WriteString(heading)
		heading = ""
		b.WriteString("  " + yamlScalar(s.URL) + ":\n")
		from := func(setting string, stored bool) string {
			switch {
			case inConfig && c.Set(f.Key(setting)):
				return where(f.Key(setting))
			case stored:
				return file
			}
			return "default"
		}
		nameFrom := from("name", true)
		if nameFrom == file && s.Name != st.Name { // the file's, made unique
			nameFrom = file + " (made unique)"
		}
		line("    ", "name", yamlScalar(s.Name), nameFrom)
		fullText := "~"
		if s.FullText != nil {
			fullText = fmt.Sprint(*s.FullText)
		}
		ftFrom := from("full-text", st.FullText != nil)
		if ftFrom == "default" {
			ftFrom = "default: the pages of short summaries"
		}
		line("    ", "full-text", fullText, ftFrom)
		rfFrom := from("refresh", st.Refresh != 0)
		if rfFrom == "default" {
			rfFrom = "default: whenever the feeds are fetched"
		}
		line("    ", "refresh", feed.FormatRefresh(s.Refresh), rfFrom)
		tags := s.Tags
		if tags == nil {
			tags = []string{}
		}
		line("    ", "tags", yamlList(tags), from("tags", len(st.Tags) > 0))
	}
	switch {
	case heading != "" && plain == 0:
		b.WriteString("feeds: {}                              # none followed\n")
	case heading != "":
		fmt.Fprintf(b, "feeds: {}                              # %s, each with the defaults\n", plural(plain, "feed"))
	case plain > 0:
		fmt.Fprintf(b, "# and %s with the defaults\n", plural(plain, "other feed"))
	}
	return nil
}
