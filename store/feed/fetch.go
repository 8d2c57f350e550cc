package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dispatch/internal/recovered"
)

// Result is what fetching one feed did.
type Result struct {
	// Name and URL are the subscription's (URL before any redirect).
	Name string `json:"name"`
	URL  string `json:"url"`
	// New, Updated and Unchanged count the feed's items: files written
	// for the first time, files rewritten because the item changed, and
	// files left alone.
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Dropped counts the items of the document past the newest
	// Config.MaxItemsPerFetch, which were not stored.
	Dropped int `json:"dropped,omitempty"`
	// Pruned counts the items the feed no longer lists that the archive
	// policy deleted (Config.KeepItems, Config.KeepAge).
	Pruned int `json:"pruned,omitempty"`
	// Pages counts the items whose article was fetched from their page
	// (full text) and written; PagesLeft, those whose page waits for a
	// later fetch (MaxFullTextPerFeed, or the feed's time was up).
	Pages     int `json:"pages,omitempty"`
	PagesLeft int `json:"pagesLeft,omitempty"`
	// NotModified: the server answered 304 and nothing was rewritten.
	NotModified bool `json:"notModified,omitempty"`
	// Skipped, if not empty, says why the feed was not fetched (the
	// server asked us to wait, or it is not due). It is not an error.
	Skipped string `json:"skipped,omitempty"`
	// NotDue: the feed's own refresh interval has not passed since its
	// last successful fetch (Skipped says until when).
	NotDue bool `json:"notDue,omitempty"`
	// MovedTo is the new URL after a permanent redirect; the subscription
	// now points there.
	MovedTo string `json:"movedTo,omitempty"`
	// Err is why the feed could not be fetched: one line, starting
	// "fetch NAME: ". Items stored before stay.
	Err error `json:"-"`
	// NewFiles are the New items' files, by their path below the feeds
	// folder (FeedsDir), as LastNew gives them.
	NewFiles []string `json:"-"`
}

// MarshalJSON encodes the result with its error as a string, for --json.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // without this method
	out := struct {
		plain
		Error string `json:"error,omitempty"`
	}{plain: plain(r)}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	return json.Marshal(out)
}

// String is the result as one line for the terminal.
func (r Result) String() string {
	var s string
	switch {
	case r.Err != nil: // "fetch NAME: why" says the name already
		return cleanLine(r.Name + ": failed: " + strings.TrimPrefix(r.Err.Error(), "fetch "+r.Name+": "))
	case r.NotDue:
		s = r.Name + ": " + r.Skipped
	case r.Skipped != "":
		s = r.Name + ": skipped, " + r.Skipped
	case r.NotModified:
		s = r.Name + ": not modified"
	default:
		s = fmt.Sprintf("%s: %d new, %d updated, %d unchanged", r.Name, r.New, r.Updated, r.Unchanged)
		if r.Dropped > 0 {
			s += fmt.Sprintf("; %s of the feed left out (too many for one fetch)", count(r.Dropped, "older item"))
		}
		if r.Pruned > 0 {
			s += fmt.Sprintf("; %s deleted (archive limit)", count(r.Pruned, "old item"))
		}
		if r.Pages > 0 {
			s += fmt.Sprintf("; full text from %s", count(r.Pages, "page"))
		}
		if r.PagesLeft > 0 {
			s += fmt.Sprintf("; %s for full text left for the next fetch", count(r.PagesLeft, "page"))
		}
	}
	if r.MovedTo != "" {
		s += "; moved permanently to " + r.MovedTo
	}
	return s
}

// count is n units in words: "1 old item", "2 old items".
func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// fetchError is a feed's error, one line, sanitised (servers and feeds
// choose much of its text).
type fetchError struct {
	name string
	err  error
}

func (e *fetchError) Error() string {
	msg := "fetch " + e.name + ": " + e.err.Error()
	var se *statusError
	if errors.As(e.err, &se) && se.code == 410 {
		msg += "; remove it with: dispatch feeds remove " + strconv.Quote(e.name)
	}
	return cleanLine(msg)
}

