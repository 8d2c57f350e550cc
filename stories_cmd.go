package main

import (
	"fmt"
	"strings"
	"time"

	"dispatch/store"
)

// storiesJSON is one story in the stable machine form of `dispatch
// stories --json`.
type storiesJSON struct {
	ID       int      `json:"id"` // the lead's number: dispatch story ID
	Headline string   `json:"headline"`
	Sources  []string `json:"sources"`
	IDs      []int    `json:"ids"` // its articles' numbers, lead first
	Newest   string   `json:"newest"`
	Unread   int      `json:"unread"`
}

func runStories(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("stories", g)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("stories takes no arguments, got %q (dispatch story ID shows one)", pos[0])
	}
	return useLibrary(e, g, func(lib *store.Library) error {
		st := readStateForListing(e, g)
		out := []storiesJSON{}
		for _, s := range lib.Stories() {
			sj := storiesJSON{ID: s.ID, Headline: s.Headline, Sources: s.Sources, Newest: s.Newest.Format(time.RFC3339)}
			for _, d := range s.Docs {
				a := lib.Article(d)
				sj.IDs = append(sj.IDs, a.Number)
				if !st.Articles[a.StateKey()].Read {
					sj.Unread++
				}
			}
			out = append(out, sj)
		}
		if *asJSON {
			return writeJSON(e, out)
		}
		if len(out) == 0 {
			if e.outIsTTY || e.errIsTTY {
				e.say("%s", errNoStories)
			}
			return nil
		}
		var b strings.Builder
		for _, s := range out {
			b.WriteString(e.fit(fmt.Sprintf("%4d  %s  %2d sources  %3d unread  %s", s.ID, s.Newest[:10], len(s.Sources), s.Unread, s.Headline)) + "\n")
		}
		_, err := fmt.Fprint(e.stdout, b.String())
		return err
	})
}
