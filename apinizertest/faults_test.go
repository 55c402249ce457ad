package apinizertest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func TestFailNextAnswersTheDocumentedBodies(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		cases := []struct {
			status int
			code   string
			text   string
		}{
			{401, "unauthorized_client", per(d, "Invalid token", "Token is not valid!")},
			{500, "internal_error", "An unexpected error occurred"},
			{503, "server_error", "An unexpected error occurred"},
			{429, "rate_limit_exceeded", "Rate limit exceeded. Please try again later."},
		}
		for _, c := range cases {
			s.FailNext(2, c.status)
			for i := range 2 {
				a := send(t, s, "GET", "/apiops/projects/MyProject/credentials/", s.Token())
				if a.status != c.status || a.text != c.text || d == apinizertest.Dialect2025 && a.code != c.code {
					t.Errorf("FailNext(%d) request %d: %d %v", c.status, i, a.status, a.body)
				}
			}
			if a := send(t, s, "GET", "/apiops/projects/MyProject/credentials/", s.Token()); a.status != 200 {
				t.Errorf("third request: %d", a.status)
			}
		}
		reqs := s.Requests()
		if len(reqs) != 12 || reqs[0].Method != "GET" || reqs[0].Path != "/apiops/projects/MyProject/credentials/" {
			t.Fatalf("Requests() = %+v", reqs)
		}
		if got := reqs[0].Header.Get("Authorization"); got != "[redacted]" || strings.Contains(got, s.Token()) {
			t.Errorf("recorded Authorization %q", got)
		}
		reqs[0].Header.Set("X-Changed", "1")
		if s.Requests()[0].Header.Get("X-Changed") != "" {
			t.Error("Requests() shares its headers with the server's record")
		}
	})
}

func TestFailRouteFailsOnlyItsRoute(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.FailRoute("DELETE", "/apiops/projects/{projectName}/credentials/{username}/", 2, 502)
		c := s.Client(apinizer.WithRetryMax(1))
		if _, err := c.ListCredentials(context.Background(), "MyProject", nil); err != nil {
			t.Errorf("another route failed: %v", err)
		}
		_, err := c.DeleteCredential(context.Background(), "MyProject", "api-user")
		var e *apinizer.Error
		if !errors.As(err, &e) || e.StatusCode != 502 || e.Attempts != 2 || !errors.Is(err, apinizer.ErrServer) {
			t.Fatalf("got %v", err)
		}
		if _, err := c.DeleteCredential(context.Background(), "MyProject", "api-user"); err != nil {
			t.Errorf("the third request still failed: %v", err)
		}
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), "GET /apiops/nowhere/") {
				t.Errorf("FailRoute of an unknown route: recovered %v", r)
			}
		}()
		s.FailRoute("GET", "/apiops/nowhere/", 1, 500)
	})
}

func TestClientRetriesInjectedFailures(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
		s.FailNext(3, 502)
		if _, err := s.Client().RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
			t.Fatal(err)
		}
		if n := len(s.Requests()); n != 4 {
			t.Errorf("%d requests, want 4", n)
		}
	})
}

func TestBadBodiesGetADocumentedError(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		for _, body := range []string{"", "{", "[1,2]", `{"username": 7}`, strings.Repeat("[", 1<<21)} {
			a := send(t, s, "POST", "/apiops/projects/MyProject/credentials/", s.Token(), body)
			if a.status != 400 || a.text != "Request body is not valid JSON!" {
				t.Errorf("body %.20q: %d %v", body, a.status, a.body)
			}
		}
	})
}
