package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// runOnTerminal runs dispatch in process as if stdout and stderr were a
// terminal width columns wide, colours off (NO_COLOR) so that nothing asks
// the terminal a question.
func runOnTerminal(t *testing.T, vars map[string]string, width int, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	all := map[string]string{"NO_COLOR": "1"}
	for k, v := range vars {
		all[k] = v
	}
	var out, errb bytes.Buffer
	e := env2(args, &out, &errb, all)
	e.outIsTTY, e.errIsTTY, e.ttyWidth = true, true, width
	code = run(e)
	return code, out.String(), errb.String()
}

// widest is the width of the widest line of s, in cells.
func widest(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

// TestLongLinesAreCutToTheTerminal: list and search lines on a terminal
// end at its edge rather than wrapping to column 0; into a pipe they are
// whole.
func TestLongLinesAreCutToTheTerminal(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"search", "geneva"}, {"search", "zzzzzzzzzzzzzz"}, {"search", "geneva talks zzqx"}} {
		code, out, errs := runOnTerminal(t, nil, 40, args...)
		if code != 0 || errs != "" || out == "" {
			t.Fatalf("%v: exit %d %q", args, code, errs)
		}
		if w := widest(out); w > 40 {
			t.Errorf("%v: a line %d wide on a terminal of 40:\n%s", args, w, out)
		}
		long := args[0] == "list" || args[1] == "geneva"
		if long && !strings.Contains(out, "…") {
			t.Errorf("%v: nothing was cut:\n%s", args, out)
		}
		if _, piped, _ := runCLI(t, nil, args...); long && widest(piped) <= 40 {
			t.Errorf("%v: piped lines were cut:\n%s", args, piped)
		}
	}
}

// TestReadOnATerminal: read sets an article as the reader would, no wider
// than the measure, and ends without the reader's key hints.
func TestReadOnATerminal(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		from, to int // the widest line
	}{
		{[]string{"read", "2"}, 70, 88},
		{[]string{"read", "2", "--measure", "60"}, 45, 60},
		{[]string{"--measure", "-1", "read", "2"}, 100, 160},
		{[]string{"read", "2", "--width", "50"}, 40, 50},
	} {
		code, out, errs := runOnTerminal(t, nil, 160, tt.args...)
		if code != 0 || errs != "" {
			t.Fatalf("%v: exit %d %q", tt.args, code, errs)
		}
		if w := widest(out); w < tt.from || w > tt.to {
			t.Errorf("%v on a terminal of 160: widest line %d, want %d to %d", tt.args, w, tt.from, tt.to)
		}
		if strings.Contains(out, "Press r") || !strings.Contains(out, "Related") {
			t.Errorf("%v: the reader's key hint is printed, or the related articles are not:\n%s", tt.args, out[max(0, len(out)-400):])
		}
	}
}

// TestReadPrintsTextNotMarkdown: piped, emphasis shows no ** or * marks.
func TestReadPrintsTextNotMarkdown(t *testing.T) {
	dir := t.TempDir()
	write("bold.md", "---\ntitle: Emphasis\n---\nThe talks were **very** hard and *long*.\n")(t, dir)
	code, out, errs := runCLI(t, nil, "read", "emphasis", "--dir", dir)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d %q", code, errs)
	}
	if !strings.Contains(out, "The talks were very hard and long.") || strings.Contains(out, "*") {
		t.Errorf("markdown marks in the text:\n%s", out)
	}
	for i := 1; i <= 5; i++ {
		_, out, _ := runCLI(t, nil, "read", itoa(i))
		if strings.Contains(out, "**") || strings.Contains(out, "Press r") {
			t.Errorf("read %d prints ** or a key hint", i)
		}
	}
}

func TestReadJSON(t *testing.T) {
	code, out, errs := runCLI(t, nil, "read", "2", "--json")
	var r readJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || errs != "" {
		t.Fatalf("exit %d %q: %v\n%s", code, errs, err, out)
	}
	if r.ID != 2 || r.Title == "" || r.Slug == "" || r.Dek == "" || r.Published != "2025-11-23" || len(r.Topics) == 0 ||
		len(r.Passages) < 10 || len(r.References) != 6 {
		t.Errorf("incomplete: %+v", r)
	}
	if !strings.HasPrefix(r.Text, r.Passages[0]) || !strings.Contains(r.Text, r.Passages[len(r.Passages)-1]) {
		t.Errorf("text and passages disagree")
	}
	// passages are numbered as search --json numbers them
	_, out, _ = runCLI(t, nil, "search", "prisoner exchanges", "--json")
	var hits []searchHitJSON
	json.Unmarshal([]byte(out), &hits)
	if len(hits) == 0 || hits[0].ID != 2 || hits[0].Passage < 0 || !strings.Contains(strings.ToLower(r.Passages[hits[0].Passage]), "prisoner exchanges") {
		t.Errorf("search --json's passage is not read --json's: %+v", hits)
	}
}

