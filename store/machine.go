package store

import (
	"strings"
	"unicode"
)

// What machines write in a text is not what it is about: a web address
// ("https://example.com/news?ref=rss", "www.example.com", "example.com")
// and the labels dispatch puts in itself (a converted image is its alt
// text after "Image: "). Their words are indexed for search as a byline's
// are (metaKey: found, never ranking an article as about them), and
// neither relate two articles nor two passages.

// machineSpans are the byte ranges of text that machines wrote, in order;
// nil for most texts, which have none.
func machineSpans(text string) [][2]int {
	var out [][2]int
	if strings.Contains(text, "://") || strings.Contains(text, "www.") {
		out = addressSpans(text, out)
	}
	if strings.Contains(text, imageLabel) {
		out = labelSpans(text, out)
	}
	return out
}

// imageLabel is how store/feed names an image it made a link of.
const imageLabel = "Image"

// addressSpans adds the web addresses of text: a scheme and "://", or
// "www.", up to the next space or closing bracket or quote.
func addressSpans(text string, out [][2]int) [][2]int {
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "://")
		k := strings.Index(text[i:], "www.")
		var start int
		switch {
		case j < 0 && k < 0:
			return out
		case j >= 0 && (k < 0 || j < k):
			start = i + j
			for start > i && isSchemeByte(text[start-1]) {
				start--
			}
		default:
			start = i + k
		}
		end := start
		for end < len(text) && !strings.ContainsRune(" \t\n<>\"'()[]{}“”‘’«»", rune(text[end])) && text[end] >= ' ' {
			end++
		}
		end = max(end, start+3)
		out = appendSpan(out, start, min(end, len(text)))
		i = min(end, len(text))
	}
	return out
}

func isSchemeByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'
}

// labelSpans adds the image labels of text: "Image" where a label starts
// (the text's start, after a space or "[") and is followed by ":" or "]"
// or ends the text.
func labelSpans(text string, out [][2]int) [][2]int {
	for i := 0; ; {
		k := strings.Index(text[i:], imageLabel)
		if k < 0 {
			return out
		}
		start, end := i+k, i+k+len(imageLabel)
		before := start == 0 || text[start-1] == ' ' || text[start-1] == '['
		after := end == len(text) || text[end] == ':' || text[end] == ']'
		if before && after {
			out = appendSpan(out, start, end)
		}
		i = end
	}
}

// appendSpan adds [start, end) to spans kept in order.
func appendSpan(spans [][2]int, start, end int) [][2]int {
	spans = append(spans, [2]int{start, end})
	for i := len(spans) - 1; i > 0 && spans[i][0] < spans[i-1][0]; i-- {
		spans[i], spans[i-1] = spans[i-1], spans[i]
	}
	return spans
}

// inSpans reports whether byte offset at is in one of spans.
func inSpans(spans [][2]int, at int) bool {
	for _, s := range spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return false
}

// isDomain reports a word that is a host name ("example.com",
// "news.example.org"): labels of letters, digits and hyphens joined by
// dots, the last of two letters or more, the first of two characters or
// more. Abbreviations ("U.S.", "e.g.", "Ph.D") are not.
func isDomain(word string) bool {
	if !strings.Contains(word, ".") {
		return false
	}
	labels := strings.Split(word, ".")
	if len(labels[0]) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.ContainsFunc(l, func(r rune) bool {
			return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'))
		}) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && !strings.ContainsFunc(tld, func(r rune) bool { return !unicode.IsLetter(r) })
}

// isMachineWord reports whether the word at [start, end) of text is a
// machine's, given text's machineSpans.
func isMachineWord(text string, spans [][2]int, start, end int) bool {
	return inSpans(spans, start) || isDomain(text[start:end])
}
