package store

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dispatch/internal/termout"
	"dispatch/store/article"

	yaml "go.yaml.in/yaml/v4"
)

// maxTopics is how many topics the number keys 1–9 can reach.
const maxTopics = 9

//go:embed topics.yaml
var defaultTopicsYAML []byte

// Topics are the topic definitions passages are scored against, in the
// order of their number keys.
type Topics []Topic

// Topic is one subject: its key (used in topic:KEY and --topic KEY), the name
// shown, a colour and the weighted terms that signal it.
type Topic struct {
	Key   string
	Name  string
	Color string // #RRGGBB
	Terms []TopicTerm
}

// TopicTerm is a word or phrase and how strongly it signals its topic.
type TopicTerm struct {
	Text   string
	Weight float64
}

// DefaultTopics returns the built-in topics: security, ceasefire,
// reconstruction and mediators.
func DefaultTopics() (Topics, error) {
	return parseTopics("topics.yaml (built in)", defaultTopicsYAML, nil)
}

// LoadTopics reads a topics file and applies it to base: its topics extend
// base (a known key gets the file's terms added and its name and colour
// replaced; a new key is appended), or replace base when the file says
// "replace: true". Errors name the file and line.
func LoadTopics(name string, data []byte, base Topics) (Topics, error) {
	return parseTopics(name, data, base)
}

// Index returns the position of the topic with key, or -1.
func (ts Topics) Index(key string) int {
	key = strings.ToLower(strings.TrimSpace(key))
	return slices.IndexFunc(ts, func(t Topic) bool { return t.Key == key })
}

// Find resolves what a person calls a topic: its number (1 for the first),
// its key or name, or any beginning of a key or name that only one topic
// has ("sec", "cea" — what the list's chips show), case aside.
func (ts Topics) Find(ref string) (int, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if n, err := strconv.Atoi(ref); err == nil && n >= 1 && n <= len(ts) {
		return n - 1, nil
	}
	var found []int
	for i, t := range ts {
		key, name := t.Key, strings.ToLower(t.Name)
		if ref == key || ref == name {
			return i, nil
		}
		if ref != "" && (strings.HasPrefix(key, ref) || strings.HasPrefix(name, ref)) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return -1, fmt.Errorf("unknown topic %q (topics: %s)", ref, strings.Join(ts.Keys(), ", "))
	}
	var keys []string
	for _, i := range found {
		keys = append(keys, ts[i].Key)
	}
	return -1, fmt.Errorf("topic %q could be %s: type more of it", ref, strings.Join(keys, " or "))
}

// Keys lists the topic keys in order, for messages.
func (ts Topics) Keys() []string {
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.Key
	}
	return keys
}

var (
	topicKey   = regexp.MustCompile(`^[a-z][a-z0-9-]{0,23}$`)
	topicColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// topicsFileError is an error at a line of a topics file.
func topicsFileError(name string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...))
}

func parseTopics(name string, data []byte, base Topics) (Topics, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", name, termout.OneLine(err.Error()))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty topics file", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, topicsFileError(name, root, "expected a mapping with a topics list")
	}
	replace := base == nil
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "replace":
			var r bool
			if err := v.Decode(&r); err != nil {
				return nil, topicsFileError(name, v, "replace must be true or false")
			}
			replace = replace || r
		case "topics":
			list = v
		default:
			return nil, topicsFileError(name, k, "unknown field %q (want topics, replace)", k.Value)
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		at := root
		if list != nil {
			at = list
		}
		return nil, topicsFileError(name, at, "no topics: want a list under topics:")
	}
	var out Topics
	if !replace {
		out = cloneTopics(base)
	}
	seen := map[string]bool{}
	for _, node := range list.Content {
		t, err := parseTopic(name, node)
		if err != nil {
			return nil, err
		}
		if seen[t.Key] {
			return nil, topicsFileError(name, node, "topic %q defined twice", t.Key)
		}
		seen[t.Key] = true
		if i := out.Index(t.Key); i >= 0 {
			mergeTopic(&out[i], t)
			continue
		}
		if t.Name == "" {
			return nil, topicsFileError(name, node, "new topic %q needs a name", t.Key)
		}
		if len(t.Terms) == 0 {
			return nil, topicsFileError(name, node, "new topic %q needs terms", t.Key)
		}
		if t.Color == "" {
			t.Color = "#8A8A8A"
		}
		out = append(out, t)
	}
	if len(out) > maxTopics {
		return nil, topicsFileError(name, list, "%d topics: at most %d fit on the number keys", len(out), maxTopics)
	}
	return out, nil
}

