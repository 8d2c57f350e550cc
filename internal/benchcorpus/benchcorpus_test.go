package benchcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeterministicAndRealistic(t *testing.T) {
	a, b := New(42), New(42)
	for i := range 50 {
		x, y := a.Article(i), b.Article(i)
		if x != y {
			t.Fatalf("article %d differs between two generators with one seed", i)
		}
		body := x[strings.Index(x[3:], "---")+6:]
		words := len(strings.Fields(body))
		if words < 700 || words > 1800 {
			t.Errorf("article %d has %d words", i, words)
		}
		if !strings.HasPrefix(x, "---\ntitle: ") {
			t.Errorf("article %d has no front matter", i)
		}
	}
	if New(1).Article(0) == New(2).Article(0) {
		t.Error("different seeds made the same article")
	}
	all := strings.Join([]string{a.Article(50), a.Article(51), a.Article(52), a.Article(53)}, "")
	for _, want := range []string{"\n## ", "\n- ", CommonWord} {
		if !strings.Contains(all, want) {
			t.Errorf("articles lack %q", want)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	n, err := WriteDir(dir, 7, 1005)
	if err != nil || n == 0 {
		t.Fatal(err)
	}
	subs, _ := os.ReadDir(dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	if len(subs) != 2 || len(files) != 1005 {
		t.Errorf("%d directories, %d files", len(subs), len(files))
	}
	first, _ := os.ReadFile(filepath.Join(dir, "000", "a000000.md"))
	if !strings.Contains(string(first), RareWord) {
		t.Error("article 0 should carry the rare word")
	}
}

func TestParseScales(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"", nil, false},
		{"100k", []string{"100k"}, false},
		{"10k, 100k", []string{"10k", "100k"}, false},
		{"all", []string{"1k", "10k", "100k"}, false},
		{"1m", nil, true},
		{"10k,", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseScales(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseScales(%q) error %v", tt.in, err)
			continue
		}
		var names []string
		for _, s := range got {
			names = append(names, s.Name)
		}
		if strings.Join(names, ",") != strings.Join(tt.want, ",") {
			t.Errorf("ParseScales(%q) = %v, want %v", tt.in, names, tt.want)
		}
	}
}

func TestDirIsWrittenOnceAndRepairedWhenHalfDone(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir, err := Dir(3)
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "000", "a000000.md")
	if err := os.WriteFile(first, []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, err := Dir(3); err != nil || again != dir {
		t.Fatalf("second Dir: %s, %v", again, err)
	}
	if b, _ := os.ReadFile(first); string(b) != "changed" {
		t.Error("a finished directory was written again")
	}
	// a run killed while writing leaves no marker: the next one starts over
	if err := os.Remove(filepath.Join(dir, ".complete")); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir(3); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(first); string(b) == "changed" {
		t.Error("a half-written directory was taken as finished")
	}
}
