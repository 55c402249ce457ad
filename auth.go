package apinizer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// authorizer yields the Authorization header value for one call. Its
// implementations hold secrets only in unexported fields behind pointers,
// so fmt never prints them.
type authorizer interface {
	authorization(ctx context.Context) (string, error)
	// rejected tells the authorizer that the API answered 401 to header,
	// so a cached token can be dropped and the next call fetch a new one.
	rejected(header string)
}

// staticToken is WithToken's authorizer.
type staticToken struct {
	header string // "Bearer <token>"
}

func (t *staticToken) authorization(context.Context) (string, error) { return t.header, nil }

func (t *staticToken) rejected(string) {} // nothing to renew

// Format keeps the token out of fmt output, whatever reaches it.
func (t *staticToken) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, "[redacted token]") }

// sourceToken is WithTokenSource's authorizer.
type sourceToken struct {
	ts oauth2.TokenSource
}

func (s *sourceToken) authorization(context.Context) (string, error) {
	tok, err := s.ts.Token()
	if err != nil {
		return "", fmt.Errorf("apinizer: token source: %w", err)
	}
	if tok == nil {
		return "", errors.New("apinizer: token source returned a nil token and no error")
	}
	if err := checkToken(tok.AccessToken); err != nil {
		return "", fmt.Errorf("apinizer: token source returned an unusable token: %w", err)
	}
	return "Bearer " + tok.AccessToken, nil
}

func (s *sourceToken) rejected(string) {} // the source decides when to renew

// tokenRenewBefore is how long before its expiry a cached client-credentials
// token is replaced (half its lifetime, for tokens that live under a minute).
const tokenRenewBefore = 30 * time.Second

// clientCredentials is WithClientCredentials' authorizer: it fetches tokens
// from the API's token endpoint through the Client's own retrying pipeline,
// one fetch at a time, and caches each until shortly before it expires.
type clientCredentials struct {
	username, password string

	client *Client
	cfg    clientcredentials.Config
	hc     *http.Client     // the token request's client: retries, no redirects
	path   string           // escaped path of the token endpoint, for errors
	now    func() time.Time // replaced in tests

	fetching chan struct{} // held while fetching; a channel so waiters can give up on ctx

	mu      sync.Mutex // guards the cache; never held across a request
	header  string     // "Bearer <token>" of the cached token
	renewAt time.Time  // when to fetch the next one; zero: never
}

// Format keeps the password and token out of fmt output.
func (cc *clientCredentials) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "[redacted client credentials]")
}

// bind wires the authorizer to the Client it serves.
func (cc *clientCredentials) bind(c *Client) {
	cc.client = c
	cc.path = c.basePath + ops.IssueToken.Path
	cc.cfg = clientcredentials.Config{
		ClientID:     cc.username,
		ClientSecret: cc.password,
		TokenURL:     c.origin + cc.path,
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	cc.hc = &http.Client{Transport: retryTransport{c}, CheckRedirect: noRedirect}
	cc.now = time.Now
	cc.fetching = make(chan struct{}, 1)
}

func (cc *clientCredentials) authorization(ctx context.Context) (string, error) {
	if h := cc.cached(); h != "" {
		return h, nil
	}
	select {
	case cc.fetching <- struct{}{}:
	case <-ctx.Done():
		return "", fmt.Errorf("apinizer: waiting for a token: %w", ctx.Err())
	}
	defer func() { <-cc.fetching }()
	if h := cc.cached(); h != "" { // fetched by the caller we waited for
		return h, nil
	}
	st := &callState{op: ops.IssueToken, method: http.MethodPost, path: cc.path}
	st.secrets.add(cc.password)
	tok, err := cc.cfg.Token(context.WithValue(withState(ctx, st), oauth2.HTTPClient, cc.hc))
	if err != nil {
		return "", cc.tokenError(ctx, st, err)
	}
	if checkToken(tok.AccessToken) != nil {
		// The server's answer, not the caller's input (so not
		// ErrInvalidArgument); its body holds the token, so it is not kept.
		return "", &Error{StatusCode: http.StatusOK, Method: http.MethodPost, Path: cc.path,
			Attempts: st.attempts, cause: errors.New("the answer's access_token is empty or not a valid header value")}
	}
	renewAt := time.Time{}
	if !tok.Expiry.IsZero() {
		// oauth2 sets Expiry from expires_in on the wall clock; keep the
		// lifetime on cc.now's clock.
		life := time.Until(tok.Expiry)
		renewAt = cc.now().Add(life - min(tokenRenewBefore, life/2))
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.header, cc.renewAt = "Bearer "+tok.AccessToken, renewAt
	return cc.header, nil
}

// cached returns the cached header while it is fresh, else "".
func (cc *clientCredentials) cached() string {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.header != "" && (cc.renewAt.IsZero() || cc.now().Before(cc.renewAt)) {
		return cc.header
	}
	return ""
}

// rejected drops the cached token if it is the one the API refused (a
// token revoked before its expiry), so the next call fetches a new one.
// The refused call itself is not repeated: its 401 is returned as is. It
// never waits for a token fetch in progress.
func (cc *clientCredentials) rejected(header string) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.header == header {
		cc.header = ""
	}
}

// tokenError turns a failed token request into the package's errors: an
// answer of the server becomes a *Error, a transport failure is wrapped.
// Neither ever holds the password, which only travels in the request body.
func (cc *clientCredentials) tokenError(ctx context.Context, st *callState, err error) error {
	var re *oauth2.RetrieveError
	var ue *url.Error
	switch {
	case errors.As(err, &re) && re.Response != nil:
	case ctx.Err() != nil || errors.As(err, &ue):
		return cc.client.sendError(ctx, st, err)
	default:
		// A 2xx answer that oauth2 could not read as a token.
		return &Error{StatusCode: http.StatusOK, Method: http.MethodPost, Path: cc.path,
			Attempts: st.attempts, cause: err}
	}
	e := errorFromBody(re.Response, re.Body)
	e.Method, e.Path, e.Attempts = http.MethodPost, cc.path, st.attempts
	if e.Code == "" {
		e.Code = re.ErrorCode
	}
	if e.Description == "" {
		e.Description = re.ErrorDescription
	}
	st.secrets.error(e)
	return e
}

// checkToken refuses a token that is empty or could not be sent in a
// header. The message never holds the token.
func checkToken(tok string) error {
	if tok == "" {
		return invalidArgument("token", "is empty")
	}
	if !validHeaderValue(tok, false) {
		return invalidArgument("token", "holds characters not allowed in an HTTP header")
	}
	return nil
}

// validHeaderValue reports whether s is visible ASCII (and spaces, when
// allowed, but not at either end).
func validHeaderValue(s string, spaces bool) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b == ' ' && spaces && i > 0 && i < len(s)-1 {
			continue
		}
		if b < 0x21 || b > 0x7e {
			return false
		}
	}
	return true
}
