package article

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// The fuzz targets hold the gate's promise against the package's own list
// of unsafe runes (isUnsafeRune): whatever the input, nothing on it comes
// out, and whatever decodes references next finds nothing either.

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mx", "&#27;", "&&#27;#x1b;", "\u202e", "\xff", "a\r\nb",
		"&#033;", "&#0233;", "&#x000000410000001b;", "&lrm;", "&amp;#27;", "\\&#27;", "\U000E0041", "👨\u200d👩"} {
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
		// whatever decodes references next, once, finds nothing unsafe
		for name, decoded := range map[string]string{
			"html.UnescapeString": html.UnescapeString(out),
			"goldmark":            string(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(out)))),
		} {
			for _, r := range decoded {
				if isUnsafeRune(r) || r == 0x1b {
					t.Fatalf("%s decodes %q to unsafe rune %U", name, out, r)
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

func FuzzImportAndSanitize(f *testing.F) {
	for _, s := range []string{"Title\nText.", "\x1b[31mred\x1b[0m\n- a\n- b", "1. x\n2. y", "&#27;[2J", "\u202eevil\xff", "-\n“q”", "a.B c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		clean := Sanitize(string(data))
		if !utf8.ValidString(clean) {
			t.Fatal("sanitized text is not valid UTF-8")
		}
		for _, r := range clean {
			if isUnsafeRune(r) {
				t.Fatalf("sanitized text keeps %U", r)
			}
		}
		if Sanitize(clean) != clean {
			t.Fatal("Sanitize is not idempotent")
		}
		md, err := ImportText("f.txt", data)
		if err != nil {
			return
		}
		if !utf8.ValidString(md) {
			t.Fatal("imported markdown is not valid UTF-8")
		}
		for _, r := range md {
			if isUnsafeRune(r) {
				t.Fatalf("imported markdown keeps %U", r)
			}
		}
		a, err := newParser().parse("f.md", []byte(md))
		if err != nil {
			t.Fatalf("imported markdown does not parse: %v\n%q", err, md)
		}
		c, err := a.Content()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Passages {
			for _, r := range p.Text {
				if isUnsafeRune(r) {
					t.Fatalf("passage keeps %U", r)
				}
			}
		}
	})
}
