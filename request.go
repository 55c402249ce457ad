package apinizer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// request describes one API call: everything an endpoint method decides.
// The pipeline (send) does the rest.
type request struct {
	op    *ops.Op
	args  []string // the values of op's path parameters, in order
	query string   // encoded, without "?"
	body  any      // sent as JSON when not nil
}

// send is the one request pipeline: it checks the request, sends it through
// the retry loop with authentication and headers (a body is resent whole
// on every attempt), and decodes the final answer with decode. Any answer
// that is not a success becomes a *Error.
func (c *Client) send(ctx context.Context, r request, results resultDecoder) (envelope, error) {
	target, err := c.requestURL(r.op, r.args, r.query)
	if err != nil {
		return envelope{}, err
	}
	if ctx == nil {
		return envelope{}, invalidArgument("ctx", "is nil")
	}
	var body []byte
	if r.body != nil {
		if body, err = json.Marshal(r.body); err != nil {
			return envelope{}, invalidArgument("request body", err.Error())
		}
	}
	auth, err := c.auth.authorization(ctx)
	if err != nil {
		return envelope{}, err
	}
	st := &callState{op: r.op, method: r.op.Method, path: target[len(c.origin) : len(target)-len(r.query)]}
	if r.query != "" {
		st.path = st.path[:len(st.path)-1] // without the "?"
	}
	st.secrets.add(strings.TrimPrefix(auth, "Bearer "))
	if r.body != nil {
		st.secrets.add(secretsOf(r.body)...)
	}
	// retryablehttp takes the body as bytes, so every attempt sends it
	// whole; no body is nil, not an empty []byte (which would be sent).
	var rbody any
	if body != nil {
		rbody = body
	}
	req, err := retryablehttp.NewRequestWithContext(withState(ctx, st), r.op.Method, target, rbody)
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
