package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// lockWait is how long saving waits for another dispatch saving the same
// file.
const lockWait = 5 * time.Second

// AddSearch keeps query under name among the saved searches of the
// configuration file at path (replacing a search of that name), creating
// the file and its folder if need be. The file is edited as a YAML tree,
// so its comments and the order of its settings stay; it is replaced
// atomically, under a lock, and only when what is written reads back as a
// configuration: a file with a mistake in it is left alone and the mistake
// is the error. The caller checks the query (store.CheckQuery).
func AddSearch(path, name, query, home string) error {
	query = strings.TrimSpace(query)
	switch err := CheckSearchName(name); {
	case err != nil:
		return fmt.Errorf("save search %q: %w", termout.OneLine(name), err)
	case query == "" || termout.OneLine(query) != query:
		return fmt.Errorf("save search %q: want a query of one line", name)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	unlock, err := diskio.Lock(ctx, filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock"))
	if err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	defer unlock()
	data, err := safefile.ReadFile(path, MaxFileBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("save search: %w", err)
	}
	if _, err := Parse(path, data, home); err != nil {
		return fmt.Errorf("save search: the configuration has a mistake to mend first: %w", err)
	}
	// the lines of the file as they are, the search's line added or
	// replaced; where its shape makes that unsure (a flow mapping, a
	// value over several lines), the tree written out again, which keeps
	// the comments but not blank lines
	out, ok := editLines(data, name, query)
	if c, err := Parse(path, out, home); !ok || err != nil || !hasSearch(c, name, query) {
		if out, err = withSearch(data, name, query); err != nil {
			return fmt.Errorf("save search in %s: %w", path, err)
		}
		if c, err := Parse(path, out, home); err != nil || !hasSearch(c, name, query) {
			return fmt.Errorf("save search in %s: the edited file would not read back (%v)", path, err)
		}
	}
	return diskio.WriteFile(path, out, 0o644)
}

// editLines is data with name: query added to its searches, or put in
// place of the query saved under name, changing no other line; ok is
// false when the file's shape is not one it edits.
func editLines(data []byte, name, query string) (out []byte, ok bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	lines := strings.SplitAfter(string(data), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	entry, err := entryLine(name, query)
	if err != nil {
		return nil, false
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if root == nil || root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return []byte(strings.Join(lines, "") + "searches:\n" + strings.Repeat(" ", indentOf(data)) + entry), true
	}
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	key, searches := pair(root, "searches")
	switch {
	case searches == nil:
		return []byte(strings.Join(lines, "") + "searches:\n" + strings.Repeat(" ", indentOf(data)) + entry), true
	case searches.Tag == "!!null" && searches.Line == key.Line && strings.TrimSpace(searches.Value) == "":
		return insertLine(lines, key.Line, strings.Repeat(" ", key.Column-1+indentOf(data))+entry), true
	case searches.Kind != yaml.MappingNode || searches.Style&yaml.FlowStyle != 0 || len(searches.Content) == 0:
		return nil, false
	}
	indent := strings.Repeat(" ", searches.Content[0].Column-1)
	if k, v := pair(searches, name); v != nil {
		if v.Kind != yaml.ScalarNode || v.Line != k.Line || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return nil, false
		}
		lines[k.Line-1] = indent + entry
		return []byte(strings.Join(lines, "")), true
	}
	last := searches.Content[len(searches.Content)-1]
	if last.Kind != yaml.ScalarNode || last.Line != searches.Content[len(searches.Content)-2].Line || last.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return nil, false
	}
	return insertLine(lines, last.Line, indent+entry), true
}

// entryLine is "name: query\n" as YAML writes it, quoted where need be.
func entryLine(name, query string) (string, error) {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar(name), scalar(query)}}
	b, err := yaml.Marshal(m)
	if err != nil || strings.Count(string(b), "\n") != 1 {
		return "", fmt.Errorf("not one line")
	}
	return string(b), nil
}

// insertLine is lines with line inserted after line number after (from 1).
func insertLine(lines []string, after int, line string) []byte {
	if after > len(lines) {
		after = len(lines)
	}
	out := append(slices.Clone(lines[:after]), line)
	return []byte(strings.Join(append(out, lines[after:]...), ""))
}

// pair is the key and the value of key in mapping m, nil when it has none.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// hasSearch reports whether c keeps query under name.
func hasSearch(c *Config, name, query string) bool {
	for _, s := range c.Searches {
		if s.Name == name {
			return s.Query == query
		}
	}
	return false
}

// withSearch is the file data with name: query among its searches.
func withSearch(data []byte, name, query string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, HeadComment: doc.HeadComment, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		*root = yaml.Node{Kind: yaml.MappingNode, HeadComment: root.HeadComment, FootComment: root.FootComment}
	}
	_, searches := pair(root, "searches")
	if searches == nil {
		searches = &yaml.Node{Kind: yaml.MappingNode}
		root.Content = append(root.Content, scalar("searches"), searches)
	}
	if searches.Tag == "!!null" {
		*searches = yaml.Node{Kind: yaml.MappingNode, LineComment: searches.LineComment}
	}
	if _, v := pair(searches, name); v != nil {
		*v = *scalar(query)
	} else {
		searches.Content = append(searches.Content, scalar(name), scalar(query))
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(indentOf(data))
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// scalar is a string node: quoted when YAML would read it as something
// else (a query starting with a quote, a name like "yes").
func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// indentOf is the indentation the file uses: its first indented line's,
// else 2.
func indentOf(data []byte) int {
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if n := len(line) - len(trimmed); n > 0 && trimmed != "" && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "- ") {
			return min(max(n, 2), 9)
		}
	}
	return 2
}
