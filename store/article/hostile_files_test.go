package article_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/internal/safefile"
	"dispatch/store/article"
)

// TestLinksAreFollowedOnlyInsideTheFolder: a repository checks out
// symbolic links as they are, so a folder can hold links to the kernel's
// files (/proc/kmsg stalls any read, as root) or to secrets. A link is
// followed only to a regular file inside the folder named, by a relative
// path; the rest are skipped, each with a warning, and never opened.
func TestLinksAreFollowedOnlyInsideTheFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "notes")
	secret := filepath.Join(root, "secret.txt")
	files := map[string]string{
		"notes/real.md":       "# Real\n\nThe corridor is open.\n",
		"notes/sub/inner.md":  "# Inner\n\nA note in a folder.\n",
		"secret.txt":          "Secret Title\n\nThe key is hunter2.\n",
		"elsewhere/stolen.md": "# Stolen\n\nNot in the folder.\n",
	}
	for name, data := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"alias.md":     "real.md",       // inside: followed
		"sub/up.md":    "../real.md",    // inside, through ..: followed
		"deep.md":      "sub/inner.md",  // inside, into a folder: followed
		"absolute.txt": secret,          // absolute, even to a file that exists
		"relative.txt": "../secret.txt", // out through ..
		"through.md":   "../elsewhere/stolen.md",
		"dev.md":       "/dev/zero",     // a device, outside
		"chain.md":     "relative.txt",  // inside, to a link that leads out
		"gone.md":      "missing.md",    // broken
		"subdir":       "sub",           // a directory inside: not followed
		"outdir":       "../elsewhere",  // a directory outside: not followed
		"image.png":    "../secret.txt", // not an article: left alone
	}
	if runtime.GOOS == "linux" {
		links["kmsg.md"] = "/proc/kmsg" // fstat says regular; a read waits for the kernel to log
		links["environ.txt"] = "/proc/self/environ"
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	arts, warns := loadAll(t, article.Source{FS: safefile.DirFS(dir), Label: "notes"})
	var paths []string
	for _, a := range arts {
		paths = append(paths, a.Path)
		if text := content(t, &a).Text; strings.Contains(text, "hunter2") || strings.Contains(text, "Not in the folder") {
			t.Errorf("%s shows a file outside the folder: %q", a.Path, text)
		}
	}
	want := []string{"notes/alias.md", "notes/deep.md", "notes/real.md", "notes/sub/inner.md", "notes/sub/up.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("loaded %q\nwant   %q", paths, want)
	}
	var wantWarns []string
	for _, name := range []string{"absolute.txt", "chain.md", "dev.md", "environ.txt", "kmsg.md", "relative.txt", "through.md"} {
		if _, ok := links[name]; ok {
			wantWarns = append(wantWarns, "skipped notes/"+name+": symbolic link out of the folder, not followed")
		}
	}
	wantWarns = append(wantWarns, "skipped notes/gone.md: broken symbolic link",
		"skipped notes/subdir: symbolic link to a directory, not followed",
		"skipped notes/outdir: symbolic link to a directory, not followed")
	slices.Sort(wantWarns)
	slices.Sort(warns)
	if !slices.Equal(warns, wantWarns) {
		t.Errorf("warnings %q\nwant     %q", warns, wantWarns)
	}
}

// TestFileSwappedForALinkOutAfterListing: the listing saw a regular file;
// by the time it is read, a link out of the folder is in its place. It is
// refused when opened, not only when listed.
func TestFileSwappedForALinkOutAfterListing(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "notes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(root, "secret.md")
	for path, data := range map[string]string{filepath.Join(dir, "a.md"): "# A\n\nText.\n", secret: "# Secret\n\nhunter2\n"} {
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	l := article.List([]article.Source{{FS: safefile.DirFS(dir), Label: "notes"}})
	if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	_, warns, ok := l.NewLoader().Load(0)
	if ok || len(warns) != 1 || warns[0].String() != "skipped notes/a.md: symbolic link out of the folder, not followed" {
		t.Errorf("loaded %v, warnings %q", ok, warns)
	}
	if _, err := l.Hash(0); err == nil {
		t.Error("the cache's check of a changed file read through the link")
	}
}

// A file name need not be UTF-8: "café.md" saved in Latin-1 is read like
// any other, and named with its byte escaped.
func TestANameNotInUTF8IsRead(t *testing.T) {
	dir := t.TempDir()
	name := "caf\xe9.md"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("Notes from the caf\xc3\xa9\n\nThe talks resumed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "r\xe9sum\xe9s"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "r\xe9sum\xe9s", "a.txt"), []byte("In a Latin-1 folder\n\nIt is read too.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := article.List([]article.Source{{FS: safefile.DirFS(dir), Label: "notes"}})
	if l.Len() != 2 || len(l.Warnings()) != 0 {
		t.Fatalf("listed %d files, warnings %q", l.Len(), l.Warnings())
	}
	if p := l.Placeholder(0); p.Title != `caf\xe9` {
		t.Errorf("placeholder title %q, want the byte escaped", p.Title)
	}
	arts, warns := loadAll(t, article.Source{FS: safefile.DirFS(dir), Label: "notes"})
	if len(arts) != 2 || len(warns) != 0 {
		t.Fatalf("loaded %d articles, warnings %q", len(arts), warns)
	}
	if arts[0].Title != "Notes from the café" || arts[1].Title != "In a Latin-1 folder" {
		t.Errorf("titles %q, %q", arts[0].Title, arts[1].Title)
	}
	w := article.Warning{Path: arts[0].Path, Msg: "x"}
	if got := w.String(); got != `notes/caf\xe9.md: x` {
		t.Errorf("named %q", got)
	}
}

// Text saved with classic Mac OS line ends (a lone CR) reads as the same
// text with newlines: the CRs end lines, they are not controls to remove
// (which glued "Title" to the first paragraph).
func TestLoneCarriageReturnsEndLines(t *testing.T) {
	texts := map[string]string{
		"a.txt": "Title\nFirst paragraph line.\nSecond line.\n\nNext paragraph.\n",
		"b.md":  "# Heading\n\nA paragraph\nover two lines.\n\n- an item\n- another\n",
	}
	lf, cr := fstest.MapFS{}, fstest.MapFS{}
	for name, text := range texts {
		lf[name] = &fstest.MapFile{Data: []byte(text)}
		cr[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(text, "\n", "\r"))}
	}
	want, _ := loadAll(t, article.Source{FS: lf, Label: "notes"})
	got, warns := loadAll(t, article.Source{FS: cr, Label: "notes"})
	if len(got) != 2 || len(warns) != 0 {
		t.Fatalf("loaded %d, warnings %q", len(got), warns)
	}
	for i := range want {
		if got[i].Title != want[i].Title || content(t, &got[i]).Text != content(t, &want[i]).Text {
			t.Errorf("%s with CRs: %q, %q\nwith newlines: %q, %q", got[i].Path, got[i].Title, content(t, &got[i]).Text, want[i].Title, content(t, &want[i]).Text)
		}
	}
	if got[0].Title != "Title" || got[1].Title != "Heading" {
		t.Errorf("titles %q, %q", got[0].Title, got[1].Title)
	}
}
