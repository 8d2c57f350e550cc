package feed

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// names tracks the names, folders and addresses of the file's
// subscriptions, as the file has them and as the settings make them, for
// a new subscription to take none of them.
func (f *subsFile) names(feedsDir string) *names {
	n := newNames(feedsDir, f.stored)
	for _, s := range f.subs {
		n.take(s)
	}
	return n
}

// applySettings lays Config.Settings over the file's subscriptions, by
// their address. Settings for a feed not subscribed are passed by here
// (CheckSettings reports them); a name two feeds would share, or a feed
// given settings twice, is an error naming where.
func (m *Manager) applySettings(f *subsFile) error {
	if len(m.cfg.Settings) == 0 {
		return nil
	}
	byURL := make(map[string]int, len(f.stored))
	for i, s := range f.stored {
		byURL[normalizeURL(s.URL)] = i
	}
	given := map[int]string{} // subscription → where its settings were given
	for _, fs := range m.cfg.Settings {
		i, ok := byURL[normalizeURL(fs.URL)]
		if !ok {
			continue
		}
		if at, twice := given[i]; twice {
			return fmt.Errorf("%s: the same feed as %s", fs.Where, at)
		}
		given[i] = fs.Where
		f.subs[i] = fs.apply(f.stored[i])
	}
	taken := make(map[string]int, len(f.subs))
	for i, s := range f.subs {
		key := strings.ToLower(s.Name)
		j, clash := taken[key]
		if !clash {
			taken[key] = i
			continue
		}
		at, ok := given[i]
		if !ok {
			at, i, j = given[j], j, i
		}
		return fmt.Errorf("%s: name %q is the name of the feed at %s already", at, f.subs[i].Name, f.subs[j].URL)
	}
	return nil
}

// CheckSettings reads the subscriptions with Config.Settings applied, and
// says the first mistake: settings for a feed not subscribed, a name two
// feeds would share, a feed given settings twice.
func (m *Manager) CheckSettings() error {
	f, err := m.readSubs()
	if err != nil {
		return err
	}
	urls := make(map[string]bool, len(f.stored))
	for _, s := range f.stored {
		urls[normalizeURL(s.URL)] = true
	}
	for _, fs := range m.cfg.Settings {
		if !urls[normalizeURL(fs.URL)] {
			return fmt.Errorf("%s: no feed at this address in %s (dispatch feeds lists them; feeds add subscribes)", fs.Where, m.cfg.SubscriptionsFile)
		}
	}
	return nil
}

// StoredSubscriptions are the subscriptions as the subscriptions file has
// them, without Config.Settings: where each setting comes from.
func (m *Manager) StoredSubscriptions() ([]Subscription, error) {
	f, err := m.readSubs()
	if err != nil {
		return nil, err
	}
	return f.stored, nil
}

// Configure changes the settings the subscriptions file keeps for the feed
// named nameOrURL (a unique prefix of a name will do): edit gets them —
// the name, full text, refresh and the tags of its category (not those
// of the folders it is in) — and changes them. They are checked as
// CheckName, CheckTags and ParseRefresh check them, the file is replaced
// atomically, and a new name is given to the feed's items at once. It
// returns the subscription as it is now, Config.Settings applied (they
// win over the file).
func (m *Manager) Configure(ctx context.Context, nameOrURL string, edit func(*Settings) error) (Subscription, error) {
	var out Subscription
	err := m.locked(ctx, func() error {
		f, err := m.readSubs()
		if err != nil {
			return err
		}
		i, err := followedSub(f.subs, nameOrURL)
		if err != nil {
			return err
		}
		old := f.stored[i]
		node := f.nodes[i]
		was := Settings{Name: old.Name, FullText: old.FullText, Refresh: old.Refresh, Tags: categoryTags(node)}
		set := was
		set.Tags = append([]string{}, was.Tags...)
		if err := edit(&set); err != nil {
			return err
		}
		if err := m.checkEdit(f, i, was, &set); err != nil {
			return err
		}
		// only what changed is written: the rest of the outline stays as it is
		if set.Name != was.Name {
			node.setAttr("text", set.Name)
			if _, ok := node.attr("title"); ok {
				node.setAttr("title", set.Name)
			}
		}
		if fullTextValue(set.FullText) != fullTextValue(was.FullText) {
			setOrDrop(node, attrFullText, fullTextValue(set.FullText))
		}
		if set.Refresh != was.Refresh {
			setOrDrop(node, attrRefresh, refreshValue(set.Refresh))
		}
		if !slices.Equal(set.Tags, was.Tags) {
			setOrDrop(node, "category", strings.Join(set.Tags, ","))
		}
		if err := m.writeSubs(f); err != nil {
			return err
		}
		again, err := parseSubs(f.raw, m.FeedsDir())
		if err != nil {
			return err
		}
		if err := m.applySettings(again); err != nil {
			return err
		}
		out = again.subs[i]
		return m.relabelFeed(ctx, out)
	})
	if err != nil {
		return Subscription{}, fmt.Errorf("set: %w", err)
	}
	return out, nil
}

