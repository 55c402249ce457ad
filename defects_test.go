package apinizer

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"golang.org/x/oauth2"
)

// The tests of this file each reproduce a defect found by calling the
// public API as an unlucky or hostile user would; each failed before its fix.

// httpmock.Activate replaces http.DefaultTransport with its own type;
// NewClient used to assert *http.Transport and panic. Since v0.3 the
// default client sends with the replaced transport, so a plain Activate
// intercepts the SDK's calls, as users of httpmock expect; with the
// standard library's transport in place, the SDK builds its own tuned one.
func TestNewClientWorksUnderHTTPMockActivate(t *testing.T) {
	httpmock.Activate()
	httpmock.RegisterResponder("DELETE", "https://demo.apinizer.com/apiops/projects/MyProject/credentials/api-user/jwk/validation/",
		httpmock.NewBytesResponder(http.StatusOK, fixture(t, "2025/deployment_success.json")))
	c, err := NewClient("https://demo.apinizer.com", WithToken(testToken)) // used to panic here
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatal(err)
	}
	if n := httpmock.GetTotalCallCount(); n != 1 {
		t.Errorf("httpmock saw %d calls, want 1", n)
	}
	httpmock.DeactivateAndReset()
	c, _ = NewClient("https://demo.apinizer.com", WithToken(testToken))
	tr, ok := c.http.Transport.(*http.Transport)
	if !ok || reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() || tr.MaxIdleConnsPerHost != 64 {
		t.Errorf("default transport %T does not honour the proxy variables or keep 64 idle connections", c.http.Transport)
	}
}

// A 401 used to drop the cached token under the fetch lock, without the
// call's ctx: a call waited behind another caller's slow token fetch.
func TestA401NeverWaitsForAnotherCallersTokenFetch(t *testing.T) {
	c, te, _, mux := ccSetup(t, ccPassword)
	mux.HandleFunc("PUT /apiops/projects/P/credentials/u/jwk/validation/k/", serveFixture(t, http.StatusUnauthorized, "2025/error_token.json"))
	if err := remove(c); err != nil { // caches tok-1
		t.Fatal(err)
	}
	cc := c.auth.(*clientCredentials)
	cc.fetching <- struct{}{} // another caller's fetch, in progress and slow
	defer func() { <-cc.fetching }()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var err error
	returnsWithin(t, 2*time.Second, func() { _, err = c.SetJWKValidation(ctx, "P", "u", "k") })
	if !errors.Is(err, ErrUnauthorized) || cc.cached() != "" || te.count.Load() != 1 {
		t.Errorf("got %v, cached %q, %d fetches; want the 401 at once and the token dropped", err, cc.cached(), te.count.Load())
	}
}

// An unusable access_token in a 200 is the server's answer, not the
// caller's invalid input.
func TestUnusableAccessTokenIsTheServersError(t *testing.T) {
	for _, body := range []string{`{"access_token":"two words","expires_in":60}`, `{"access_token":"","expires_in":60}`, `{"expires_in":60}`} {
		c0, mux := setup(t)
		mux.HandleFunc(tokenRoute, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		})
		c, err := NewClient(c0.origin+prefix, WithClientCredentials(ccUser, ccPassword), WithRetryMax(0))
		if err != nil {
			t.Fatal(err)
		}
		err = remove(c)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) || errors.Is(err, ErrInvalidArgument) ||
			e.Method != "POST" || e.Path != prefix+"/apiops/auth/token" || strings.Contains(err.Error(), "two words") {
			t.Errorf("%s: %v; want a *Error for POST %s/apiops/auth/token matching ErrUnexpectedResponse only", body, err, prefix)
		}
	}
}

// The token request used to go out as Go-http-client/1.1 with no Accept.
func TestTokenRequestCarriesTheClientsHeaders(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithUserAgent("ci-rotator/2"), WithHeader("X-Proxy-Auth", "proxy-key")}} {
		c, te, auths, _ := ccSetup(t, ccPassword, opts...)
		if err := remove(c); err != nil || len(*auths) != 1 {
			t.Fatal(err)
		}
		h := te.headers[0]
		if h.Get("User-Agent") != c.userAgent || h.Get("Accept") != "application/json" ||
			(len(opts) > 0 && h.Get("X-Proxy-Auth") != "proxy-key") || h.Get("Content-Type") != "application/x-www-form-urlencoded" {
			t.Errorf("token request headers %v", h)
		}
	}
}

type nilTokenSource struct{}

func (nilTokenSource) Token() (*oauth2.Token, error) { return nil, nil }

func TestTokenSourceReturningNilIsAnError(t *testing.T) {
	c, mux := setup(t)
	c2, err := NewClient(c.origin+prefix, WithTokenSource(nilTokenSource{}))
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) { t.Error("a request was sent") })
	if err := remove(c2); err == nil || !strings.Contains(err.Error(), "token source") {
		t.Errorf("got %v; want an error naming the token source", err)
	}
}

func TestBaseURLWithoutAHostIsRefused(t *testing.T) {
	for _, u := range []string{"https://:8443", "https://:", "http://:8080", "https://:443/apiops/"} {
		if _, err := NewClient(u, WithToken(testToken), WithAllowInsecureHTTP()); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %v; want ErrInvalidArgument", u, err)
		}
	}
}

// A 200 labelled JSON whose body is an SSO page used to lose the page;
// a success:false or FAILURE body used to lose its message.
func TestUnexpectedSuccessBodiesKeepWhatTheyCarried(t *testing.T) {
	page := "<html><body>Please sign in</body></html>"
	cases := []struct {
		body, desc string
		keepsBody  bool
	}{
		{page, "", true},
		{`{"message":"login required"}`, "", true},
		{`[1,2,3]`, "", true},
		{`{"success":false,"error_description":"Deployment service unavailable"}`, "Deployment service unavailable", false},
		{`{"status":"FAILURE","resultMessage":"Credential (username: u) was not found!"}`, "Credential (username: u) was not found!", false},
	}
	for _, tt := range cases {
		c, _ := mockAnswer(t, 200, []byte(tt.body))
		_, err := c.RemoveJWKValidation(context.Background(), "P", "u")
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if tt.keepsBody != (string(e.Body) == tt.body) || e.Description != tt.desc {
			t.Errorf("%s: Body %q, Description %q", tt.body, e.Body, e.Description)
		}
	}
}

// One oddly shaped field used to hide the code and the description.
func TestOddFieldDoesNotHideTheRest(t *testing.T) {
	for _, body := range []string{
		`{"error":"bad_request","error_description":"Credential (username: u) was not found!","validation_errors":{"field":"x"}}`,
		`{"error":"bad_request","validation_errors":"nope","error_description":"Credential (username: u) was not found!","retry_after":[1]}`,
		`{"status":"FAILURE","resultMessage":"Credential (username: u) was not found!","resultCount":"many"}`,
	} {
		c, _ := mockAnswer(t, 400, []byte(body))
		_, err := c.RemoveJWKValidation(context.Background(), "P", "u")
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrCredentialNotFound) || e.Description != "Credential (username: u) was not found!" {
			t.Errorf("%s: %#v", body, err)
		}
	}
}
