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
	"cjk-paragraph", "emoji-paragraph", "long-list", "long-ordered-list", "one-word-headings", "many-references",
	"long-link-addresses",
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
	case "cjk-paragraph":
		// written without spaces: one word, as a wrapper that splits at
		// spaces sees it
		body = rep("北京和上海的代表团星期日再次会面，谈了几个小时。")
	case "emoji-paragraph":
		body = rep("🇺🇦🤝🌍🕊️📜")
	case "long-list":
		body = rep("- an item\n")
	case "long-ordered-list":
		body = rep("1. an item\n")
	case "one-word-headings":
		body = rep("# a\n\n")
	case "long-link-addresses":
		// left whole up to 512 characters, so that the links stay links
		body = rep("[a](https://example.com/" + strings.Repeat("x", 480) + ") ")
	case "many-references":
		// the reader lists references from front matter below the text
		return "---\ntitle: \"Pathological " + shape + "\"\nreferences:\n" + rep("  - a reference\n") + "---\n\nText.\n"
	default:
		panic("benchcorpus: unknown pathological shape " + shape)
	}
	return "---\ntitle: \"Pathological " + shape + "\"\n---\n\n" + body
}
