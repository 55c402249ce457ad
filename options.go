package apinizer

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Option configures a Client. Options are built only by the With*
// functions; NewClient checks the combination they make.
type Option func(*config)

// config collects what the options say; NewClient turns it into a Client.
type config struct {
	auth         []authorizer // exactly one is required
	httpClient   *http.Client
	userAgent    string
	retryMax     int
	retryWaitMin time.Duration
	retryWaitMax time.Duration
	logger       *slog.Logger
	allowHTTP    bool
	maxUpload    int64
	middleware   []func(http.RoundTripper) http.RoundTripper
	headers      http.Header
	errs         []error // problems found while applying options
}

// Defaults of the retry policy and of the client NewClient builds when the
// caller gives none.
const (
	defaultRetryMax     = 3
	defaultRetryWaitMin = 500 * time.Millisecond
	defaultRetryWaitMax = 15 * time.Second
	defaultTimeout      = 30 * time.Second // per attempt
)

// WithToken authenticates every call with a Personal API Access Token, sent
// as "Authorization: Bearer <token>". The token must be non-empty visible
// ASCII; it never appears in errors, logs or fmt output.
func WithToken(token string) Option {
	return func(c *config) {
		if err := checkToken(token); err != nil {
			c.errs = append(c.errs, err)
			return
		}
		c.auth = append(c.auth, &staticToken{header: "Bearer " + token})
	}
}

// WithTokenSource authenticates every call with a token taken from ts at
// the start of the call. ts should cache its tokens (oauth2.ReuseTokenSource).
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(c *config) {
		if ts == nil {
			c.errs = append(c.errs, invalidArgument("WithTokenSource", "token source is nil"))
			return
		}
		c.auth = append(c.auth, &sourceToken{ts: ts})
	}
}

// WithClientCredentials authenticates with tokens from the API's token
// endpoint (POST /apiops/auth/token, OAuth2 client credentials with the
// username and password in the form body). A token is fetched on first use
// with that call's context, shared by concurrent calls and renewed shortly
// before it expires, or after the API answered 401 to it (the call that got
// the 401 returns it; the next one fetches a new token). Its request is
// retried like any other and follows no redirects; its failure is a *Error
// for POST /apiops/auth/token.
func WithClientCredentials(username, password string) Option {
	return func(c *config) {
		switch {
		case username == "":
			c.errs = append(c.errs, invalidArgument("WithClientCredentials", "username is empty"))
		case password == "":
			c.errs = append(c.errs, invalidArgument("WithClientCredentials", "password is empty"))
		default:
			c.auth = append(c.auth, &clientCredentials{username: username, password: password})
		}
	}
}

// WithHTTPClient sends requests with a copy of hc: its Transport, Jar and
// Timeout are used, but its CheckRedirect is replaced so that redirects are
// never followed. hc itself is not changed. To add tracing or metrics
// and keep the SDK's tuned transport, use WithTransportMiddleware instead.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) {
		if hc == nil {
			c.errs = append(c.errs, invalidArgument("WithHTTPClient", "client is nil"))
			return
		}
		c.httpClient = hc
	}
}

// WithUserAgent replaces the default User-Agent "apinizer-go/<Version>".
func WithUserAgent(ua string) Option {
	return func(c *config) {
		if ua == "" || !validHeaderValue(ua, true) {
			c.errs = append(c.errs, invalidArgument("WithUserAgent", "user agent is empty or not a valid header value"))
			return
		}
		c.userAgent = ua
	}
}

// WithRetryMax sets how many times a transient failure is retried after the
// first attempt; 0 turns retries off. The default is 3.
func WithRetryMax(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.errs = append(c.errs, invalidArgument("WithRetryMax", "must not be negative"))
			return
		}
		c.retryMax = n
	}
}

