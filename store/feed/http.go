package feed

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

// Accept headers: feeds first, then what may be a page that links to one.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
)

// fetcher makes the HTTP requests, with dispatch's manners and limits.
type fetcher struct {
	client         *http.Client
	userAgent      string
	requestTimeout time.Duration
	now            func() time.Time
}

func newFetcher(cfg Config) *fetcher {
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:               cfg.Proxy,
		DialContext:         dialer.DialContext,
		TLSHandshakeTimeout: cfg.ConnectTimeout,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     30 * time.Second,
		ForceAttemptHTTP2:   true,
		// Accept-Encoding is left to the transport: it asks for gzip and
		// decompresses transparently, so the size caps below count the
		// decompressed bytes and a gzip bomb is cut off.
	}
	return &fetcher{
		client:         &http.Client{Transport: transport},
		userAgent:      "dispatch/" + cfg.Version + " (+https://github.com/dispatch-reader/dispatch)",
		requestTimeout: cfg.RequestTimeout,
		now:            cfg.Now,
	}
}

// request is one GET.
type request struct {
	url          string
	accept       string
	etag         string // sent as If-None-Match
	lastModified string // sent as If-Modified-Since
	maxBytes     int64
	what         string // "feed" or "page", for messages
}

// response is a successful answer: 200 with a body, or 304.
type response struct {
	notModified  bool
	body         []byte
	contentType  string
	finalURL     *url.URL // after redirects
	movedTo      string   // set when every redirect was permanent (301, 308)
	etag         string
	lastModified string
}

// statusError is an HTTP status other than 2xx and 304.
type statusError struct {
	code       int
	retryAfter time.Time // zero unless a 429 or 503 said when to come back
}

func (e *statusError) Error() string {
	text := http.StatusText(e.code) // not the server's reason phrase: untrusted
	if text == "" {
		text = "unexpected status"
	}
	msg := fmt.Sprintf("HTTP %d %s", e.code, text)
	switch {
	case e.code == http.StatusNotFound:
		msg += ": no feed at this address"
	case e.code == http.StatusGone:
		msg += ": the feed was removed for good"
	case !e.retryAfter.IsZero():
		msg += ", retry after " + e.retryAfter.Local().Format("2006-01-02 15:04")
	}
	return msg
}

// errRedirect is a redirect refused: a loop, too many, or to a scheme
// other than http and https.
type errRedirect struct{ msg string }

func (e *errRedirect) Error() string { return e.msg }

// get performs r. The context bounds it; the fetcher adds the request
// timeout, which covers reading the body too.
func (f *fetcher) get(ctx context.Context, r request) (*response, error) {
	u, err := checkURL(r.url)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, f.requestTimeout, fmt.Errorf("timed out after %s", f.requestTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", r.accept)
	if r.etag != "" {
		req.Header.Set("If-None-Match", r.etag)
	}
	if r.lastModified != "" {
		req.Header.Set("If-Modified-Since", r.lastModified)
	}
	permanent := true
	client := *f.client
	client.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if s := next.URL.Scheme; s != "http" && s != "https" {
			return &errRedirect{fmt.Sprintf("redirected to a %q URL, which dispatch does not follow", s)}
		}
		for _, v := range via {
			if v.URL.String() == next.URL.String() {
				return &errRedirect{"redirect loop at " + next.URL.Redacted()}
			}
		}
		if len(via) > maxRedirects {
			return &errRedirect{fmt.Sprintf("more than %d redirects", maxRedirects)}
		}
		if c := next.Response.StatusCode; c != http.StatusMovedPermanently && c != http.StatusPermanentRedirect {
			permanent = false
		}
		return nil
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, f.describe(ctx, err)
	}
	defer resp.Body.Close()
	out := &response{finalURL: resp.Request.URL}
	if permanent && resp.Request.URL.String() != u.String() {
		out.movedTo = resp.Request.URL.String()
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.notModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		se := &statusError{code: resp.StatusCode}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			se.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), f.now())
		}
		return nil, se
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, r.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the %s: %w", r.what, f.describe(ctx, err))
	}
	if int64(len(body)) > r.maxBytes {
		return nil, fmt.Errorf("the %s is larger than %s (after decompression); not read", r.what, sizeString(r.maxBytes))
	}
	out.body = body
	out.contentType = resp.Header.Get("Content-Type")
	out.etag = headerValue(resp.Header.Get("ETag"))
	out.lastModified = headerValue(resp.Header.Get("Last-Modified"))
	return out, nil
}

// describe turns a transport error into one line a reader understands.
func (f *fetcher) describe(ctx context.Context, err error) error {
	var redir *errRedirect
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &redir):
		return redir
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return context.Cause(ctx) // this request's time, or its feed's, or the fetch's
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Errorf("host %s not found (DNS)", dnsErr.Name)
		}
		return fmt.Errorf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		if errors.As(err, &opErr) && opErr.Addr != nil {
			return fmt.Errorf("connection refused by %s (server down?)", opErr.Addr)
		}
		return errors.New("connection refused (server down?)")
	case errors.As(err, &opErr) && opErr.Op == "dial" && opErr.Timeout():
		return fmt.Errorf("could not connect to %s in time", opErr.Addr)
	case errors.As(err, &certErr), errors.As(err, &hostErr):
		return fmt.Errorf("TLS certificate not trusted: %s", unwrapURLError(err))
	}
	return unwrapURLError(err)
}

// unwrapURLError drops net/http's "Get \"URL\": " prefix: the feed's name
// already says which request failed.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// maxRetryAfter bounds how long a server can make dispatch stay away.
const maxRetryAfter = 7 * 24 * time.Hour

// parseRetryAfter reads Retry-After as seconds or an HTTP date; zero if
// absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}
		}
		d = time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return time.Time{}
	}
	if d <= 0 {
		return time.Time{}
	}
	return now.Add(min(d, maxRetryAfter))
}

// headerValue keeps a validator only if it can be sent back unchanged.
func headerValue(v string) string {
	if len(v) > 1024 {
		return ""
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return ""
		}
	}
	return v
}

func sizeString(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
