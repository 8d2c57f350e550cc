package termout

import "testing"

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"already one line":         "already one line",
		"  padded  ":               "padded",
		"yaml: line 3:\n\tmapping": "yaml: line 3: mapping",
		"a\u00a0b\u2028c":          "a b c", // no-break space and line separator are white space
		"a\r\nb":                   "a b",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
