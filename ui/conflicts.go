package ui

import (
	"fmt"
	"slices"
	"strings"
)

// When two actions share a key. Many do, rightly: "/" is search in the
// list and find in the reader, esc is back in the reader and close in a
// panel, the digits pick a topic on the list and a link in the links
// panel, tab switches panes and, in the search prompt, takes the
// suggestion; enter opens, selects or accepts, and l and h open and go
// back where the coverage matrix moves between cells. A shared key is a
// conflict only where both actions are live on one screen: there one of
// them could never be reached. keyScreens says which actions each screen
// takes (as handleKey routes keys), grouping the ones a screen treats
// alike (in the help, esc closes whether it is called back or close).

// keyScreen is a screen and the actions live on it, each entry a group of
// actions that screen treats alike.
type keyScreen struct {
	name    string
	actions [][]string
}

var (
	anywhereActions = [][]string{{"force-quit"}, {"suspend"}, {"help"}}
	movingActions   = [][]string{{"up"}, {"down"}, {"top"}, {"bottom"}, {"page-down"}, {"page-up"}, {"half-down"}, {"half-up"}}
	// the keys the list and the reader share (Model.sharedKey)
	paneActions = [][]string{
		{"coverage"}, {"related"}, {"sources"}, {"warnings"}, {"links"}, {"topic-filter"}, {"clear-topic"}, {"bookmarked-only"},
		{"unread-only"}, {"toggle-read"}, {"bookmark"}, {"open-link"}, {"copy-link"}, {"fetch-feeds"}, {"history-back"},
		{"history-forward"}, {"switch-focus"}, {"switch-back"}, {"mark-all-read"}, {"next-unread"}, {"prev-unread"},
		{"next-match"}, {"prev-match"}, {"next-topic-passage"}, {"prev-topic-passage"}, {"order"},
	}
)

// keyScreens are the screens that take keys.
func keyScreens() []keyScreen {
	join := func(parts ...[][]string) [][]string { return slices.Concat(parts...) }
	return []keyScreen{
		{"the list", join(anywhereActions, movingActions, paneActions, [][]string{{"search"}, {"quit"}, {"open"}, {"clear-search"}})},
		{"the reader", join(anywhereActions, movingActions, paneActions, [][]string{{"find"}, {"back"}, {"next-article"}, {"prev-article"}})},
		{"the search prompt", join(anywhereActions, [][]string{{"prompt-accept"}, {"prompt-cancel"}, {"prompt-up"}, {"prompt-down"}, {"prompt-complete"}})},
		{"the find prompt", join(anywhereActions, [][]string{{"prompt-accept"}, {"prompt-cancel"}})},
		{"the help", join([][]string{{"force-quit"}, {"suspend"}, {"help", "close", "back"}}, movingActions)},
		{"the coverage matrix", join(anywhereActions, movingActions, [][]string{{"close", "coverage"}, {"select"}, {"cell-left"}, {"cell-right"}})},
		{"the related panel", join(anywhereActions, movingActions, [][]string{{"close", "related"}, {"select"}})},
		{"the sources", join(anywhereActions, movingActions, [][]string{{"close", "sources"}, {"select"}, {"fetch-feeds"}, {"add-feed"}, {"remove-feed"}, {"mark-all-read"}})},
		{"the warnings", join(anywhereActions, movingActions, [][]string{{"close", "warnings"}, {"dismiss"}})},
		{"the links panel", join(anywhereActions, movingActions, [][]string{{"close", "links"}, {"select", "open-link"}, {"copy-link"}, {"link-number"}})},
	}
}

// KeyConflict is a key two actions live on the same screens share.
type KeyConflict struct {
	Key     string // as the configuration names it
	Actions [2]string
	Screens []string // where both are live
}

// String says it on one line: "n is both down and next-match on the list
// and the reader".
func (c KeyConflict) String() string {
	return fmt.Sprintf("%s is both %s and %s on %s", c.Key, c.Actions[0], c.Actions[1], joinAnd(c.Screens))
}

// Conflicts are the keys k gives two actions live on one screen, in the
// KeyMap's order.
func (k KeyMap) Conflicts() []KeyConflict {
	order := KeyActions()
	keys := make(map[string][]string, len(order))
	for _, a := range order {
		keys[a], _ = k.ActionKeys(a)
	}
	var out []KeyConflict
	for _, sc := range keyScreens() {
		for i, gi := range sc.actions {
			for _, gj := range sc.actions[i+1:] {
				for _, x := range gi {
					for _, y := range gj {
						a, b := x, y // in the KeyMap's order
						if slices.Index(order, a) > slices.Index(order, b) {
							a, b = b, a
						}
						for _, shared := range sharedKeys(keys[a], keys[b]) {
							out = addConflict(out, KeyConflict{Key: shared, Actions: [2]string{a, b}, Screens: []string{sc.name}})
						}
					}
				}
			}
		}
	}
	return out
}

// sharedKeys are the keys in both ka and kb.
func sharedKeys(ka, kb []string) []string {
	var out []string
	for _, key := range ka {
		if slices.Contains(kb, key) {
			out = append(out, key)
		}
	}
	return out
}

// addConflict adds c, or its screen to the same conflict found on another.
func addConflict(cs []KeyConflict, c KeyConflict) []KeyConflict {
	for i, o := range cs {
		if o.Key == c.Key && o.Actions == c.Actions {
			if !slices.Contains(o.Screens, c.Screens[0]) {
				cs[i].Screens = append(cs[i].Screens, c.Screens[0])
			}
			return cs
		}
	}
	return append(cs, c)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
