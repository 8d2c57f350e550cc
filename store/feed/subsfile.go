package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
)

// subsFile is the subscriptions file as read: its document, the
// subscriptions in it, and the outlines that cannot be subscriptions, which
// stay in the file as they are and are listed with why.
type subsFile struct {
	doc  *opmlDoc
	raw  []byte         // the file as read: nil when there was none
	subs []Subscription // with Config.Settings applied
	// stored are the subscriptions as the file has them, before
	// Config.Settings
	stored []Subscription
	nodes  []*xmlNode // the outline of each subscription
	// listed is every feed outline, in the file's order.
	listed []listed
	// changed says a subscription needed a name or directory given: the
	// file is to be written.
	changed bool
}

// listed is a feed outline of the file: subscription sub, or (sub < 0) one
// that cannot be one, with the name and address it gives and why.
type listed struct {
	sub                int
	name, url, problem string
}

// readSubs reads the subscriptions file; a missing file is no
// subscriptions, a damaged one an error. Entries are checked as an import
// would check them; one that cannot be used (an address that is not one, a
// feed listed twice, one past MaxSubscriptions) is kept as it is, and
// listed with why.
func (m *Manager) readSubs() (*subsFile, error) {
	f := &subsFile{doc: newOPMLDoc()}
	// opened without blocking and only if regular: a named pipe in its
	// place would hang every command
	data, err := safefile.ReadFile(m.cfg.SubscriptionsFile, maxOPMLBytes+1)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("subscriptions file %s: %w", m.cfg.SubscriptionsFile, err)
	}
	if f, err = parseSubs(data, m.FeedsDir()); err != nil {
		return nil, fmt.Errorf("subscriptions file %s: %w", m.cfg.SubscriptionsFile, err)
	}
	if err := m.applySettings(f); err != nil {
		return nil, err
	}
	return f, nil
}

// parseSubs reads the subscriptions file's content; feedsDir is where
// the feeds' directories are, which new ones must not take.
func parseSubs(data []byte, feedsDir string) (*subsFile, error) {
	doc, err := readOPML(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	f := &subsFile{doc: doc, raw: data}
	n := newNames(feedsDir, nil)
	for _, e := range f.doc.entries() {
		item := listed{sub: -1, name: e.name, url: cleanLine(truncateRunes(e.url, maxURLBytes))}
		s, err := n.newSubscription(e, true)
		var dup *duplicateError
		switch {
		case len(f.subs) >= MaxSubscriptions:
			item.problem = fmt.Sprintf("past the %d subscriptions dispatch follows", MaxSubscriptions)
		case errors.As(err, &dup):
			item.problem = fmt.Sprintf("the same feed as %q, listed before", dup.name)
		case err != nil:
			item.problem = cleanLine(err.Error())
		default:
			if s.Name != e.name {
				e.node.setAttr("text", s.Name)
				if _, ok := e.node.attr("title"); ok {
					e.node.setAttr("title", s.Name)
				}
				f.changed = true
			}
			if s.Dir != e.dir {
				e.node.setAttr(attrDir, s.Dir)
				f.changed = true
			}
			item.sub, item.name, item.url = len(f.subs), s.Name, s.URL
			f.subs = append(f.subs, s)
			f.stored = append(f.stored, s)
			f.nodes = append(f.nodes, e.node)
		}
		f.listed = append(f.listed, item)
	}
	return f, nil
}

// add appends a new subscription to the body; from is the outline it was
// imported from, whose other attributes it keeps.
func (f *subsFile) add(s Subscription, from *xmlNode) {
	node := newOutline(s, from)
	body := f.doc.body()
	body.children = append(body.children, node)
	f.listed = append(f.listed, listed{sub: len(f.subs), name: s.Name, url: s.URL})
	f.subs = append(f.subs, s)
	f.stored = append(f.stored, s)
	f.nodes = append(f.nodes, node)
}

// remove takes subscription i out of the document, wherever it is.
func (f *subsFile) remove(i int) {
	removeNode(f.doc.root, f.nodes[i])
	f.subs = slices.Delete(f.subs, i, i+1)
	f.stored = slices.Delete(f.stored, i, i+1)
	f.nodes = slices.Delete(f.nodes, i, i+1)
	f.listed = slices.DeleteFunc(f.listed, func(l listed) bool { return l.sub == i })
	for j := range f.listed {
		if f.listed[j].sub > i {
			f.listed[j].sub--
		}
	}
}

// removeNode takes target out of the tree below n; the tree is as deep as
// readXMLTree allows.
func removeNode(n, target *xmlNode) bool {
	for i, c := range n.children {
		if c == target {
			n.children = slices.Delete(n.children, i, i+1)
			return true
		}
		if removeNode(c, target) {
			return true
		}
	}
	return false
}

// writeSubs replaces the subscriptions file atomically with the document,
// unless that is what the file holds already. A document larger than
// dispatch reads back is refused: every later command would fail on it.
func (m *Manager) writeSubs(f *subsFile) error {
	var b bytes.Buffer
	writeOPML(&b, f.doc)
	if f.raw != nil && bytes.Equal(b.Bytes(), f.raw) {
		return nil
	}
	if b.Len() > maxOPMLBytes {
		return fmt.Errorf("the subscriptions file would be larger than %d MiB, more than dispatch reads back; nothing changed", maxOPMLBytes>>20)
	}
	if err := os.MkdirAll(filepath.Dir(m.cfg.SubscriptionsFile), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(m.cfg.SubscriptionsFile), err)
	}
	if err := diskio.WriteFile(m.cfg.SubscriptionsFile, b.Bytes(), 0o644); err != nil {
		return err
	}
	f.raw = b.Bytes()
	return nil
}
