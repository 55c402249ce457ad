package apinizer

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// callState is what one call's retry loop knows about itself. It travels
// in the request's context: go-retryablehttp's hooks are shared by every
// call of a Client and see only the request and the response.
type callState struct {
	op             *ops.Op // the operation, when the call is one of the catalog's
	method, path   string
	attempts       int
	start          time.Time // start of the current attempt, when logging
	last           error     // the last attempt's *Error or transport error
	unknownOutcome bool      // an attempt may have been applied though its answer was lost
	secrets        scrubber  // what the request carries that its answer must not show
	secret0        [1]string // secrets' first backing array: the token needs no allocation of its own
}

type stateKey struct{}

func withState(ctx context.Context, st *callState) context.Context {
	return context.WithValue(ctx, stateKey{}, st)
}

// OperationName returns the name of the operation whose request ctx
// belongs to, such as "SetJWKValidation" or "DeployAPIProxy" (the Client
// method's name; "IssueToken" for the token request of
// WithClientCredentials), or "" outside a call. Every attempt's request
// carries it, so a transport added with WithTransportMiddleware (a
// tracing one) can name its span by the operation rather than the path.
func OperationName(ctx context.Context) string {
	if ctx == nil {
		return ""
	}
	if st, ok := ctx.Value(stateKey{}).(*callState); ok && st.op != nil {
		return st.op.Name
	}
	return ""
}

func stateFrom(ctx context.Context) *callState {
	if st, ok := ctx.Value(stateKey{}).(*callState); ok {
		return st
	}
	return &callState{} // not reached: every request of the pipeline has one
}

// newRetryClient builds the Client's one go-retryablehttp client. Its
// stderr logger is off; the final response is passed through to be decoded;
// waiting happens in checkRetry, where the call's state is at hand even for
// transport errors (go-retryablehttp's Backoff gets no request then) and
// where cancellation can keep the last attempt's error.
func (c *Client) newRetryClient(hc *http.Client) *retryablehttp.Client {
	rc := &retryablehttp.Client{
		HTTPClient:   hc,
		Logger:       nil,
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		RetryMax:     c.retryMax,
		CheckRetry:   c.checkRetry,
		Backoff:      func(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 },
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	if c.logger != nil {
		rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, _ int) {
			stateFrom(req.Context()).start = time.Now()
		}
	}
	return rc
}

// checkRetry decides after each attempt whether to try again, and if so
// waits before saying yes. It retries transport errors (except TLS
// certificate and URL errors) and 429, 500, 502, 503, 504, at most retryMax
// times. A Retry-After longer than the max wait ends the call at once.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	st.attempts++
	if c.logger != nil {
		c.logAttempt(ctx, st, resp, err)
	}
	if err != nil {
		if ctx.Err() != nil || !retryableError(err) {
			return false, nil
		}
		st.last = err
		st.unknownOutcome = st.unknownOutcome || mayHaveBeenSent(err)
		return c.wait(ctx, st, 0, err.Error())
	}
	if !retryableStatus(resp.StatusCode) {
		return false, nil
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		st.unknownOutcome = true // the Manager, or a gateway in front, may have applied it
	}
	body, readErr := readErrorBody(resp)
	if readErr != nil {
		// The error answer broke off: as transient as a reset connection.
		st.last = readErr
		return c.wait(ctx, st, 0, readErr.Error())
	}
	e := st.errorFrom(resp, body)
	st.last = e
	if e.RetryAfter > c.waitMax {
		return false, nil
	}
	return c.wait(ctx, st, e.RetryAfter, resp.Status)
}

// wait sleeps before the next attempt: retryAfter when the server gave one,
// else a jittered exponential backoff. It returns false when the retries
// are used up, and ctx's error as soon as ctx is done.
func (c *Client) wait(ctx context.Context, st *callState, retryAfter time.Duration, reason string) (bool, error) {
	if st.attempts > c.retryMax {
		return false, nil
	}
	d := retryAfter
	if d <= 0 {
		d = backoff(c.waitMin, c.waitMax, st.attempts)
	}
	if c.logger != nil {
		c.logger.LogAttrs(ctx, slog.LevelWarn, "apinizer: retrying",
			slog.String("method", st.method), slog.String("path", st.path),
			slog.Int("attempt", st.attempts), slog.Duration("wait", d), slog.String("reason", reason))
	}
	if d <= 0 {
		return ctx.Err() == nil, ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false, ctx.Err()
	case <-t.C:
		return true, nil
	}
}

