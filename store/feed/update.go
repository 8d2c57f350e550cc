package feed

import (
	"bytes"
	"context"
	"dispatch/internal/diskio"
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"time"
)

// getFeed requests a feed document, conditionally when st holds validators
// for this URL. held says the caller took the host already; it is released
// either way.
func (m *Manager) getFeed(ctx context.Context, rawURL string, st *fetchState, held bool) (*response, error) {
	host := hostOf(rawURL)
	if !held {
		if err := m.hosts.acquire(ctx, host); err != nil {
			return nil, err
		}
	}
	defer m.hosts.release(host)
	req := request{url: rawURL, accept: acceptFeed, maxBytes: m.cfg.MaxFeedBytes, what: "feed"}
	if st != nil && st.URL != "" && normalizeURL(st.URL) == normalizeURL(rawURL) {
		req.etag, req.lastModified = st.ETag, st.LastModified
	}
	return m.http.get(ctx, req)
}

// fetchFeed fetches one feed and stores what it holds, with the items that
// want their pages for later (see pages.go). held says the caller took the
// feed's host.
func (m *Manager) fetchFeed(ctx context.Context, sub Subscription, held bool) (Result, *pageJob) {
	res := Result{Name: sub.Name, URL: sub.URL}
	heldHost := ""
	if held {
		heldHost = hostOf(sub.URL)
	}
	defer func() { // released early by getFeed; here only when returning before it
		if heldHost != "" {
			m.hosts.release(heldHost)
		}
	}()
	fail := func(err error) (Result, *pageJob) {
		res.Err = &fetchError{name: sub.Name, err: err}
		return res, nil
	}
	dir := m.dirOf(sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(err)
	}
	unlock, err := m.lockFeed(ctx, dir)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	diskio.RemoveTempsIn(dir)
	st := readState(dir)
	if err := m.relabel(sub, dir, st); err != nil {
		return fail(err)
	}
	now := m.cfg.Now()
	if st.clampRetryAfter(now) {
		_ = writeState(dir, st) // unsaved, it is clamped again next time: the fetch goes on
	}
	if now.Before(st.RetryAfter) {
		res.Skipped = "the server asked to wait until " + st.RetryAfter.Local().Format("2006-01-02 15:04")
		return res, nil
	}
	if st.URL != "" && normalizeURL(st.URL) != normalizeURL(sub.URL) {
		st.ETag, st.LastModified = "", "" // validators of another URL
	}
	if st.FullText != fullTextValue(sub.FullText) {
		// full text turned on or off: the items are to be written again,
		// which a 304 would not let happen
		st.ETag, st.LastModified = "", ""
	}
	st.URL, st.Name = sub.URL, sub.Name
	resp, err := m.getFeed(ctx, sub.URL, st, heldHost != "")
	heldHost = ""
	if err == nil && resp.notModified {
		st.LastFetched, st.LastError, st.RetryAfter = now, "", time.Time{}
		res.NotModified = true
		if resp.movedTo != "" { // moved, and unchanged at its new address
			st.URL, st.MovedTo, res.MovedTo = resp.movedTo, resp.movedTo, resp.movedTo
		}
		if err := writeState(dir, st); err != nil {
			return fail(err)
		}
		return res, nil
	}
	var pf *parsedFeed
	if err == nil {
		pf, err = parseFeed(resp.body, resp.contentType)
	}
	if err != nil {
		st.LastError, st.LastErrorAt = (&fetchError{name: sub.Name, err: err}).Error(), now
		if se := (*statusError)(nil); errors.As(err, &se) && !se.retryAfter.IsZero() {
			st.RetryAfter = se.retryAfter
		}
		_ = writeState(dir, st) // the fetch error is the one to report
		return fail(err)
	}
	return m.storeFeed(ctx, sub, dir, st, resp, pf)
}

