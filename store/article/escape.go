package article

import "strings"

// EscapeMarkdown backslash-escapes what would turn plain text into markup, so
// it renders as the same text: emphasis, code, links, HTML and character
// references anywhere, and block markers ("-", "+", "#", "1.", ">") only at
// the start, where they mean something; "High-Level" stays one word.
func EscapeMarkdown(s string) string { return escapeMarkdown(s, true) }

// escapeInline escapes s for a place where block markers mean nothing, such
// as the text of a heading.
func escapeInline(s string) string { return escapeMarkdown(s, false) }

func escapeMarkdown(s string, lineStart bool) string {
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>&~|", r) ||
			lineStart && (i == 0 && strings.ContainsRune("-+#=", r) || i == digits && digits > 0 && (r == '.' || r == ')')) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