// WithRetryWait sets the backoff bounds: the first retry waits about min,
// each next one twice as long, never more than max. A Retry-After longer
// than max is not waited for: the call fails at once with RetryAfter set.
// The defaults are 500ms and 15s.
func WithRetryWait(min, max time.Duration) Option {
	return func(c *config) {
		if min < 0 || max < min {
			c.errs = append(c.errs, invalidArgument("WithRetryWait", "want 0 <= min <= max"))
			return
		}
		c.retryWaitMin, c.retryWaitMax = min, max
	}
}

// WithLogger logs one Debug record per attempt (method, path, status,
// attempt, duration) and one Warn record before each retry (wait, reason).
// Headers and tokens are never logged. Without it the Client is silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithAllowInsecureHTTP allows a plain http base URL whose host is not
// loopback. The token then crosses the network in clear text.
func WithAllowInsecureHTTP() Option {
	return func(c *config) { c.allowHTTP = true }
}

// WithTransportMiddleware wraps the transport the Client sends with: its
// own tuned one (pooling, HTTP/2, timeouts), or that of WithHTTPClient's
// client. wrap gets the transport and returns the one to use, e.g. a
// tracing transport around it; given more than once, the first given is
// the outermost. The wrapper sees every attempt (retries are separate
// requests) and the token requests; OperationName(req.Context()) names the
// call each belongs to. A nil wrap, or one that returns nil, fails
// NewClient with ErrInvalidArgument.
func WithTransportMiddleware(wrap func(http.RoundTripper) http.RoundTripper) Option {
	return func(c *config) {
		if wrap == nil {
			c.errs = append(c.errs, invalidArgument("WithTransportMiddleware", "wrap is nil"))
			return
		}
		c.middleware = append(c.middleware, wrap)
	}
}

// WithMaxUploadSize bounds how much of an upload's content is read into
// memory when it is not an io.ReadSeeker (which is streamed, without a
// cap): a larger one is refused with ErrInvalidArgument before anything
// is sent. The default is 64 MiB.
func WithMaxUploadSize(n int64) Option {
	return func(c *config) {
		if n <= 0 {
			c.errs = append(c.errs, invalidArgument("WithMaxUploadSize", "must be positive"))
			return
		}
		c.maxUpload = n
	}
}

// WithHeader adds a header to every request, API and token requests alike,
// for Managers behind authenticating proxies. It may be given more than
// once; a repeated name adds a value. It refuses Authorization, Host and
// Content-* (the Client sets those), Accept-Encoding and the hop-by-hop
// headers (the transport negotiates compression and connections itself:
// a caller's Accept-Encoding would hand it gzip bytes it does not expect),
// names that are not HTTP tokens and values with control characters; the
// value is never logged.
func WithHeader(name, value string) Option {
	return func(c *config) {
		canonical := http.CanonicalHeaderKey(name)
		switch {
		case !validHeaderName(name):
			c.errs = append(c.errs, invalidArgument("WithHeader", fmt.Sprintf("%q is not a valid header name", name)))
		case canonical == "Authorization" || canonical == "Host" || strings.HasPrefix(canonical, "Content-"):
			c.errs = append(c.errs, invalidArgument("WithHeader", canonical+" is set by the Client"))
		case transportHeader(canonical):
			c.errs = append(c.errs, invalidArgument("WithHeader", canonical+" is managed by the transport"))
		case !validHeaderValue(value, true):
			c.errs = append(c.errs, invalidArgument("WithHeader", canonical+": value holds characters not allowed in a header"))
		default:
			if c.headers == nil {
				c.headers = make(http.Header)
			}
			c.headers[canonical] = append(c.headers[canonical], value)
		}
	}
}

// transportHeader reports whether net/http's transport sets the header
// (canonical name) itself.
func transportHeader(name string) bool {
	switch name {
	case "Accept-Encoding", "Connection", "Keep-Alive", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection":
		return true
	}
	return false
}

// validHeaderName reports whether s is an HTTP token (RFC 9110).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 || b <= ' ' || strings.IndexByte("\"(),/:;<=>?@[\\]{}", b) >= 0 || b == 0x7f {
			return false
		}
	}
	return true
}
