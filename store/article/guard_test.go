package article

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestAPanicInParsingCostsOneFile: a panic in a parser (third-party code
// reading untrusted bytes) skips that file with a warning, and the worker
// goes on with a fresh parser.
func TestAPanicInParsingCostsOneFile(t *testing.T) {
	fsys := fstest.MapFS{"bad.md": {Data: []byte("# Bad\n\nText.\n")}, "good.md": {Data: []byte("# Good\n\nText.\n")}}
	w := newParseWorker()
	w.read = func(p *parser, at string, data []byte, kind fileKind) (Article, []string, error) {
		if strings.Contains(at, "bad") {
			panic("boom")
		}
		return p.parseKind(at, data, kind)
	}
	before := w.p
	_, warns, ok := load(w, fsys, "notes/bad.md", dirEntry{name: "bad.md", kind: markdown}, newContentCache())
	if ok || len(warns) != 1 || !strings.HasPrefix(warns[0].String(), "skipped notes/bad.md: internal error: boom (at guard_test.go:") {
		t.Fatalf("bad file: ok %v, warnings %v", ok, warns)
	}
	if w.p == before {
		t.Error("the parser that panicked is still in use")
	}
	if _, warns, ok := load(w, fsys, "notes/good.md", dirEntry{name: "good.md", kind: markdown}, newContentCache()); !ok {
		t.Errorf("the next file did not load: %v", warns)
	}
}

// TestASlowParseIsSkipped: a file past its time budget is skipped, and the
// worker goes on with a fresh parser while the old one finishes. The parse
// here never ends before the test does, so the budget, however short, runs
// out first on any machine.
func TestASlowParseIsSkipped(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	fsys := fstest.MapFS{"slow.md": {Data: []byte("# Slow\n\nText.\n")}}
	w := newParseWorker()
	w.budget = time.Millisecond
	w.read = func(p *parser, at string, data []byte, kind fileKind) (Article, []string, error) {
		<-release
		return p.parseKind(at, data, kind)
	}
	before := w.p
	_, warns, ok := load(w, fsys, "notes/slow.md", dirEntry{name: "slow.md", kind: markdown}, newContentCache())
	if ok || len(warns) != 1 || !strings.HasPrefix(warns[0].String(), "skipped notes/slow.md: took longer than") {
		t.Fatalf("ok %v, warnings %v", ok, warns)
	}
	if w.p == before {
		t.Error("the parser still busy with the slow file is still in use")
	}
}
