package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Remapping the keys (the configuration's keys:). An action is a KeyMap
// field, named in kebab case (PageDown is page-down); remapping one gives
// it other keys and a help label made of them, so the footer and the help
// show what was chosen.

// KeyActions are the names of the KeyMap's actions, in its order.
func KeyActions() []string {
	t := reflect.TypeFor[KeyMap]()
	out := make([]string, t.NumField())
	for i := range t.NumField() {
		out[i] = kebab(t.Field(i).Name)
	}
	return out
}

// kebab is a field name in kebab case: NextTopicPassage is
// next-topic-passage.
func kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// binding is the binding of action in k, nil when there is no such action.
func (k *KeyMap) binding(action string) *key.Binding {
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		if kebab(v.Type().Field(i).Name) == action {
			b, _ := v.Field(i).Addr().Interface().(*key.Binding)
			return b
		}
	}
	return nil
}

// ActionKeys are action's keys in k as the configuration names them
// ("space" for the space bar); ok is false for an unknown action.
func (k KeyMap) ActionKeys(action string) (keys []string, ok bool) {
	b := k.binding(action)
	if b == nil {
		return nil, false
	}
	for _, name := range b.Keys() {
		if name == " " {
			name = "space"
		}
		keys = append(keys, name)
	}
	return keys, true
}

// ActionDesc is what action does, as the help says it.
func (k KeyMap) ActionDesc(action string) string {
	if b := k.binding(action); b != nil {
		return b.Help().Desc
	}
	return ""
}

// Remap is k with action bound to keys (as ParseKey reads them) instead
// of its own; no keys unbinds it. Its help label becomes its keys. The
// error names an unknown action, or a key that is none.
func (k KeyMap) Remap(action string, keys []string) (KeyMap, error) {
	b := k.binding(action)
	if b == nil {
		return k, fmt.Errorf("no action %q (dispatch config --default lists them)", action)
	}
	names := make([]string, 0, len(keys))
	for _, s := range keys {
		name, err := ParseKey(s)
		if err != nil {
			return k, err
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	b.SetKeys(names...)
	b.SetHelp(keyLabel(names), b.Help().Desc)
	if len(names) == 0 {
		b.Unbind()
	}
	return k, nil
}

// keyNames are the names bubbletea gives keys that are not characters.
var keyNames = func() map[string]bool {
	out := map[string]bool{}
	for i := -256; i < 256; i++ {
		if s := tea.KeyType(i).String(); s != "" && s != "runes" && s != " " {
			out[s] = true
		}
	}
	return out
}()

// ParseKey reads a key as the configuration names it: a character ("n",
// "J", "?"), "space", or a key's name as bubbletea gives it ("enter",
// "pgdown", "f5", "ctrl+x", "shift+tab"), each perhaps after "alt+". It
// returns the name bubbletea matches ("space" is " ").
func ParseKey(s string) (string, error) {
	alt, rest := "", s
	if strings.HasPrefix(s, "alt+") && len(s) > len("alt+") {
		alt, rest = "alt+", s[len("alt+"):]
	}
	switch r, size := utf8.DecodeRuneInString(rest); {
	case rest == "space":
		return alt + " ", nil
	case keyNames[rest]:
		return alt + rest, nil
	case size == len(rest) && r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r):
		return alt + rest, nil
	case strings.HasPrefix(rest, "shift+") && utf8.RuneCountInString(rest) == len("shift+")+1:
		return "", fmt.Errorf("no key %q: write the character itself (%s)", s, strings.ToUpper(rest[len("shift+"):]))
	}
	return "", fmt.Errorf("no key %q: want a character (n, J, ?), space, or a key's name (enter, esc, tab, up, pgdown, home, f1, ctrl+x, alt+x, …)", s)
}

// keyLabel is how the help shows keys: arrows for the arrow keys,
// short names for the long ones.
func keyLabel(keys []string) string {
	show := map[string]string{
		"up": "↑", "down": "↓", "left": "←", "right": "→", " ": "space",
		"pgdown": "pgdn", "backspace": "bksp",
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		switch s, ok := show[k]; {
		case ok:
			out[i] = s
		case len(k) >= 2 && k[0] == 'f' && k[1] >= '1' && k[1] <= '9':
			out[i] = "F" + k[1:]
		default:
			out[i] = k
		}
	}
	return strings.Join(out, "/")
}

// keyIndex is the place of msg's key among b's keys, -1 when it is not
// one: the number keys pick a topic or a link by their place.
func keyIndex(b key.Binding, msg tea.KeyMsg) int {
	return slices.Index(b.Keys(), msg.String())
}
