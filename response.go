package apinizer

import (
	"bytes"
	"context"
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
	maxErrorBody   = 64 << 10  // an error body is read this far; so much of a 2xx is kept for errors
	maxDrain       = 256 << 10 // read past the part kept to reuse the connection
)

// errTooLarge is the cause of a *Error for a 2xx body over maxSuccessBody.
var errTooLarge = fmt.Errorf("body larger than %d bytes", maxSuccessBody)

// resultDecoder decodes an answer's "resultList" from the decoder, which
// stands just before its value.
type resultDecoder func(dec *json.Decoder) error

// decodeStream reads a list answer's top-level object field by field, so
// its "resultList" streams through results instead of being buffered
// whole; the other fields, small, are gathered and read by parseEnvelope.
func decodeStream(dec *json.Decoder, results resultDecoder) (envelope, []byte, error) {
	if err := expectDelim(dec, '{'); err != nil {
		return envelope{}, nil, err
	}
	rest := []byte{'{'}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return envelope{}, rest, err
		}
		if key == "resultList" {
			if err := results(dec); err != nil {
				return envelope{}, rest, err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return envelope{}, rest, err
		}
		if len(rest) > 1 {
			rest = append(rest, ',')
		}
		k, _ := json.Marshal(key)
		rest = append(append(append(rest, k...), ':'), raw...)
	}
	if err := expectDelim(dec, '}'); err != nil {
		return envelope{}, rest, err
	}
	rest = append(rest, '}')
	if err := expectEnd(dec); err != nil {
		return envelope{}, rest, err
	}
	env, err := parseEnvelope(rest)
	return env, rest, err
}

// expectEnd fails unless nothing but white space follows the answer's
// object: documented JSON followed by a second object, HTML or garbage is
// not the documented answer. It reads the body to its end, so the
// connection can be reused.
func expectEnd(dec *json.Decoder) error {
	tok, err := dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return fmt.Errorf("after the JSON object: %w", err)
	}
	return fmt.Errorf("after the JSON object: %v", tok)
}

// parseSeconds reads "retry_after": a number, or a number in a string.
func parseSeconds(v any) float64 {
	switch v := v.(type) {
	case float64:
		return v
	case string:
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	return 0
}

// decodeList decodes a "resultList": null or an array of T. Items are
// decoded in place into chunks that double up to 1024 entries, then copied
// once into a slice of the exact length: growing one slice by append would
// allocate about five times its final size on the way. With the streaming
// envelope, a list costs its decoded items, not those plus the body. An
// item type that is a borrower decodes its []string fields into the list's
// arena (arena.go).
func decodeList[T any](dec *json.Decoder) ([]T, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, fmt.Errorf("resultList: want an array, got %v", tok)
	}
	var full [][]T
	var arena *listArena // only for an item type that borrows (arena.go)
	if _, borrows := any((*T)(nil)).(borrower); borrows {
		arena = new(listArena)
	}
	cur, n := make([]T, 0, 16), 0
	for dec.More() {
		if len(cur) == cap(cur) {
			full = append(full, cur)
			cur = make([]T, 0, min(2*cap(cur), 1024))
		}
		cur = cur[:len(cur)+1]
		item := &cur[len(cur)-1]
		if arena != nil {
			any(item).(borrower).lend(arena)
		}
		if err := dec.Decode(item); err != nil {
			return nil, fmt.Errorf("resultList[%d]: %w", n, err)
		}
		if arena != nil {
			any(item).(borrower).keep(arena)
		}
		n++
	}
	items := cur
	if len(full) > 0 {
		items = make([]T, 0, n)
		for _, chunk := range full {
			items = append(items, chunk...)
		}
		items = append(items, cur...)
	}
	return items, expectDelim(dec, ']')
}

// expectDelim reads the next token and fails unless it is want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("want %v, got %v", want, tok)
	}
	return nil
}

