package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A feed's own settings — its name, full text on or off, a refresh
// interval, its tags — are kept in its outline of the subscriptions file
// (text and title, dispatchFullText, dispatchRefresh, category), and may
// be given by the configuration too (Config.Settings), which wins. They
// are applied as the file is read (readSubs), so that every command, the
// reader and a fetch see one subscription. What the user types is checked
// here, once, for the configuration and the command line alike.

// Settings are a feed's own settings, each unset when it is its zero
// value: the feed then keeps what the subscriptions file says, or the
// default.
type Settings struct {
	// Name is what the feed is called ("" keeps its name).
	Name string
	// FullText on (true) fetches every item's article from its page, off
	// (false) none; unset (nil), only those of items the feed gives as
	// short summaries.
	FullText *bool
	// Refresh is the least time between two fetches of the feed that did
	// not name it; zero: every such fetch fetches it.
	Refresh time.Duration
	// Tags, when not nil, are the feed's tags (an empty list: none).
	Tags []string
}

// FeedSettings are settings for the feed at URL from outside the
// subscriptions file (the configuration's feeds:). Where names where they
// were set, for errors: "config.yaml:12: feeds: https://…".
type FeedSettings struct {
	URL string
	Settings
	Where string
}

// Bounds on settings given by hand.
const (
	// MinRefresh is the shortest refresh interval of a feed: feeds are
	// fetched politely.
	MinRefresh = time.Minute
	// MaxRefresh is the longest: a year.
	MaxRefresh = 366 * 24 * time.Hour
)

// ParseRefresh reads a feed's refresh interval: a duration such as 30m,
// 2h or 1h30m, or a whole number of days (7d); 0 for none (the feed is
// fetched whenever the feeds are).
func ParseRefresh(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if days, ok := strings.CutSuffix(s, "d"); ok && err != nil {
		d, err = parseDays(days)
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not an interval: want one such as 30m, 2h or 7d (0 for none)", cleanLine(truncateRunes(s, 40)))
	case d < 0:
		return 0, fmt.Errorf("%s: an interval cannot be negative", s)
	case d == 0:
		return 0, nil
	case d < MinRefresh:
		return 0, fmt.Errorf("%s is too often: at least %s (0 for none)", s, MinRefresh)
	case d > MaxRefresh:
		return 0, fmt.Errorf("%s is too long: at most 366d", s)
	}
	return d, nil
}

// parseDays reads a whole number of days, signed: the sign is checked
// with the duration's.
func parseDays(s string) (time.Duration, error) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 6 || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, errors.New("not a number of days")
	}
	n, err := strconv.Atoi(s)
	return time.Duration(n) * 24 * time.Hour, err
}

// FormatRefresh writes an interval as ParseRefresh reads it: 30m, 2h,
// 1h30m, 7d; 0 for none.
func FormatRefresh(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// CheckName checks a feed's name given by hand: one line of plain text,
// not empty, at most 200 characters. It returns it trimmed.
func CheckName(name string) (string, error) {
	s := strings.TrimSpace(name)
	switch {
	case s == "":
		return "", errors.New("a feed's name cannot be empty")
	case cleanLine(s) != s:
		return "", errors.New("a feed's name is one line of plain text")
	case len([]rune(s)) > maxNameRunes:
		return "", fmt.Errorf("a feed's name is at most %d characters", maxNameRunes)
	}
	return s, nil
}

// CheckTag checks a tag given by hand: one word as tag:NAME finds it,
// without spaces, colons or commas (the OPML category's separator), at
// most 200 characters. It returns it trimmed.
func CheckTag(tag string) (string, error) {
	s := strings.TrimSpace(tag)
	switch {
	case s == "":
		return "", errors.New("a tag cannot be empty")
	case strings.ContainsFunc(s, unicode.IsSpace):
		return "", fmt.Errorf("tag %q has a space: one word, as tag:NAME finds it", cleanLine(s))
	case cleanLine(s) != s:
		return "", fmt.Errorf("tag %q: one word of plain text", cleanLine(s))
	case strings.ContainsAny(s, ":,"):
		return "", fmt.Errorf("tag %q: no colon or comma in a tag", s)
	case len([]rune(s)) > maxNameRunes:
		return "", fmt.Errorf("a tag is at most %d characters", maxNameRunes)
	}
	return s, nil
}

// CheckTags checks tags given by hand (CheckTag), at most 16, each once
// (case aside).
func CheckTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t, err := CheckTag(t)
		if err != nil {
			return nil, err
		}
		if !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, fmt.Errorf("at most %d tags a feed", maxTags)
	}
	return out, nil
}

// fullTextValue is a full-text setting as the subscriptions file writes
// it: "true", "false", or "" for unset.
func fullTextValue(v *bool) string {
	if v == nil {
		return ""
	}
	return strconv.FormatBool(*v)
}

// apply is s with the settings that set give laid over it.
func (set Settings) apply(s Subscription) Subscription {
	if set.Name != "" {
		s.Name = set.Name
	}
	if set.FullText != nil {
		v := *set.FullText
		s.FullText = &v
	}
	if set.Refresh != 0 {
		s.Refresh = set.Refresh
	}
	if set.Tags != nil {
		s.Tags = append([]string{}, set.Tags...)
	}
	return s
}