// TestEmptyLibrary: nothing to list prints nothing, says so to a person,
// and is an empty array in JSON.
func TestEmptyLibrary(t *testing.T) {
	code, out, errs := runCLI(t, nil, "list", "--no-builtin")
	if code != 0 || out != "" || errs != "" {
		t.Errorf("piped: exit %d, %q, %q", code, out, errs)
	}
	code, out, errs = runOnTerminal(t, nil, 80, "list", "--no-builtin")
	if code != 0 || out != "" || !strings.HasPrefix(errs, "dispatch: no articles: the library is empty") {
		t.Errorf("on a terminal: exit %d, %q, %q", code, out, errs)
	}
	if _, _, errs := runOnTerminal(t, nil, 80, "list", "--bookmarked"); errs != "dispatch: no bookmarked articles: s in the reader bookmarks one\n" {
		t.Errorf("no bookmarks: %q", errs)
	}
	for _, args := range [][]string{{"list", "--no-builtin", "--json"}, {"topics", "--passages", "--no-builtin", "--json"}} {
		if code, out, _ := runOnTerminal(t, nil, 80, args...); code != 0 || out != "[]\n" {
			t.Errorf("%v: exit %d %q, want []", args, code, out)
		}
	}
}

// TestImportSeveralFiles: each file's markdown is headed by its name, as
// head(1) does; one file has no heading, to be saved as it is.
func TestImportSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	write("a.txt", "Harbour Fees\n\nThe council voted on the fees.\n")(t, dir)
	write("b.txt", "Ferry Times\n\nThe ferry runs twice a day.\n")(t, dir)
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	_, one, _ := runCLI(t, nil, "import", a)
	if !strings.HasPrefix(one, "---\n") {
		t.Errorf("one file:\n%s", one)
	}
	code, out, errs := runCLI(t, nil, "import", a, b)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d %q", code, errs)
	}
	_, two, _ := runCLI(t, nil, "import", b)
	if want := "==> " + a + " <==\n" + one + "\n==> " + b + " <==\n" + two; out != want {
		t.Errorf("two files:\n%s\nwant:\n%s", out, want)
	}
	// a file that cannot be imported prints nothing of the others
	if code, out, _ := runCLI(t, nil, "import", a, filepath.Join(dir, "gone.txt")); code != 1 || out != "" {
		t.Errorf("one missing: exit %d, printed %q", code, out)
	}
}

func TestAmbiguousSlugNamesTheCandidates(t *testing.T) {
	code, _, errs := runCLI(t, nil, "read", "us-and")
	want := "dispatch: article \"us-and\": no such article: the prefix fits 2 slugs: us-and-ukraine-make-meaningful-progress, us-and-ukrainian-delegations-report-meaningful\n"
	if code != 1 || errs != want {
		t.Errorf("exit %d %q", code, errs)
	}
	dir := t.TempDir()
	for i := range 7 {
		write(itoa(i)+".md", "---\ntitle: Same Start "+itoa(i)+"\n---\nText.\n")(t, dir)
	}
	_, _, errs = runCLI(t, nil, "read", "same", "--dir", dir)
	if !strings.Contains(errs, "fits 7 slugs: same-start-0, same-start-1, same-start-2, same-start-3, same-start-4, and 2 more\n") {
		t.Errorf("seven: %q", errs)
	}
}