// backoff is min doubled per attempt made, capped at max, with "equal
// jitter": a random point in the upper half, so waits stay spread out
// without ever collapsing to zero.
func backoff(min, max time.Duration, attempts int) time.Duration {
	d := min
	for i := 1; i < attempts && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	if half := d / 2; half > 0 {
		d = half + rand.N(half+1)
	}
	return d
}

func (c *Client) logAttempt(ctx context.Context, st *callState, resp *http.Response, err error) {
	attrs := []slog.Attr{
		slog.String("method", st.method), slog.String("path", st.path),
		slog.Int("status", 0), slog.Int("attempt", st.attempts),
		slog.Duration("duration", time.Since(st.start)),
	}
	if resp != nil {
		attrs[2] = slog.Int("status", resp.StatusCode)
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "apinizer: attempt", attrs...)
}

func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a transport error may pass on a new
// attempt. Certificate problems and malformed URLs will not.
func retryableError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		invalidCert      x509.CertificateInvalidError
		hostname         x509.HostnameError
		verification     *tls.CertificateVerificationError
		urlErr           *url.Error
	)
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &invalidCert),
		errors.As(err, &hostname), errors.As(err, &verification):
		return false
	case errors.As(err, &urlErr) && isURLProblem(urlErr.Err):
		return false
	}
	return true
}

// isURLProblem reports whether err is net/http refusing the request
// itself (its URL or a header) rather than failing to deliver it. net/http
// gives most of these no type, so their text is matched.
func isURLProblem(err error) bool {
	var escErr url.EscapeError
	var hostErr url.InvalidHostError
	if errors.As(err, &escErr) || errors.As(err, &hostErr) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "no Host in request URL") ||
		strings.Contains(msg, "invalid header field")
}

// mayHaveBeenSent reports whether a transport error may have come after the
// request reached the server: anything but a failure to connect.
func mayHaveBeenSent(err error) bool {
	var op *net.OpError
	return !errors.As(err, &op) || op.Op != "dial"
}

// retryAfter reads the server's wish: the Retry-After header (seconds or
// an HTTP date) wins over the body's "retry_after" seconds.
func retryAfter(h http.Header, bodySeconds float64) time.Duration {
	if v := h.Get("Retry-After"); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		switch {
		case errors.Is(err, strconv.ErrRange) && secs > 0:
			return maxRetryAfter
		case err == nil && secs <= 0:
			return 0
		case err == nil:
			return time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(time.Until(t), 0)
		}
	}
	if bodySeconds > 0 {
		return time.Duration(min(bodySeconds, float64(maxRetryAfter/time.Second)) * float64(time.Second))
	}
	return 0
}

// maxRetryAfter caps absurd Retry-After values so durations cannot overflow.
const maxRetryAfter = 100 * 365 * 24 * time.Hour

// retryTransport sends a request of another package (the oauth2 token
// request) through the Client's retry loop, with the Client's headers.
type retryTransport struct{ c *Client }

// RoundTrip implements http.RoundTripper.
func (t retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if _, ok := ctx.Value(stateKey{}).(*callState); !ok {
		ctx = withState(ctx, &callState{method: req.Method, path: req.URL.EscapedPath()})
	}
	req = req.Clone(ctx) // a RoundTripper must not change the caller's request
	t.c.setHeaders(req.Header)
	rreq, err := retryablehttp.FromRequest(req)
	if err != nil {
		return nil, err
	}
	resp, err := t.c.retry.Do(rreq)
	if err != nil && resp != nil {
		// Cancelled while waiting to retry: a RoundTripper answers one or
		// the other; the last attempt's error is kept in the call's state.
		resp.Body.Close()
		resp = nil
	}
	return resp, err
}
