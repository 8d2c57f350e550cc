package article_test

import (
	"testing"

	"dispatch/store/article"
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
		{"CRLF and lone CR end lines", "one\r\ntwo\rthree\r\rfour", "one\ntwo\nthree\n\nfour"},
		{"bidi overrides", "abc\u202edcba\u202c \u2066x\u2069", "abcdcba x"},
		{"invalid UTF-8", "ok\xff\xfeend", "ok\uFFFDend"},
		{"entity ESC decimal", "x&#27;[31my", "x[31my"},
		{"entity ESC hex", "x&#x1B;[2Jy", "x[2Jy"},
		{"entity 0x9b is Windows-1252, not CSI", "&#X9b;z", "›z"},
		{"entity bidi", "a&#8238;b", "ab"},
		{"entity nul", "a&#0;b", "a\uFFFDb"},
		{"entity out of range", "a&#99999999;b", "a\uFFFDb"},
		{"named entities kept", "AT&amp;T &eacute; &lt;b&gt;", "AT&amp;T &eacute; &lt;b&gt;"},
		{"numeric entities decoded once", "&#8212; &#x41; &#42;x&#42;", "— &#65; &#42;x&#42;"},
		{"leading zeros are decimal, not octal", "&#033;&#0233;&#020056;&#027;", "&#33;é乘"},
		{"64-bit reference overflows to U+FFFD", "a&#x000000410000001b;b", "a\uFFFDb"},
		{"huge decimal reference", "a&#99999999999999999999999;b", "a\uFFFDb"},
		{"Windows-1252 range as HTML5 maps it", "&#x80;&#150;&#x81;", "€–"},
		{"reference without semicolon", "&#65bc &#x1b[2J", "&#65;bc [2J"},
		{"named bidi marks", "a&lrm;b&rlm;c&zwj;d", "abcd"},
		{"TAG characters", "vis\U000E0041\U000E0042ible", "visible"},
		{"bidi marks and BOM", "\ufeffa\u200eb\u200fc\u061cd", "abcd"},
		{"emoji sequences settle", "👨\u200d👩\u200d👧 👍🏽 ❤\ufe0f", "👨👩👧 👍 ❤"},
		{"spliced entity", "&&#27;#27;", ""},
		{"spliced through a dropped reference", "&#&#27;27;", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := article.Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := article.Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}
