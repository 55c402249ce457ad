package apinizer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	ccUser     = "ci-bot"
	ccPassword = "pa55-w0rd-never-shown"
	tokenRoute = "POST /apiops/auth/token"
)

// tokenEndpoint serves the token endpoint: it checks the form and answers
// with successive tokens valid for expiresIn seconds, counting requests.
type tokenEndpoint struct {
	t         *testing.T
	expiresIn int
	count     atomic.Int32
	mu        sync.Mutex
	forms     []url.Values
	headers   []http.Header
}

func (te *tokenEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := te.count.Add(1)
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	te.mu.Lock()
	te.forms = append(te.forms, form)
	te.headers = append(te.headers, r.Header.Clone())
	te.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if form.Get("client_id") != ccUser || form.Get("client_secret") != ccPassword {
		serveFixture(te.t, http.StatusUnauthorized, "token_401.json")(w, r)
		return
	}
	fmt.Fprintf(w, `{"access_token":"tok-%d","token_type":"Bearer","expires_in":%d}`, n, te.expiresIn)
}

// ccSetup returns a client-credentials client, its token endpoint, and a
// counter of API calls with the Authorization each carried.
func ccSetup(t *testing.T, password string, opts ...Option) (*Client, *tokenEndpoint, *[]string, *http.ServeMux) {
	t.Helper()
	c0, mux := setup(t)
	te := &tokenEndpoint{t: t, expiresIn: 3600}
	mux.Handle(tokenRoute, te)
	var mu sync.Mutex
	var auths []string
	ok := serveFixture(t, http.StatusOK, "2025/deployment_success.json")
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		ok(w, r)
	})
	all := append([]Option{WithClientCredentials(ccUser, password), WithRetryWait(time.Millisecond, 4*time.Millisecond)}, opts...)
	c, err := NewClient(c0.origin+prefix, all...)
	if err != nil {
		t.Fatal(err)
	}
	return c, te, &auths, mux
}

func remove(c *Client) error {
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	return err
}

func TestClientCredentialsFetchesATokenWithTheFormBody(t *testing.T) {
	c, te, auths, _ := ccSetup(t, ccPassword)
	if err := remove(c); err != nil {
		t.Fatal(err)
	}
	if te.count.Load() != 1 {
		t.Fatalf("%d token requests, want 1", te.count.Load())
	}
	form, hdr := te.forms[0], te.headers[0]
	if form.Get("grant_type") != "client_credentials" || form.Get("client_id") != ccUser || form.Get("client_secret") != ccPassword {
		t.Errorf("token form = %v", form)
	}
	if hdr.Get("Authorization") != "" {
		t.Errorf("token request carries Authorization %q; credentials belong in the form body", hdr.Get("Authorization"))
	}
	if ct := hdr.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("token request Content-Type %q", ct)
	}
	if fmt.Sprint(*auths) != "[Bearer tok-1]" {
		t.Errorf("API call Authorization = %v", *auths)
	}
}

func TestClientCredentialsTokenIsCachedAndRenewedBeforeExpiry(t *testing.T) {
	c, te, auths, _ := ccSetup(t, ccPassword)
	cc := c.auth.(*clientCredentials)
	now := time.Now()
	cc.now = func() time.Time { return now }
	for range 5 {
		if err := remove(c); err != nil {
			t.Fatal(err)
		}
	}
	if te.count.Load() != 1 {
		t.Errorf("5 calls fetched %d tokens, want 1", te.count.Load())
	}
	now = now.Add(3600*time.Second - tokenRenewBefore - time.Second) // still comfortably valid
	if err := remove(c); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Second) // now within the renewal margin
	if err := remove(c); err != nil {
		t.Fatal(err)
	}
	if te.count.Load() != 2 {
		t.Errorf("%d token requests; want a renewal shortly before expires_in", te.count.Load())
	}
	if got := (*auths)[len(*auths)-1]; got != "Bearer tok-2" {
		t.Errorf("after renewal the call sent %q", got)
	}
}

func TestClientCredentialsFetchOnceForConcurrentCallers(t *testing.T) {
	c, te, auths, _ := ccSetup(t, ccPassword)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- remove(c)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if te.count.Load() != 1 || len(*auths) != 32 {
		t.Errorf("%d token requests for %d calls, want 1", te.count.Load(), len(*auths))
	}
}

func TestClientCredentialsFailureIsAnErrorForTheTokenEndpoint(t *testing.T) {
	c, te, auths, _ := ccSetup(t, "wrong-"+ccPassword)
	err := remove(c)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("got %v; want *Error matching ErrUnauthorized", err)
	}
	if e.Method != http.MethodPost || e.Path != prefix+"/apiops/auth/token" || e.Code != "unauthorized_client" || e.Description != "Bad credentials" {
		t.Errorf("*Error = %+v", e)
	}
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%+v", c)} {
		if strings.Contains(s, ccPassword) {
			t.Errorf("the password shows in %q", s)
		}
	}
	if len(*auths) != 0 || te.count.Load() != 1 {
		t.Errorf("%d API calls, %d token requests: a 401 token answer must not be retried nor the call sent", len(*auths), te.count.Load())
	}
}

