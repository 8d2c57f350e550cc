package journal

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFollowFromAMark: a reader following the journal from a mark sees
// exactly the paths recorded since, and a reader without one (or with
// another journal's) is told to look at everything.
func TestFollowFromAMark(t *testing.T) {
	root := t.TempDir()
	if c := Read(root, Mark{}); c.Followed || c.Next != (Mark{}) {
		t.Fatalf("no journal: %+v, want nothing followed and no mark", c)
	}
	done, err := Begin(root, "a/1.md", "a/2.md")
	if err != nil {
		t.Fatal(err)
	}
	done()
	first := Read(root, Mark{})
	if first.Followed || first.Next.ID == "" {
		t.Fatalf("without a mark: %+v, want not followed, with a mark to keep", first)
	}
	if c := Read(root, first.Next); !c.Followed || len(c.Touched) != 0 {
		t.Fatalf("from the end: %+v, want followed, nothing touched", c)
	}
	done, err = Begin(root, "b")
	if err != nil {
		t.Fatal(err)
	}
	done()
	c := Read(root, first.Next)
	if !c.Followed || !slices.Equal(c.Touched, []string{"b"}) {
		t.Fatalf("after one change: %+v, want b touched", c)
	}
	if again := Read(root, c.Next); !again.Followed || len(again.Touched) != 0 {
		t.Fatalf("from the new mark: %+v", again)
	}
	if c := Read(root, Mark{ID: "0123456789abcdef", Offset: first.Next.Offset}); c.Followed {
		t.Fatalf("another journal's mark followed: %+v", c)
	}
	if c := Read(root, Mark{ID: first.Next.ID, Offset: 1 << 40}); c.Followed {
		t.Fatalf("a mark past the end followed: %+v", c)
	}
	if got := ParseMark(c.Next.String()); got != c.Next {
		t.Fatalf("mark %v read back as %v", c.Next, got)
	}
}

// TestAnUnconfirmedChangeIsLookedAtAgain: a reader that saw an intent
// whose change is not confirmed yet (still being made, or its writer
// killed) keeps its mark before it, so the next run looks again.
func TestAnUnconfirmedChangeIsLookedAtAgain(t *testing.T) {
	root := t.TempDir()
	start := Read(root, Mark{})
	done0, err := Begin(root, "x.md")
	if err != nil {
		t.Fatal(err)
	}
	done0()
	start = Read(root, start.Next)
	done, err := Begin(root, "f/new.md")
	if err != nil {
		t.Fatal(err)
	}
	during := Read(root, start.Next)
	if !during.Followed || !slices.Equal(during.Touched, []string{"f/new.md"}) {
		t.Fatalf("during the change: %+v", during)
	}
	if during.Next != start.Next {
		t.Fatalf("the mark moved past an unconfirmed change: %v, was %v", during.Next, start.Next)
	}
	done()
	after := Read(root, during.Next)
	if !slices.Equal(after.Touched, []string{"f/new.md"}) || after.Next == during.Next {
		t.Fatalf("after the change: %+v", after)
	}
}

// TestDamageMeansLookAtEverything: a line that is not a record (a crash
// cut one short, or another program wrote it) makes the reader look at
// everything once; the next writer starts its records on a line of their
// own, and the mark moves past the damage.
func TestDamageMeansLookAtEverything(t *testing.T) {
	root := t.TempDir()
	done, err := Begin(root, "a.md")
	if err != nil {
		t.Fatal(err)
	}
	done()
	mark := Read(root, Mark{}).Next
	f, err := os.OpenFile(filepath.Join(root, Name), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`? 0011aabb "cut sh`)
	f.Close()
	if done, err = Begin(root, "b.md"); err != nil {
		t.Fatal(err)
	}
	done()
	c := Read(root, mark)
	if c.Followed {
		t.Fatalf("a damaged record followed: %+v", c)
	}
	if again := Read(root, c.Next); !again.Followed || len(again.Touched) != 0 {
		t.Fatalf("past the damage: %+v", again)
	}
}

// TestANewJournalPastItsBound: past maxBytes the next writer starts a new
// journal, and a reader of the old one looks at everything once.
func TestANewJournalPastItsBound(t *testing.T) {
	root := t.TempDir()
	done, err := Begin(root, "a.md")
	if err != nil {
		t.Fatal(err)
	}
	done()
	mark := Read(root, Mark{}).Next
	pad := strings.Repeat(`! 00000000`+"\n", maxBytes/11+1)
	f, _ := os.OpenFile(filepath.Join(root, Name), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(pad)
	f.Close()
	if done, err = Begin(root, "b.md"); err != nil {
		t.Fatal(err)
	}
	done()
	c := Read(root, mark)
	if c.Followed || c.Next.ID == mark.ID {
		t.Fatalf("a new journal: %+v, the old mark %v", c, mark)
	}
	if fi, _ := os.Stat(filepath.Join(root, Name)); fi.Size() > 200 {
		t.Fatalf("the new journal is %d bytes", fi.Size())
	}
}

// TestBeginRefusesWhatItCannotRecord: a path out of the folder is refused,
// and so is a journal that cannot be written (a folder in its place): the
// caller must then not make its change.
func TestBeginRefusesWhatItCannotRecord(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"../x.md", "/abs.md", "", ".", "a//b"} {
		if _, err := Begin(root, p); err == nil {
			t.Errorf("Begin(%q) recorded", p)
		}
	}
	if err := os.Mkdir(filepath.Join(root, Name), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(root, "a.md"); err == nil {
		t.Error("a folder in the journal's place: recorded")
	}
	if c := Read(root, Mark{}); c.Followed || c.Next != (Mark{}) {
		t.Errorf("a folder in the journal's place read as %+v", c)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := Begin(filepath.Join(file, "under"), "a.md"); err == nil {
		t.Error("a journal under a regular file: recorded")
	}
}

func TestParseMark(t *testing.T) {
	for _, s := range []string{"", "x", "0123456789abcdef", "0123456789abcdef:-1", "0123456789abcdeZ:5", ":5"} {
		if m := ParseMark(s); m != (Mark{}) {
			t.Errorf("ParseMark(%q) = %v", s, m)
		}
	}
}

// FuzzParse: any bytes as a journal, from any mark: no panic, only valid
// paths, a mark within the bytes.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.journal")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, int64(36))
	}
	f.Add([]byte(header+"0123456789abcdef\n? 00aa11bb \"a/b.md\"\n! 00aa11bb\n"), int64(0))
	f.Fuzz(func(t *testing.T, data []byte, off int64) {
		id := ""
		if nl := strings.IndexByte(string(data), '\n'); nl >= 0 {
			id = parseHeader(data[:nl+1])
		}
		c := parse(data, Mark{ID: id, Offset: off})
		for _, p := range c.Touched {
			if !validPathForTest(p) {
				t.Fatalf("touched %q", p)
			}
		}
		if c.Next.Offset < 0 || c.Next.Offset > int64(len(data)) {
			t.Fatalf("mark %v of %d bytes", c.Next, len(data))
		}
	})
}

func validPathForTest(p string) bool {
	return p != "" && p != "." && !strings.HasPrefix(p, "/") && !slices.Contains(strings.Split(p, "/"), "..")
}
