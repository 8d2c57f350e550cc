package store

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"dispatch/internal/fold"
)

// Marks is the reading state of a library's articles, which store does not
// keep: the caller's answer to is:unread, is:read and is:starred. is:new
// is the library's (IsNew) and the article unread.
type Marks interface {
	Read(doc int) bool
	Starred(doc int) bool
}

// MarkFuncs is Marks made of functions; a nil one answers false.
type MarkFuncs struct {
	IsRead, IsStarred func(doc int) bool
}

// Read reports whether doc has been read.
func (m MarkFuncs) Read(doc int) bool { return m.IsRead != nil && m.IsRead(doc) }

// Starred reports whether doc is bookmarked.
func (m MarkFuncs) Starred(doc int) bool { return m.IsStarred != nil && m.IsStarred(doc) }

// operatorFilter is the filter for q's tag:, is: and date operators (nil
// when it has none), or the error of a request that cannot answer them.
func (l *Library) operatorFilter(q Query, req ListRequest) (func(doc int) bool, error) {
	if len(q.Tags)+len(q.NotTags)+len(q.States)+len(q.Dates) == 0 {
		return nil, nil
	}
	if len(q.States) > 0 && req.Marks == nil {
		return nil, fmt.Errorf("is:%s needs the reading state, which this listing does not have", q.States[0].State)
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	type window struct {
		from, to time.Time
		negate   bool
	}
	windows := make([]window, len(q.Dates))
	for i, f := range q.Dates {
		windows[i].from, windows[i].to = f.window(now)
		windows[i].negate = f.Negate
	}
	tags, notTags := foldAll(q.Tags), foldAll(q.NotTags)
	return func(doc int) bool {
		for _, s := range q.States {
			if l.stateOf(req.Marks, s.State, doc) == s.Negate {
				return false
			}
		}
		if len(tags)+len(notTags) > 0 {
			var have []string
			if req.Tags != nil {
				have = foldAll(req.Tags(doc))
			}
			for _, t := range tags {
				if !slices.Contains(have, t) {
					return false
				}
			}
			for _, t := range notTags {
				if slices.Contains(have, t) {
					return false
				}
			}
		}
		if len(windows) > 0 {
			t := l.articleTime(doc, now.Location())
			if t.IsZero() {
				return false // no date, not even first seen: none matches
			}
			for _, w := range windows {
				in := (w.from.IsZero() || !t.Before(w.from)) && (w.to.IsZero() || t.Before(w.to))
				if in == w.negate {
					return false
				}
			}
		}
		return true
	}, nil
}

// stateOf answers is:state for doc: is:new is what the last fetch
// brought that is not read yet.
func (l *Library) stateOf(m Marks, state string, doc int) bool {
	switch state {
	case StateRead:
		return m.Read(doc)
	case StateUnread:
		return !m.Read(doc)
	case StateStarred:
		return m.Starred(doc)
	}
	return l.IsNew(doc) && !m.Read(doc)
}

// articleTime is the date the date operators compare: the article's
// published date, a calendar day, as that day in loc (an article of 23
// November is of 23 November wherever it is read), else when it was
// first seen; zero when neither is known.
func (l *Library) articleTime(doc int, loc *time.Location) time.Time {
	if p := l.Article(doc).Published; !p.IsZero() {
		y, m, d := p.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	return l.FirstSeen(doc)
}

// foldAll is names as tags are compared: case and accents aside.
func foldAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(fold.Accents(strings.TrimSpace(n)))
	}
	return out
}
