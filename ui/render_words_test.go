package ui

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/mattn/go-runewidth"

	"dispatch/store"
	"dispatch/store/article"
)

// runs are the runs without white space of s.
func runs(s string) []string { return strings.FieldsFunc(s, unicode.IsSpace) }

func TestBreakLongWords(t *testing.T) {
	cjk := strings.Repeat("北京和上海的代表团", 30) // 270 runes, 540 cells
	tests := []struct {
		name, in string
		room     int
		widths   []int // cells of each run of the result
	}{
		{"short words are left alone", "the talks went on", 10, []int{3, 5, 4, 2}},
		{"a long word is cut to the room", strings.Repeat("a", 25), 10, []int{10, 10, 5}},
		{"CJK written without spaces", cjk[:len("北京和上海的代表团")*2], 10, []int{10, 10, 10, 6}},
		{"a wide rune is not split from its cells", "a" + strings.Repeat("漢", 6), 10, []int{9, 4}},
		{"emoji", strings.Repeat("😀", 12), 8, []int{8, 8, 8}},
		{"no more than maxWordRunes runes, however narrow", "a" + strings.Repeat("\u0301", 600), 72, []int{1, 0, 0}},
		{"runes of no width count", "a" + strings.Repeat("\u0301", 300), 72, []int{1, 0}},
		{"ideographic space ends a run", strings.Repeat("字", 5) + "\u3000" + strings.Repeat("字", 5), 10, []int{10, 10}},
		{"wide runes under the rune bound", cjk, 1000, []int{512, 28}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := breakLongWords(tt.in, tt.room)
			var widths []int
			for _, r := range runs(got) {
				widths = append(widths, runewidth.StringWidth(r))
				if utf8.RuneCountInString(r) > maxWordRunes {
					t.Errorf("a run of %d runes", utf8.RuneCountInString(r))
				}
			}
			if len(widths) != len(tt.widths) {
				t.Errorf("runs of %v cells, want %v", widths, tt.widths)
			}
			for i := range min(len(widths), len(tt.widths)) {
				if widths[i] != tt.widths[i] {
					t.Errorf("runs of %v cells, want %v", widths, tt.widths)
					break
				}
			}
			if strings.Join(runs(got), "") != strings.Join(runs(tt.in), "") {
				t.Errorf("text changed: %q", got)
			}
		})
	}
}

// A link's address is not broken: a space in it would turn the link into
// its markdown, shown as text ("[report](https://ex ample…)"). Past
// maxLinkRunes it is broken like any word.
func TestBreakLongWordsLeavesLinkAddressesWhole(t *testing.T) {
	long := "https://www.example.com/2025/11/23/world/europe/ukraine-peace-talks-geneva-" + strings.Repeat("x", 60) + ".html"
	for _, in := range []string{
		"Read the [full report](" + long + ") today.",
		"Read the [full report](" + long + " \"a title\") today.",
		"An image: ![a map of the front line](" + long + ")",
		"A link in (parentheses): [report](" + long + "?q=(a)b)).",
		"An autolink <" + long + "> in text.",
		"[ref]: " + long + "\n\nA [reference][ref].",
	} {
		got := breakLongWords(in, 20)
		if !strings.Contains(got, long) {
			t.Errorf("address broken: %q", got)
		}
		for _, r := range runs(strings.ReplaceAll(got, long, "")) {
			if w := runewidth.StringWidth(r); w > 20 {
				t.Errorf("%q: a run of %d cells is left beside the address", in, w)
			}
		}
	}
	tooLong := "[x](https://example.com/" + strings.Repeat("y", maxLinkRunes) + ")"
	for _, r := range runs(breakLongWords(tooLong, 20)) {
		if utf8.RuneCountInString(r) > len("[x](")+maxLinkRunes {
			t.Errorf("an address of %d runes left whole", utf8.RuneCountInString(r))
		}
	}
	if got := breakLongWords("[a](b) "+strings.Repeat("z", 30), 20); got != "[a](b) "+strings.Repeat("z", 20)+" "+strings.Repeat("z", 10) {
		t.Errorf("after a link: %q", got)
	}
	many := strings.Repeat("[x]("+long+") [short](https://e.com) ", maxWholeLinks+20)
	if whole := strings.Count(breakLongWords(many, 20), long); whole != maxWholeLinks {
		t.Errorf("%d addresses longer than a line left whole, want the first %d", whole, maxWholeLinks)
	}
}

