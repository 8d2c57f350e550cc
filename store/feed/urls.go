package feed

import (
	"fmt"
	"net/url"
	"strings"
)

// URLs from feeds are untrusted like their text: they are resolved, kept
// only when http or https (or mailto, for links), and made printable ASCII.

// safeURL resolves ref against base and accepts http and https (and
// mailto, for links), the only schemes the reader will open.
func safeURL(ref string, base *url.URL, mailto bool) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Hostname() == "" {
			return "", false
		}
	case "mailto":
		if !mailto {
			return "", false
		}
	default:
		return "", false
	}
	return cleanURL(u.String()), true
}

// cleanURL percent-encodes every byte of a URL that is not printable ASCII
// (url.URL.String leaves C1 controls and bidi characters in a query as they
// are), and breaks up numeric character references ("?a&#27;" becomes
// "?a%26#27;"): a markdown renderer would decode them, to an unsafe
// character or not, and the loader settles them too, so the address read
// back would not be the one written.
func cleanURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return unsafeRef.ReplaceAllStringFunc(b.String(), func(ref string) string { return "%26" + ref[1:] })
}

// hostOf is the host name of a URL, the unit of politeness.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Hostname())
}
