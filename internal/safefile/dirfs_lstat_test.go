package safefile

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestLstatIn: the files of one folder described through its descriptor
// as a listing sees them: a file as itself, a link as a link, a missing
// name, and a name that is not one file of the folder, each with its own
// answer; a folder that is a regular file fails every name, for root too.
func TestLstatIn(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(root, "sub", "a.md"), []byte("12345"), 0o644)
	os.Symlink("a.md", filepath.Join(root, "sub", "link.md"))
	os.WriteFile(filepath.Join(root, "file"), nil, 0o644)
	d := DirFS(root).(dirFS)
	var got []string
	d.LstatIn("sub", []string{"a.md", "link.md", "gone.md", "../x.md"}, func(i int, info fs.FileInfo, err error) {
		switch {
		case err != nil:
			got = append(got, "error")
		case info.Mode()&fs.ModeSymlink != 0:
			got = append(got, "link")
		default:
			got = append(got, info.Name()+":"+string(rune('0'+info.Size())))
		}
	})
	if want := []string{"a.md:5", "link", "error", "error"}; len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("got %v, want %v", got, want)
	}
	failed := 0
	d.LstatIn("file", []string{"a.md", "b.md"}, func(i int, info fs.FileInfo, err error) {
		if err != nil {
			failed++
		}
	})
	if failed != 2 {
		t.Fatalf("a file as the folder: %d of 2 names failed", failed)
	}
}
