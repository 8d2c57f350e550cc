package termout

import (
	"bytes"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in             string
		styled, attrs, plain string
	}{
		{"plain text", "Türkiye — 👋\tok\n", "Türkiye — 👋\tok\n", "Türkiye — 👋\tok\n", "Türkiye — 👋\tok\n"},
		{"colour and bold", "\x1b[1;38;5;252mhi\x1b[0m", "\x1b[1;38;5;252mhi\x1b[0m", "\x1b[1mhi\x1b[0m", "hi"},
		{"true colour background", "\x1b[48;2;10;20;30mx\x1b[49m", "\x1b[48;2;10;20;30mx\x1b[49m", "x", "x"},
		{"reset forms", "\x1b[mx\x1b[0;22;23;24;27;29m", "\x1b[mx\x1b[0;22;23;24;27;29m", "\x1b[mx\x1b[0;22;23;24;27;29m", "x"},
		{"key-mode change", "a\x1b[>4;2mb", "ab", "ab", "ab"},
		{"private SGR", "a\x1b[?4mb", "ab", "ab", "ab"},
		{"conceal", "a\x1b[8mhidden\x1b[28m", "ahidden", "ahidden", "ahidden"},
		{"blink", "a\x1b[5mb", "ab", "ab", "ab"},
		{"colon colour", "a\x1b[38:2::1:2:3mb", "ab", "ab", "ab"},
		{"bad 256 colour", "a\x1b[38;5;300mb", "ab", "ab", "ab"},
		{"clear screen", "a\x1b[2Jb\x1b[Hc", "abc", "abc", "abc"},
		{"title OSC BEL", "a\x1b]0;pwned\x07b", "ab", "ab", "ab"},
		{"clipboard OSC ST", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab", "ab", "ab"},
		{"unterminated OSC shows as text", "a\x1b]0;title", "a0;title", "a0;title", "a0;title"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab", "ab", "ab"},
		{"8-bit CSI", "a\u009b2Jb", "ab", "ab", "ab"},
		{"8-bit OSC", "a\u009d0;t\u0007b", "ab", "ab", "ab"},
		{"ESC c and charset", "a\x1bcb\x1b(Bc", "abc", "abc", "abc"},
		{"lone ESC", "a\x1b", "a", "a", "a"},
		{"C0 C1 DEL", "a\x00\x07\x08\r\x7f\u0085b", "ab", "ab", "ab"},
		{"bidi and TAG and BOM", "a\u202eb\u2066c\u200fd\U000E0041e\ufeff", "abcde", "abcde", "abcde"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb", "a\uFFFDb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				mode Mode
				want string
			}{{Styled, tt.styled}, {Attributes, tt.attrs}, {Plain, tt.plain}} {
				if got := Clean(tt.in, c.mode); got != c.want {
					t.Errorf("Clean(%q, %d) = %q, want %q", tt.in, c.mode, got, c.want)
				}
			}
		})
	}
}

func TestWriterHoldsSequencesSplitAcrossWrites(t *testing.T) {
	in := "x\x1b[1;38;5;252mbold\x1b[0m \x1b]0;t\x07é\x1b[2Jend"
	want := Clean(in, Styled)
	for cut := 0; cut <= len(in); cut++ {
		var out bytes.Buffer
		w := NewWriter(&out, Styled)
		w.Write([]byte(in[:cut]))
		w.Write([]byte(in[cut:]))
		w.Flush()
		if out.String() != want {
			t.Fatalf("cut at %d: %q, want %q", cut, out.String(), want)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"notes/ok é.md", "notes/ok é.md"},
		{"a\x1b]0;x\x07.md", `a\x1b]0;x\x07.md`},
		{"two\nlines.md", `two\nlines.md`},
		{"bidi\u202egnp.md", `bidi\u202egnp.md`},
		{"tag\U000E0041.md", `tag\U000e0041.md`},
		{"bad\xff.md", `bad\xff.md`},
	}
	for _, tt := range tests {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func checkOutput(out string, mode Mode) string {
	if err := Check(out, mode); err != nil {
		return err.Error()
	}
	return ""
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mx\x1b[0m", "\x1b[>4;2m", "\x1b]52;c;x\x07", "\u009b2J", "a\x1b", "\x1b[38;5;", "\xff\u202e\U000E0041"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, in string, cut uint8) {
		for _, mode := range []Mode{Plain, Attributes, Styled} {
			out := Clean(in, mode)
			if why := checkOutput(out, mode); why != "" {
				t.Fatalf("Clean(%q, %d) = %q: %s", in, mode, out, why)
			}
			if again := Clean(out, mode); again != out {
				t.Fatalf("not idempotent: %q -> %q", out, again)
			}
			if mode == Plain && strings.ContainsRune(out, 0x1b) {
				t.Fatalf("escape in plain output %q", out)
			}
			// written in two pieces, the same comes out
			at := int(cut) % (len(in) + 1)
			var buf bytes.Buffer
			w := NewWriter(&buf, mode)
			w.Write([]byte(in[:at]))
			w.Write([]byte(in[at:]))
			w.Flush()
			if buf.String() != out {
				t.Fatalf("split at %d: %q, whole: %q", at, buf.String(), out)
			}
		}
	})
}

func TestCleanJSON(t *testing.T) {
	in := `{"a":"x\u001b[2Jy\r\n\t\u202e\"\\u001b","b":["\\\u0007z"]}`
	want := `{"a":"x[2Jy\n\t\"\\u001b","b":["\\z"]}`
	if got := CleanJSON(in); got != want {
		t.Errorf("CleanJSON = %s, want %s", got, want)
	}
}