// checkEdit checks the settings edit gave subscription i, which had was:
// what it changed (a tag the file gives may hold a space, which a tag
// given by hand may not).
func (m *Manager) checkEdit(f *subsFile, i int, was Settings, set *Settings) error {
	var err error
	if set.Name != was.Name {
		if set.Name, err = CheckName(set.Name); err != nil {
			return err
		}
	}
	if !slices.Equal(set.Tags, was.Tags) {
		if set.Tags, err = CheckTags(set.Tags); err != nil {
			return err
		}
	}
	if set.Refresh != 0 && (set.Refresh < MinRefresh || set.Refresh > MaxRefresh) {
		return fmt.Errorf("refresh %s: want %s to 366d, or 0", set.Refresh, MinRefresh)
	}
	if set.Name == was.Name {
		return nil
	}
	for j := range f.subs {
		if j != i && (strings.EqualFold(f.subs[j].Name, set.Name) || strings.EqualFold(f.stored[j].Name, set.Name)) {
			return fmt.Errorf("a feed named %q exists already (%s); choose another name", f.subs[j].Name, f.subs[j].URL)
		}
	}
	return nil
}

// categoryTags are the tags an outline's category attribute gives, not
// those of its folders.
func categoryTags(n *xmlNode) []string {
	tags := []string{}
	if cat, ok := n.attr("category"); ok {
		for _, c := range strings.Split(cat, ",") {
			if t := strings.Trim(strings.TrimSpace(c), "/"); t != "" {
				tags = append(tags, t)
			}
		}
	}
	return cleanTags(tags)
}

// setOrDrop gives an outline the attribute, or takes it away when value
// is empty.
func setOrDrop(n *xmlNode, key, value string) {
	if value != "" {
		n.setAttr(key, value)
		return
	}
	for i, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, key) {
			n.attrs = append(n.attrs[:i], n.attrs[i+1:]...)
			return
		}
	}
}

// refreshValue is a refresh interval as the subscriptions file writes
// it, "" for none.
func refreshValue(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return FormatRefresh(d)
}

// exportDoc is the subscriptions file as Export writes it: each feed's
// outline with the settings it is fetched with, those the configuration
// gives included, so that importing it elsewhere gives the same feeds.
func (m *Manager) exportDoc(f *subsFile) (*opmlDoc, error) {
	if len(m.cfg.Settings) == 0 {
		return f.doc, nil
	}
	var b bytes.Buffer
	writeOPML(&b, f.doc)
	c, err := parseSubs(b.Bytes(), m.FeedsDir()) // a copy, to change
	if err != nil {
		return nil, err
	}
	for i, s := range f.subs {
		st, node := c.stored[i], c.nodes[i]
		if s.Name == st.Name && fullTextValue(s.FullText) == fullTextValue(st.FullText) && s.Refresh == st.Refresh && slices.Equal(s.Tags, st.Tags) {
			continue // no settings from outside: the outline as it is
		}
		if s.Name != st.Name {
			node.setAttr("text", s.Name)
			if _, ok := node.attr("title"); ok {
				node.setAttr("title", s.Name)
			}
		}
		setOrDrop(node, attrFullText, fullTextValue(s.FullText))
		setOrDrop(node, attrRefresh, refreshValue(s.Refresh))
		if !slices.Equal(s.Tags, st.Tags) {
			setOrDrop(node, "category", strings.Join(s.Tags, ","))
		}
	}
	return c.doc, nil
}

// SameFeed reports two addresses of the same feed, as subscriptions and
// settings compare them: scheme and host in any case, default port and
// fragment aside.
func SameFeed(a, b string) bool { return normalizeURL(a) == normalizeURL(b) }
