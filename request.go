package apinizer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// request describes one API call: everything an endpoint method decides.
// The pipeline (send) does the rest.
type request struct {
	op       *ops.Op
	args     []string           // the values of op's path parameters, in order
	query    any                // a go-querystring struct (url tags); nil or a nil pointer: no query
	body     any                // sent as JSON when not nil
	form     *form              // sent as multipart/form-data instead
	header   http.Header        // this call's own headers; every value is taken for a secret (the passphrase)
	secrets  []Secret           // more of what the answer must not show (a passphrase before encoding)
	saveOnly bool               // the caller asked for no deployment: a result without entries is no failure
	bare     bool               // the answer may be the object itself, with no envelope (the page says so)
	object   func([]byte) error // decodes such a bare object; set by get
	out      io.Writer          // a download: a 2xx file answer is streamed here
}

// send is the one request pipeline: it checks the request, sends it through
// the retry loop with authentication and headers (a body is resent whole
// on every attempt), and decodes the final answer with decode. Any answer
// that is not a success becomes a *Error.
func (c *Client) send(ctx context.Context, r request, results resultDecoder) (envelope, error) {
	if ctx == nil {
		return envelope{}, invalidArgument("ctx", "is nil")
	}
	q, err := encodeQuery(r.query)
	if err != nil {
		return envelope{}, err
	}
	target, err := c.requestURL(r.op, r.args, q)
	if err != nil {
		return envelope{}, err
	}
	// retryablehttp takes the body as bytes, or as a func that gives it
	// anew, so every attempt sends it whole; no body is nil, not an empty
	// []byte (which would be sent).
	var rbody any
	var contentType string
	switch {
	case r.form != nil:
		m, err := newMultipart(r.form, c.maxUpload)
		if err != nil {
			return envelope{}, err
		}
		rbody, contentType = retryablehttp.ReaderFunc(m.reader), m.contentType
	case r.body != nil:
		body, err := json.Marshal(r.body)
		if err != nil {
			return envelope{}, invalidArgument("request body", err.Error())
		}
		rbody, contentType = body, "application/json"
	}
	auth, err := c.auth.authorization(ctx)
	if err != nil {
		return envelope{}, err
	}
	st := &callState{op: r.op, method: r.op.Method, path: target[len(c.origin) : len(target)-len(q)]}
	st.secrets = st.secret0[:0]
	if q != "" {
		st.path = st.path[:len(st.path)-1] // without the "?"
	}
	st.secrets.add(strings.TrimPrefix(auth, "Bearer "))
	if r.body != nil {
		st.secrets.add(secretsOf(r.body)...)
	}
	if r.form != nil {
		st.secrets.add(secretsOf(r.form.fields)...)
	}
	for _, s := range r.secrets {
		st.secrets.add(string(s))
	}
	req, err := retryablehttp.NewRequestWithContext(withState(ctx, st), r.op.Method, target, rbody)
	if err != nil {
		return envelope{}, invalidArgument("request", err.Error())
	}
	c.setHeaders(req.Header)
	req.Header["Authorization"] = []string{auth}
	if contentType != "" {
		req.Header["Content-Type"] = []string{contentType}
	}
	for name, values := range r.header {
		req.Header[name] = values
		st.secrets.add(values...)
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
	if r.out != nil && resp.StatusCode >= 200 && resp.StatusCode <= 299 && isDownload(resp) {
		dl, err := streamDownload(ctx, resp, st, r.out)
		return envelope{download: dl}, err
	}
	return decodeResponse(ctx, resp, st, results, r.object)
}

// encodeQuery encodes a call's query struct ("" for none).
func encodeQuery(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	values, err := query.Values(v)
	if err != nil {
		return "", invalidArgument("query", err.Error())
	}
	return values.Encode(), nil
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
		return fmt.Errorf("apinizer: %s %s: %w after %s; last: %w", st.method, st.path, ctxErr, attemptsText(st.attempts), st.last)
	}
	if st.attempts > 1 {
		return fmt.Errorf("apinizer: %s %s (after %s): %w", st.method, st.path, attemptsText(st.attempts), err)
	}
	return fmt.Errorf("apinizer: %s %s: %w", st.method, st.path, err)
}

// attemptsText is "1 attempt" or "N attempts".
func attemptsText(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}

// deploy runs a write: the answer is a deployment result. A saved change
// that some environment did not deploy returns the response and a
// *DeploymentError; every other error returns a nil response. A result
// with a failed entry is always a *DeploymentError; one that says
// "success": false without entries is one only for a call that deploys
// (r.saveOnly false): a save without deployment answers that way. A
// non-empty result in no documented shape is ErrUnexpectedResponse,
// never a silent success.
func (c *Client) deploy(ctx context.Context, r request) (*DeploymentResponse, error) {
	env, err := c.send(ctx, r, nil)
	if err != nil {
		return nil, err
	}
	resp := &DeploymentResponse{Success: true, Message: env.message}
	d := env.deployment
	switch {
	case d == nil:
		return resp, nil
	case !d.known() && emptyResult(env.body):
		return resp, nil
	case !d.known():
		return nil, env.unexpected(errors.New("deploymentResult is in no documented shape"), env.body)
	}
	resp.DeploymentResult = d.result()
	failed := len(resp.DeploymentResult.Failed()) > 0
	if failed || !resp.DeploymentResult.Success && !r.saveOnly {
		return resp, &DeploymentError{Response: resp}
	}
	return resp, nil
}

// list runs a read whose answer is a "resultList" of T, decoded one item at
// a time. A missing or null list is an empty result.
func list[T any](ctx context.Context, c *Client, r request) ([]T, error) {
	items, _, err := listEnvelope[T](ctx, c, r)
	return items, err
}

// get runs a read whose answer is a one-item "resultList" or, where a
// page documents it (r.bare), the bare object with no envelope.
func get[T any](ctx context.Context, c *Client, r request) (*T, error) {
	return one[T](ctx, c, r, true)
}

// one is get; when not required, a success that holds no object at all
// gives nil and no error.
func one[T any](ctx context.Context, c *Client, r request, required bool) (*T, error) {
	var bare *T
	if r.bare {
		r.object = func(raw []byte) error {
			bare = new(T)
			return json.Unmarshal(raw, bare)
		}
	}
	items, env, err := listEnvelope[T](ctx, c, r)
	switch {
	case err != nil:
		return nil, err
	case bare != nil:
		return bare, nil
	case len(items) == 0 && !required:
		return nil, nil
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

// download runs a read whose 2xx answer is a file, streamed into w.
func (c *Client) download(ctx context.Context, r request, w io.Writer) (*Download, error) {
	if w == nil {
		return nil, invalidArgument("w", "is nil")
	}
	r.out = w
	env, err := c.send(ctx, r, nil)
	if err != nil || env.download != nil {
		return env.download, err
	}
	// A 2xx JSON answer where a file was expected, which says success.
	return nil, env.unexpected(errors.New("a JSON answer where a file was expected"), env.body)
}
