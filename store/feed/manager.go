package feed

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"time"
)

// ErrBusy is returned (wrapped) when another dispatch holds the feeds lock
// for longer than Config.LockWait.
var ErrBusy = errors.New("another dispatch is fetching feeds; try again when it is done")

// Config says where a Manager keeps its files and how it talks to servers.
// Zero durations and sizes take the defaults named on each field.
type Config struct {
	// SubscriptionsFile is the OPML file of subscriptions, normally
	// $XDG_CONFIG_HOME/dispatch/feeds.opml. Required.
	SubscriptionsFile string
	// DataDir is dispatch's data directory, normally
	// $XDG_DATA_HOME/dispatch; items go under DataDir/feeds. Required.
	DataDir string
	// Version is dispatch's version, sent in the User-Agent.
	Version string

	// ConnectTimeout bounds connecting (and the TLS handshake): 10 s.
	ConnectTimeout time.Duration
	// RequestTimeout bounds a whole request, body included: 30 s.
	RequestTimeout time.Duration
	// MaxFeedBytes caps a feed document after decompression: 10 MiB.
	MaxFeedBytes int64
	// MaxPageBytes caps a web page fetched for full text: 5 MiB.
	MaxPageBytes int64
	// FeedTimeout bounds the time one feed's document takes, from its
	// request to its items written: 2 minutes.
	FeedTimeout time.Duration
	// PagesTimeout bounds the time the pages of one feed's items take
	// (full text), after its items are written: 2 minutes. Those not
	// fetched by then wait for the next fetch.
	PagesTimeout time.Duration
	// FetchTimeout bounds a whole Fetch, or Add: 15 minutes.
	FetchTimeout time.Duration
	// LockWait is how long to wait for another dispatch's fetch: 5 s.
	LockWait time.Duration
	// MaxFullTextPerFeed caps page fetches for full text per feed per
	// fetch: 25. Negative: never fetch pages.
	MaxFullTextPerFeed int
	// MaxItemsPerFetch caps the items stored from one feed document: the
	// newest 500 by date (see archive.go); the Result counts the others.
	MaxItemsPerFetch int
	// KeepItems caps a feed's archive: of the items the feed no longer
	// lists, the oldest are deleted beyond this many item files in all:
	// 2,000. The items it lists are always kept. Negative: no cap.
	KeepItems int
	// KeepAge deletes the items a feed no longer lists once they are
	// older than this (by their date, or when they were first written if
	// that is earlier). Zero: whatever their age.
	KeepAge time.Duration
	// Keep, if not nil, reports an item the archive policy must never
	// delete, a bookmarked one, by its file's path below FeedsDir with
	// slashes ("<feed dir>/<file>.md"). It is called from the fetching
	// goroutines, several at once.
	Keep func(path string) bool
	// Settings are feeds' settings from outside the subscriptions file
	// (the configuration's feeds:), by address: they win over the file's,
	// for every command, and Export writes them.
	Settings []FeedSettings
	// Proxy chooses a proxy per request; nil: http.ProxyFromEnvironment.
	// Tests set NoProxy so nothing leaves the machine.
	Proxy func(*http.Request) (*url.URL, error)
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

// NoProxy is a Config.Proxy that never uses one.
func NoProxy(*http.Request) (*url.URL, error) { return nil, nil }

// Defaults for Config's zero values.
const (
	DefaultConnectTimeout     = 10 * time.Second
	DefaultRequestTimeout     = 30 * time.Second
	DefaultMaxFeedBytes       = 10 << 20
	DefaultMaxPageBytes       = 5 << 20
	DefaultFeedTimeout        = 2 * time.Minute
	DefaultPagesTimeout       = 2 * time.Minute
	DefaultFetchTimeout       = 15 * time.Minute
	DefaultLockWait           = 5 * time.Second
	DefaultMaxFullTextPerFeed = 25
	DefaultMaxItemsPerFetch   = 500
	DefaultKeepItems          = 2000
)

// Manager subscribes to feeds and fetches them into markdown files. It is
// safe for concurrent use; across processes a lock file serialises the
// operations that write.
type Manager struct {
	cfg   Config
	http  *fetcher
	hosts *hostLimiter
	// beforeStore, if set, runs before a fetched feed's items are stored;
	// tests use it to make a feed panic.
	beforeStore func(Subscription)
}

// New returns a Manager for cfg, with defaults filled in. It touches no
// file: directories are created when something is written.
func New(cfg Config) (*Manager, error) {
	if cfg.SubscriptionsFile == "" {
		return nil, errors.New("feeds: no subscriptions file given")
	}
	if cfg.DataDir == "" {
		return nil, errors.New("feeds: no data directory given")
	}
	var err error
	if cfg.SubscriptionsFile, err = filepath.Abs(cfg.SubscriptionsFile); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	if cfg.DataDir, err = filepath.Abs(cfg.DataDir); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	setDefault(&cfg.ConnectTimeout, DefaultConnectTimeout)
	setDefault(&cfg.RequestTimeout, DefaultRequestTimeout)
	setDefault(&cfg.MaxFeedBytes, DefaultMaxFeedBytes)
	setDefault(&cfg.MaxPageBytes, DefaultMaxPageBytes)
	setDefault(&cfg.FeedTimeout, DefaultFeedTimeout)
	setDefault(&cfg.PagesTimeout, DefaultPagesTimeout)
	setDefault(&cfg.FetchTimeout, DefaultFetchTimeout)
	setDefault(&cfg.LockWait, DefaultLockWait)
	setDefault(&cfg.MaxFullTextPerFeed, DefaultMaxFullTextPerFeed)
	setDefault(&cfg.MaxItemsPerFetch, DefaultMaxItemsPerFetch)
	setDefault(&cfg.KeepItems, DefaultKeepItems)
	if cfg.Proxy == nil {
		cfg.Proxy = http.ProxyFromEnvironment
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Manager{cfg: cfg, http: newFetcher(cfg), hosts: newHostLimiter()}, nil
}

func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// FeedsDir is the directory holding one subdirectory of items per feed. The
// reader loads it like a --dir folder: items are .md files with front
// matter, and the fetch state and lock are hidden files it passes by.
func (m *Manager) FeedsDir() string { return filepath.Join(m.cfg.DataDir, "feeds") }

// dirOf is the item directory of a subscription.
func (m *Manager) dirOf(s Subscription) string { return filepath.Join(m.FeedsDir(), s.Dir) }

// lockPath is the lock file serialising fetches and subscription changes
// between processes.
func (m *Manager) lockPath() string { return filepath.Join(m.FeedsDir(), ".lock") }

// Close releases idle network connections.
func (m *Manager) Close() { m.http.client.CloseIdleConnections() }
