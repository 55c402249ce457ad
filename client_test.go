package apinizer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestNewClientResolvesBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://demo.apinizer.com", "https://demo.apinizer.com/apiops/"},
		{"https://demo.apinizer.com/", "https://demo.apinizer.com/apiops/"},
		{"https://demo.apinizer.com/apiops", "https://demo.apinizer.com/apiops/"},
		{"https://demo.apinizer.com/apiops/", "https://demo.apinizer.com/apiops/"},
		{"https://demo.apinizer.com:8443/gw/mgr", "https://demo.apinizer.com:8443/gw/mgr/apiops/"},
		{"https://demo.apinizer.com/gw/mgr/apiops//", "https://demo.apinizer.com/gw/mgr/apiops/"},
		{"https://demo.apinizer.com/my%20proxy/", "https://demo.apinizer.com/my%20proxy/apiops/"},
		{"http://localhost:8080/apiops/", "http://localhost:8080/apiops/"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/apiops/"},
		{"http://[::1]:8080", "http://[::1]:8080/apiops/"},
		{"HTTPS://Demo.Apinizer.com", "https://Demo.Apinizer.com/apiops/"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.in, WithToken(testToken))
		if err != nil {
			t.Errorf("NewClient(%q): %v", tt.in, err)
			continue
		}
		if got := c.origin + c.basePath; got != tt.want {
			t.Errorf("NewClient(%q) resolves to %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNewClientRefusesBadInput(t *testing.T) {
	tests := []struct {
		name    string
		baseURL string
		opts    []Option
		want    error
		mention string
	}{
		{"no scheme", "demo.apinizer.com/apiops", nil, ErrInvalidArgument, "scheme"},
		{"host:port without scheme", "localhost:8080", nil, ErrInvalidArgument, "scheme"},
		{"ftp scheme", "ftp://demo.apinizer.com", nil, ErrInvalidArgument, "scheme"},
		{"no host", "https:///apiops", nil, ErrInvalidArgument, "host"},
		{"userinfo", "https://user:pw@demo.apinizer.com", nil, ErrInvalidArgument, "userinfo"},
		{"query", "https://demo.apinizer.com/?x=1", nil, ErrInvalidArgument, "query"},
		{"empty query", "https://demo.apinizer.com/?", nil, ErrInvalidArgument, "query"},
		{"fragment", "https://demo.apinizer.com/#top", nil, ErrInvalidArgument, "fragment"},
		{"dot-dot prefix", "https://demo.apinizer.com/a/../b", nil, ErrInvalidArgument, ".."},
		{"escaped dot-dot prefix", "https://demo.apinizer.com/a/%2e%2E/b", nil, ErrInvalidArgument, ".."},
		{"not a URL", "https://demo apinizer.com", nil, ErrInvalidArgument, "baseURL"},
		{"plain http to remote", "http://demo.apinizer.com", nil, ErrInsecureBaseURL, "http"},
		{"no auth", "https://demo.apinizer.com", []Option{}, ErrInvalidArgument, "WithToken"},
		{"two auths", "https://demo.apinizer.com", []Option{WithToken(testToken), WithClientCredentials("u", "p")}, ErrInvalidArgument, "only one"},
		{"empty token", "https://demo.apinizer.com", []Option{WithToken("")}, ErrInvalidArgument, "token"},
		{"token with newline", "https://demo.apinizer.com", []Option{WithToken(testToken + "\r\nX-Evil: 1")}, ErrInvalidArgument, "token"},
		{"token with space", "https://demo.apinizer.com", []Option{WithToken("Bearer " + testToken)}, ErrInvalidArgument, "token"},
		{"nil token source", "https://demo.apinizer.com", []Option{WithTokenSource(nil)}, ErrInvalidArgument, "WithTokenSource"},
		{"empty username", "https://demo.apinizer.com", []Option{WithClientCredentials("", "pw")}, ErrInvalidArgument, "username"},
		{"empty password", "https://demo.apinizer.com", []Option{WithClientCredentials("u", "")}, ErrInvalidArgument, "password"},
		{"negative retries", "https://demo.apinizer.com", []Option{WithToken(testToken), WithRetryMax(-1)}, ErrInvalidArgument, "WithRetryMax"},
		{"max wait below min", "https://demo.apinizer.com", []Option{WithToken(testToken), WithRetryWait(time.Second, time.Millisecond)}, ErrInvalidArgument, "WithRetryWait"},
		{"nil http client", "https://demo.apinizer.com", []Option{WithToken(testToken), WithHTTPClient(nil)}, ErrInvalidArgument, "WithHTTPClient"},
		{"bad user agent", "https://demo.apinizer.com", []Option{WithToken(testToken), WithUserAgent("a\nb")}, ErrInvalidArgument, "WithUserAgent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if opts == nil {
				opts = []Option{WithToken(testToken)}
			}
			c, err := NewClient(tt.baseURL, opts...)
			if !errors.Is(err, tt.want) {
				t.Fatalf("NewClient = %v, %v; want %v", c, err, tt.want)
			}
			if c != nil {
				t.Errorf("NewClient returned a client with its error")
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not name %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("error %q holds the token", err)
			}
		})
	}
}