// A paragraph written without spaces (CJK, emoji) wraps inside the
// margins like any other: the spaces inserted to bound the words do not
// show, and no line is cut at the edge of the screen.
func TestWideParagraphWrapsInsideTheMargins(t *testing.T) {
	text := strings.Repeat("北京和上海的代表团星期日再次会面，谈了几个小时。", 40)
	emoji := strings.Repeat("🇺🇦🤝🌍🕊📜", 60)
	lib := loadOne(t, "---\ntitle: Wide\n---\n\n"+text+"\n\n- "+emoji+"\n")
	r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 1<<30)
	for _, width := range []int{40, 61, 80, 120} {
		out, err := r.RenderText(0, width)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(out, "\n")
		var body []string
		for _, l := range lines[6:] {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if w := runewidth.StringWidth(l); w > width-2 {
				t.Errorf("width %d: a line of %d cells reaches into the margin: %q", width, w, l)
			}
			if !strings.HasPrefix(l, "  ") {
				t.Errorf("width %d: a line without its margin: %q", width, l)
			}
			body = append(body, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "•")))
		}
		joined := strings.Join(body, "")
		if strings.ContainsAny(joined, " \u3000") {
			t.Errorf("width %d: a space shows inside the text", width)
		}
		if joined != text+emoji {
			t.Errorf("width %d: text changed", width)
		}
	}
}

// A link whose address is longer than a line is shown as a link: its
// text and its address, not its markdown.
func TestLongLinkAddressRendersAsALink(t *testing.T) {
	addr := "https://www.example.com/2025/11/23/world/europe/ukraine-peace-talks-geneva.html"
	lib := loadOne(t, "---\ntitle: Links\n---\n\nRead the [full report]("+addr+") today.\n")
	r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 1<<30)
	out, err := r.RenderText(0, 60)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out), "")
	if strings.Contains(out, "](") || !strings.Contains(flat, addr) || !strings.Contains(out, "full report") {
		t.Errorf("rendered:\n%s", out)
	}
}

// loadOne loads one markdown file as a user's folder is loaded.
func loadOne(t *testing.T, src string) *store.Library {
	t.Helper()
	fsys := fstest.MapFS{"x.md": {Data: []byte(src)}}
	lib := store.Load(nil, article.List([]article.Source{{FS: fsys, Label: "notes"}}), testTopics(t), nil)
	if lib.Len() != 1 {
		t.Fatalf("not loaded: %v", lib.Warnings())
	}
	return lib
}

// FuzzBreakLongWords holds breakLongWords to what glamour's cost needs and
// the reader's text to what it was: the result is the input with spaces
// inserted, and no run without white space is longer than a word and an
// address can make it (glamour's wrap costs the square of a run).
func FuzzBreakLongWords(f *testing.F) {
	for _, s := range []string{
		"plain words", strings.Repeat("漢", 300), strings.Repeat("a", 600),
		"[t](https://example.com/" + strings.Repeat("x", 700) + ")", "<http://x/" + strings.Repeat("y", 600) + ">",
		"[r]: " + strings.Repeat("z", 600), "]((((" + strings.Repeat("(", 600), "a\u0301\u0301\u0301",
	} {
		f.Add(s, uint8(72))
	}
	f.Fuzz(func(t *testing.T, s string, room uint8) {
		if !utf8.ValidString(s) {
			return // the reader is handed sanitized text only
		}
		cells := 8 + int(room)
		got := breakLongWords(s, cells)
		i := 0 // of s matched so far
		for j := 0; j < len(got); j++ {
			switch {
			case i < len(s) && got[j] == s[i]:
				i++
			case got[j] != ' ':
				t.Fatalf("breakLongWords(%q) = %q: not the input with spaces inserted", s, got)
			}
		}
		if i != len(s) {
			t.Fatalf("breakLongWords(%q) = %q: text lost", s, got)
		}
		for _, run := range runs(got) {
			if n := utf8.RuneCountInString(run); n > 2*maxWordRunes+maxLinkRunes+2 {
				t.Fatalf("a run of %d runes: %q", n, run)
			}
		}
	})
}
