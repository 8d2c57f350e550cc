package feed

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"dispatch/internal/diskio"
	"dispatch/internal/recovered"
)

// Add subscribes to the feed at rawURL (see AddWith), called name (default:
// the feed's title), with every item's article from its page if fullText.
func (m *Manager) Add(ctx context.Context, rawURL, name string, fullText bool) (Subscription, Result, error) {
	set := Settings{Name: name}
	if fullText {
		set.FullText = &fullText
	}
	return m.AddWith(ctx, rawURL, set)
}

// AddWith subscribes to the feed at rawURL, or to the feed a web page
// there advertises (autodiscovery), with the settings given (checked as
// CheckName, CheckTags and ParseRefresh check them; the name defaults to
// the feed's title). It fetches the feed once, to be sure it is one and
// to learn its title, and stores its items. Nothing is added when it
// fails, and the error says why in one line. The Result is that first
// fetch's: if storing the items failed, the feed stays subscribed (it is
// one) and Result.Err says why. Settings the configuration gives the feed
// (Config.Settings) win over these, from the start.
func (m *Manager) AddWith(ctx context.Context, rawURL string, set Settings) (Subscription, Result, error) {
	name := set.Name
	ctx, cancel := withDeadline(ctx, "adding the feed", m.cfg.FetchTimeout)
	defer cancel()
	fail := func(err error) (Subscription, Result, error) {
		return Subscription{}, Result{}, errors.New(cleanLine(fmt.Sprintf("add %s: %s", rawURL, err)))
	}
	u, err := validFeedURL(rawURL)
	if err != nil {
		return fail(err)
	}
	if set.Tags, err = CheckTags(set.Tags); err != nil {
		return fail(err)
	}
	if set.Refresh != 0 && (set.Refresh < MinRefresh || set.Refresh > MaxRefresh) {
		return fail(fmt.Errorf("refresh %s: want %s to 366d, or 0", set.Refresh, MinRefresh))
	}
	name = truncateRunes(cleanLine(name), maxNameRunes)
	f, err := m.readSubs()
	if err != nil {
		return fail(err)
	}
	if len(f.subs) >= MaxSubscriptions {
		return fail(fmt.Errorf("dispatch follows at most %d feeds; remove one first", MaxSubscriptions))
	}
	n := f.names(m.FeedsDir())
	if old := n.subscribedAs(u); old != "" {
		return fail(fmt.Errorf("already subscribed as %q", old))
	}
	if name != "" && n.nameTaken(name) {
		return fail(fmt.Errorf("a feed named %q exists already; choose another name", name))
	}
	d, err := m.discoverGuarded(ctx, u)
	if err != nil {
		return fail(err)
	}
	explicit := name != ""
	if !explicit {
		name = truncateRunes(htmlText(d.feed.Title), maxNameRunes) // made unique below
	}
	var (
		sub Subscription
		res Result
		job *pageJob
	)
	err = m.locked(ctx, func() error {
		f, err := m.readSubs() // again: another dispatch may have changed them
		if err != nil {
			return err
		}
		n := f.names(m.FeedsDir())
		if explicit && n.nameTaken(name) {
			return fmt.Errorf("a feed named %q exists already; choose another name", name)
		}
		site := d.feed.Link
		if s, ok := safeURL(d.feed.Link, d.resp.finalURL, false); ok {
			site = s
		}
		sub, err = n.newSubscription(opmlEntry{name: name, url: d.url, siteURL: site, fullText: set.FullText, refresh: set.Refresh, tags: set.Tags}, false)
		if err != nil {
			var dup *duplicateError
			if errors.As(err, &dup) {
				return fmt.Errorf("already subscribed as %q", dup.name)
			}
			return err
		}
		f.add(sub, nil)
		if err := m.applySettings(f); err != nil {
			return err
		}
		if err := m.writeSubs(f); err != nil {
			return err
		}
		sub = f.subs[len(f.subs)-1] // as the configuration has it
		res, job = m.storeFirst(ctx, sub, d)
		return nil
	})
	if err != nil {
		return fail(err)
	}
	if job != nil { // the items are saved: their pages, without the lock
		results := []Result{res}
		m.fetchPages(ctx, []*pageJob{job}, results, nil)
		res = results[0]
	}
	return sub, res, nil
}

// discoverGuarded is discover, turning a panic in the parsers into an
// error.
func (m *Manager) discoverGuarded(ctx context.Context, u string) (d *discovered, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, recovered.Error(p)
		}
	}()
	return m.discover(ctx, u)
}

// storeFirst stores the items of the document Add fetched, as a fetch
// would have, and returns the pages its items want.
func (m *Manager) storeFirst(ctx context.Context, sub Subscription, d *discovered) (res Result, job *pageJob) {
	defer func() {
		if p := recover(); p != nil {
			res, job = Result{Name: sub.Name, URL: sub.URL, Err: &fetchError{name: sub.Name, err: recovered.Error(p)}}, nil
		}
	}()
	fail := func(err error) (Result, *pageJob) {
		return Result{Name: sub.Name, URL: sub.URL, Err: &fetchError{name: sub.Name, err: err}}, nil
	}
	dir := m.dirOf(sub)
	st := readState(dir)
	st.URL, st.Name = sub.URL, sub.Name
	resp := *d.resp
	resp.movedTo = "" // the subscription has the final URL already
	if resp.finalURL == nil {
		resp.finalURL, _ = url.Parse(sub.URL)
	}
	if err := ensureDir(dir); err != nil {
		return fail(err)
	}
	unlock, err := m.lockFeed(ctx, dir)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	diskio.RemoveTempsIn(dir) // the directory may be one a removed subscription left
	return m.storeFeed(ctx, sub, dir, st, &resp, d.feed)
}