func (e *fetchError) Unwrap() error { return e.err }

// Fetch fetches the named feeds (by name or URL), or all when names is
// empty, and writes their items; then, with the feeds' lock released, the
// pages of the items that want full text (see pages.go). It works on up to
// four feeds at once and sends one request at a time to each host. Each
// feed has Config.FeedTimeout for its document, Config.PagesTimeout for
// its pages, and the whole fetch Config.FetchTimeout. progress, if not nil, is called
// with (0, total) first and after each feed is done, pages included, one
// call at a time, from the fetching goroutines.
//
// There is one Result per feed, in subscription order; a feed that failed
// has its Err set and the others' items are kept. The items the fetch
// created are recorded for LastNew, replacing those of the fetch before.
// The error is for the whole run: another dispatch is fetching (ErrBusy),
// the subscriptions file is damaged, or a name matches no feed.
//
// Without names, a feed with its own refresh interval (Settings.Refresh)
// is fetched only once it has passed since the feed's last successful
// fetch: its Result says it is not due (NotDue). Named feeds are fetched
// whatever their interval, as FetchAll fetches every feed.
func (m *Manager) Fetch(ctx context.Context, names []string, progress func(done, total int)) ([]Result, error) {
	return m.fetch(ctx, names, len(names) > 0, progress)
}

// FetchDue is Fetch of the feeds named that are due: a feed whose own
// refresh interval has not passed since its last fetch is passed by, as a
// fetch that names none passes it by — but for dueSlack, so that a timer
// set to the interval when the last fetch began finds the feed due. It
// fetches nothing when no name is given.
func (m *Manager) FetchDue(ctx context.Context, names []string, progress func(done, total int)) ([]Result, error) {
	if len(names) == 0 {
		return nil, nil
	}
	return m.fetch(ctx, names, false, progress)
}

// FetchAll is Fetch of every feed, due or not.
func (m *Manager) FetchAll(ctx context.Context, progress func(done, total int)) ([]Result, error) {
	return m.fetch(ctx, nil, true, progress)
}

// fetch is Fetch; force fetches the feeds that are not due too.
func (m *Manager) fetch(ctx context.Context, names []string, force bool, progress func(done, total int)) ([]Result, error) {
	ctx, cancel := withDeadline(ctx, "the fetch", m.cfg.FetchTimeout)
	defer cancel()
	var (
		results []Result
		jobs    []*pageJob
		track   *tracker
	)
	err := m.locked(ctx, func() error {
		f, err := m.readSubs()
		if err != nil {
			return err
		}
		if f.changed { // names or directories given: kept from now on
			if err := m.writeSubs(f); err != nil {
				return err
			}
		}
		selected, err := selectSubs(f.subs, names)
		if err != nil {
			return err
		}
		var waiting []Result // by place in selected; Name "" for those due
		if !force {
			selected, waiting = m.dueOnly(ctx, selected)
		}
		track = &tracker{total: len(selected), progress: progress}
		results, jobs = m.fetchAll(ctx, selected, track)
		results = mergeWaiting(waiting, results, jobs)
		if len(selected) == 0 {
			return nil // nothing fetched: what the last fetch brought stays new
		}
		return m.writeNew(results)
	})
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	m.fetchPages(ctx, jobs, results, track.step)
	return results, nil
}

// tracker counts the feeds done, for progress, one call at a time.
type tracker struct {
	mu          sync.Mutex
	done, total int
	progress    func(done, total int)
}

func (t *tracker) start() {
	if t.progress != nil {
		t.progress(0, t.total)
	}
}

func (t *tracker) step() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done++
	if t.progress != nil {
		t.progress(t.done, t.total)
	}
}

