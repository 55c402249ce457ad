package apinizer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/go-retryablehttp"
)

// request describes one API call: everything an endpoint method decides.
// The pipeline (send) does the rest.
type request struct {
	method string
	path   apiPath
	query  string // encoded, without "?"
	body   any    // sent as JSON when not nil
}

// apiPath builds one request URL: the Client's origin and base path, then
// each literal and each parameter as one segment followed by "/" (leaf
// drops the last one). The first refused parameter is kept as err.
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

// leaf drops the trailing "/" of the last segment, for the documented
// endpoints without it (jwks/generate, environments/{projectName}).
func (p apiPath) leaf() apiPath {
	if n := len(p.buf); n > 0 && p.buf[n-1] == '/' {
		p.buf = p.buf[:n-1]
	}
	return p
}

// projectPath is projects/{projectName}/.
func (c *Client) projectPath(projectName string) apiPath {
	return c.path().lit("projects").param("projectName", projectName)
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

// send is the one request pipeline: it checks the request, sends it through
// the retry loop with authentication and headers (a body is resent whole
// on every attempt), and decodes the final answer with decode. Any answer
// that is not a success becomes a *Error.
func (c *Client) send(ctx context.Context, r request, results resultDecoder) (envelope, error) {
	if r.path.err != nil {
		return envelope{}, r.path.err
	}
	if ctx == nil {
		return envelope{}, invalidArgument("ctx", "is nil")
	}
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return envelope{}, invalidArgument("request body", err.Error())
		}
	}
	auth, err := c.auth.authorization(ctx)
	if err != nil {
		return envelope{}, err
	}
	target := string(r.path.buf)
	st := &callState{method: r.method, path: target[len(c.origin):]}
	st.secrets.add(strings.TrimPrefix(auth, "Bearer "))
	if r.body != nil {
		st.secrets.add(secretsOf(r.body)...)
	}
	if r.query != "" {
		target += "?" + r.query
	}
	// retryablehttp takes the body as bytes, so every attempt sends it
	// whole; no body is nil, not an empty []byte (which would be sent).
	var rbody any
	if body != nil {
		rbody = body
	}
	req, err := retryablehttp.NewRequestWithContext(withState(ctx, st), r.method, target, rbody)
	if err != nil {
		return envelope{}, invalidArgument("request", err.Error())
	}
	c.setHeaders(req.Header)
	req.Header["Authorization"] = []string{auth}
	if body != nil {
		req.Header["Content-Type"] = []string{"application/json"}
	}
	resp, err := c.retry.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return envelope{}, c.sendError(ctx, st, err)
	}
	if resp.StatusCode == http.StatusUnauthorized {
		c.auth.rejected(auth)
	}
	return decodeResponse(ctx, resp, st, results)
}

// setHeaders puts the headers every request carries, API and token
// requests alike: Accept, User-Agent and those of WithHeader.
func (c *Client) setHeaders(h http.Header) {
	h["Accept"] = c.accept
	h["User-Agent"] = c.userAgentHeader
	for name, values := range c.headers {
		h[name] = values[:len(values):len(values)] // shared, so an append copies
	}
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

// deploy runs a write: the answer is a deployment result. A saved change
// that some environment did not deploy returns the response and a
// *DeploymentError; every other error returns a nil response.
func (c *Client) deploy(ctx context.Context, r request) (*DeploymentResponse, error) {
	env, err := c.send(ctx, r, nil)
	if err != nil {
		return nil, err
	}
	resp := &DeploymentResponse{Success: true, Message: env.message}
	if env.deployment != nil {
		resp.DeploymentResult = env.deployment.result()
		if !resp.DeploymentResult.Success || len(resp.DeploymentResult.Failed()) > 0 {
			return resp, &DeploymentError{Response: resp}
		}
	}
	return resp, nil
}

// list runs a read whose answer is a "resultList" of T, decoded one item at
// a time. A missing or null list is an empty result.
func list[T any](ctx context.Context, c *Client, r request) ([]T, error) {
	items, _, err := listEnvelope[T](ctx, c, r)
	return items, err
}

// get runs a read whose answer is a one-item "resultList".
func get[T any](ctx context.Context, c *Client, r request) (*T, error) {
	items, env, err := listEnvelope[T](ctx, c, r)
	switch {
	case err != nil:
		return nil, err
	case len(items) == 0:
		return nil, env.unexpected(errors.New("resultList holds no item"), nil)
	}
	return &items[0], nil
}

func listEnvelope[T any](ctx context.Context, c *Client, r request) ([]T, envelope, error) {
	var items []T
	env, err := c.send(ctx, r, func(dec *json.Decoder) (err error) {
		items, err = decodeList[T](dec)
		return err
	})
	if err != nil {
		return nil, env, err
	}
	return items, env, nil
}
