package feed

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"dispatch/internal/diskio"

	yaml "go.yaml.in/yaml/v4"
)

// A feed's name is its items' source (the front matter's source:), which
// the list shows and source: finds. When the name changes — feeds set,
// the configuration, the subscriptions file edited — the items are given
// the new one without the network, the next time the feed is fetched or
// found not due (or at once, by Configure): otherwise a feed that answers
// 304 Not Modified would keep its old name on its items for good. Only
// the source: line changes; the folder, the files and so the items'
// identities, read marks and numbers stay.

// relabelFeed takes the feed's lock and gives its items its name, if they
// were written under another.
func (m *Manager) relabelFeed(ctx context.Context, sub Subscription) error {
	dir := m.dirOf(sub)
	if _, err := os.Stat(dir); err != nil {
		return nil // never fetched: nothing to rename
	}
	unlock, err := m.lockFeed(ctx, dir)
	if err != nil {
		return err
	}
	defer unlock()
	return m.relabel(sub, dir, readState(dir))
}

// relabel gives the items in dir sub's name as their source when the
// fetch state says they were written under another name, and records the
// name in the state. The caller holds the feed's lock.
func (m *Manager) relabel(sub Subscription, dir string, st *fetchState) error {
	if st.Name == "" || st.Name == sub.Name {
		return nil
	}
	files, err := itemFiles(dir)
	if err != nil {
		return err
	}
	changed := map[string][]byte{}
	for _, name := range files {
		data, err := readItemFile(filepath.Join(dir, name))
		if err != nil {
			continue // gone, or not a file: the next fetch writes it afresh
		}
		if out, ok := withSource(data, sub.Name); ok && !bytes.Equal(out, data) {
			changed[name] = out
		}
	}
	if len(changed) > 0 {
		names := make([]string, 0, len(changed))
		for n := range changed {
			names = append(names, n)
		}
		sort.Strings(names)
		done, err := m.record(sub.Dir, names...)
		if err != nil {
			return fmt.Errorf("rename the items of %s: %w", sub.Name, err)
		}
		defer done()
		w := diskio.NewBatch(dir, batchSize, 0o644)
		for _, n := range names {
			if err := w.Write(n, changed[n]); err != nil {
				w.Discard()
				return fmt.Errorf("rename the items of %s: %w", sub.Name, err)
			}
		}
		if err := w.Commit(); err != nil {
			return fmt.Errorf("rename the items of %s: %w", sub.Name, err)
		}
	}
	st.Name = sub.Name
	return writeState(dir, st)
}

// withSource is an item file with name as its source, the rest as it was:
// the bytes render would write for it under that name. ok is false for a
// file this package did not write.
func withSource(data []byte, name string) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, false
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, false
	}
	var fm frontMatter
	if err := yaml.Unmarshal(rest[:i+1], &fm); err != nil {
		return nil, false
	}
	fm.Source = name
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, false
	}
	out := make([]byte, 0, len(data)+len(name))
	out = append(out, "---\n"...)
	out = append(out, head...)
	return append(out, rest[i+1:]...), true
}