func TestNewClientAllowsInsecureHTTPWhenAsked(t *testing.T) {
	c, err := NewClient("http://apinizer.internal:8080", WithToken(testToken), WithAllowInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if got := c.origin + c.basePath; got != "http://apinizer.internal:8080/apiops/" {
		t.Errorf("resolved to %q", got)
	}
}

func TestClientNeverFormatsItsSecrets(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken})
	clients := map[string][]Option{
		"WithToken":             {WithToken(testToken)},
		"WithTokenSource":       {WithTokenSource(ts)},
		"WithClientCredentials": {WithClientCredentials("api-user", testToken)},
	}
	for name, opts := range clients {
		c, err := NewClient("https://demo.apinizer.com", opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			for _, v := range []any{c, *c, []*Client{c}, struct{ C *Client }{c}} {
				if out := fmt.Sprintf(verb, v); strings.Contains(out, testToken) {
					t.Errorf("%s: Sprintf(%q, %T) shows the secret: %s", name, verb, v, out)
				}
			}
		}
	}
	c, _ := NewClient("https://demo.apinizer.com", WithToken(testToken))
	if got := fmt.Sprintf("%v", c); got != "apinizer.Client(https://demo.apinizer.com/apiops/)" {
		t.Errorf("%%v of a client = %q", got)
	}
}

func TestRequestHeaders(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		wantUA string
	}{
		{"default user agent", nil, "apinizer-go/" + Version},
		{"custom user agent", []Option{WithUserAgent("ci-bot/2.0 (platform team)")}, "ci-bot/2.0 (platform team)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux := setup(t, tt.opts...)
			var got http.Header
			mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
				got = r.Header.Clone()
				serveFixture(t, http.StatusOK, "2025/deployment_success.json")(w, r)
			})
			if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{
				"Authorization": "Bearer " + testToken,
				"Accept":        "application/json",
				"User-Agent":    tt.wantUA,
			}
			for k, v := range want {
				if got.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, got.Get(k), v)
				}
			}
		})
	}
}

func TestWithHTTPClientCopiesTheCallersClient(t *testing.T) {
	called := false
	hc := &http.Client{
		Timeout: 7 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			called = true
			return nil
		},
	}
	c, err := NewClient("https://demo.apinizer.com", WithToken(testToken), WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if c.http == hc {
		t.Fatal("the Client uses the caller's *http.Client itself, not a copy")
	}
	if hc.CheckRedirect == nil || hc.Timeout != 7*time.Second {
		t.Error("the caller's client was changed")
	}
	_ = hc.CheckRedirect(nil, nil)
	if !called {
		t.Error("the caller's CheckRedirect was replaced")
	}
	if c.http.Timeout != 7*time.Second {
		t.Errorf("copy lost the caller's Timeout: %v", c.http.Timeout)
	}
	if err := c.http.CheckRedirect(nil, nil); !errors.Is(err, http.ErrUseLastResponse) {
		t.Errorf("copy follows redirects: CheckRedirect = %v", err)
	}
}

func TestDefaultClientHasAPerAttemptTimeout(t *testing.T) {
	c, err := NewClient("https://demo.apinizer.com", WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if c.http.Timeout != defaultTimeout || defaultTimeout <= 0 {
		t.Errorf("default client timeout = %v, want %v", c.http.Timeout, defaultTimeout)
	}
	if c.http == http.DefaultClient || c.http.Transport == http.DefaultTransport {
		t.Error("the default client shares net/http's globals")
	}
}

func TestWithTokenSourceTakesATokenPerCall(t *testing.T) {
	c, mux := setup(t)
	src := &countingSource{}
	c2, err := NewClient(c.origin+prefix, WithTokenSource(src), WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var auths []string
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization"))
		serveFixture(t, http.StatusOK, "2025/deployment_success.json")(w, r)
	})
	for range 2 {
		if _, err := c2.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"Bearer tok-1", "Bearer tok-2"}; fmt.Sprint(auths) != fmt.Sprint(want) {
		t.Errorf("Authorization headers = %q, want %q", auths, want)
	}

	src.fail = errors.New("vault sealed")
	_, err = c2.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if !errors.Is(err, src.fail) {
		t.Errorf("token source failure = %v, want it wrapped", err)
	}
	src.fail, src.bad = nil, true
	_, err = c2.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if !errors.Is(err, ErrInvalidArgument) || strings.Contains(err.Error(), "\n") {
		t.Errorf("unusable token from source = %v, want ErrInvalidArgument", err)
	}
	if len(auths) != 2 {
		t.Errorf("a request was sent without a usable token: %d requests", len(auths))
	}
}

type countingSource struct {
	n    int
	fail error
	bad  bool
}

func (s *countingSource) Token() (*oauth2.Token, error) {
	if s.fail != nil {
		return nil, s.fail
	}
	if s.bad {
		return &oauth2.Token{AccessToken: "two\nlines"}, nil
	}
	s.n++
	return &oauth2.Token{AccessToken: fmt.Sprintf("tok-%d", s.n)}, nil
}

func TestRetryDefaults(t *testing.T) {
	c, err := NewClient("https://demo.apinizer.com", WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if c.retryMax != 3 || c.waitMin != 500*time.Millisecond || c.waitMax != 15*time.Second {
		t.Errorf("defaults: %d retries, waits %v to %v; want 3, 500ms to 15s", c.retryMax, c.waitMin, c.waitMax)
	}
	if c.retry.ErrorHandler == nil || c.retry.CheckRetry == nil {
		t.Error("retry client lacks its error handler or policy")
	}
}