// selectSubs picks the subscriptions named (see match: a unique prefix of
// a name will do), in subscription order.
func selectSubs(subs []Subscription, names []string) ([]Subscription, error) {
	if len(names) == 0 {
		return subs, nil
	}
	want := map[int]bool{}
	var unknown []string
	for _, n := range names {
		i, err := findSub(subs, n)
		switch {
		case err != nil:
			return nil, err
		case i < 0:
			unknown = append(unknown, strconv.Quote(cleanLine(n)))
		default:
			want[i] = true
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w %s", ErrNoFeed, strings.Join(unknown, ", "))
	}
	var out []Subscription
	for i, s := range subs {
		if want[i] {
			out = append(out, s)
		}
	}
	return out, nil
}

// fetchAll runs the workers over subs and returns their results, with the
// pages the feeds' items want for later. The caller holds the lock. A feed
// without pages to fetch is done for track now, the others after their
// pages.
func (m *Manager) fetchAll(ctx context.Context, subs []Subscription, track *tracker) ([]Result, []*pageJob) {
	results := make([]Result, len(subs))
	hosts := make([]string, len(subs))
	for i, s := range subs {
		hosts[i] = hostOf(s.URL)
	}
	q := newQueue(hosts, m.hosts)
	var (
		mu   sync.Mutex // serialises subscription updates and the jobs
		jobs []*pageJob
		wg   sync.WaitGroup
	)
	track.start()
	for range min(maxConcurrent, len(subs)) {
		wg.Go(func() {
			for {
				i, ok := q.next(ctx)
				if !ok {
					return
				}
				fctx, cancel := withDeadline(ctx, "the feed", m.cfg.FeedTimeout)
				res, job := m.fetchGuarded(fctx, subs[i])
				cancel()
				mu.Lock()
				if res.MovedTo != "" && res.Err == nil {
					if err := m.moveGuarded(subs[i], res.MovedTo); err != nil {
						res.Err = &fetchError{name: subs[i].Name, err: err}
					}
				}
				results[i] = res
				if job != nil {
					job.res = i
					jobs = append(jobs, job)
				}
				mu.Unlock()
				if job == nil {
					track.step()
				}
			}
		})
	}
	wg.Wait()
	for i := range results { // left when ctx ended before their turn
		if results[i].Name == "" {
			err := context.Cause(ctx)
			if err == nil {
				err = errors.New("not fetched")
			}
			results[i] = Result{Name: subs[i].Name, URL: subs[i].URL, Err: &fetchError{name: subs[i].Name, err: err}}
		}
	}
	slices.SortFunc(jobs, func(a, b *pageJob) int { return a.res - b.res }) // in subscription order
	return results, jobs
}

// fetchGuarded is fetchFeed (whose host the caller holds), turning a panic
// into that feed's error: feeds are untrusted input parsed by third-party
// code, and one must not take the others down.
func (m *Manager) fetchGuarded(ctx context.Context, sub Subscription) (res Result, job *pageJob) {
	defer func() {
		if p := recover(); p != nil {
			res, job = Result{Name: sub.Name, URL: sub.URL, Err: &fetchError{name: sub.Name, err: recovered.Error(p)}}, nil
		}
	}()
	return m.fetchFeed(ctx, sub, true)
}

// moveGuarded is moveSubscription, turning a panic (in the OPML parser,
// say) into an error, so that no goroutine of a fetch can crash the
// program.
func (m *Manager) moveGuarded(sub Subscription, newURL string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered.Error(p)
		}
	}()
	return m.moveSubscription(sub, newURL)
}

// moveSubscription points the subscription with sub's directory at newURL,
// after a permanent redirect. The caller holds the lock.
func (m *Manager) moveSubscription(sub Subscription, newURL string) error {
	f, err := m.readSubs()
	if err != nil {
		return err
	}
	for i := range f.subs {
		if f.subs[i].Dir != sub.Dir {
			continue
		}
		for _, other := range f.subs {
			if other.Dir != sub.Dir && normalizeURL(other.URL) == normalizeURL(newURL) {
				return nil // already subscribed there: leave both alone
			}
		}
		f.nodes[i].setAttr("xmlUrl", newURL)
		return m.writeSubs(f)
	}
	return nil
}
