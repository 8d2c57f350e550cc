package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dispatch/internal/safefile"
)

// Status is a subscription with what the last fetches left behind.
type Status struct {
	Subscription
	// LastFetched is when the server last answered (zero: never).
	LastFetched time.Time `json:"lastFetched,omitzero"`
	// LastError is the last fetch's error, "" if it succeeded.
	LastError string `json:"lastError,omitempty"`
	// RetryAfter is when the server allows the next fetch, if it said.
	RetryAfter time.Time `json:"retryAfter,omitzero"`
	// Items is the number of items stored for the feed.
	Items int `json:"items"`
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
}

// Subscriptions reads the subscriptions file; a missing file is no
// subscriptions, a damaged one an error.
func (m *Manager) Subscriptions() ([]Subscription, error) {
	subs, _, err := m.readSubs()
	return subs, err
}

// List is the subscriptions with their fetch status, for `dispatch feeds`.
func (m *Manager) List() ([]Status, error) {
	subs, _, err := m.readSubs()
	if err != nil {
		return nil, err
	}
	out := make([]Status, len(subs))
	now := m.cfg.Now()
	for i, s := range subs {
		st := readState(m.dirOf(s))
		st.clampRetryAfter(now) // as the next fetch will read it
		out[i] = Status{Subscription: s, LastFetched: st.LastFetched, LastError: st.LastError, RetryAfter: st.RetryAfter, Items: len(st.Items)}
	}
	return out, nil
}

// Export writes the subscriptions as OPML 2.0; importing it gives them back.
func (m *Manager) Export(w io.Writer) error {
	subs, _, err := m.readSubs()
	if err != nil {
		return err
	}
	return writeOPML(w, subs)
}

// Import subscribes to the feeds of an OPML document (another reader's
// export, say). Feeds already subscribed are skipped; nothing is fetched.
// A document that is not OPML, or lists no feed, is an error and changes
// nothing.
func (m *Manager) Import(ctx context.Context, r io.Reader) (ImportResult, error) {
	var res ImportResult
	entries, err := readOPML(r)
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	if len(entries) == 0 {
		return res, errors.New("import: no feeds in the file (no <outline> with an xmlUrl)")
	}
	err = m.locked(ctx, func() error {
		subs, _, err := m.readSubs()
		if err != nil {
			return err
		}
		n := newNames(m.FeedsDir(), subs)
		for _, e := range entries {
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
				subs = append(subs, s)
			}
		}
		if len(res.Added) == 0 {
			return nil
		}
		return m.writeSubs(subs)
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
		subs, _, err := m.readSubs()
		if err != nil {
			return err
		}
		i := findSub(subs, nameOrURL)
		if i < 0 {
			return fmt.Errorf("no feed named %q", cleanLine(nameOrURL))
		}
		removed = subs[i]
		if err := m.writeSubs(append(subs[:i:i], subs[i+1:]...)); err != nil {
			return err
		}
		if purge && validDir.MatchString(removed.Dir) {
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

// findSub is the index of the subscription named (any case) or at url, or -1.
func findSub(subs []Subscription, nameOrURL string) int {
	want := strings.TrimSpace(nameOrURL)
	for i, s := range subs {
		if strings.EqualFold(s.Name, want) {
			return i
		}
	}
	norm := normalizeURL(want)
	for i, s := range subs {
		if normalizeURL(s.URL) == norm {
			return i
		}
	}
	return -1
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
	base := filepath.Base(m.cfg.SubscriptionsFile)
	removeTemps(filepath.Dir(m.cfg.SubscriptionsFile), func(name string) bool { return isTempOf(name, base) })
	return fn()
}

// readSubs reads the subscriptions file. Entries are checked as an import
// would check them; changed reports that the file needs writing again (an
// entry without a directory, a duplicate, an invalid URL dropped).
func (m *Manager) readSubs() (subs []Subscription, changed bool, err error) {
	// opened without blocking and only if regular: a named pipe in its
	// place would hang every command
	data, err := safefile.ReadFile(m.cfg.SubscriptionsFile, maxOPMLBytes+1)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("subscriptions file %s: %w", m.cfg.SubscriptionsFile, err)
	}
	entries, err := readOPML(bytes.NewReader(data))
	if err != nil {
		return nil, false, fmt.Errorf("subscriptions file %s: %w", m.cfg.SubscriptionsFile, err)
	}
	n := newNames(m.FeedsDir(), nil)
	for _, e := range entries {
		s, err := n.newSubscription(e, true)
		if err != nil {
			changed = true
			continue
		}
		if s.Dir != e.dir || s.Name != e.name {
			changed = true
		}
		subs = append(subs, s)
	}
	return subs, changed, nil
}

// writeSubs replaces the subscriptions file atomically.
func (m *Manager) writeSubs(subs []Subscription) error {
	var b bytes.Buffer
	if err := writeOPML(&b, subs); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.cfg.SubscriptionsFile), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(m.cfg.SubscriptionsFile), err)
	}
	return writeFileAtomic(m.cfg.SubscriptionsFile, b.Bytes())
}
