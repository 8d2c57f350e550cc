package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"dispatch/store"
)

// searchCountJSON is a saved search in `searches --json`.
type searchCountJSON struct {
	Name   string `json:"name"`
	Query  string `json:"query"`
	Unread int    `json:"unread"`
	Total  int    `json:"total"`
	Error  string `json:"error,omitempty"`
}

// runSearches is `dispatch searches [--json]`: the saved searches with
// what each finds now, and how much of it is unread.
func runSearches(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("searches", g)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("searches takes no arguments, got %q", pos[0])
	}
	searches := g.cfg().searches
	if len(searches) == 0 && !*asJSON {
		e.say("no saved searches: add some under searches: in the configuration file (dispatch config --default shows how)")
		return nil
	}
	return useLibrary(e, g, func(lib *store.Library) error {
		counts := lib.CountSearches(searches, listRequest(lib, readStateForListing(e, g), newFeedTags(e, g)))
		if *asJSON {
			out := make([]searchCountJSON, len(counts))
			for i, c := range counts {
				out[i] = searchCountJSON{Name: c.Name, Query: c.Query, Unread: c.Unread, Total: c.Total}
				if c.Err != nil {
					out[i].Error = c.Err.Error()
				}
			}
			return writeJSON(e, out)
		}
		var b strings.Builder
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, c := range counts {
			found := fmt.Sprintf("%d unread of %d", c.Unread, c.Total)
			if c.Err != nil {
				found = c.Err.Error()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Name, found, c.Query)
		}
		tw.Flush()
		for _, l := range strings.SplitAfter(b.String(), "\n") {
			if l != "" {
				fmt.Fprintln(e.stdout, e.fit(strings.TrimSuffix(l, "\n")))
			}
		}
		return nil
	})
}
