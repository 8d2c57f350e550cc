package feed

import (
	"bytes"
	"context"
	"dispatch/internal/diskio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Status is a subscription with what the last fetches left behind, or an
// outline of the subscriptions file that cannot be one (Problem says why).
type Status struct {
	Subscription
	// LastFetched is when the server last answered (zero: never).
	LastFetched time.Time `json:"lastFetched,omitzero"`
	// LastTried is when the feed was last fetched or tried (zero: never).
	LastTried time.Time `json:"lastTried,omitzero"`
	// LastError is the last fetch's error, "" if it succeeded.
	LastError string `json:"lastError,omitempty"`
	// RetryAfter is when the server allows the next fetch, if it said.
	RetryAfter time.Time `json:"retryAfter,omitzero"`
	// Items is the number of items stored for the feed.
	Items int `json:"items"`
	// Problem, if not empty, says why this outline of the subscriptions
	// file is not a subscription (an address that is not one, a feed
	// listed twice): it is kept in the file as it is and never fetched.
	// Only Name and URL (as the file gives it) are set then.
	Problem string `json:"problem,omitempty"`
}

// MarshalJSON encodes a subscription's status whole, and an outline that is
// not a subscription as its name, address and problem only.
func (s Status) MarshalJSON() ([]byte, error) {
	if s.Problem != "" {
		return json.Marshal(struct {
			Name    string `json:"name"`
			URL     string `json:"url"`
			Problem string `json:"problem"`
		}{s.Name, s.URL, s.Problem})
	}
	type plain Status // without this method
	out := struct {
		plain
		Refresh string `json:"refresh,omitempty"`
	}{plain: plain(s)}
	if s.Refresh > 0 {
		out.Refresh = FormatRefresh(s.Refresh)
	}
	return json.Marshal(out)
}

// ImportResult says what an import did.
type ImportResult struct {
	// Added are the new subscriptions.
	Added []Subscription
	// Duplicates counts feeds already subscribed, or listed twice.
	Duplicates int
	// Invalid describes the first few outlines that could not be
	// subscribed ("NAME: reason"); InvalidCount counts them all.
	Invalid      []string
	InvalidCount int
	// TooMany counts the feeds not subscribed because dispatch follows at
	// most MaxSubscriptions.
	TooMany int
}

// MaxSubscriptions is the most feeds dispatch follows: a subscriptions
// file past it keeps the others, listed as such, and an import stops there.
const MaxSubscriptions = 10_000

// Subscriptions reads the subscriptions file; a missing file is no
// subscriptions, a damaged one an error.
func (m *Manager) Subscriptions() ([]Subscription, error) {
	f, err := m.readSubs()
	if err != nil {
		return nil, err
	}
	return f.subs, nil
}

// List is the subscriptions with their fetch status, and the outlines of
// the subscriptions file that cannot be subscriptions, with why, in the
// file's order: for `dispatch feeds`.
func (m *Manager) List() ([]Status, error) {
	f, err := m.readSubs()
	if err != nil {
		return nil, err
	}
	out := make([]Status, len(f.listed))
	now := m.cfg.Now()
	for i, l := range f.listed {
		if l.sub < 0 {
			out[i] = Status{Subscription: Subscription{Name: l.name, URL: l.url}, Problem: l.problem}
			continue
		}
		s := f.subs[l.sub]
		st := readState(m.dirOf(s))
		st.clampRetryAfter(now) // as the next fetch will read it
		tried := st.LastFetched
		if st.LastErrorAt.After(tried) {
			tried = st.LastErrorAt
		}
		out[i] = Status{Subscription: s, LastFetched: st.LastFetched, LastTried: tried, LastError: st.LastError, RetryAfter: st.RetryAfter, Items: len(st.Items)}
	}
	return out, nil
}

// Export writes the subscriptions file as OPML 2.0, as dispatch would
// write it, with the settings Config.Settings gives: importing it gives
// the subscriptions back, settings included.
func (m *Manager) Export(w io.Writer) error {
	f, err := m.readSubs()
	if err != nil {
		return err
	}
	doc, err := m.exportDoc(f)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	writeOPML(&b, doc)
	_, err = w.Write(b.Bytes())
	return err
}

// Import subscribes to the feeds of an OPML document (another reader's
// export, say), flattening its folders into tags and keeping the other
// attributes of its outlines. Feeds already subscribed are skipped;
// nothing is fetched. A document that is not OPML, or lists no feed, is an
// error and changes nothing.
func (m *Manager) Import(ctx context.Context, r io.Reader) (ImportResult, error) {
	var res ImportResult
	doc, err := readOPML(r)
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	entries := doc.entries()
	if len(entries) == 0 {
		return res, errors.New("import: no feeds in the file (no <outline> with an xmlUrl)")
	}
	err = m.locked(ctx, func() error {
		f, err := m.readSubs()
		if err != nil {
			return err
		}
		n := f.names(m.FeedsDir())
		for _, e := range entries {
			if len(f.subs) >= MaxSubscriptions {
				res.TooMany++
				continue
			}
			s, err := n.newSubscription(e, false)
			var dup *duplicateError
			switch {
			case errors.As(err, &dup):
				res.Duplicates++
			case err != nil:
				res.InvalidCount++
				if len(res.Invalid) < maxOPMLErrors {
					res.Invalid = append(res.Invalid, cleanLine(e.name+": "+err.Error()))
				}
			default:
				res.Added = append(res.Added, s)
				f.add(s, e.node)
			}
		}
		if len(res.Added) == 0 {
			return nil
		}
		return m.writeSubs(f)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// Remove unsubscribes from the feed with the given name (any case) or URL.
// Its items stay, as the user's archive, unless purge is set.
func (m *Manager) Remove(ctx context.Context, nameOrURL string, purge bool) (Subscription, error) {
	var removed Subscription
	err := m.locked(ctx, func() error {
		f, err := m.readSubs()
		if err != nil {
			return err
		}
		i, err := followedSub(f.subs, nameOrURL)
		if err != nil {
			return err
		}
		removed = f.subs[i]
		f.remove(i)
		if err := m.writeSubs(f); err != nil {
			return err
		}
		if purge && validDir.MatchString(removed.Dir) {
			done, err := m.recordFolder(removed.Dir)
			if err != nil {
				return fmt.Errorf("delete the items of %s: %w", removed.Name, err)
			}
			defer done()
			if err := os.RemoveAll(m.dirOf(removed)); err != nil {
				return fmt.Errorf("delete the items of %s: %w", removed.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return Subscription{}, fmt.Errorf("remove: %w", err)
	}
	return removed, nil
}

// locked runs fn holding the lock that serialises writers across
// processes, after removing temporary files a killed writer left behind.
func (m *Manager) locked(ctx context.Context, fn func() error) error {
	if err := os.MkdirAll(m.FeedsDir(), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", m.FeedsDir(), err)
	}
	unlock, err := lockFile(ctx, m.lockPath(), m.cfg.LockWait)
	if err != nil {
		return err
	}
	defer unlock()
	diskio.RemoveTemps(m.cfg.SubscriptionsFile)
	return fn()
}
