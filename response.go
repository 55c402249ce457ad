package apinizer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Bounds on what is read of an answer.
const (
	maxSuccessBody = 32 << 20  // a 2xx body larger than this is refused
	maxErrorBody   = 64 << 10  // an error body is read this far
	maxDrain       = 256 << 10 // read past the part kept to reuse the connection
)

// errTooLarge is the cause of a *Error for a 2xx body over maxSuccessBody.
var errTooLarge = fmt.Errorf("body larger than %d bytes", maxSuccessBody)

// decodeResponse turns the final answer into out or a *Error, and closes
// its body so that the connection can be reused.
func decodeResponse(resp *http.Response, st *callState, out successBody) error {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, err := readErrorBody(resp) // closes the original body
		e := errorFromBody(resp, body)
		e.Method, e.Path, e.Attempts = st.method, st.path, st.attempts
		if err != nil {
			e.cause = fmt.Errorf("error body broke off: %w", err)
		}
		return e
	}
	unexpected := func(cause error, body []byte) error {
		return &Error{StatusCode: resp.StatusCode, Method: st.method, Path: st.path,
			Attempts: st.attempts, Header: resp.Header, Body: body, cause: cause}
	}
	if !isJSON(resp.Header.Get("Content-Type")) {
		body, _ := readErrorBody(resp)
		return unexpected(fmt.Errorf("content type %q is not JSON", resp.Header.Get("Content-Type")), body)
	}
	defer resp.Body.Close()
	r := &st.body
	*r = limitedReader{r: resp.Body, n: maxSuccessBody}
	dec := json.NewDecoder(r)
	var err error
	if s, ok := out.(streamDecoder); ok {
		err = s.decodeStream(dec)
	} else {
		err = dec.Decode(out)
	}
	if err != nil {
		switch {
		case r.readErr != nil:
			// The change may well be saved: the answer broke off. Never
			// retried, since a repeated Remove would answer 400.
			return unexpected(fmt.Errorf("%d answer broke off (the change may have been saved): %w", resp.StatusCode, r.readErr), nil)
		case r.n <= 0:
			return unexpected(errTooLarge, nil)
		default:
			return unexpected(fmt.Errorf("body is not the documented JSON: %w", err), nil)
		}
	}
	if !out.succeeded() {
		return unexpected(errors.New(`body says "success": false`), nil)
	}
	// Read what the decoder left (a newline, usually) so the connection is
	// reused; st.body again, to spare an allocation on the hot path.
	*r = limitedReader{r: resp.Body, n: maxDrain}
	_, _ = io.Copy(io.Discard, r)
	return nil
}

// streamDecoder is a successBody that decodes itself piece by piece, for
// answers too large to buffer whole.
type streamDecoder interface {
	decodeStream(dec *json.Decoder) error
}

// closeBody reads a little of what is left, so the connection goes back to
// the pool, then closes. (The success path drains through the call's own
// reader instead, to spare the allocation io.CopyN makes.)
func closeBody(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	body.Close()
}

// isJSON reports whether a Content-Type is JSON (application/json or
// any +json type, parameters ignored); an absent one is taken to be JSON,
// and the decoder decides.
func isJSON(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(mt)
	return strings.EqualFold(mt, "application/json") ||
		(len(mt) > 5 && strings.EqualFold(mt[len(mt)-5:], "+json") && strings.Contains(mt, "/"))
}

// limitedReader stops after n bytes and remembers a read error other than
// io.EOF, so a broken-off body is told apart from malformed JSON.
type limitedReader struct {
	r       io.Reader
	n       int64
	readErr error
}

// Read implements io.Reader.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if err != nil && err != io.EOF {
		l.readErr = err
	}
	return n, err
}

// readErrorBody reads an error answer's body up to maxErrorBody and puts
// the bytes back as resp.Body, so a later decode reads them again.
func readErrorBody(resp *http.Response) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil {
		resp.Body.Close()
		resp.Body = http.NoBody
		return nil, err
	}
	closeBody(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}

// oauthError is the API's error body.
type oauthError struct {
	Error            string       `json:"error"`
	Description      string       `json:"error_description"`
	ValidationErrors []FieldError `json:"validation_errors"`
	RetryAfter       any          `json:"retry_after"` // seconds, as a number or a string
}

// errorFromBody builds the *Error of a non-2xx answer from its status,
// headers and body. A body that is not OAuth-style JSON is kept raw.
func errorFromBody(resp *http.Response, body []byte) *Error {
	e := &Error{StatusCode: resp.StatusCode, Header: resp.Header}
	var oe oauthError
	if json.Unmarshal(body, &oe) == nil && (oe.Error != "" || oe.Description != "") {
		e.Code, e.Description, e.ValidationErrors = oe.Error, oe.Description, oe.ValidationErrors
	} else if len(body) > 0 {
		e.Body = body
	}
	var seconds float64
	switch v := oe.RetryAfter.(type) {
	case float64:
		seconds = v
	case string:
		seconds, _ = strconv.ParseFloat(v, 64)
	}
	e.RetryAfter = retryAfter(resp.Header, seconds)
	return e
}
