package main

import (
	"context"
	"fmt"
	"strings"

	"dispatch/internal/termout"
	"dispatch/store/feed"
)

// Help shared by feeds add and feeds set.
const (
	fullTextHelp = "full text: on (the flag alone) fetches every item's article from its page, off none, auto (the default) those of items the feed gives as short summaries"
	everyHelp    = "fetch the feed at most every `DURATION` (30m, 2h, 7d; 0: whenever the feeds are) when a fetch names no feed"
)

func runFeedsAdd(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds add", g)
	fs.subscribes = true
	name := fs.String("name", "", "what to call the feed (default: its title)")
	fullText := addFullTextFlag(fs, fullTextHelp)
	tags := fs.StringArray("tag", nil, "a tag of the feed's items, one word, as tag:NAME finds it (repeatable)")
	every := fs.String("every", "", everyHelp)
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds add takes one URL")
	}
	set := feed.Settings{FullText: fullText.value}
	if strings.TrimSpace(*name) != "" {
		if set.Name, err = feed.CheckName(*name); err != nil {
			return usagef("--name: %v", err)
		}
	}
	if set.Tags, err = tagFlags(*tags); err != nil {
		return err
	}
	if set.Refresh, _, err = everyFlag(fs, *every); err != nil {
		return err
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	ctx, stop := interruptible()
	defer stop()
	sub, res, err := m.AddWith(ctx, pos[0], set)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("added %s (%s)", sub.Name, sub.URL)
	if s := describeSettings(sub); s != "" {
		line += ": " + s
	}
	fmt.Fprintln(e.stdout, termout.OneLine(line))
	sayShadowed(e, g, sub.URL, givenSettings(fs))
	if res.Err != nil {
		return res.Err
	}
	_, err = fmt.Fprintln(e.stdout, res)
	return err
}

// runFeedsSet is `dispatch feeds set NAME|URL [--name NAME] [--full-text
// [=on|off|auto]] [--tag T]... [--every DURATION]`: the feed's settings
// in the subscriptions file, replaced atomically.
func runFeedsSet(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds set", g)
	name := fs.String("name", "", "call the feed `NAME`: its folder, its items and their numbers stay")
	fullText := addFullTextFlag(fs, fullTextHelp)
	tags := fs.StringArray("tag", nil, "the feed's tag `T`, one word (repeatable): the tags given replace those it had, not those of the OPML folders it is in; --tag '' for none")
	every := fs.String("every", "", everyHelp)
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds set takes one feed name or URL")
	}
	given := givenSettings(fs)
	if len(given) == 0 {
		return usagef("feeds set %s: nothing to set (--name, --full-text, --tag, --every)", pos[0])
	}
	var newName string
	if fs.Changed("name") {
		if newName, err = feed.CheckName(*name); err != nil {
			return usagef("--name: %v", err)
		}
	}
	var newTags []string
	if fs.Changed("tag") && !(len(*tags) == 1 && (*tags)[0] == "") {
		if newTags, err = tagFlags(*tags); err != nil {
			return err
		}
	}
	refresh, refreshGiven, err := everyFlag(fs, *every)
	if err != nil {
		return err
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	sub, err := m.Configure(context.Background(), pos[0], func(s *feed.Settings) error {
		if newName != "" {
			s.Name = newName
		}
		if fs.Changed("full-text") {
			s.FullText = fullText.value
		}
		if fs.Changed("tag") {
			s.Tags = newTags
		}
		if refreshGiven {
			s.Refresh = refresh
		}
		return nil
	})
	if err != nil {
		return err
	}
	line := "set " + sub.Name
	if s := describeSettings(sub); s != "" {
		line += ": " + s
	}
	fmt.Fprintln(e.stdout, termout.OneLine(line))
	sayShadowed(e, g, sub.URL, given)
	return nil
}

// givenSettings are the settings (as feeds: names them) whose flags were
// given.
func givenSettings(fs *commandFlags) []string {
	var out []string
	for _, f := range [][2]string{{"name", "name"}, {"full-text", "full-text"}, {"tag", "tags"}, {"every", "refresh"}} {
		if fs.Changed(f[0]) {
			out = append(out, f[1])
		}
	}
	return out
}

// describeSettings says a feed's settings that are not the defaults: "full
// text off · refresh 2h · tags local, ferries".
func describeSettings(s feed.Subscription) string {
	var parts []string
	if s.FullText != nil {
		parts = append(parts, map[bool]string{true: "full text on", false: "full text off"}[*s.FullText])
	}
	if s.Refresh > 0 {
		parts = append(parts, "refresh "+feed.FormatRefresh(s.Refresh))
	}
	if len(s.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(s.Tags, ", "))
	}
	return strings.Join(parts, " · ")
}
