package feed

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedTypes are the link types autodiscovery follows.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      false, // too vague: many pages link JSON APIs
}

// discovered is a feed found for Add: its document and where it lives.
type discovered struct {
	url  string // the feed's URL to subscribe to
	resp *response
	feed *parsedFeed
}

// discover fetches rawURL and returns the feed there, or the feed a web page
// there advertises with <link rel="alternate" type="application/rss+xml">
// (or Atom, or JSON Feed).
func (m *Manager) discover(ctx context.Context, rawURL string) (*discovered, error) {
	resp, err := m.getFeed(ctx, rawURL, nil, false)
	if err != nil {
		return nil, err
	}
	at := rawURL
	if resp.movedTo != "" {
		at = resp.movedTo
	}
	pf, perr := parseFeed(resp.body, resp.contentType)
	if perr == nil {
		return &discovered{url: at, resp: resp, feed: pf}, nil
	}
	if !isHTML(resp.contentType, resp.body) {
		return nil, perr
	}
	doc, err := parseHTMLPage(resp.body, resp.contentType)
	if err != nil {
		return nil, err
	}
	links := feedLinks(doc, resp.finalURL)
	if len(links) == 0 {
		return nil, errors.New("this is a web page that advertises no feed (no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)")
	}
	var firstErr error
	for _, link := range links[:min(len(links), 3)] {
		resp, err := m.getFeed(ctx, link, nil, false)
		if err == nil {
			var pf *parsedFeed
			if pf, err = parseFeed(resp.body, resp.contentType); err == nil {
				at := link
				if resp.movedTo != "" {
					at = resp.movedTo
				}
				return &discovered{url: at, resp: resp, feed: pf}, nil
			}
		}
		if firstErr == nil {
			firstErr = fmt.Errorf("the page advertises %s, but: %w", link, err)
		}
	}
	return nil, firstErr
}

// feedLinks are the http(s) feed URLs a page advertises, in page order,
// resolved against the page's <base href> or URL.
func feedLinks(doc *html.Node, pageURL *url.URL) []string {
	base := pageURL
	var links []string
	seen := map[string]bool{}
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if b, ok := safeURL(attr(n, "href"), pageURL, false); ok && base == pageURL {
					base, _ = url.Parse(b)
				}
			case atom.Link, atom.A:
				if !hasToken(attr(n, "rel"), "alternate") || !feedTypes[mediaType(attr(n, "type"))] {
					break
				}
				if u, ok := safeURL(attr(n, "href"), base, false); ok && !seen[u] {
					seen[u] = true
					links = append(links, u)
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return links
}

// hasToken reports whether the space-separated list holds tok.
func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}
