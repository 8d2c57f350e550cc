package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/feed"
)

// The on-new command: run after a fetch that brought new items, as
// newsboat's notify-program is, to tell the desktop (notify-send) or
// anything else. It is a program and its arguments, never a shell line;
// it gets a JSON summary of what arrived on its standard input
// (newSummary, documented in the README); its output is discarded but
// for the first line of its standard error, which a failure quotes; it
// has hookTimeout to finish and is stopped after that.

// hookTimeout is how long the on-new command may run.
const hookTimeout = 30 * time.Second

// hookStderrBytes bounds what is kept of the command's standard error.
const hookStderrBytes = 4 << 10

// newSummary is what the on-new command reads on its standard input.
type newSummary struct {
	Feeds []newFeed `json:"feeds"` // the feeds that brought new items
	Items []newItem `json:"items"` // the new items, feed by feed
}

// newFeed is a feed that brought new items.
type newFeed struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	New  int    `json:"new"`
}

// newItem is an item a fetch brought.
type newItem struct {
	// ID is the item's file under the feeds folder ("lakeside/2025-11-23-
	// cafe-meeting-3f2a1b.md"): it stays the item's as long as it is kept.
	ID string `json:"id"`
	// Number is the article's number, which dispatch read NUMBER and the
	// reader show, given now and kept for good; 0 when numbers are not
	// kept (no home for dispatch's data).
	Number    int    `json:"number,omitempty"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Feed      string `json:"feed"`                // the feed's name
	Published string `json:"published,omitempty"` // YYYY-MM-DD, when the feed says
}

// summarise is what a fetch into the feeds folder dir brought: the feeds
// with new items, and the items, numbered by the identity journal as the
// library will number them. ok is false when it brought none.
func summarise(dir, journal string, results []feed.Result) (s newSummary, ok bool) {
	want := map[string]bool{}
	for _, r := range results {
		if r.New > 0 && r.Err == nil {
			s.Feeds = append(s.Feeds, newFeed{Name: r.Name, URL: r.URL, New: r.New})
		}
		for _, p := range r.NewFiles {
			want[p] = true
		}
	}
	if len(s.Feeds) == 0 {
		return s, false
	}
	l := article.List([]article.Source{{FS: safefile.DirFS(dir), Label: ""}})
	ld := l.NewLoader()
	var paths, titles []string
	for i := range l.Len() {
		name := l.File(i).Name
		if !want[name] {
			continue
		}
		a, _, ok := ld.Load(i)
		if !ok {
			continue
		}
		it := newItem{ID: name, Title: a.Title, URL: a.URL, Feed: a.Source}
		if !a.Published.IsZero() {
			it.Published = a.Published.Format(time.DateOnly)
		}
		s.Items = append(s.Items, it)
		paths, titles = append(paths, name), append(titles, a.Title)
	}
	// a journal that cannot be kept leaves the items unnumbered: the
	// library says why when it loads
	numbers, _ := store.NumberFeedItems(journal, paths, titles)
	for i := range s.Items {
		s.Items[i].Number = numbers[i]
	}
	return s, true
}

// runOnNew runs the on-new command argv with the summary on its standard
// input, and waits for it, at most hookTimeout (or until ctx ends). Its
// error says what went wrong on one line, naming the command.
func runOnNew(ctx context.Context, argv []string, s newSummary) error {
	if len(argv) == 0 {
		return nil
	}
	input, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("on-new: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, hookTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(input)
	cmd.Stdout = io.Discard
	stderr := &boundedBuffer{max: hookStderrBytes}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second // a child it left holding its output does not hold dispatch
	err = cmd.Run()
	name := termout.Name(argv[0])
	switch {
	case err == nil:
		return nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("on-new: %s still ran after %s and was stopped", name, hookTimeout)
	}
	msg := fmt.Sprintf("on-new: %s: %v", name, err)
	if line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); line != "" {
		msg += ": " + termout.Name(termout.OneLine(line))
	}
	return errors.New(msg)
}

// boundedBuffer keeps the first max bytes written to it and drops the
// rest, so a command that writes without end costs nothing.
type boundedBuffer struct {
	bytes.Buffer
	max int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// fetchResultJSON is a feed's result in fetch --json: the feed's counts
// (see feed.Result), and the new items it brought, with their numbers.
type fetchResultJSON struct {
	feed.Result
	Items []newItem
}

// MarshalJSON is the result's own JSON with "items" added.
func (r fetchResultJSON) MarshalJSON() ([]byte, error) {
	head, err := json.Marshal(r.Result)
	if err != nil {
		return nil, err
	}
	items, err := json.Marshal(r.Items)
	if err != nil {
		return nil, err
	}
	out := append(head[:len(head)-1:len(head)-1], `,"items":`...)
	return append(append(out, items...), '}'), nil
}

// fetchJSON is fetch --json's array: a result per feed, each with the
// items of brought that came from it.
func fetchJSON(results []feed.Result, brought newSummary) []fetchResultJSON {
	out := make([]fetchResultJSON, len(results))
	byPath := map[string]newItem{}
	for _, it := range brought.Items {
		byPath[it.ID] = it
	}
	for i, r := range results {
		out[i] = fetchResultJSON{Result: r, Items: []newItem{}}
		for _, p := range r.NewFiles {
			if it, ok := byPath[p]; ok {
				out[i].Items = append(out[i].Items, it)
			}
		}
	}
	return out
}
