package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"dispatch/internal/config"
	"dispatch/internal/termout"
	"dispatch/store/feed"
)

// A feed's own settings (name, full text, refresh, tags) come from the
// configuration's feeds:, by the feed's address, and from the
// subscriptions file, where feeds add and feeds set write them; the
// configuration wins, the defaults come last. The feed package applies
// them (feed.Config.Settings) and checks their values, for the file and
// the command line alike; main names the line of a mistake.

// feedSettings reads the configuration's feeds: entries through the feed
// package's checks, each mistake naming its line.
func feedSettings(c *config.Config) ([]feed.FeedSettings, error) {
	var out []feed.FeedSettings
	for _, f := range c.Feeds {
		fs := feed.FeedSettings{URL: f.URL, Where: c.Where(f.Key("")) + ": " + f.Key(""),
			Settings: feed.Settings{FullText: f.FullText}}
		var err error
		if f.Name != "" {
			if fs.Name, err = feed.CheckName(f.Name); err != nil {
				return nil, c.Errorf(f.Key("name"), "%v", err)
			}
		}
		if f.Refresh != "" {
			if fs.Refresh, err = feed.ParseRefresh(f.Refresh); err != nil {
				return nil, c.Errorf(f.Key("refresh"), "%v", err)
			}
		}
		for i, t := range f.Tags {
			if _, err := feed.CheckTag(t); err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %v", c.File, f.TagLines[i], f.Key("tags"), err)
			}
		}
		if f.Tags != nil {
			if fs.Tags, err = feed.CheckTags(f.Tags); err != nil {
				return nil, c.Errorf(f.Key("tags"), "%v", err)
			}
		}
		out = append(out, fs)
	}
	return out, nil
}

// checkFeedSettings says the first mistake of feeds: that only the
// subscriptions show — a feed not subscribed, a name two feeds would
// share — once a run, unless the feeds are off or have no home. A command
// that subscribes (feeds add, feeds import) is not stopped by settings
// for the feed it is about to add.
func checkFeedSettings(e env, g *globalFlags) error {
	s := g.cfg()
	if s.feedsChecked || len(s.feeds) == 0 || g.noFeeds {
		return nil
	}
	s.feedsChecked = true
	m, err := feedManager(e, g)
	if err != nil {
		return nil // no home for feeds: the commands that need one say so
	}
	defer m.Close()
	return m.CheckSettings()
}

// configFeed is the configuration's entry for the feed at url, if any.
func configFeed(g *globalFlags, url string) (config.Feed, bool) {
	for _, f := range g.cfg().file.Feeds {
		if feed.SameFeed(f.URL, url) {
			return f, true
		}
	}
	return config.Feed{}, false
}

// sayShadowed says, for each setting a command gave that the
// configuration sets for the feed too, that the configuration's wins.
func sayShadowed(e env, g *globalFlags, url string, given []string) {
	f, ok := configFeed(g, url)
	if !ok {
		return
	}
	c := g.cfg().file
	for _, setting := range given {
		if c.Set(f.Key(setting)) {
			e.say("note: %s sets this feed's %s, which wins over the subscriptions file", termout.Name(c.Where(f.Key(setting))), setting)
		}
	}
}

// fullTextFlag is --full-text: on (also alone), off, or auto (only the
// items the feed gives as short summaries).
type fullTextFlag struct {
	value *bool
}

func (f *fullTextFlag) String() string {
	switch {
	case f.value == nil:
		return "auto"
	case *f.value:
		return "on"
	}
	return "off"
}

func (f *fullTextFlag) Set(s string) error {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "true", "yes":
		on := true
		f.value = &on
	case "off", "false", "no":
		off := false
		f.value = &off
	case "auto":
		f.value = nil
	default:
		return fmt.Errorf("want on, off or auto, got %q", s)
	}
	return nil
}

func (f *fullTextFlag) Type() string { return "string" }

// addFullTextFlag adds --full-text to fs.
func addFullTextFlag(fs *commandFlags, usage string) *fullTextFlag {
	f := &fullTextFlag{}
	fs.Var(f, "full-text", usage)
	fs.Lookup("full-text").NoOptDefVal = "on"
	fs.Lookup("full-text").DefValue = "" // the help says auto is the default
	return f
}

// everyFlag reads --every, a feed's refresh interval, as the
// configuration's refresh: reads it (--refresh is the reader's own).
func everyFlag(fs *commandFlags, value string) (d time.Duration, given bool, err error) {
	if !fs.Changed("every") {
		return 0, false, nil
	}
	if d, err = feed.ParseRefresh(value); err != nil {
		return 0, false, usagef("--every: %v", err)
	}
	return d, true, nil
}

// tagFlags reads the --tag flags given, checked.
func tagFlags(tags []string) ([]string, error) {
	out, err := feed.CheckTags(tags)
	if err != nil {
		return nil, usagef("--tag: %v", err)
	}
	return out, nil
}

var _ pflag.Value = (*fullTextFlag)(nil)
