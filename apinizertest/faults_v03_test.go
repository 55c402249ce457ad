package apinizertest_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// The tests of this file are what a new user of v0.2 could not do with
// the fake's faults (issue 22); each failed before its fix.

// FailEnvironment could not be ended, and "" failed with an empty text.
func TestFailEnvironmentEnds(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		c := s.Client()
		s.FailEnvironment("MyProject", "staging", "")
		resp, err := c.SetJWKValidation(context.Background(), "MyProject", "api-user", "my-jwk")
		if f := resp.DeploymentResult.Failed(); !errors.Is(err, apinizer.ErrDeploymentFailed) || len(f) != 1 || f[0].Message != "Deployment failed" {
			t.Errorf("failing: %+v, %v", resp, err)
		}
		s.RecoverEnvironment("MyProject", "staging")
		if _, err := c.SetJWKValidation(context.Background(), "MyProject", "api-user", "my-jwk"); err != nil {
			t.Errorf("after RecoverEnvironment: %v", err)
		}
	})
}

// Faults used to carry over into later calls; now ClearFaults ends them.
func TestClearFaultsEndsEveryPendingFault(t *testing.T) {
	s := seeded(t, apinizertest.Dialect2025)
	s.FailNext(5, http.StatusServiceUnavailable)
	s.FailRoute("GET", "/apiops/projects/{projectName}/jwks/", 5, http.StatusInternalServerError)
	s.FailRouteWith("GET", "/apiops/projects/", 5, apinizertest.Fault{Status: 429, RetryAfter: time.Hour})
	s.Delay("", "", time.Hour)
	s.ClearFaults()
	c := s.Client(apinizer.WithRetryMax(0))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c.ListJWKs(ctx, "MyProject"); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
	if _, err := c.ListProjects(ctx); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

// The fake could not be slow nor send a Retry-After.
func TestDelayAndRetryAfter(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.Delay("GET", "/apiops/projects/{projectName}/jwks/", time.Minute)
		c := s.Client(apinizer.WithRetryMax(0))
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if _, err := c.ListJWKs(ctx, "MyProject"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("a delayed route: %v; want the caller's deadline", err)
		}
		if _, err := c.ListProjects(context.Background()); err != nil {
			t.Errorf("another route is not delayed: %v", err)
		}
		s.ClearFaults()

		// A Retry-After under the client's max wait is waited and retried;
		// one over it fails at once with RetryAfter set.
		s.FailRouteWith("GET", "/apiops/projects/{projectName}/jwks/", 1, apinizertest.Fault{Status: 429, RetryAfter: time.Second})
		retrying := s.Client(apinizer.WithRetryWait(time.Millisecond, 2*time.Second))
		if _, err := retrying.ListJWKs(context.Background(), "MyProject"); err != nil {
			t.Errorf("a Retry-After of 1s under a 2s max wait: %v", err)
		}
		s.FailRouteWith("", "", 1, apinizertest.Fault{Status: 503, RetryAfter: 90 * time.Second})
		_, err := retrying.ListJWKs(context.Background(), "MyProject")
		var e *apinizer.Error
		if !errors.As(err, &e) || !errors.Is(err, apinizer.ErrServer) || e.RetryAfter != 90*time.Second || e.Header.Get("Retry-After") != "90" {
			t.Errorf("a Retry-After over the max wait: %v", err)
		}
	})
}

// Requests used to keep no query and no body.
func TestRequestsRecordQueryAndBodyWithSecretsRedacted(t *testing.T) {
	s := seeded(t, apinizertest.Dialect2026)
	s.AddUser("ci-bot", "ci-pa55word")
	c := s.Client()
	ctx := context.Background()
	if _, err := c.ListCredentials(ctx, "MyProject", &apinizer.ListOptions{Page: 1, Size: 20}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateCredential(ctx, "MyProject", &apinizer.CredentialRequest{Username: "new-user", Email: "e@x", FullName: "N U",
		Password: "s3cret-pa55", Metadata: []apinizer.CredentialMetadata{{Key: "tier", Value: "gold-secret", Secret: true}, {Key: "team", Value: "payments"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateJWK(ctx, "MyProject", &apinizer.CreateJWKRequest{Name: "k", SourceType: apinizer.JWKSourceCopyPaste, JWK: `{"kty":"oct","k":"a2V5LWJ5dGVz"}`}); err != nil {
		t.Fatal(err)
	}
	cc, _ := apinizer.NewClient(s.URL(), apinizer.WithClientCredentials("ci-bot", "ci-pa55word"))
	if _, err := cc.ListProjects(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := s.Requests()
	if reqs[0].Query != "page=1&size=20" {
		t.Errorf("query %q", reqs[0].Query)
	}
	create := string(reqs[1].Body)
	if !strings.Contains(create, `"username":"new-user"`) || !strings.Contains(create, "payments") ||
		strings.Contains(create, "s3cret-pa55") || strings.Contains(create, "gold-secret") || !strings.Contains(create, "[redacted]") {
		t.Errorf("create's body %s", create)
	}
	for _, r := range reqs {
		all := r.Method + r.Path + r.Query + string(r.Body) + strings.Join(headerValues(r.Header), " ")
		for _, secret := range []string{"s3cret-pa55", "gold-secret", "a2V5LWJ5dGVz", "ci-pa55word", s.Token()} {
			if strings.Contains(all, secret) {
				t.Errorf("%s %s records %q: %s", r.Method, r.Path, secret, all)
			}
		}
	}
	if token := reqs[3]; token.Path != "/apiops/auth/token" || !bytes.Contains(token.Body, []byte("client_id=ci-bot")) {
		t.Errorf("token request %s %s", token.Path, token.Body)
	}
}

// The seed used to accept a failing environment the project lacks.
func TestLoadSeedRefusesAnUndeclaredFailingEnvironment(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	err := s.LoadSeed(strings.NewReader("{\"projects\": [{\"name\": \"P\", \"environments\": [\"production\"],\n" +
		"  \"failingEnvironments\": {\"stagng\": \"down\"}}]}"))
	if err == nil || !strings.Contains(err.Error(), `seed line 2: projects[0].failingEnvironments.stagng: environment "stagng" is not among`) {
		t.Errorf("got %v", err)
	}
}
