// Package state keeps what dispatch remembers between runs — which
// articles are read, the bookmarks, the place in each article, the reading
// history — in one versioned JSON file, saved atomically and merged field
// by field with what other instances saved, so two readers at once lose
// nothing and a crash leaves the old file or the new one.
//
// State values are plain data. A File is safe for concurrent use.
package state

import (
	"errors"
	"fmt"
)

// Version is the version of the state file this build reads and writes.
const Version = 1

// State is what dispatch remembers between runs. Every field that can
// change carries the time of its change (unix nanoseconds), so two
// instances can merge their files field by field: the later change wins.
type State struct {
	Version   int                     `json:"version"`
	Articles  map[string]ArticleState `json:"articles,omitempty"`
	Last      *Position               `json:"last,omitempty"` // the article read last, and where
	LastAt    int64                   `json:"last_at,omitempty"`
	Back      []Position              `json:"back,omitempty"` // reading history, oldest first
	Forward   []Position              `json:"forward,omitempty"`
	HistoryAt int64                   `json:"history_at,omitempty"`
}

// ArticleState is what is remembered of one article, by its state key.
type ArticleState struct {
	Read       bool      `json:"read,omitempty"`
	ReadAt     int64     `json:"read_at,omitempty"`
	Bookmarked bool      `json:"bookmarked,omitempty"`
	BookmarkAt int64     `json:"bookmark_at,omitempty"`
	Position   *Position `json:"position,omitempty"`
	PositionAt int64     `json:"position_at,omitempty"`
}

// Position is a place in an article: the line at the top of the reader at a
// given width, and the passage there (-1 for the title block) and how far
// into it, which find the place again at any other width.
type Position struct {
	Article string  `json:"article,omitempty"` // state key; empty inside ArticleState
	Passage int     `json:"passage"`
	Within  float64 `json:"within,omitempty"` // 0 to 1: how far into the passage's lines
	Line    int     `json:"line"`
	Width   int     `json:"width"`
	Percent int     `json:"percent,omitempty"` // how far through, by words: the same at every width
}

// Empty returns a state with nothing remembered.
func Empty() State { return State{Version: Version, Articles: map[string]ArticleState{}} }

// ErrNewer reports a state file written by a newer dispatch.
var ErrNewer = errors.New("state file is from a newer dispatch")

func (st *State) validate() error {
	check := func(p *Position) error {
		if p != nil && (p.Passage < -1 || p.Line < 0 || p.Width < 0 || p.Percent < 0 || p.Percent > 100 || !(p.Within >= 0 && p.Within <= 1)) {
			return fmt.Errorf("bad position %+v", *p)
		}
		return nil
	}
	for k, a := range st.Articles {
		if k == "" {
			return errors.New("article without a key")
		}
		if err := check(a.Position); err != nil {
			return err
		}
	}
	for _, p := range append(append([]Position{}, st.Back...), st.Forward...) {
		if err := check(&p); err != nil {
			return err
		}
	}
	return check(st.Last)
}

// clampTimes makes change times later than now count as older than any
// change. A file from a machine whose clock ran ahead, or a crafted one,
// would otherwise win every merge until that time came and silently undo
// what the user does now (an unbookmark reverted by the next save); read
// this way, its values stand until the user changes them.
func (st *State) clampTimes(now int64) {
	clamp := func(t *int64) {
		if *t > now {
			*t = 0
		}
	}
	for k, a := range st.Articles {
		clamp(&a.ReadAt)
		clamp(&a.BookmarkAt)
		clamp(&a.PositionAt)
		st.Articles[k] = a
	}
	clamp(&st.LastAt)
	clamp(&st.HistoryAt)
}

// clone copies st deeply enough that neither copy can change the other.
func (st State) clone() State {
	out := st
	out.Articles = make(map[string]ArticleState, len(st.Articles))
	for k, a := range st.Articles {
		if a.Position != nil {
			p := *a.Position
			a.Position = &p
		}
		out.Articles[k] = a
	}
	if st.Last != nil {
		p := *st.Last
		out.Last = &p
	}
	out.Back = append([]Position(nil), st.Back...)
	out.Forward = append([]Position(nil), st.Forward...)
	return out
}

// merge combines two states field by field, the later change winning, so
// no change either side made is lost.
func merge(a, b State) State {
	out := a.clone()
	out.Version = Version
	for k, bs := range b.clone().Articles {
		as, ok := out.Articles[k]
		if !ok {
			out.Articles[k] = bs
			continue
		}
		if bs.ReadAt > as.ReadAt {
			as.Read, as.ReadAt = bs.Read, bs.ReadAt
		}
		if bs.BookmarkAt > as.BookmarkAt {
			as.Bookmarked, as.BookmarkAt = bs.Bookmarked, bs.BookmarkAt
		}
		if bs.PositionAt > as.PositionAt {
			as.Position, as.PositionAt = bs.Position, bs.PositionAt
		}
		out.Articles[k] = as
	}
	if b.LastAt > out.LastAt {
		out.Last, out.LastAt = b.clone().Last, b.LastAt
	}
	if b.HistoryAt > out.HistoryAt {
		out.Back, out.Forward, out.HistoryAt = b.clone().Back, b.clone().Forward, b.HistoryAt
	}
	return out
}
