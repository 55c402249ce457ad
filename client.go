// Package apinizer is a Go client for the Apinizer Management API: the
// API proxy's lifecycle (create from a spec URL or file, deploy and
// undeploy, deploy status, route health and history, rollback, export and
// import, promotion, delete) and the identity slice (credentials and their
// access grants, the JWK resource and a credential's two JWK slots),
// projects and environments.
//
// A Client builds each escaped path, authenticates, retries what is
// transient and turns every answer into a typed result or a typed error:
// *Error for an answer of the API, *DeploymentError for a change that was
// saved but not deployed everywhere, and wrapped transport errors. Use
// errors.Is with the Err* sentinels to branch on categories.
//
// A Client is safe for concurrent use. It writes nothing to stderr and
// never prints its token or any other secret (see Secret and KeyMaterial).
//
// Managers in the field answer in two dialects (the 2025 envelope
// "success": true / "error", and the 2026 envelope "status": "SUCCESS" /
// "FAILURE"); every answer is decoded by its content, and both give the
// same results and the same errors.
package apinizer

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Version is this module's version; it is part of the default User-Agent.
const Version = "0.3.0"

// Client calls the Apinizer Management API. Create it with NewClient; the
// zero value is not usable.
type Client struct {
	origin    string // "https://host:port"
	basePath  string // escaped, "/[prefix/]apiops/"
	auth      authorizer
	userAgent string
	headers   http.Header // WithHeader's, canonical names

	// The values every request carries, built once and shared by every
	// request (2 allocations a call less, measured). Capacity 1, so that a
	// transport appending to one copies it rather than changing them all.
	accept, userAgentHeader []string
	logger                  *slog.Logger // nil: silent
	maxUpload               int64        // bytes of a non-seekable file read into memory
	retryMax                int
	waitMin                 time.Duration
	waitMax                 time.Duration
	http                    *http.Client          // the caller's client, copied, redirects off
	retry                   *retryablehttp.Client // the one retry loop every call goes through
}

// NewClient returns a Client for the Manager at baseURL, e.g.
// "https://apinizer.example.com" or "https://host/prefix/apiops/": a
// trailing "/" and the "/apiops" suffix are optional, a reverse-proxy path
// prefix is kept. Exactly one of WithToken, WithTokenSource and
// WithClientCredentials is required.
//
// It sends no request. It fails with ErrInvalidArgument for a base URL
// without http or https scheme or host name, with userinfo, query or fragment,
// for a missing or doubled authentication option or a malformed option
// value; with ErrInsecureBaseURL for plain http to a host that is not
// loopback unless WithAllowInsecureHTTP is given.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	cfg := config{
		retryMax:     defaultRetryMax,
		retryWaitMin: defaultRetryWaitMin,
		retryWaitMax: defaultRetryWaitMax,
		maxUpload:    defaultMaxUploadSize,
		userAgent:    "apinizer-go/" + Version,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if len(cfg.errs) > 0 {
		return nil, cfg.errs[0]
	}
	switch len(cfg.auth) {
	case 0:
		return nil, invalidArgument("authentication", "give one of WithToken, WithTokenSource or WithClientCredentials")
	case 1:
	default:
		return nil, invalidArgument("authentication", "give only one of WithToken, WithTokenSource or WithClientCredentials")
	}
	origin, basePath, err := parseBaseURL(baseURL, cfg.allowHTTP)
	if err != nil {
		return nil, err
	}
	c := &Client{
		origin:    origin,
		basePath:  basePath,
		auth:      cfg.auth[0],
		userAgent: cfg.userAgent,
		headers:   cfg.headers,
		logger:    cfg.logger,

		accept:          []string{"application/json"}[:1:1],
		userAgentHeader: []string{cfg.userAgent}[:1:1],
		maxUpload:       cfg.maxUpload,
		retryMax:        cfg.retryMax,
		waitMin:         cfg.retryWaitMin,
		waitMax:         cfg.retryWaitMax,
	}
	c.http = noRedirectClient(cfg.httpClient)
	for i := len(cfg.middleware) - 1; i >= 0; i-- {
		rt := c.http.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
		if c.http.Transport = cfg.middleware[i](rt); c.http.Transport == nil {
			return nil, invalidArgument("WithTransportMiddleware", "wrap returned a nil transport")
		}
	}
	c.retry = c.newRetryClient(c.http)
	if cc, ok := c.auth.(*clientCredentials); ok {
		cc.bind(c)
	}
	return c, nil
}

// String describes the Client by its base URL; it never shows the token.
func (c Client) String() string { return "apinizer.Client(" + c.origin + c.basePath + ")" }

// GoString is String, so that %#v shows no secret either.
func (c Client) GoString() string { return c.String() }

// Format writes String for every verb, so that no verb, not even a wrong
// one, prints the fields that hold the token.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// noRedirect makes an http.Client hand back a redirect instead of following
// it: a DELETE must not turn into a GET, nor a token go to another host.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// noRedirectClient copies hc (or builds the default client) with redirects
// off. The caller's client is not changed. The default client sends with
// the SDK's own tuned transport, unless http.DefaultTransport is no longer
// the standard library's *http.Transport: a test tool such as
// httpmock.Activate replaced it, and the caller means every client to use
// it.
func noRedirectClient(hc *http.Client) *http.Client {
	if hc == nil {
		var rt http.RoundTripper = newTransport()
		if _, std := http.DefaultTransport.(*http.Transport); !std && http.DefaultTransport != nil {
			rt = http.DefaultTransport
		}
		return &http.Client{Transport: rt, Timeout: defaultTimeout, CheckRedirect: noRedirect}
	}
	cp := *hc
	cp.CheckRedirect = noRedirect
	return &cp
}

// newTransport builds the default transport: net/http's defaults, built
// here rather than cloned from http.DefaultTransport, which test tools
// (httpmock, gock) replace with other types. It honours the proxy
// environment variables and keeps 64 idle connections per host (net/http
// keeps 2, so concurrent callers would churn connections).
func newTransport() *http.Transport {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// parseBaseURL resolves baseURL to its origin and escaped base path
// "/[prefix/]apiops/".
func parseBaseURL(baseURL string, allowHTTP bool) (origin, basePath string, err error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", "", invalidArgument("baseURL", "does not parse as a URL")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", "", invalidArgument("baseURL", "scheme must be http or https")
	case u.Opaque != "" || u.Hostname() == "":
		return "", "", invalidArgument("baseURL", "has no host")
	case u.User != nil:
		return "", "", invalidArgument("baseURL", "must not hold userinfo; authenticate with an option")
	case u.RawQuery != "" || u.ForceQuery:
		return "", "", invalidArgument("baseURL", "must not have a query")
	case u.Fragment != "" || strings.Contains(baseURL, "#"):
		return "", "", invalidArgument("baseURL", "must not have a fragment")
	case u.Scheme == "http" && !allowHTTP && !isLoopback(u.Hostname()):
		return "", "", ErrInsecureBaseURL
	}
	p := strings.TrimRight(u.EscapedPath(), "/")
	p = strings.TrimSuffix(p, "/apiops")
	for _, seg := range strings.Split(u.Path, "/") { // decoded: %2e%2e is ".." too
		if seg == "." || seg == ".." {
			return "", "", invalidArgument("baseURL", "path must not hold . or .. segments")
		}
	}
	return u.Scheme + "://" + u.Host, p + "/apiops/", nil
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