// TestSearchRefusesUnknownFlags: "--bogus" is a mistake, not a word to
// look for (it was searched for, and echoed in the suggestion); after --
// it is query.
func TestSearchRefusesUnknownFlags(t *testing.T) {
	code, out, errs := runCLI(t, nil, "search", "--bogus", "x")
	if code != 2 || out != "" || errs != "dispatch: unknown flag: --bogus (see dispatch help search)\n" {
		t.Errorf("exit %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, nil, "search", "geneva", "-exchanges", "--limit", "1"); code != 0 || strings.Count(out, " score ") != 1 {
		t.Errorf("-word and a flag: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, nil, "search", "--", "geneva", "--json"); code != 0 || !strings.Contains(out, " score ") {
		t.Errorf("after --: exit %d %q", code, out)
	}
}

// TestSearchSuggestions: the suggestion replaces the misspelt word, not a
// piece of another; a lone letter gets none (it was "a", a stop word).
func TestSearchSuggestions(t *testing.T) {
	for query, want := range map[string]string{
		"x":                          "no matches for \"x\"\n",
		"prisoner exchanges xchange": "no article has every word of \"prisoner exchanges xchange\"; the closest: (did you mean \"prisoner exchanges exchanges\"?)\n",
		"negotiatons":                "no matches for \"negotiatons\" — did you mean \"negotiations\"?\n",
	} {
		_, out, _ := runCLI(t, nil, "search", query)
		if first, _, _ := strings.Cut(out, "\n"); first+"\n" != want {
			t.Errorf("search %q: %q, want %q", query, first, want)
		}
	}
}

// TestIndexCommand: index says what the cache holds, in counts that
// agree: files read (some skipped) and articles kept apart.
func TestIndexCommand(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	write("a.md", "---\ntitle: Harbour Fees\n---\nThe council voted.\n")(t, dir)
	write("b.md", "---\ntitle: Ferry\n---\nThe ferry runs.\n")(t, dir)
	write("empty.md", "")(t, dir)
	write("broken.md", "---\ntitle: [broken\n---\nText.\n")(t, dir)
	args := []string{"index", "--dir", dir, "--cache", cache}
	code, out, errs := runCLI(t, nil, args...)
	lines := strings.Split(out, "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], cache+string(os.PathSeparator)+"library-") || !strings.HasSuffix(lines[0], ".idx") {
		t.Fatalf("exit %d %q\n%s", code, errs, out)
	}
	if _, err := os.Stat(lines[0]); err != nil {
		t.Errorf("index names a cache that is not there: %v", err)
	}
	if !strings.HasPrefix(lines[1], "  7 articles (2 files skipped), ") || !strings.HasSuffix(lines[1], " on disk, written 0s ago") ||
		lines[2] != "  saved: 9 files read and indexed, 0 articles kept as they were, 0 dropped" {
		t.Errorf("first run:\n%s", out)
	}
	if strings.Count(errs, "skipped") != 2 {
		t.Errorf("warnings: %q", errs)
	}
	_, out, _ = runCLI(t, nil, args...)
	if !strings.HasSuffix(out, "  up to date\n") || !strings.Contains(out, "  7 articles (2 files skipped), ") {
		t.Errorf("second run:\n%s", out)
	}
	write("c.md", "---\ntitle: Choir\n---\nThe choir sang.\n")(t, dir)
	code, out, _ = runCLI(t, nil, append(args, "--json")...)
	var j indexJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil || code != 0 {
		t.Fatalf("--json: exit %d %v\n%s", code, err, out)
	}
	if j.Articles != 8 || j.Indexed != 1 || j.Reused != 7 || j.Skipped != 2 || !j.Saved || j.Bytes == 0 || j.Created.IsZero() {
		t.Errorf("after adding a file: %+v", j)
	}
	if _, out, _ := runCLI(t, nil, append(args, "--rebuild")...); !strings.Contains(out, "saved: 10 files read and indexed, 0 articles kept") {
		t.Errorf("--rebuild:\n%s", out)
	}
}

// TestIndexThatCannotBeWritten: a cache folder that cannot be made (a
// file is in the way: as root, permissions would not stop it) is said to
// be so, exit 1; nothing on stdout claims a cache.
func TestIndexThatCannotBeWritten(t *testing.T) {
	root := t.TempDir()
	write("file", "in the way")(t, root)
	code, out, errs := runCLI(t, nil, "index", "--cache", filepath.Join(root, "file", "cache"))
	if code != 1 || out != "" || !strings.HasSuffix(errs, "dispatch: the index cache could not be written in "+filepath.Join(root, "file", "cache")+"\n") ||
		!strings.Contains(errs, "not a directory") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, nil, "index", "--no-cache"); code != 2 || !strings.Contains(errs, "index needs a cache") {
		t.Errorf("--no-cache: exit %d %q", code, errs)
	}
}

// TestTopicPassages: topics --passages lists, for one article or all,
// the passages on a topic with their scores, * on those past the mark.
func TestTopicPassages(t *testing.T) {
	code, out, errs := runCLI(t, nil, "topics", "--passages", "2", "--json")
	var one passageTopicsJSON
	if err := json.Unmarshal([]byte(out), &one); err != nil || code != 0 || errs != "" {
		t.Fatalf("exit %d %q %v\n%s", code, errs, err, out)
	}
	_, readOut, _ := runCLI(t, nil, "read", "2", "--json")
	var r readJSON
	json.Unmarshal([]byte(readOut), &r)
	if one.ID != 2 || one.Title != r.Title || len(one.Passages) == 0 {
		t.Fatalf("article 2: %+v", one)
	}
	for _, p := range one.Passages {
		if p.Text != r.Passages[p.Passage] || len(p.Topics) == 0 {
			t.Errorf("passage %d: %+v", p.Passage, p)
		}
		for _, k := range p.Topics {
			if p.Scores[k] < 2.5 {
				t.Errorf("passage %d is on %s with a score of %v", p.Passage, k, p.Scores[k])
			}
		}
	}
	_, plain, _ := runCLI(t, nil, "topics", "--passages", "2")
	lines := strings.Split(plain, "\n")
	if lines[0] != "2  "+r.Title || !strings.HasPrefix(lines[1], "  ¶") || !strings.Contains(lines[1], "*") ||
		strings.Count(plain, "  ¶") != len(one.Passages) || !strings.HasSuffix(plain, "\n* marks a passage on the topic (score 2.5 or more).\n") {
		t.Errorf("plain:\n%s", plain)
	}
	_, out, _ = runCLI(t, nil, "topics", "--passages", "--json")
	var all []passageTopicsJSON
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all) != 5 || all[1].ID != 2 || len(all[1].Passages) != len(one.Passages) {
		t.Errorf("every article: %v, %d", err, len(all))
	}
	if code, _, errs := runCLI(t, nil, "topics", "--passages", "1", "2"); code != 2 || !strings.Contains(errs, "at most one article") {
		t.Errorf("two articles: exit %d %q", code, errs)
	}
}
