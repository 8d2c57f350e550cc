package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamageFoundWhileACommandRuns: a command reads the index cache only
// where it needs to, checking each part as it reads it. Damage found then
// (here a byte flipped, at places all over the snapshot) costs one line
// and a rebuild; the answer is a fresh build's, and no warning is said
// twice: the command is not run again from the start, as it was (a broken
// file's "skipped" came twice). A warning the cache holds is said only
// where it was found: by index, and by a run that rebuilt the cache.
func TestDamageFoundWhileACommandRuns(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	for i := range 12 {
		write(fmt.Sprintf("%02d.md", i), fmt.Sprintf("---\ntitle: Harbour report %d\n---\nThe harbour council met on day %d. The ferry ran; the fishing fleet stayed in port.\n\nA second passage on the harbour fees, number %d.\n", i, i, i))(t, dir)
	}
	write("broken.md", "---\ntitle: [broken\n---\nText.\n")(t, dir)
	base := []string{"--no-builtin", "--dir", dir}
	commands := [][]string{{"list"}, {"search", "harbour fees"}, {"read", "3"}, {"related", "2", "--json"}}
	fresh := map[int]string{}
	for i, c := range commands {
		code, out, errs := runCLI(t, nil, append(append(c, base...), "--no-cache")...)
		if code != 0 || strings.Count(errs, "\n") != 1 {
			t.Fatalf("%v without a cache: exit %d %q", c, code, errs)
		}
		fresh[i] = out
	}
	cached := append(base, "--cache", cache)
	if code, _, _ := runCLI(t, nil, append([]string{"index"}, cached...)...); code != 0 {
		t.Fatal("index failed")
	}
	snapshots, _ := filepath.Glob(filepath.Join(cache, "library-*.idx"))
	if len(snapshots) != 1 {
		t.Fatalf("snapshots %v", snapshots)
	}
	pristine, err := os.ReadFile(snapshots[0])
	if err != nil {
		t.Fatal(err)
	}
	foundLate := 0 // runs that met the damage while they ran, not on opening
	for at := 16; at < len(pristine); at += max(len(pristine)/30, 1) {
		for i, c := range commands {
			damaged := append([]byte(nil), pristine...)
			damaged[at] ^= 0x5a
			if err := os.WriteFile(snapshots[0], damaged, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, nil, append(c, cached...)...)
			if code != 0 || out != fresh[i] {
				t.Fatalf("%v, byte %d flipped: exit %d %q; the answer differs from a fresh build's", c, at, code, errs)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			said := map[string]bool{}
			for _, l := range lines {
				if said[l] {
					t.Errorf("%v, byte %d flipped: said twice: %q", c, at, l)
				}
				said[l] = true
			}
			// the broken file's warning is in the cache, said when found
			// (by index): said again only by a run that rebuilt the cache
			rebuilt := strings.Contains(errs, "rebuil")
			if n := strings.Count(errs, "skipped"); n > 1 || rebuilt && n != 1 || len(lines) > 2 {
				t.Errorf("%v, byte %d flipped: stderr %q", c, at, errs)
			}
			if strings.Contains(errs, "; rebuilding it") {
				foundLate++
			}
		}
	}
	if foundLate == 0 {
		t.Error("no flip was found while a command ran: the test does not reach the path it is for")
	}
	t.Logf("%d runs found the damage while they ran", foundLate)
}
