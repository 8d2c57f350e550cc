package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"dispatch/internal/benchcorpus"
	"dispatch/internal/termout"
	"dispatch/store/state"
	"dispatch/ui"
)

// pipelineSeeds are one file of each class of hostile input found so far.
func pipelineSeeds() []string {
	seeds := []string{
		"# Plain\n\nThe delegations met in Geneva on Sunday.\n",
		"# Esc \x1b[2J\x1b]0;title\x07\n\nText \x1b[31mred\x1b[0m \x1b[>4;2m \x1bP1$r\x1b\\ \u009b2J.\n",
		"# Refs\n\n&#033;[2J &#0233; &#020056; &#x000000410000001b;[8m &amp;#27; &#x9b;2J &lrm;&#8238;x\n",
		"# Code\n\n`&#x000000410000001b;[>4;2m` ~~&#x000000410000001b;[?4m~~ <b>&#x000000410000001b;[8m</b>\n",
		"---\ntitle: \"YAML \\e[2J escape \\x9b and \\u202e bidi\"\nbyline: \"\\a bell\"\n---\n\nBody.\n",
		"# Tags\n\nvis\U000E0041\U000E0042ible \ufeff text \u2066isolated\u2069 \u200fmark\n",
		"# Emoji\n\n👨\u200d👩\u200d👧\u200d👦 👍🏽 ❤\ufe0f 🇺🇦 1\ufe0f\u20e3\n",
		"# Table\n\n| a | b | c | d | e | f | g | h | i | j | k | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 |\n",
		"# Nest\n\n" + strings.Repeat("> ", 30) + strings.Repeat("- ", 30) + "deep\n",
		"Broken \xff\xfe UTF-8 \xc3\nSecond line\n",
		"Title line\nBy: Someone \x1b[1m\n\n1. First\n2. Second\n\nReferences\n- A \x07 source\n",
	}
	for _, shape := range benchcorpus.PathologicalShapes {
		seeds = append(seeds, benchcorpus.Pathological(shape, 2048))
	}
	return seeds
}

// FuzzPipeline feeds one file through everything dispatch does with it:
// load (as markdown and as plain text), every command's output to a pipe
// and as JSON, the article rendered in colour at a width of 20–200, and
// the reader's screen. Nothing but allowed styling may come out: no other
// escape, no control character but newline and tab, no bidi or TAG
// character, valid UTF-8; to a pipe, no escape at all.
func FuzzPipeline(f *testing.F) {
	for i, s := range pipelineSeeds() {
		f.Add([]byte(s), uint8(i*37))
	}
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		width := 20 + int(w)%181
		dir := t.TempDir()
		for _, name := range []string{"a.md", "b.txt"} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		query := "the"
		if fields := strings.Fields(string(data)); len(fields) > 0 {
			query = fields[len(fields)/2]
		}
		for _, args := range [][]string{
			{"list"}, {"list", "--json"}, {"read", "1", "--width", strconv.Itoa(width)}, {"read", "2"},
			{"search", "--", query}, {"search", "--json", "--", query}, {"related", "1", "--json"}, {"topics", "--json"},
		} {
			_, out, errs := runCLI(t, nil, append([]string{"--no-builtin", "--dir", dir}, args...)...)
			checkPlainOutput(t, strings.Join(args, " "), out)
			checkPlainOutput(t, strings.Join(args, " ")+" (stderr)", errs)
		}
		lib, err := loadLibrary(makeEnv(nil, io.Discard, io.Discard, func(string) string { return "" }), &globalFlags{dirs: []string{dir}, noBuiltin: true})
		if err != nil {
			t.Fatal(err)
		}
		styles := ui.DefaultStyles(lipgloss.NewRenderer(io.Discard), termenv.TrueColor, true)
		r := ui.NewRenderer(lib, styles, glamourstyles.DarkStyleConfig, 64<<20)
		for i := range lib.Len() {
			out, err := r.RenderText(i, width)
			if err != nil {
				t.Fatal(err)
			}
			if err := termout.Check(out, termout.Styled); err != nil {
				t.Fatalf("read in colour: %v", err)
			}
		}
		st, _ := state.Open("", state.Options{})
		var m tea.Model = ui.New(ui.Options{Library: lib, State: st, Styles: styles, Renderer: r, KeyMap: ui.DefaultKeyMap()})
		step := func(msg tea.Msg) {
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			if cmd != nil {
				if next := cmd(); next != nil {
					if _, batch := next.(tea.BatchMsg); !batch {
						m, _ = m.Update(next)
					}
				}
			}
			if err := termout.Check(m.View(), termout.Styled); err != nil {
				t.Fatalf("the reader's screen: %v", err)
			}
		}
		step(tea.WindowSizeMsg{Width: width, Height: 24})
		for _, k := range []string{"enter", "G", "/", "x", "enter", "r", "esc", "c", "esc"} {
			step(keyMsg(k))
		}
	})
}

// keyMsg is the key message for a key name as bubbletea spells it.
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
