package benchcorpus

import (
	"fmt"
	"strings"
)

// PathologicalShapes names the markdown shapes whose parsing or rendering
// cost grew faster than their size in some parser (goldmark, glamour), in
// the order Pathological makes them; "plain" is the baseline prose they
// are compared with.
var PathologicalShapes = []string{
	"plain", "link-definitions", "same-link-definition", "unclosed-comments", "unclosed-inline-comments",
	"deep-list", "deep-quote", "brackets", "bracket-links", "emphasis", "backticks", "angle-brackets",
	"long-word", "entities", "table-columns",
}

// Pathological returns a markdown article of about size bytes of the
// named shape (see PathologicalShapes), with a title in front matter.
func Pathological(shape string, size int) string {
	rep := func(unit string) string { return strings.Repeat(unit, max(1, size/len(unit))) }
	var body string
	switch shape {
	case "plain":
		body = rep("The delegations met again on Sunday and talked for hours. ")
	case "link-definitions":
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "[l%d]: http://example.com/%d\n", i, i)
		}
		body = "Text.\n\n" + b.String()
	case "same-link-definition":
		body = "Text.\n\n" + rep("[a]: b\n")
	case "unclosed-comments":
		body = "Text.\n\n" + rep("<!-- a\n")
	case "unclosed-inline-comments":
		body = rep("x <!-- a ")
	case "deep-list":
		var b strings.Builder
		for i := 0; ; i++ {
			line := strings.Repeat("  ", i%4000) + "- x\n"
			if b.Len()+len(line) > size {
				break
			}
			b.WriteString(line)
		}
		body = b.String()
	case "deep-quote":
		body = "Text.\n\n" + rep(">")
	case "brackets":
		body = rep("[a] ")
	case "bracket-links":
		body = "[a]: b\n\n" + rep("[a] ")
	case "emphasis":
		body = rep("*a ")
	case "backticks":
		body = rep("`a ")
	case "angle-brackets":
		body = rep("<a ")
	case "long-word":
		body = "Text.\n\n" + rep("a")
	case "entities":
		body = rep("&#0233; &#x000000410000001b; &amp;#27; &lrm; ")
	case "table-columns":
		var head, rule, row strings.Builder
		for i := 0; head.Len() < size/3; i++ {
			fmt.Fprintf(&head, "| h%d ", i)
			rule.WriteString("|---")
			fmt.Fprintf(&row, "| c%d ", i)
		}
		body = head.String() + "|\n" + rule.String() + "|\n" + row.String() + "|\n"
	default:
		panic("benchcorpus: unknown pathological shape " + shape)
	}
	return "---\ntitle: \"Pathological " + shape + "\"\n---\n\n" + body
}
