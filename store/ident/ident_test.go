package ident

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var day = time.Date(2025, 11, 23, 9, 0, 0, 0, time.UTC)

func slugify(title string) string { return strings.ToLower(strings.ReplaceAll(title, " ", "-")) }

func reqs(pairs ...string) []Request {
	var out []Request
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Request{Key: pairs[i], Title: pairs[i+1]})
	}
	return out
}

func open(t *testing.T, path string) *Registry {
	t.Helper()
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestIdentitiesAreGivenOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	r := open(t, path)
	got := r.Assign(reqs("a", "Geneva talks", "b", "Harbour", "c", "Geneva talks"), slugify, day)
	want := []Identity{{1, "geneva-talks", day}, {2, "harbour", day}, {3, "geneva-talks-2", day}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("assign %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// later, in another order, with a newcomer sorting first and one gone
	later := day.Add(48 * time.Hour)
	r2 := open(t, path)
	got = r2.Assign(reqs("0", "Geneva talks", "c", "Geneva talks (updated)", "a", "Other title"), slugify, later)
	want = []Identity{{4, "geneva-talks-3", later}, {3, "geneva-talks-2", day}, {1, "geneva-talks", day}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reassign %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if id, ok := r2.Lookup("b"); !ok || id.Number != 2 {
		t.Errorf("an article gone keeps its identity: %+v %v", id, ok)
	}
}

func TestTwoProcessesAgree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	p1, p2 := open(t, path), open(t, path) // both read the empty journal
	a := p1.Assign(reqs("x", "X", "shared", "Shared"), slugify, day)
	b := p2.Assign(reqs("shared", "Shared", "y", "X"), slugify, day)
	if b[0] != a[1] {
		t.Errorf("the second process named the shared article %+v, the first %+v", b[0], a[1])
	}
	if b[1].Number == a[0].Number || b[1].Slug == a[0].Slug {
		t.Errorf("two articles share an identity: %+v and %+v", a[0], b[1])
	}
	r := open(t, path)
	if r.Len() != 3 || r.Warning() != "" {
		t.Errorf("the journal holds %d identities (%q), want 3", r.Len(), r.Warning())
	}
}

func TestDamagedJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	r := open(t, path)
	r.Assign(reqs("a", "A", "b", "B"), slugify, day)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// garbage, a line reusing number 1, one reusing slug b, a very long line,
	// and a last line cut short by a crash
	fmt.Fprintf(f, "garbage\n1\t0\tz\t\"z\"\n7\t0\tb\t\"q\"\n%s\n9\t0\tc\t\"c", strings.Repeat("x", 200000))
	f.Close()
	r = open(t, path)
	if r.Len() != 2 || !strings.Contains(r.Warning(), "4 lines") {
		t.Errorf("damaged journal: %d identities, warning %q", r.Len(), r.Warning())
	}
	got := r.Assign(reqs("c", "C"), slugify, day)
	if got[0].Number != 3 || got[0].Slug != "c" {
		t.Errorf("after damage: %+v, want number 3", got[0])
	}
	if r2 := open(t, path); r2.Len() != 3 {
		t.Errorf("the identity written after a cut line was lost: %d", r2.Len())
	}
}

func TestJournalThatCannotBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := open(t, filepath.Join(file, "ids")) // below a regular file, even root cannot
	got := r.Assign(reqs("a", "A", "b", "B"), slugify, day)
	if got[0].Number != 1 || got[1].Number != 2 || !strings.Contains(r.Warning(), "could not be kept") {
		t.Errorf("in memory: %+v, warning %q", got, r.Warning())
	}
}

func TestJournalThatIsAPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "not a file") {
		t.Errorf("a named pipe as the journal: %v", err)
	}
}

func FuzzJournal(f *testing.F) {
	f.Add([]byte("1\t0\tslug\t\"key\"\n2\t5\ta-b\t\"k\\tk\"\n"))
	f.Add([]byte("garbage\n\n\t\t\t\n-1\t0\tx\t\"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "ids")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		n := r.Len()
		got := r.Assign(reqs("new", "New"), slugify, day)
		if id, _ := r.Lookup("new"); id != got[0] || r.Len() != n+1 && n == r.Len() {
			t.Fatalf("assign after %q: %+v", data, got)
		}
		again, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if id, ok := again.Lookup("new"); !ok || id != got[0] {
			t.Fatalf("the new identity was not read back: %+v %v", id, ok)
		}
	})
}

func TestPeekGivesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	r := open(t, path)
	r.Assign(reqs("a", "Geneva talks"), slugify, day)
	got := r.Peek(reqs("a", "Other", "b", "Geneva talks", "c", "Geneva talks", "b", "x"), slugify, day)
	want := []Identity{{1, "geneva-talks", day}, {2, "geneva-talks-2", day}, {3, "geneva-talks-3", day}, {2, "geneva-talks-2", day}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("peek %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if _, ok := r.Lookup("b"); ok || r.Len() != 1 || open(t, path).Len() != 1 {
		t.Errorf("peeking gave an identity: %d in memory, %d in the journal", r.Len(), open(t, path).Len())
	}
}

func TestRememberInMemory(t *testing.T) {
	r := open(t, "")
	r.Remember("a", Identity{7, "kept", day})
	r.Remember("b", Identity{7, "other", day}) // number taken
	r.Remember("c", Identity{8, "kept", day})  // slug taken
	got := r.Assign(reqs("a", "New title", "b", "Kept"), slugify, day)
	if got[0] != (Identity{7, "kept", day}) || got[1].Number != 8 || got[1].Slug != "kept-2" {
		t.Errorf("remembered: %+v", got)
	}
	j := open(t, filepath.Join(t.TempDir(), "ids"))
	j.Remember("a", Identity{7, "kept", day})
	if _, ok := j.Lookup("a"); ok {
		t.Error("a journal's registry took an identity from elsewhere")
	}
}

func TestStampCovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	if s := StampOf(path); s != (Stamp{}) {
		t.Errorf("no journal: %+v", s)
	}
	r := open(t, path)
	r.Assign(reqs("a", "A"), slugify, day)
	before := StampOf(path)
	if !StampOf(path).Covers(before) {
		t.Error("an unchanged journal is not covered")
	}
	open(t, path).Assign(reqs("b", "B"), slugify, day)
	if grown := StampOf(path); grown.Inode != 0 && !grown.Covers(before) {
		t.Errorf("a grown journal is not covered: %+v after %+v", grown, before)
	}
	// replaced by another file, even a longer one (the old one kept aside,
	// so that the new one cannot reuse its number)
	data, _ := os.ReadFile(path)
	if err := os.Rename(path, path+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, data...), 0o644); err != nil {
		t.Fatal(err)
	}
	if StampOf(path).Covers(before) {
		t.Error("a replaced journal is covered")
	}
}

// An index cache that outlived its journal gives its identities back: those
// free are adopted, written, and kept by the next article assigned.
func TestAdopt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids")
	r := open(t, path)
	r.Assign(reqs("taken", "Taken"), slugify, day) // number 1, slug "taken"
	keys := []string{"a", "b", "c", "d", "taken"}
	ids := []Identity{{7, "seven", day}, {1, "one", day}, {8, "taken", day}, {9, "nine", day}, {1, "taken", day}}
	refused, err := r.Adopt(keys, ids)
	if err != nil || refused != 2 {
		t.Fatalf("adopt: %d refused, %v; want b (number 1 taken) and c (slug taken)", refused, err)
	}
	again := open(t, path)
	for _, k := range []string{"a", "d", "taken"} {
		if _, ok := again.Lookup(k); !ok {
			t.Errorf("%s was not written", k)
		}
	}
	if _, ok := again.Lookup("b"); ok || again.Warning() != "" {
		t.Errorf("b was adopted though its number is taken (%q)", again.Warning())
	}
	if got := again.Assign(reqs("e", "E"), slugify, day); got[0].Number != 10 {
		t.Errorf("after adopting 9, the next is %d", got[0].Number)
	}
	if refused, _ := again.Adopt([]string{"a"}, []Identity{{3, "three", day}}); refused != 1 {
		t.Error("a key known under another identity was not refused")
	}
}
