package story

import (
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader came to an
// address, not what it is: two addresses differing only in them are one.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "ocid": true, "cmpid": true, "_ga": true,
	"ref": true, "ref_src": true, "ref_url": true, "src": true, "smid": true, "spm": true,
	"rss": true, "feed": true, "ito": true, "s_cid": true, "__twitter_impression": true,
}

// canonicalURL is raw without what does not name the page: the scheme
// (http and https are one), a leading "www.", the fragment, tracking
// parameters (utm_*, fbclid and those above), a trailing slash, and the
// order of the remaining parameters. It is "" for what is not a web
// address or names a site's home page, which many items of a feed may share.
func canonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 4096 {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	host = strings.TrimSuffix(strings.TrimSuffix(host, ":443"), ":80")
	path := strings.TrimRight(u.EscapedPath(), "/")
	var keep []string
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		name, _, _ := strings.Cut(kv, "=")
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "utm_") || trackingParams[name] {
			continue
		}
		keep = append(keep, kv)
	}
	if path == "" && len(keep) == 0 {
		return ""
	}
	slices.Sort(keep)
	s := host + path
	if len(keep) > 0 {
		s += "?" + strings.Join(keep, "&")
	}
	return s
}

// globalGUID reports whether a guid names an item among all feeds: an
// address, a tag: or urn: name, or a long token such as a UUID. Anything
// else ("1234", "post-17") may be a feed's local counter, which another
// feed's items also use.
func globalGUID(g string) bool {
	l := strings.ToLower(g)
	switch {
	case strings.Contains(l, "://"), strings.HasPrefix(l, "tag:"), strings.HasPrefix(l, "urn:"):
		return true
	}
	if len(g) < 20 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range g {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		}
	}
	return letters > 0 && digits > 0
}
