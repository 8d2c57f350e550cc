package feed

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"dispatch/store/article"
)

// Subscription is one feed the user follows.
type Subscription struct {
	// Name is how the user and the reader call the feed: unique (ignoring
	// case), one line, and the source of its items.
	Name string `json:"name"`
	// URL is the feed's address; a permanent redirect updates it.
	URL string `json:"url"`
	// SiteURL is the web site the feed belongs to, if it says.
	SiteURL string `json:"siteUrl,omitempty"`
	// FullText on (true) fetches every item's article from its page, off
	// (false) none; unset (nil), those of the items the feed gives as
	// short summaries.
	FullText *bool `json:"fullText,omitempty"`
	// Refresh is the least time between two fetches of the feed that do
	// not name it (see Fetch); zero: every fetch fetches it.
	Refresh time.Duration `json:"-"`
	// Tags come from the OPML category attribute and the folders a feed
	// was in, or the settings.
	Tags []string `json:"tags,omitempty"`
	// Dir is the directory under Manager.FeedsDir holding the items. It is
	// chosen once, from the name, and kept.
	Dir string `json:"dir"`
}

// validDir matches directory names this package chooses: a slug. Anything
// else in a subscriptions file (which may be imported from anywhere, and
// say "../../.ssh") is ignored and a directory chosen afresh.
var validDir = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// normalizeURL is the form URLs are compared in: scheme and host in lower
// case, default port and fragment dropped.
func normalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return strings.TrimSpace(raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443" {
		port = ""
	}
	switch {
	case port != "":
		u.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"): // IPv6 literal
		u.Host = "[" + host + "]"
	default:
		u.Host = host
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// validFeedURL checks a URL given to subscribe to.
func validFeedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxURLBytes {
		return "", fmt.Errorf("URL longer than %d bytes", maxURLBytes)
	}
	u, err := checkURL(raw)
	if err != nil {
		return "", err
	}
	u.Fragment, u.RawFragment = "", ""
	return cleanURL(u.String()), nil
}

// cleanTags makes tags one line each, without commas (the category
// attribute's separator), unique and few.
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = cleanLine(strings.ReplaceAll(t, ",", " "))
		if t == "" || seen[strings.ToLower(t)] || len(out) >= maxTags {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, truncateRunes(t, maxNameRunes))
	}
	return out
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n]))
}

// names tracks the names and directories in use while subscriptions are
// added, so that each stays unique.
type names struct {
	feedsDir string
	names    map[string]bool // lower case
	dirs     map[string]bool
	urls     map[string]string // normalized URL → name
	// next is the number to try next after a name or slug taken, so that
	// ten thousand feeds of one name do not count up from 2 each
	next map[string]int
}

func newNames(feedsDir string, subs []Subscription) *names {
	n := &names{feedsDir: feedsDir, names: map[string]bool{}, dirs: map[string]bool{}, urls: map[string]string{}, next: map[string]int{}}
	for _, s := range subs {
		n.take(s)
	}
	return n
}

func (n *names) take(s Subscription) {
	n.names[strings.ToLower(s.Name)] = true
	n.dirs[s.Dir] = true
	n.urls[normalizeURL(s.URL)] = s.Name
}

// subscribedAs is the name under which url is subscribed, or "".
func (n *names) subscribedAs(rawURL string) string { return n.urls[normalizeURL(rawURL)] }

// freeName is name, or name with " 2", " 3"… when taken.
func (n *names) freeName(name string) string {
	if !n.names[strings.ToLower(name)] {
		return name
	}
	key := "name:" + strings.ToLower(name)
	for i := max(n.next[key], 2); ; i++ {
		if c := name + " " + strconv.Itoa(i); !n.names[strings.ToLower(c)] {
			n.next[key] = i + 1
			return c
		}
	}
}

// nameTaken reports a name already in use.
func (n *names) nameTaken(name string) bool { return n.names[strings.ToLower(name)] }

// dirFor chooses the directory of a new subscription: the one asked for if
// valid and free, else the directory a previous subscription to the same
// URL left behind (its items and fetch state carry on), else a slug of the
// name not used by any subscription nor present on disk.
func (n *names) dirFor(want, name, feedURL string) string {
	if validDir.MatchString(want) && len(want) <= 80 && !n.dirs[want] && n.freeOnDisk(want, feedURL) {
		return want
	}
	slug := article.Slugify(name)
	if slug == "article" { // what Slugify says when nothing in the name is ASCII
		slug = article.Slugify(strings.ReplaceAll(hostOf(feedURL), ".", " "))
	}
	key := "dir:" + slug
	for i := max(n.next[key], 1); ; i++ {
		c := slug
		if i > 1 {
			c = slug + "-" + strconv.Itoa(i)
		}
		if !n.dirs[c] && n.freeOnDisk(c, feedURL) {
			n.next[key] = i + 1
			return c
		}
	}
}

// freeOnDisk reports a directory that does not exist or was left by a
// subscription to the same feed.
func (n *names) freeOnDisk(dir, feedURL string) bool {
	path := filepath.Join(n.feedsDir, dir)
	if _, err := os.Lstat(path); err != nil {
		return os.IsNotExist(err)
	}
	old := stateURL(path)
	return old != "" && normalizeURL(old) == normalizeURL(feedURL)
}

// newSubscription validates an entry and gives it a unique name and
// directory. An entry with a URL already subscribed is reported as such.
// own says the entry comes from dispatch's own subscriptions file, whose
// directories are kept as they are when valid and unique.
func (n *names) newSubscription(e opmlEntry, own bool) (Subscription, error) {
	u, err := validFeedURL(e.url)
	if err != nil {
		return Subscription{}, err
	}
	if old := n.subscribedAs(u); old != "" {
		return Subscription{}, &duplicateError{url: u, name: old}
	}
	name := truncateRunes(cleanLine(e.name), maxNameRunes)
	if name == "" {
		name = hostOf(u) // never empty: checkURL wants a host
	}
	if e.settingErr != nil {
		return Subscription{}, e.settingErr
	}
	s := Subscription{Name: n.freeName(name), URL: u, FullText: e.fullText, Refresh: e.refresh, Tags: cleanTags(e.tags)}
	if site, ok := safeURL(e.siteURL, nil, false); ok && len(site) <= maxURLBytes {
		s.SiteURL = site
	}
	if own && validDir.MatchString(e.dir) && len(e.dir) <= 80 && !n.dirs[e.dir] {
		s.Dir = e.dir
	} else {
		s.Dir = n.dirFor(e.dir, s.Name, s.URL)
	}
	n.take(s)
	return s, nil
}

// duplicateError is a URL subscribed already.
type duplicateError struct{ url, name string }

func (e *duplicateError) Error() string {
	return fmt.Sprintf("%s is already subscribed as %q", e.url, e.name)
}
