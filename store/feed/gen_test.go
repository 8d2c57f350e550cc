package feed

import (
	"fmt"
	"html"
	"strings"
)

// testItem is an item of a generated RSS feed.
type testItem struct {
	guid, title, link, author, date, body string
}

// longText is about 160 words, so items carrying it do not ask for full
// text.
var longText = strings.Repeat("The harbour board met again on Tuesday to discuss the mooring fees. ", 16)

// rssFeed generates an RSS 2.0 document; fields are XML-escaped here, so
// bodies are HTML as a feed would carry it.
func rssFeed(title string, items ...testItem) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>%s</title><link>http://127.0.0.1/</link>\n", html.EscapeString(title))
	for _, it := range items {
		b.WriteString("<item>")
		if it.guid != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>", html.EscapeString(it.guid))
		}
		fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(it.title))
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", html.EscapeString(it.link))
		}
		if it.author != "" {
			fmt.Fprintf(&b, "<author>%s</author>", html.EscapeString(it.author))
		}
		if it.date != "" {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.date)
		}
		fmt.Fprintf(&b, "<description>%s</description></item>\n", html.EscapeString(it.body))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// simpleItems are n items with long bodies (no full text), numbered from 1.
func simpleItems(n int, version string) []testItem {
	items := make([]testItem, n)
	for i := range items {
		items[i] = testItem{
			guid:  fmt.Sprintf("item-%d", i+1),
			title: fmt.Sprintf("Item number %d", i+1),
			date:  "Sun, 23 Nov 2025 10:00:00 +0000",
			body:  fmt.Sprintf("<p>%s Version %s.</p>", longText, version),
		}
	}
	return items
}
