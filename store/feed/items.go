package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"dispatch/internal/safefile"
	"dispatch/store/article"

	"github.com/mmcdole/gofeed"
	yaml "go.yaml.in/yaml/v4"
)

// renderVersion is part of every item's source hash: raising it (when the
// conversion changes) rewrites every item once on the next fetch.
const renderVersion = "1"

// keyLen is the length in hex digits of an item key. 48 bits: two of
// 10,000 items share a key with odds of about one in three million.
const keyLen = 12

// item is one feed entry, cleaned and ready to write.
type item struct {
	key       string // keyLen hex digits of sha256(identity)
	identity  string
	title     string
	byline    string
	link      string // absolute http(s), or ""
	guid      string
	published time.Time // zero if the feed gave no date
	content   string    // the feed's HTML (or plain text, see plainText)
	plainText bool
	source    string // hash of everything above and of the subscription
}

// identity is what makes an item the same item from one fetch to the next:
// its guid, else its link, else its title and date.
func identity(it *gofeed.Item, link string) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return "guid:" + g
	}
	if link != "" {
		return "link:" + link
	}
	date := ""
	if t := itemDate(it); !t.IsZero() {
		date = t.UTC().Format(time.RFC3339)
	}
	return "title:" + strings.TrimSpace(it.Title) + "|" + date
}

// itemKey is the short hash that names an item's file and keys its state.
func itemKey(identity string) string {
	sum := sha256.Sum256([]byte(identity))
	return hex.EncodeToString(sum[:])[:keyLen]
}

// itemDate is the item's publication date, else its update date.
func itemDate(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return *it.PublishedParsed
	case it.UpdatedParsed != nil:
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// newItem cleans a gofeed item. base resolves relative links (the feed's
// site, else the feed's own URL).
func newItem(it *gofeed.Item, plainText bool, base *url.URL, sub Subscription) item {
	link := ""
	for _, l := range append([]string{it.Link}, it.Links...) {
		if u, ok := safeURL(l, base, false); ok {
			link = u
			break
		}
	}
	id := identity(it, link)
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	var authors []string
	for _, a := range it.Authors {
		if a != nil {
			if n := htmlText(a.Name); n != "" {
				authors = append(authors, n)
			}
		}
	}
	x := item{
		key:       itemKey(id),
		identity:  id,
		title:     htmlText(it.Title),
		byline:    cleanLine(strings.Join(authors, ", ")),
		link:      link,
		guid:      cleanLine(it.GUID),
		published: itemDate(it),
		content:   content,
		plainText: plainText,
	}
	h := sha256.New()
	for _, s := range []string{renderVersion, sub.Name, fullTextMode(sub), x.title, x.byline, x.link, x.guid, x.published.Format(time.RFC3339), fmt.Sprint(plainText), content} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	x.source = hex.EncodeToString(h.Sum(nil))[:24]
	return x
}

// fileName names a new item's file: date, title slug, key. Only the key
// identifies the item (keyOfFile); the file keeps its name when the title
// or date changes later.
func fileName(x item) string {
	date := ""
	if !x.published.IsZero() {
		date = x.published.Format(time.DateOnly) + "-"
	}
	title := x.title
	if title == "" {
		title = "item"
	}
	return date + article.Slugify(title) + "-" + x.key + ".md"
}

// keyOfFile is the item key at the end of a file name this package wrote.
func keyOfFile(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, ".md")
	if !ok || strings.HasPrefix(name, ".") || len(base) < keyLen {
		return "", false
	}
	key := base[len(base)-keyLen:]
	for _, c := range key {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return "", false
		}
	}
	return key, true
}

// itemFiles lists the item files in dir by key.
func itemFiles(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	files := make(map[string]string, len(entries))
	for _, e := range entries {
		if key, ok := keyOfFile(e.Name()); ok && e.Type().IsRegular() {
			files[key] = e.Name()
		}
	}
	return files, nil
}

// maxItemFileBytes bounds an item file read back: far more than this
// package writes (a body is cut at maxBodyBytes), so only a file that is not
// one of its items is refused, and then rewritten.
const maxItemFileBytes = 16 << 20

// readItemFile reads an item file back, opened without blocking and only if
// regular: a named pipe swapped in for an item must not hang a fetch.
func readItemFile(path string) ([]byte, error) { return safefile.ReadFile(path, maxItemFileBytes) }

// frontMatter is the YAML block of an item file: plain text fields (the
// reader escapes them where it puts them into markdown).
type frontMatter struct {
	Title     string `yaml:"title"`
	Byline    string `yaml:"byline,omitempty"`
	Source    string `yaml:"source"`
	Published string `yaml:"published,omitempty"`
	URL       string `yaml:"url,omitempty"`
	Feed      string `yaml:"feed"`
	GUID      string `yaml:"guid,omitempty"`
}

// render is the file content for an item with its markdown body.
func render(x item, body string, sub Subscription) ([]byte, error) {
	fm := frontMatter{
		Title:  x.title,
		Byline: x.byline,
		Source: sub.Name,
		URL:    x.link,
		Feed:   sub.URL,
		GUID:   x.guid,
	}
	if fm.Title == "" {
		fm.Title = untitled(body)
	}
	if !x.published.IsZero() {
		fm.Published = x.published.Format(time.DateOnly)
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("encode front matter: %w", err)
	}
	body = strings.TrimSpace(body)
	if body == "" || countWords(body) == 0 {
		body = emptyBody(x, fm.Title)
	}
	var b bytes.Buffer
	b.Grow(len(head) + len(body) + 16)
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n\n")
	b.WriteString(body)
	b.WriteString("\n")
	return b.Bytes(), nil
}

// untitled makes a title for an item without one from its first words.
func untitled(body string) string {
	words := strings.Fields(strings.NewReplacer("*", "", "#", "", "_", "", "[", "", "]", "", "\\", "").Replace(body))
	if len(words) == 0 {
		return "Untitled"
	}
	words = words[:min(len(words), 10)]
	if len([]rune(strings.Join(words, " "))) > 80 {
		return string([]rune(strings.Join(words, " "))[:80]) + "…"
	}
	return strings.Join(words, " ")
}

// emptyBody stands in for an item with no text: the article loader skips a
// file without any, and the reader can still open the link.
func emptyBody(x item, title string) string {
	if x.link != "" {
		return "[Read it on the site](" + linkEscaper.Replace(x.link) + ")"
	}
	return article.EscapeMarkdown(title)
}

// linkEscaper keeps a URL from ending a markdown link destination early.
var linkEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// bodyOf is the markdown body of an item file this package wrote.
func bodyOf(data []byte) (string, bool) {
	s := string(data)
	if !strings.HasPrefix(s, "---\n") {
		return "", false
	}
	_, body, ok := strings.Cut(s[4:], "\n---\n")
	if !ok {
		return "", false
	}
	return strings.TrimSpace(body), true
}