func parseTopic(name string, node *yaml.Node) (Topic, error) {
	var t Topic
	if node.Kind != yaml.MappingNode {
		return t, topicsFileError(name, node, "a topic is a mapping with key, name, color and terms")
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		switch k.Value {
		case "key":
			t.Key = strings.TrimSpace(v.Value)
			if v.Kind != yaml.ScalarNode || !topicKey.MatchString(t.Key) {
				return t, topicsFileError(name, v, "key %q: use lower-case letters, digits and hyphens, starting with a letter", v.Value)
			}
		case "name":
			t.Name = article.CleanLine(v.Value)
			if v.Kind != yaml.ScalarNode || t.Name == "" {
				return t, topicsFileError(name, v, "name must be a non-empty string")
			}
		case "color", "colour":
			t.Color = strings.TrimSpace(v.Value)
			if v.Kind != yaml.ScalarNode || !topicColor.MatchString(t.Color) {
				return t, topicsFileError(name, v, "color %q: want #RRGGBB", v.Value)
			}
		case "terms":
			terms, err := parseTerms(name, v)
			if err != nil {
				return t, err
			}
			t.Terms = terms
		default:
			return t, topicsFileError(name, k, "unknown field %q (want key, name, color, terms)", k.Value)
		}
	}
	if t.Key == "" {
		return t, topicsFileError(name, node, "topic without a key")
	}
	return t, nil
}

func parseTerms(name string, node *yaml.Node) ([]TopicTerm, error) {
	if node.Kind != yaml.MappingNode {
		return nil, topicsFileError(name, node, `terms: want a mapping of word or "phrase" to weight`)
	}
	var terms []TopicTerm
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		text := article.CleanLine(k.Value)
		if !hasWordRune(text) {
			return nil, topicsFileError(name, k, "term %q has no letters or digits", k.Value)
		}
		if seen[strings.ToLower(text)] {
			return nil, topicsFileError(name, k, "term %q listed twice", text)
		}
		seen[strings.ToLower(text)] = true
		var w float64
		if err := v.Decode(&w); err != nil || v.Kind != yaml.ScalarNode {
			return nil, topicsFileError(name, v, "weight of %q must be a number", text)
		}
		if !(w > 0 && w <= 100) { // NaN fails both
			return nil, topicsFileError(name, v, "weight of %q must be above 0 and at most 100, got %v", text, w)
		}
		terms = append(terms, TopicTerm{Text: text, Weight: w})
	}
	return terms, nil
}

// mergeTopic applies an extension to a known topic.
func mergeTopic(dst *Topic, ext Topic) {
	if ext.Name != "" {
		dst.Name = ext.Name
	}
	if ext.Color != "" {
		dst.Color = ext.Color
	}
	for _, term := range ext.Terms {
		i := slices.IndexFunc(dst.Terms, func(t TopicTerm) bool { return strings.EqualFold(t.Text, term.Text) })
		if i >= 0 {
			dst.Terms[i] = term
		} else {
			dst.Terms = append(dst.Terms, term)
		}
	}
}

func cloneTopics(ts Topics) Topics {
	out := slices.Clone(ts)
	for i := range out {
		out[i].Terms = slices.Clone(out[i].Terms)
	}
	return out
}

// fingerprint identifies the topic definitions: a saved coverage (see
// snapshot) is only good for the topics it was scored on.
func (ts Topics) fingerprint() string {
	h := sha256.New()
	for _, t := range ts {
		fmt.Fprintf(h, "%q %q\n", t.Key, t.Name)
		for _, term := range t.Terms {
			fmt.Fprintf(h, "  %q %v\n", term.Text, term.Weight)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
