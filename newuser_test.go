package apinizer_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// The tests of this file are what a new user of v0.2 tripped on (issue
// 22); each failed (or did not compile) before its fix.

// AllCredentials walks every page and stops at a short one.
func TestAllCredentialsWalksEveryPage(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P")
	for _, u := range []string{"e", "d", "c", "b", "a"} {
		s.AddCredential("P", u)
	}
	c := s.Client()
	var got []string
	for cred, err := range c.AllCredentials(context.Background(), "P", &apinizer.ListOptions{Size: 2, Sort: "username,asc"}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, cred.Username)
	}
	if strings.Join(got, "") != "abcde" || len(s.Requests()) != 3 {
		t.Errorf("got %v in %d requests; want a..e in 3 pages", got, len(s.Requests()))
	}
	for cred := range c.AllCredentials(context.Background(), "P", &apinizer.ListOptions{Size: 2}) {
		if cred.Username == "a" {
			break // no further request
		}
	}
	if n := len(s.Requests()); n != 4 {
		t.Errorf("breaking out on the first page sent %d requests in all, want 4", n)
	}
}

// A Manager that ignores page used to make a paging loop endless; one
// that ignores size sends everything at once.
func TestAllCredentialsStopsWhenTheManagerIgnoresPaging(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answer  string
		items   int
		wantErr bool
	}{
		{"ignores page", `{"success":true,"resultList":[{"username":"a"},{"username":"b"}]}`, 2, true},
		{"ignores size", `{"success":true,"resultList":[{"username":"a"},{"username":"b"},{"username":"c"}]}`, 3, false},
		{"empty", `{"success":true,"resultList":[]}`, 0, false},
	} {
		var mu sync.Mutex
		requests := 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			requests++
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, tt.answer)
		}))
		c, _ := apinizer.NewClient(srv.URL, apinizer.WithToken("t"))
		items, errs := 0, 0
		for _, err := range c.AllCredentials(context.Background(), "P", &apinizer.ListOptions{Size: 2}) {
			if err != nil {
				errs++
				if !errors.Is(err, apinizer.ErrUnexpectedResponse) || !strings.Contains(err.Error(), "ignores the page parameter") {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			items++
		}
		srv.Close()
		if items != tt.items || (errs == 1) != tt.wantErr || errs > 1 || requests > 2 {
			t.Errorf("%s: %d items, %d errors, %d requests", tt.name, items, errs, requests)
		}
	}
}

// WithHTTPClient used to be the only way to add tracing, and it dropped
// the SDK's tuned transport. The middleware wraps it, and each attempt's
// request names its operation.
func TestTransportMiddlewareSeesEveryAttemptWithItsOperation(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P")
	s.AddCredential("P", "u")
	s.AddJWK("P", "k")
	s.FailNext(1, http.StatusServiceUnavailable)
	var mu sync.Mutex
	var seen []string
	var inner http.RoundTripper
	trace := func(next http.RoundTripper) http.RoundTripper {
		inner = next
		return roundTripper(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			seen = append(seen, apinizer.OperationName(r.Context())+" "+r.Method)
			mu.Unlock()
			return next.RoundTrip(r)
		})
	}
	c := s.Client(apinizer.WithTransportMiddleware(trace))
	if _, err := c.SetJWKValidation(context.Background(), "P", "u", "k"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ",") != "SetJWKValidation PUT,SetJWKValidation PUT" {
		t.Errorf("the middleware saw %v; want both attempts named SetJWKValidation", seen)
	}
	if _, ok := inner.(*http.Transport); !ok {
		t.Errorf("the middleware wraps %T, not the SDK's own *http.Transport", inner)
	}
	if name := apinizer.OperationName(context.Background()); name != "" {
		t.Errorf("outside a call: %q", name)
	}
	// The token request is named too.
	seen = nil
	s.AddUser("bot", "pw")
	cc, _ := apinizer.NewClient(s.URL(), apinizer.WithClientCredentials("bot", "pw"), apinizer.WithTransportMiddleware(trace))
	if _, err := cc.ListProjects(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ",") != "IssueToken POST,ListProjects GET" {
		t.Errorf("with client credentials the middleware saw %v", seen)
	}
	if _, err := apinizer.NewClient(s.URL(), apinizer.WithToken("t"), apinizer.WithTransportMiddleware(nil)); !errors.Is(err, apinizer.ErrInvalidArgument) {
		t.Errorf("a nil middleware: %v", err)
	}
	nilWrap := func(http.RoundTripper) http.RoundTripper { return nil }
	if _, err := apinizer.NewClient(s.URL(), apinizer.WithToken("t"), apinizer.WithTransportMiddleware(nilWrap)); !errors.Is(err, apinizer.ErrInvalidArgument) {
		t.Errorf("a middleware returning nil: %v", err)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The README's two ways to mock the SDK with httpmock: Activate (the
// default client then sends with httpmock's transport) and
// ActivateNonDefault with the client given to WithHTTPClient.
func TestHTTPMockBothWays(t *testing.T) {
	const url = "https://apinizer.example.com/apiops/projects/MyProject/credentials/api-user/jwk/validation/"
	ok := httpmock.NewStringResponder(200, `{"success":true}`)

	httpmock.Activate()
	httpmock.RegisterResponder("DELETE", url, ok)
	client, _ := apinizer.NewClient("https://apinizer.example.com", apinizer.WithToken("t"))
	_, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	calls := httpmock.GetTotalCallCount()
	httpmock.DeactivateAndReset()
	if err != nil || calls != 1 {
		t.Errorf("Activate: %v, %d calls", err, calls)
	}

	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()
	httpmock.RegisterResponder("DELETE", url, ok)
	client, _ = apinizer.NewClient("https://apinizer.example.com", apinizer.WithToken("t"), apinizer.WithHTTPClient(hc))
	if _, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil || httpmock.GetTotalCallCount() != 1 {
		t.Errorf("ActivateNonDefault: %v, %d calls", err, httpmock.GetTotalCallCount())
	}
}

// "after 1 attempts" used to be written; a deadline during a retry wait
// matches the context error (test it before ErrServer), and so does
// http.Client.Timeout.
func TestContextErrorsAndAttemptsText(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P")
	s.FailNext(1, http.StatusServiceUnavailable)
	c := s.Client(apinizer.WithRetryWait(time.Minute, time.Minute)) // the deadline comes during the wait
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.ListJWKs(ctx, "P")
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, apinizer.ErrServer) || !strings.Contains(err.Error(), "after 1 attempt;") {
		t.Errorf("got %v; want the deadline, the last 503, and \"after 1 attempt\"", err)
	}
	s.Delay("", "", time.Minute)
	timeout, _ := apinizer.NewClient(s.URL(), apinizer.WithToken(s.Token()), apinizer.WithRetryMax(0),
		apinizer.WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}))
	_, err = timeout.ListJWKs(context.Background(), "P")
	var ne net.Error
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("http.Client.Timeout: %v; want it to match context.DeadlineExceeded", err)
	}
}
