package feed

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
)

// stateFile is the name of a feed's fetch state, kept beside its items. It is
// hidden, and not markdown, so the article loader passes it by.
const stateFile = ".fetch.json"

// stateVersion is the version of the fetch-state format. The state is a
// cache: a file of another version, or a damaged one, is started afresh
// (items are found again by their file names, see items.go).
const stateVersion = 1

// maxStateBytes bounds a fetch-state file; 10,000 items take about 1.5 MB.
const maxStateBytes = 32 << 20

// fetchState is what dispatch remembers about one feed between fetches.
type fetchState struct {
	Version int `json:"version"`
	// URL is the feed URL the validators below belong to; when the
	// subscription points elsewhere they are not sent.
	URL string `json:"url"`
	// Name is the subscription's name at the last fetch, by which the
	// items can be purged once it is removed.
	Name         string `json:"name,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	// LastFetched is the last time the server answered (200 or 304).
	LastFetched time.Time `json:"lastFetched,omitzero"`
	LastError   string    `json:"lastError,omitempty"`
	LastErrorAt time.Time `json:"lastErrorAt,omitzero"`
	// RetryAfter is when the server allowed us back (429 or 503 with
	// Retry-After); until then the feed is skipped.
	RetryAfter time.Time `json:"retryAfter,omitzero"`
	// MovedTo is the target of the last permanent redirect, which the
	// subscription has been updated to.
	MovedTo string `json:"movedTo,omitempty"`
	// FullText is the feed's full-text setting its items were last
	// written with: "true", "false", "" for unset (or before it was kept).
	FullText string `json:"fullText,omitempty"`
	// ItemCount is the number of items in the feed's last document.
	ItemCount int `json:"itemCount"`
	// Items are the items ever written, by item key.
	Items map[string]itemState `json:"items,omitempty"`
}

// itemState is what is remembered about one written item.
type itemState struct {
	File string `json:"file"`
	// Source is a hash of what the feed said about the item; the same hash
	// next time means the item is unchanged and its file is left alone.
	Source string `json:"source"`
	// FullText records that the linked page was fetched ("ok" or
	// "failed"), so it is never fetched again; Pending, that full text is
	// wanted but was left for a later fetch (see maxFullTextPerFeed).
	FullText string `json:"fullText,omitempty"`
	Pending  bool   `json:"pending,omitempty"`
	// Seen is when the item's file was first written, for the archive
	// policy (archive.go); zero in states written before it was kept.
	Seen time.Time `json:"seen,omitzero"`
}

const (
	fullTextOK     = "ok"
	fullTextFailed = "failed"
)

// readState reads the fetch state of the feed directory dir. A missing,
// damaged or foreign file gives an empty state: it is only a cache.
func readState(dir string) *fetchState {
	empty := &fetchState{Version: stateVersion, Items: map[string]itemState{}}
	// opened without blocking and only if regular: a named pipe in its
	// place would hang `feeds`, `fetch` and the reader's R
	data, err := safefile.ReadFile(filepath.Join(dir, stateFile), maxStateBytes)
	if err != nil {
		return empty
	}
	var st fetchState
	if json.Unmarshal(data, &st) != nil || st.Version != stateVersion {
		return empty
	}
	if st.Items == nil {
		st.Items = map[string]itemState{}
	}
	for k, it := range st.Items { // file names come back from disk: check them
		if !validItemFile(it.File) {
			delete(st.Items, k)
		}
	}
	return &st
}

// clampRetryAfter bounds a Retry-After deadline read back as parsing bounds
// one from a server: at most maxRetryAfter from now. A later one was written
// while the clock was wrong, or edited; obeyed as is, it would skip the feed
// for years. It reports a change, which the caller saves: a bound that
// moved with the clock would never be reached.
func (st *fetchState) clampRetryAfter(now time.Time) bool {
	if limit := now.Add(maxRetryAfter); st.RetryAfter.After(limit) {
		st.RetryAfter = limit
		return true
	}
	return false
}

// validItemFile reports a plain file name this package could have written.
func validItemFile(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".md")
}

// writeState saves st in dir atomically.
func writeState(dir string, st *fetchState) error {
	st.Version = stateVersion
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("encode fetch state: %w", err)
	}
	return diskio.WriteFile(filepath.Join(dir, stateFile), append(data, '\n'), 0o644)
}

// stateURL reads only the URL a directory's fetch state belongs to, for
// finding the directory of a feed subscribed before; "" if none.
func stateURL(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, stateFile)); errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	return readState(dir).URL
}
