package apinizer

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// A retried write resends its body whole: the request is built with
// go-retryablehttp's constructor, which rewinds it for every attempt.
func TestRetriedRequestResendsItsBody(t *testing.T) {
	c, mux := setup(t)
	var mu sync.Mutex
	var bodies []string
	mux.HandleFunc("PUT /apiops/projects/P/credentials/u/access/", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		n := len(bodies)
		mu.Unlock()
		if n < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		serveFixture(t, 200, "2025/deployment_success.json")(w, r)
	})
	if _, err := c.GrantAccess(context.Background(), "P", "u", Access{Name: "MyAPI", Type: AccessAPIProxy}); err != nil {
		t.Fatal(err)
	}
	want := `{"credentialAccessList":[{"name":"MyAPI","type":"API_PROXY"}]}`
	if len(bodies) != 3 || bodies[0] != want || bodies[1] != want || bodies[2] != want {
		t.Errorf("bodies sent: %q; want the same body 3 times", bodies)
	}
}

func TestWithHeader(t *testing.T) {
	c, mux := setup(t, WithHeader("x-proxy-auth", "k1"), WithHeader("X-Proxy-Auth", "k2"), WithHeader("X-Team", "platform team"))
	var got http.Header
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		serveFixture(t, 200, "2025/deployment_success.json")(w, r)
	})
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Values("X-Proxy-Auth"), ",") != "k1,k2" || got.Get("X-Team") != "platform team" || got.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("headers %v", got)
	}
	for _, bad := range [][2]string{
		{"Authorization", "Bearer x"}, {"host", "evil"}, {"Content-Type", "text/plain"}, {"content-length", "1"},
		{"", "v"}, {"Bad Name", "v"}, {"X-A", "line\r\nbreak"}, {"X-A", "\x00"}, {"X-Ü", "v"},
	} {
		if _, err := NewClient("https://apinizer.example.com", WithToken(testToken), WithHeader(bad[0], bad[1])); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("WithHeader(%q, %q): %v; want ErrInvalidArgument", bad[0], bad[1], err)
		}
	}
}

// ListEnvironments tries the current path, then the older one once on a
// 404 that is not the API's answer, and never on an API's 404.
func TestListEnvironmentsFallsBackToTheOlderPathOnce(t *testing.T) {
	cases := []struct {
		name     string
		current  func(w http.ResponseWriter, r *http.Request)
		older    bool
		wantErrs []error
	}{
		{"empty 404", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) }, true, nil},
		{"HTML 404", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			_, _ = io.WriteString(w, "<h1>Not Found</h1>")
		}, true, nil},
		{"API 404", serveFixture(t, 404, "2025/error_project.json"), false, []error{ErrProjectNotFound}},
		{"API 400", serveFixture(t, 400, "2026/error_env_project.json"), false, []error{ErrProjectNotFound}},
		{"success", serveFixture(t, 200, "2026/list_environments.json"), false, nil},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c, mux := setup(t)
			var olderCalls int
			mux.HandleFunc("GET /apiops/projects/My%20Project/environments/", tt.current)
			mux.HandleFunc("GET /apiops/environments/My%20Project", func(w http.ResponseWriter, r *http.Request) {
				olderCalls++
				w.WriteHeader(404) // a second 404 is returned, not retried again
			})
			_, err := c.ListEnvironments(context.Background(), "My Project")
			if tt.older != (olderCalls == 1) || olderCalls > 1 {
				t.Errorf("older path called %d times", olderCalls)
			}
			for _, want := range tt.wantErrs {
				if !errors.Is(err, want) {
					t.Errorf("error %v is not %v", err, want)
				}
			}
			if tt.older && !errors.Is(err, ErrNotFound) {
				t.Errorf("both paths 404: %v", err)
			}
		})
	}
}

// A write whose first attempt's answer was lost (500, 502, 504, or a
// connection that broke after sending) and whose retry answers "already
// exists" / "not assigned" / "not found" says the first attempt probably
// applied it; a retry after a 503 (not applied) says nothing of the kind.
func TestRetriedWriteSaysAnEarlierAttemptProbablyApplied(t *testing.T) {
	cases := []struct {
		name   string
		first  func(w http.ResponseWriter, r *http.Request)
		answer string
		note   bool
	}{
		{"500 then exists", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }, "2026/error_credential_exists.json", true},
		{"504 then not assigned", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(504) }, "2025/error_not_assigned.json", true},
		{"cut connection then not found", func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}, "2025/error_credential.json", true},
		{"503 then exists", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }, "2026/error_credential_exists.json", false},
		{"500 then another 400", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }, "2025/error_validation.json", false},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c, mux := setup(t)
			n := 0
			mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
				if n++; n == 1 {
					tt.first(w, r)
					return
				}
				serveFixture(t, 400, tt.answer)(w, r)
			})
			_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			var e *Error
			if !errors.As(err, &e) || e.Attempts != 2 {
				t.Fatalf("got %v", err)
			}
			if got := strings.Contains(err.Error(), "probably applied"); got != tt.note {
				t.Errorf("Error() = %q; says probably applied: %v, want %v", err, got, tt.note)
			}
		})
	}
}
