package feed

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/agnivade/levenshtein"
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

// checkURL accepts absolute http and https URLs only. An address typed
// without its scheme ("example.org/feed"), or with one misspelt
// ("htps://"), is answered with what was probably meant.
func checkURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	scheme, rest, hasScheme := strings.Cut(raw, "://")
	switch {
	case strings.HasPrefix(raw, "//"):
		return nil, &meantError{why: "not a web address", meant: "https:" + raw}
	case !hasScheme && looksLikeHost(raw):
		return nil, &meantError{why: "not a web address", meant: "https://" + raw}
	case hasScheme && isSchemeTypo(strings.ToLower(scheme)):
		return nil, &meantError{why: "not a web address (" + scheme + ":)", meant: "https://" + rest}
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // not Go's "parse \"…\"": the address is named already
		}
		return nil, fmt.Errorf("not a web address: %w", err)
	}
	switch {
	case u.Scheme == "":
		return nil, errors.New("not a web address (it needs http:// or https://)")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%s: addresses cannot be fetched, only http and https", u.Scheme)
	case u.Hostname() == "":
		return nil, errors.New("the address has no host")
	}
	return u, nil
}

// looksLikeHost reports text that begins with a host name or address,
// with a port perhaps, then a path perhaps: "example.org/rss",
// "localhost:8080/feed", "127.0.0.1:8765/rss.xml".
func looksLikeHost(s string) bool {
	hostport, _, _ := strings.Cut(s, "/")
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	if host == "" || strings.ContainsAny(host, " \t@?#") {
		return false
	}
	return host == "localhost" || strings.Contains(host, ".") && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, ".")
}

// isSchemeTypo reports a scheme one letter away from http or https.
func isSchemeTypo(scheme string) bool {
	if scheme == "http" || scheme == "https" {
		return false
	}
	return levenshtein.ComputeDistance(scheme, "http") <= 1 || levenshtein.ComputeDistance(scheme, "https") <= 1
}

// meantError is an address that is not one, with what was probably meant.
type meantError struct{ why, meant string }

func (e *meantError) Error() string { return e.why + "; did you mean " + e.meant + "?" }
