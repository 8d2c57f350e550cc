package feed

import (
	"context"
	"time"
)

// A feed may have its own refresh interval (Settings.Refresh): a fetch
// that does not name it — dispatch fetch, the reader's R and its refresh —
// passes it by until the interval has passed since its last successful
// fetch (the server answered, 200 or 304), and says it is not due. A feed
// without one is fetched by every fetch, as often as the reader's refresh
// or the user's cron asks: an interval holds a feed back, it cannot make
// it fetched more often. (A reader with no refresh of its own fetches the
// feeds that have one, through FetchDue, as often as the shortest asks.)

// dueSlack is how early a feed counts as due: a timer set to a feed's
// interval when a fetch began fires a little before the interval has
// passed since that fetch ended, and would otherwise pass the feed by,
// fetching it every second interval.
const dueSlack = time.Minute

// dueOnly splits subs into those due, to fetch, and the results of those
// that are not, by their place in subs (Name "" for those due). A feed
// not due is given its name, if it changed (relabel): that needs no
// network.
func (m *Manager) dueOnly(ctx context.Context, subs []Subscription) ([]Subscription, []Result) {
	var (
		due     []Subscription
		waiting []Result
	)
	now := m.cfg.Now()
	for i, s := range subs {
		if s.Refresh <= 0 {
			continue
		}
		next := readState(m.dirOf(s)).LastFetched.Add(s.Refresh - min(dueSlack, s.Refresh/2))
		if !now.Before(next) || next.Sub(now) > s.Refresh { // due, or a clock set back: fetch
			continue
		}
		if waiting == nil {
			waiting = make([]Result, len(subs))
		}
		waiting[i] = Result{Name: s.Name, URL: s.URL, NotDue: true,
			Skipped: "not due until " + next.Local().Format("2006-01-02 15:04") + " (refresh " + FormatRefresh(s.Refresh) + ")"}
		if err := m.relabelFeed(ctx, s); err != nil {
			waiting[i].Err = &fetchError{name: s.Name, err: err}
		}
	}
	if waiting == nil {
		return subs, nil
	}
	for i, s := range subs {
		if waiting[i].Name == "" {
			due = append(due, s)
		}
	}
	return due, waiting
}

// mergeWaiting puts the results of the feeds fetched among those of the
// feeds not due, in subscription order, and points the page jobs at their
// feeds' new places.
func mergeWaiting(waiting, fetched []Result, jobs []*pageJob) []Result {
	if waiting == nil {
		return fetched
	}
	place := make([]int, 0, len(fetched))
	next := 0
	for i := range waiting {
		if waiting[i].Name == "" && next < len(fetched) {
			waiting[i] = fetched[next]
			place = append(place, i)
			next++
		}
	}
	for _, j := range jobs {
		j.res = place[j.res]
	}
	return waiting
}
