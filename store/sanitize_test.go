package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text untouched", "Türkiye, India — and 👋\tok\n", "Türkiye, India — and 👋\tok\n"},
		{"CSI colour", "red \x1b[31malert\x1b[0m", "red alert"},
		{"OSC title and hyperlink", "a\x1b]0;pwned\x07b \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "ab link"},
		{"trailing ESC", "ab\x1b", "ab"},
		{"two-byte reset ESC c", "a\x1bcb", "ab"},
		{"C0 and DEL", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"C1 controls", "a\u0085b\u009bc", "abc"},
		{"CRLF", "one\r\ntwo\rthree", "one\ntwothree"},
		{"bidi overrides", "abc\u202edcba\u202c \u2066x\u2069", "abcdcba x"},
		{"invalid UTF-8", "ok\xff\xfeend", "ok\uFFFDend"},
		{"entity ESC decimal", "x&#27;[31my", "x[31my"},
		{"entity ESC hex", "x&#x1B;[2Jy &#X9b;z", "x[2Jy z"},
		{"entity bidi", "a&#8238;b", "ab"},
		{"entity nul", "a&#0;b", "ab"},
		{"entity out of range", "a&#99999999;b", "ab"},
		{"safe entities kept", "AT&amp;T &#8212; &eacute; &#x41;", "AT&amp;T &#8212; &eacute; &#x41;"},
		{"spliced entity", "&&#27;#27;", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mx", "&#27;", "&&#27;#x1b;", "\u202e", "\xff", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", in)
		}
		for _, r := range out {
			if isUnsafeRune(r) {
				t.Fatalf("unsafe rune %U survived in %q", r, out)
			}
		}
		if m := unsafeEntity.FindAllString(out, -1); len(m) > 0 {
			for _, e := range m {
				if dropUnsafeEntity(e) == "" {
					t.Fatalf("unsafe entity %q survived in %q", e, out)
				}
			}
		}
		if strings.ContainsRune(out, '\x1b') {
			t.Fatalf("ESC survived")
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q", out, again)
		}
	})
}
