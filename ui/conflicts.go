package ui

import (
	"dispatch/store/state"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// When two actions share a key. Many do, rightly: "/" is search in the
// list and find in the reader, esc is back in the reader and close in a
// panel, the digits pick a topic on the list and a link in the links
// panel, tab switches panes and, in the search prompt, takes the
// suggestion; enter opens, selects or accepts. A shared key is a conflict
// only where both actions are live on one screen: there one of them could
// never be reached. What is live on a screen comes from the table of
// screens itself (Model.screens): the keys its panel lists (FullHelp), the
// keys that work anywhere, and on the list and the reader the keys they
// share — so a new panel's keys are checked with no list to keep.

// liveActions are the screens that take keys, each with the actions live
// on it, made from the table of screens of a reader with keys k.
func (k KeyMap) liveActions() []keyScreen {
	st, _ := state.Open("", state.Options{}) // in memory: no file is read
	m := New(Options{KeyMap: k, State: st})
	names := actionNames(k)
	var out []keyScreen
	for _, s := range m.table {
		if s.name == "" {
			continue // the loading screen keeps keys for later
		}
		secs := s.panel.FullHelp()
		if s.kind == panes && !s.prompt {
			secs = append(secs, k.globalHelp()...)
		} else {
			secs = append(secs, helpSection{helpAnywhere, []key.Binding{k.Help, k.Suspend, k.ForceQuit}})
		}
		var acts []string
		for _, sec := range secs {
			for _, b := range sec.bindings {
				if a := names(b); a != "" && !slices.Contains(acts, a) {
					acts = append(acts, a)
				}
			}
		}
		out = append(out, keyScreen{name: s.name, actions: acts})
	}
	return out
}

// actionNames names a binding by its action: the KeyMap field with the
// same keys and help.
func actionNames(k KeyMap) func(b key.Binding) string {
	v := reflect.ValueOf(k)
	return func(b key.Binding) string {
		for i := range v.NumField() {
			if f, ok := v.Field(i).Interface().(key.Binding); ok && sameBinding(f, b) {
				return kebab(v.Type().Field(i).Name)
			}
		}
		return ""
	}
}

// keyScreen is a screen and the actions live on it.
type keyScreen struct {
	name    string
	actions []string
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
	for _, sc := range k.liveActions() {
		for i, x := range sc.actions {
			for _, y := range sc.actions[i+1:] {
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
