package ui

import (
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// With a refresh interval the reader fetches on its own, as R does, and
// never starts a fetch while one is under way.
func TestRefreshFetchesOnItsOwn(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	var running, overlapped atomic.Int32
	fetched := make(chan struct{}, 16)
	release := make(chan struct{})
	opts.Refresh = time.Millisecond // a tick per millisecond: many while a fetch waits
	opts.Feeds.Fetch = func(names []string, _ func(done, total int)) FetchResult {
		if running.Add(1) > 1 {
			overlapped.Add(1)
		}
		fetched <- struct{}{}
		<-release // held until the test lets it end
		running.Add(-1)
		return FetchResult{Summary: "fetched 1 feed: nothing new"}
	}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(80, 24))
	// guards only: a broken refresh would otherwise wait for the test's
	// own timeout
	waitFetch := func(what string) {
		select {
		case <-fetched:
		case <-time.After(10 * time.Second):
			t.Fatalf("no %s fetch came", what)
		}
	}
	waitFetch("first") // with no key pressed
	release <- struct{}{}
	waitFetch("second") // after it, on a later tick
	close(release)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if n := overlapped.Load(); n > 0 {
		t.Errorf("%d fetches started while another was under way", n)
	}
}

// FetchAtStart fetches once the library is there, without a key.
func TestFetchAtStart(t *testing.T) {
	opts := testOptions(nil, memoryState(t))
	opts.FetchAtStart = true
	fetched := make(chan []string, 4)
	opts.Feeds.Fetch = func(names []string, _ func(done, total int)) FetchResult {
		fetched <- names
		return FetchResult{Summary: "fetched"}
	}
	d := newDriverFor(t, 80, 24, opts)
	select {
	case <-fetched:
		t.Fatal("fetched before the library came")
	default:
	}
	d.send(loadedMsg(t))
	select {
	case names := <-fetched:
		if names != nil {
			t.Errorf("fetched %v, want every feed", names)
		}
	default:
		t.Fatal("the library came and nothing was fetched")
	}
	d.send(loadedMsg(t)) // another library (a fetch's) starts nothing again
	select {
	case <-fetched:
		t.Error("fetched again when another library came")
	default:
	}
}

// A refresh of its own (Feeds.Refresh: the feeds with intervals of their
// own, when due) is what the ticks fetch, not every feed as R does.
func TestRefreshOfItsOwn(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.Refresh = time.Millisecond
	refreshed, fetched := make(chan struct{}, 16), make(chan []string, 16)
	opts.Feeds.Fetch = func(names []string, _ func(done, total int)) FetchResult {
		fetched <- names
		return FetchResult{Summary: "fetched every feed"}
	}
	opts.Feeds.Refresh = func(func(done, total int)) FetchResult {
		refreshed <- struct{}{}
		return FetchResult{Summary: "fetched the feeds due"}
	}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(80, 24))
	for i := range 3 {
		select {
		case <-refreshed:
		case <-time.After(10 * time.Second):
			t.Fatalf("tick %d did not fetch the feeds due", i+1)
		}
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if len(fetched) != 0 {
		t.Errorf("%d ticks fetched every feed, as R does", len(fetched))
	}
}