// storeFeed writes the items of a fetched feed document and its state. An
// item that wants its page for full text is written with the feed's text
// and returned in the job, to be fetched once the items are saved. The
// caller holds the feed's lock.
func (m *Manager) storeFeed(ctx context.Context, sub Subscription, dir string, st *fetchState, resp *response, pf *parsedFeed) (Result, *pageJob) {
	if m.beforeStore != nil {
		m.beforeStore(sub)
	}
	res := Result{Name: sub.Name, URL: sub.URL}
	fail := func(err error) (Result, *pageJob) {
		res.Err = &fetchError{name: sub.Name, err: err}
		return res, nil
	}
	files, err := itemFiles(dir)
	if err != nil {
		return fail(err)
	}
	feedBase := resp.finalURL
	if u, ok := safeURL(pf.Link, resp.finalURL, false); ok {
		feedBase, _ = url.Parse(u)
	}
	var todo []work
	chosen, dropped := newestItems(pf.Items, m.cfg.MaxItemsPerFetch)
	res.Dropped = dropped
	seen := make(map[string]bool, len(chosen))
	for _, i := range chosen {
		x := newItem(pf.Items[i], pf.plainText[i], feedBase, sub)
		if seen[x.key] {
			continue // listed twice: the first one counts
		}
		seen[x.key] = true
		rec, known := st.Items[x.key]
		name, exists := files[x.key]
		if known && exists && rec.File == name && rec.Source == x.source && !rec.Pending {
			res.Unchanged++
			continue
		}
		base := feedBase
		if x.link != "" {
			base, _ = url.Parse(x.link)
		}
		todo = append(todo, work{x: x, base: base, rec: rec, name: name, exists: exists})
	}
	if err := convertBodies(ctx, todo, sub); err != nil {
		return fail(err)
	}
	names := make([]string, len(todo))
	for i, wk := range todo {
		names[i] = wk.name
		if !wk.exists {
			names[i] = fileName(wk.x)
		}
	}
	done, err := m.record(sub.Dir, names...)
	if err != nil {
		return fail(err)
	}
	defer done() // after the batch's last commit, or its discard
	w := diskio.NewBatch(dir, batchSize, 0o644)
	job := &pageJob{sub: sub, dir: dir}
	var created []string
	for _, wk := range todo {
		if err := ctx.Err(); err != nil {
			w.Discard()
			return fail(err)
		}
		x, name := wk.x, wk.name
		data, err := wk.data, wk.err
		next := itemState{File: name, Source: x.source, FullText: wk.rec.FullText}
		if data == nil && err == nil {
			var body string
			body, next.FullText, next.Pending = itemBody(wk, filepath.Join(dir, name))
			if next.Pending {
				job.items = append(job.items, pageItem{x: x, feedBody: wk.body})
			}
			data, err = render(x, body, sub)
		} else if next.FullText == fullTextOK {
			next.FullText = "" // the page's text is in the file no longer: full text back on fetches it again
		}
		if err != nil {
			return fail(err)
		}
		if wk.exists {
			if old, err := readItemFile(filepath.Join(dir, name)); err == nil && bytes.Equal(old, data) {
				st.Items[x.key] = next
				res.Unchanged++
				continue
			}
			res.Updated++
		} else {
			next.File = fileName(x)
			next.Seen = m.cfg.Now()
			files[x.key] = next.File
			res.New++
			created = append(created, path.Join(sub.Dir, next.File))
		}
		if err := w.Write(next.File, data); err != nil {
			w.Discard()
			return fail(err)
		}
		st.Items[x.key] = next
	}
	if err := w.Commit(); err != nil {
		return fail(err)
	}
	res.NewFiles = created
	res.Pruned = m.prune(sub, dir, st, files, seen)
	st.ETag, st.LastModified = resp.etag, resp.lastModified
	st.LastFetched, st.LastError, st.RetryAfter = m.cfg.Now(), "", time.Time{}
	st.ItemCount = len(pf.Items)
	st.FullText = fullTextValue(sub.FullText)
	if resp.movedTo != "" {
		st.URL, st.MovedTo, res.MovedTo = resp.movedTo, resp.movedTo, resp.movedTo
	}
	if err := writeState(dir, st); err != nil {
		return fail(err)
	}
	if len(job.items) == 0 || m.cfg.MaxFullTextPerFeed < 0 {
		return res, nil
	}
	return res, job
}

// itemBody is the markdown body to write now for an item that wants full
// text (see fulltext.go): the article its page gave before, or the feed's
// text. It also returns the item's full-text state and whether its page is
// still to be fetched.
func itemBody(wk work, path string) (string, string, bool) {
	rec, feedBody := wk.rec, wk.body
	switch rec.FullText {
	case fullTextOK:
		if wk.exists {
			if old, err := readItemFile(path); err == nil {
				if body, ok := bodyOf(old); ok {
					return body, fullTextOK, false
				}
			}
		}
		// the extracted text is lost: it may be fetched again
	case fullTextFailed:
		return feedBody, fullTextFailed, false
	}
	return feedBody, "", true
}
