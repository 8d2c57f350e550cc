package feed

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// Purged is what Purge deleted: the items a removed feed left.
type Purged struct {
	// Name is the feed's name as its items give it; Dir its folder
	// under FeedsDir.
	Name string `json:"name"`
	Dir  string `json:"dir"`
	// Items is the number of item files deleted.
	Items int `json:"items"`
}

// Purge deletes the items a feed removed without --purge left behind: a
// folder under FeedsDir that no subscription uses, found by its name, or
// by the feed's name or address as its fetch state or items remember them
// (a unique prefix of the name will do, as for Remove). A feed still
// subscribed is not purged here: Remove with purge does it.
func (m *Manager) Purge(ctx context.Context, nameOrDir string) (Purged, error) {
	var out Purged
	err := m.locked(ctx, func() error {
		f, err := m.readSubs()
		if err != nil {
			return err
		}
		left, err := m.leftovers(f)
		if err != nil {
			return err
		}
		i := -1
		for j, l := range left {
			if l.Dir == strings.TrimSpace(nameOrDir) {
				i = j
			}
		}
		if i < 0 {
			names, urls := make([]string, len(left)), make([]string, len(left))
			for j, l := range left {
				names[j], urls[j] = l.Name, l.url
			}
			if i, err = match(nameOrDir, names, urls); err != nil {
				return err
			}
		}
		if i < 0 {
			if j, _ := findSub(f.subs, nameOrDir); j >= 0 {
				return fmt.Errorf("%s is still subscribed; remove it with: dispatch feeds remove %q --purge", f.subs[j].Name, f.subs[j].Name)
			}
			return fmt.Errorf("%w %q among the feeds removed", ErrNoFeed, cleanLine(nameOrDir))
		}
		out = left[i].Purged
		done, err := m.recordFolder(out.Dir)
		if err != nil {
			return fmt.Errorf("delete the items of %s: %w", out.Name, err)
		}
		defer done()
		if err := os.RemoveAll(filepath.Join(m.FeedsDir(), out.Dir)); err != nil {
			return fmt.Errorf("delete the items of %s: %w", out.Name, err)
		}
		return nil
	})
	if err != nil {
		return Purged{}, fmt.Errorf("purge: %w", err)
	}
	return out, nil
}

// leftover is a feed folder no subscription uses.
type leftover struct {
	Purged
	url string
}

// leftovers are the feed folders under FeedsDir that no subscription of f
// uses, with the feed's name and address as they remember them.
func (m *Manager) leftovers(f *subsFile) ([]leftover, error) {
	used := map[string]bool{}
	for _, s := range f.subs {
		used[s.Dir] = true
	}
	entries, err := os.ReadDir(m.FeedsDir())
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", m.FeedsDir(), err)
	}
	var out []leftover
	for _, e := range entries {
		if !e.IsDir() || used[e.Name()] || !validDir.MatchString(e.Name()) {
			continue
		}
		dir := filepath.Join(m.FeedsDir(), e.Name())
		files, err := itemFiles(dir)
		if err != nil {
			continue
		}
		st := readState(dir)
		l := leftover{Purged: Purged{Name: st.Name, Dir: e.Name(), Items: len(files)}, url: st.URL}
		for _, name := range files {
			if l.Name != "" {
				break
			}
			l.Name = sourceOf(filepath.Join(dir, name))
		}
		if l.Name == "" {
			l.Name = e.Name()
		}
		out = append(out, l)
	}
	return out, nil
}

// sourceOf is the source (the feed's name) in an item file's front
// matter, or "".
func sourceOf(path string) string {
	data, err := readItemFile(path)
	if err != nil {
		return ""
	}
	rest, ok := strings.CutPrefix(string(data), "---\n")
	head, _, found := strings.Cut(rest, "\n---\n")
	if !ok || !found {
		return ""
	}
	var fm frontMatter
	if yaml.Unmarshal([]byte(head), &fm) != nil {
		return ""
	}
	return cleanLine(fm.Source)
}