// decodeResponse turns the final answer into its envelope or a *Error,
// and closes its body so that the connection can be reused. A 2xx body is
// decoded by its content, whatever its Content-Type says. With bare, an
// object with no envelope member at all is the answer itself (the pages
// that document a bare object), given to bare.
func decodeResponse(ctx context.Context, resp *http.Response, st *callState, results resultDecoder, bare func([]byte) error) (envelope, error) {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, err := readErrorBody(resp) // closes the original body
		e := st.errorFrom(resp, body)
		e.probablyApplied = st.unknownOutcome && e.Method != http.MethodGet && e.sayGone()
		if err != nil {
			e.cause = fmt.Errorf("error body broke off: %w", err)
		}
		return envelope{}, e
	}
	defer resp.Body.Close()
	var env envelope
	var body []byte // what was read of the body, for an error
	r := &limitedReader{r: resp.Body, n: maxSuccessBody}
	var err error
	if results == nil {
		// A write's or a failure's answer is small: read it whole.
		if body, err = readAll(r, resp.ContentLength); err == nil {
			env, err = parseEnvelope(body)
		}
	} else {
		// A list streams, item by item. An error shows what the decoder
		// had read ahead and what follows, or the envelope without its list.
		dec := json.NewDecoder(r)
		var rest []byte
		if env, rest, err = decodeStream(dec, results); err != nil {
			buffered, _ := io.ReadAll(io.LimitReader(io.MultiReader(dec.Buffered(), r), maxErrorBody))
			body = buffered
		} else {
			body = rest
		}
	}
	env.resp, env.st = resp, st
	if results == nil {
		env.body = body
	}
	st.secrets.envelope(&env)
	switch {
	case r.readErr != nil:
		return env, env.unexpected(brokeOff(ctx, st, resp.StatusCode, r.readErr), nil)
	case r.n <= 0:
		return env, env.unexpected(errTooLarge, nil)
	case err != nil:
		cause := fmt.Errorf("body is not the documented JSON: %w", err)
		if ct := resp.Header.Get("Content-Type"); !isJSON(ct) {
			cause = fmt.Errorf("body (content type %q) is not the documented JSON: %w", ct, err)
		}
		return env, env.unexpected(cause, body)
	case env.failed():
		return env, env.unexpected(errors.New("a 2xx answer whose body says the call failed"), nil)
	case bare != nil && !env.api && len(body) > 0 && body[0] == '{':
		if err := bare(body); err != nil {
			return env, env.unexpected(fmt.Errorf("body is not the documented object: %w", err), body)
		}
	case !env.succeeded():
		return env, env.unexpected(errors.New(`body has no "success": true or "status": "SUCCESS"`), body)
	}
	return env, nil
}

// readAll reads a body whole, as io.ReadAll does, into a buffer of the
// announced length when there is one below maxErrorBody: a short answer
// costs its own size instead of io.ReadAll's 512 bytes, and a longer one
// is not regrown on the way. A body longer than announced is read on.
func readAll(r io.Reader, contentLength int64) ([]byte, error) {
	if contentLength < 0 || contentLength >= maxErrorBody {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, contentLength+1) // a byte more, to meet io.EOF without growing
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case err == io.EOF:
			return b, nil
		case err != nil:
			return b, err
		case len(b) == cap(b): // longer than announced
			rest, err := io.ReadAll(r)
			return append(b, rest...), err
		}
	}
}

// brokeOff is the cause of a 2xx answer whose body did not arrive whole.
// Such an answer is never retried: a write was saved, and a repeated
// Remove would answer 400. When ctx ended the call, the cause matches
// ctx's error.
func brokeOff(ctx context.Context, st *callState, status int, readErr error) error {
	what := "answer"
	if st.method != http.MethodGet {
		what = "answer (the change may have been saved)"
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%d %s broke off: %w: %w", status, what, ctxErr, readErr)
	}
	return fmt.Errorf("%d %s broke off: %w", status, what, readErr)
}

// clipBody keeps at most maxErrorBody bytes of a body for an *Error.
func clipBody(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b[:min(len(b), maxErrorBody)]
}

// closeBody reads a little of what is left, so the connection goes back to
// the pool, then closes.
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

// errorFromBody builds the *Error of a non-2xx answer from its status,
// headers and body, in either dialect. Fields are read one by one, so a
// malformed extra field loses only itself; a body that is not the API's
// JSON (or only partly) is kept raw.
func errorFromBody(resp *http.Response, body []byte) *Error {
	e := &Error{StatusCode: resp.StatusCode, Header: resp.Header}
	env, err := parseEnvelope(body)
	e.Code, e.Description, e.ValidationErrors = env.code, clipText(env.text(), maxErrorBody), env.validation
	if (err != nil || !env.api) && len(body) > 0 {
		e.Body = body
	}
	e.RetryAfter = retryAfter(resp.Header, env.retryAfter)
	return e
}

// errorFrom is errorFromBody for an answer of this call: it names the
// call and replaces the secrets the call sent.
func (st *callState) errorFrom(resp *http.Response, body []byte) *Error {
	e := errorFromBody(resp, body)
	e.Method, e.Path, e.Attempts = st.method, st.path, st.attempts
	st.secrets.error(e)
	return e
}