func TestClientCredentialsOtherTokenAnswers(t *testing.T) {
	tests := []struct {
		name  string
		serve func(t *testing.T) http.HandlerFunc
		want  error
	}{
		{"unsupported grant", func(t *testing.T) http.HandlerFunc { return serveFixture(t, 400, "token_400.json") }, ErrBadRequest},
		{"server error, retried out", func(t *testing.T) http.HandlerFunc { return serveFixture(t, 500, "token_500.json") }, ErrServer},
		{"redirect", func(t *testing.T) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "https://evil.example.com/steal", http.StatusTemporaryRedirect)
			}
		}, ErrUnexpectedResponse},
		{"no access_token", func(t *testing.T) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"token_type":"Bearer"}`)
			}
		}, ErrUnexpectedResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c0, mux := setup(t)
			var count atomic.Int32
			h := tt.serve(t)
			mux.HandleFunc(tokenRoute, func(w http.ResponseWriter, r *http.Request) { count.Add(1); h(w, r) })
			c, err := NewClient(c0.origin+prefix, WithClientCredentials(ccUser, ccPassword), WithRetryWait(0, 0), WithRetryMax(2))
			if err != nil {
				t.Fatal(err)
			}
			err = remove(c)
			var e *Error
			if !errors.Is(err, tt.want) || !errors.As(err, &e) || strings.Contains(err.Error(), ccPassword) {
				t.Fatalf("got %v; want *Error matching %v", err, tt.want)
			}
			if tt.want == ErrServer && (count.Load() != 3 || e.Attempts != 3) {
				t.Errorf("token request made %d attempts (Attempts %d), want 3", count.Load(), e.Attempts)
			}
		})
	}
}

func TestClientCredentialsTokenRequestIsRetried(t *testing.T) {
	c0, mux := setup(t)
	te := &tokenEndpoint{t: t, expiresIn: 3600}
	var n atomic.Int32
	mux.HandleFunc(tokenRoute, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			serveFixture(t, 503, "token_500.json")(w, r)
			return
		}
		te.ServeHTTP(w, r)
	})
	mux.HandleFunc("DELETE "+removePath, serveFixture(t, 200, "2025/deployment_success.json"))
	c, err := NewClient(c0.origin+prefix, WithClientCredentials(ccUser, ccPassword), WithRetryWait(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := remove(c); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 3 || te.forms[0].Get("client_secret") != ccPassword {
		t.Errorf("%d token attempts, want 3, each with the whole form", n.Load())
	}
}

func TestClientCredentialsUsesTheCallsContext(t *testing.T) {
	c, te, auths, _ := ccSetup(t, ccPassword)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user")
	if !errors.Is(err, context.Canceled) || te.count.Load() != 0 || len(*auths) != 0 {
		t.Errorf("cancelled call: %v, %d token requests, %d calls", err, te.count.Load(), len(*auths))
	}

	// A caller waiting behind another's fetch gives up with its own ctx.
	cc := c.auth.(*clientCredentials)
	cc.fetching <- struct{}{}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	var werr error
	returnsWithin(t, 5*time.Second, func() { _, werr = c.RemoveJWKValidation(ctx, "MyProject", "api-user") })
	<-cc.fetching
	if !errors.Is(werr, context.DeadlineExceeded) {
		t.Errorf("waiting caller: %v", werr)
	}
}

func TestClientCredentialsRefetchAfterTheAPIRefusesTheToken(t *testing.T) {
	c, te, auths, mux := ccSetup(t, ccPassword)
	var revoked atomic.Bool
	ok := serveFixture(t, http.StatusOK, "2025/deployment_success.json")
	mux.HandleFunc("PUT /apiops/projects/MyProject/credentials/api-user/jwk/validation/k/", func(w http.ResponseWriter, r *http.Request) {
		if revoked.Load() && r.Header.Get("Authorization") == "Bearer tok-1" {
			serveFixture(t, http.StatusUnauthorized, "2025/error_token.json")(w, r)
			return
		}
		ok(w, r)
	})
	set := func() error {
		_, err := c.SetJWKValidation(context.Background(), "MyProject", "api-user", "k")
		return err
	}
	if err := set(); err != nil {
		t.Fatal(err)
	}
	revoked.Store(true) // the Manager revokes tok-1 long before it expires
	if err := set(); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("call with the revoked token: %v; want ErrUnauthorized", err)
	}
	if err := set(); err != nil {
		t.Fatalf("the next call did not fetch a new token: %v", err)
	}
	if te.count.Load() != 2 || len(*auths) != 0 {
		t.Errorf("%d token requests, want 2", te.count.Load())
	}
}

func TestClientCredentialsShortLivedTokensAreRenewedAtHalfLife(t *testing.T) {
	c, te, _, _ := ccSetup(t, ccPassword)
	te.expiresIn = 20 // under a minute: renewal margin is half the lifetime
	cc := c.auth.(*clientCredentials)
	now := time.Now()
	cc.now = func() time.Time { return now }
	for _, step := range []struct {
		advance time.Duration
		fetches int32
	}{{0, 1}, {0, 1}, {9 * time.Second, 1}, {2 * time.Second, 2}, {time.Second, 2}} {
		now = now.Add(step.advance)
		if err := remove(c); err != nil {
			t.Fatal(err)
		}
		if te.count.Load() != step.fetches {
			t.Fatalf("after +%v: %d token requests, want %d", step.advance, te.count.Load(), step.fetches)
		}
	}
}
