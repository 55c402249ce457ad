package apinizer

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"unicode"
	"unicode/utf8"
)

// apiPath builds one request URL: the Client's origin and base path, then
// each literal and each parameter as one segment followed by "/". The
// first refused parameter is kept as err. It is a value, so building a
// path costs one allocation, the buffer.
type apiPath struct {
	buf []byte
	err error
}

// path starts a URL at the Client's base ("https://host/[prefix/]apiops/").
func (c *Client) path() apiPath {
	buf := make([]byte, 0, len(c.origin)+len(c.basePath)+96)
	return apiPath{buf: append(append(buf, c.origin...), c.basePath...)}
}

// lit appends a fixed part of the path, such as "credentials".
func (p apiPath) lit(s string) apiPath {
	p.buf = append(append(p.buf, s...), '/')
	return p
}

// param appends a caller's value as one percent-encoded segment, after
// checking it; name is what the error calls it.
func (p apiPath) param(name, value string) apiPath {
	if p.err == nil {
		p.err = checkSegment(name, value)
	}
	p.buf = append(append(p.buf, url.PathEscape(value)...), '/')
	return p
}

// checkSegment refuses values that cannot be one path segment whatever
// the escaping: empty, "." and ".." (which servers and proxies resolve),
// control characters and invalid UTF-8.
func checkSegment(name, value string) error {
	switch value {
	case "":
		return invalidArgument(name, "is empty")
	case ".", "..":
		return invalidArgument(name, fmt.Sprintf("%q is not allowed as a path segment", value))
	}
	if !utf8.ValidString(value) {
		return invalidArgument(name, "is not valid UTF-8")
	}
	for _, r := range value {
		if unicode.IsControl(r) {
			return invalidArgument(name, fmt.Sprintf("holds control character %U", r))
		}
	}
	return nil
}

// successBody is a 2xx answer's JSON: it says whether the API succeeded.
type successBody interface {
	succeeded() bool
}

// do is the one request pipeline: it sends method to path (with rawQuery,
// if any) through the retry loop with authentication and headers, and
// decodes a 2xx answer into out. Any other answer becomes a *Error.
func (c *Client) do(ctx context.Context, method string, p apiPath, rawQuery string, out successBody) error {
	if p.err != nil {
		return p.err
	}
	if ctx == nil {
		return invalidArgument("ctx", "is nil")
	}
	auth, err := c.auth.authorization(ctx)
	if err != nil {
		return err
	}
	pathEnd := len(p.buf)
	if rawQuery != "" {
		p.buf = append(append(p.buf, '?'), rawQuery...)
	}
	target := string(p.buf)
	st := newState(ctx, method, target[len(c.origin):pathEnd])
	req, err := http.NewRequestWithContext(st, method, target, nil)
	if err != nil {
		return invalidArgument("request", err.Error())
	}
	req.Header["Authorization"] = []string{auth}
	req.Header["Accept"] = []string{"application/json"}
	req.Header["User-Agent"] = []string{c.userAgent}

	st.req.Request = req
	resp, err := c.retry.Do(&st.req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return c.sendError(ctx, st, err)
	}
	if resp.StatusCode == http.StatusUnauthorized {
		c.auth.rejected(auth)
	}
	return decodeResponse(resp, st, out)
}

// sendError wraps a failure to get an answer. When ctx ended the call, the
// error matches ctx's error and still holds the last attempt's error, so
// errors.As finds the *Error of a retried answer.
func (c *Client) sendError(ctx context.Context, st *callState, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && st.last != nil && st.last != err {
		return fmt.Errorf("apinizer: %s %s: %w after %d attempts; last: %w", st.method, st.path, ctxErr, st.attempts, st.last)
	}
	if st.attempts > 1 {
		return fmt.Errorf("apinizer: %s %s (after %d attempts): %w", st.method, st.path, st.attempts, err)
	}
	return fmt.Errorf("apinizer: %s %s: %w", st.method, st.path, err)
}
