package feed

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/recovered"
)

// Pages for full text are fetched after a feed's items are saved with the
// feed's own text, and after the feeds' lock is released: a page that
// never answers must neither keep other commands out (they would say
// another dispatch is fetching) nor hold up the feeds of its host. Each
// feed's pages have Config.PagesTimeout in all; what is not fetched by
// then waits for the next fetch. A feed's own lock, held only while a page's
// article is written, keeps two processes from writing one feed at once.

// feedLock is the lock file in each feed's directory: hidden, so the
// article loader passes it by.
const feedLock = ".lock"

// lockFeed takes the lock of the feed directory dir.
func (m *Manager) lockFeed(ctx context.Context, dir string) (func(), error) {
	return lockFile(ctx, filepath.Join(dir, feedLock), m.cfg.LockWait)
}

// pageJob is a feed whose items wait for their pages.
type pageJob struct {
	sub   Subscription
	dir   string
	items []pageItem // in the feed's order
	res   int        // index of the feed's Result
}

// pageItem is an item whose page is wanted, with the feed's text for it.
type pageItem struct {
	x        item
	feedBody string
}

// deadlineError is the cause of a feed's or a fetch's deadline, so that a
// request it cuts short says which it was.
type deadlineError struct {
	what string
	d    time.Duration
}

func (e *deadlineError) Error() string {
	return fmt.Sprintf("gave up: %s took longer than %s", e.what, e.d)
}

// withDeadline bounds ctx by d, with a cause naming what took too long.
func withDeadline(ctx context.Context, what string, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, d, &deadlineError{what: what, d: d})
}

// fetchPages fetches the pages of the jobs, up to four feeds at once, and
// counts what each got in its Result. done is called after each job, from
// the fetching goroutines, one call at a time.
func (m *Manager) fetchPages(ctx context.Context, jobs []*pageJob, results []Result, done func()) {
	var (
		mu   sync.Mutex
		next int
		wg   sync.WaitGroup
	)
	for range min(maxConcurrent, len(jobs)) {
		wg.Go(func() {
			for {
				mu.Lock()
				if next >= len(jobs) {
					mu.Unlock()
					return
				}
				job := jobs[next]
				next++
				mu.Unlock()
				got, left, err := m.pagesGuarded(ctx, job)
				mu.Lock()
				r := &results[job.res]
				r.Pages, r.PagesLeft = got, left
				if err != nil && r.Err == nil {
					r.Err = &fetchError{name: job.sub.Name, err: err}
				}
				mu.Unlock()
				if done != nil {
					done()
				}
			}
		})
	}
	wg.Wait()
}

// pagesGuarded is pagesOf, turning a panic into the feed's error; the items
// not done keep the feed's text and wait for the next fetch.
func (m *Manager) pagesGuarded(ctx context.Context, job *pageJob) (got, left int, err error) {
	var tried int
	defer func() {
		if p := recover(); p != nil {
			left, err = len(job.items)-tried, recovered.Error(p)
		}
	}()
	got, left = m.pagesOf(ctx, job, &tried)
	return got, left, nil
}

// pagesOf fetches the pages of one feed's items, at most
// Config.MaxFullTextPerFeed of them within Config.PagesTimeout, and writes
// each article as it comes. It returns how many items got their article and
// how many wait for a later fetch; tried follows the item it is at.
func (m *Manager) pagesOf(ctx context.Context, job *pageJob, tried *int) (got, left int) {
	parent := ctx
	ctx, cancel := withDeadline(ctx, "the feed's pages", m.cfg.PagesTimeout)
	defer cancel()
	budget := max(m.cfg.MaxFullTextPerFeed, 0)
	for i, p := range job.items {
		*tried = i
		if i >= budget || ctx.Err() != nil {
			return got, len(job.items) - i
		}
		md, err := m.fullText(ctx, p.x.link, p.feedBody)
		if ctx.Err() != nil { // cut short: not the page's fault
			return got, len(job.items) - i
		}
		status := fullTextOK
		if err != nil {
			status = fullTextFailed
		}
		// written even if the feed's time is up now: the page is here
		ok, err := m.applyPage(parent, job, p, md, status)
		if err != nil {
			return got, len(job.items) - i
		}
		if ok && status == fullTextOK {
			got++
		}
	}
	return got, 0
}

// applyPage records what an item's page gave, under the feed's lock: the
// article replaces the feed's text in its file, or the failure is noted so
// the page is not fetched again. An item that changed meanwhile (another
// fetch rewrote it, or got its page first) is left alone: ok is false.
func (m *Manager) applyPage(ctx context.Context, job *pageJob, p pageItem, md, status string) (ok bool, err error) {
	unlock, err := m.lockFeed(ctx, job.dir)
	if err != nil {
		return false, err
	}
	defer unlock()
	st := readState(job.dir)
	rec, known := st.Items[p.x.key]
	if !known || !rec.Pending || rec.Source != p.x.source {
		return false, nil
	}
	if status == fullTextOK {
		data, err := render(p.x, md, job.sub)
		if err != nil {
			return false, err
		}
		done, err := m.record(job.sub.Dir, rec.File)
		if err != nil {
			return false, err
		}
		err = diskio.WriteFile(filepath.Join(job.dir, rec.File), data, 0o644)
		done()
		if err != nil {
			return false, err
		}
	}
	rec.FullText, rec.Pending = status, false
	st.Items[p.x.key] = rec
	return true, writeState(job.dir, st)
}
