package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Full text: a feed that sends only summaries gets its articles from the
// linked pages, extracted with readability. A page is fetched at most once
// per item (the item's state remembers "ok" or "failed"), and at most
// MaxFullTextPerFeed pages per feed per fetch, so a new feed of 10,000
// summaries does not fetch 10,000 pages at once; the rest wait for the next
// fetch. Pages are fetched once the items are saved with the feed's text,
// without the feeds' lock (pages.go).

// shortSummaryWords: an item with fewer words than this, and a link, gets
// its page fetched unless full text is off.
const shortSummaryWords = 150

// maxPageElements bounds the work readability does on one page.
const maxPageElements = 200_000

// wantsFullText reports whether an item's body should come from its page:
// full text on, every item's; off, none; unset, a short summary's.
func wantsFullText(sub Subscription, x item, feedBody string) bool {
	if x.link == "" || sub.FullText != nil && !*sub.FullText {
		return false
	}
	return sub.FullText != nil || countWords(feedBody) < shortSummaryWords
}

// fullTextMode is the full-text setting as an item's source hash and the
// fetch state record it: unset is "false", as it was when the setting
// was on or not, so that items written then are not rewritten.
func fullTextMode(sub Subscription) string {
	switch {
	case sub.FullText == nil:
		return "false"
	case *sub.FullText:
		return "true"
	}
	return "off"
}

// fullText fetches the page at link and extracts its article as markdown.
// An error means the feed's own text should be kept.
func (m *Manager) fullText(ctx context.Context, link string, feedBody string) (string, error) {
	host := hostOf(link)
	if err := m.hosts.acquire(ctx, host); err != nil {
		return "", err
	}
	resp, err := m.http.get(ctx, request{url: link, accept: acceptPage, maxBytes: m.cfg.MaxPageBytes, what: "page"})
	m.hosts.release(host)
	if err != nil {
		return "", err
	}
	if !isHTML(resp.contentType, resp.body) {
		return "", fmt.Errorf("the page is %s, not HTML", mediaType(resp.contentType))
	}
	md, err := extractArticle(resp.body, resp.contentType, resp.finalURL)
	if err != nil {
		return "", err
	}
	if countWords(md) <= countWords(feedBody) {
		return "", errors.New("the page has no more text than the feed")
	}
	return md, nil
}

// extractArticle runs readability over a page and converts the article to
// markdown, links resolved against the page's URL.
func extractArticle(page []byte, contentType string, pageURL *url.URL) (md string, err error) {
	defer func() { // third-party code fed untrusted input
		if r := recover(); r != nil {
			md, err = "", fmt.Errorf("extracting the article failed (%v)", r)
		}
	}()
	doc, err := parseHTMLPage(page, contentType)
	if err != nil {
		return "", err
	}
	p := readability.NewParser()
	p.MaxElemsToParse = maxPageElements
	p.Logger = slog.New(slog.DiscardHandler)
	art, err := p.ParseAndMutate(doc, pageURL)
	if err != nil {
		return "", fmt.Errorf("extracting the article: %w", err)
	}
	if art.Node == nil {
		return "", errors.New("no article found on the page")
	}
	md, err = nodeToMarkdown(art.Node, pageURL)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(md) == "" {
		return "", errors.New("no article text found on the page")
	}
	return md, nil
}

// parseHTMLPage decodes a page in its declared charset (byte-order mark,
// Content-Type, or <meta>, as browsers do) and parses it.
func parseHTMLPage(page []byte, contentType string) (*html.Node, error) {
	r, err := charset.NewReader(bytes.NewReader(page), contentType)
	if err != nil {
		r = bytes.NewReader(page) // unknown charset: read as UTF-8, repaired later
	}
	decoded, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	doc, err := html.Parse(bytes.NewReader(bytes.ToValidUTF8(decoded, []byte("\uFFFD"))))
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	return doc, nil
}

// isHTML reports an HTML page by its media type, or by its first bytes when
// the server does not say.
func isHTML(contentType string, body []byte) bool {
	switch mediaType(contentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		head := strings.ToLower(string(bytes.TrimSpace(body[:min(len(body), 512)])))
		return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
	}
	return false
}
