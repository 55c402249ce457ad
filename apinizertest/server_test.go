package apinizertest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// send makes a raw request with a bearer token (none if token is "") and
// returns the status and decoded JSON body.
func send(t *testing.T, s *apinizertest.Server, method, path, token string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, body
}

// seeded returns a server with project MyProject (production, staging),
// credential api-user, and JWKs my-jwk (in MyProject) and admin-jwk (in admin).
func seeded(t *testing.T) *apinizertest.Server {
	s := apinizertest.NewServer()
	t.Cleanup(s.Close)
	s.AddProject("MyProject")
	s.AddCredential("MyProject", "api-user")
	s.AddJWK("MyProject", "my-jwk")
	s.AddJWK("admin", "admin-jwk")
	return s
}

const base = "/apiops/projects/MyProject/credentials/api-user/jwk/"

func TestDocumentedAnswersRouteByRoute(t *testing.T) {
	const (
		credMissing = "Credential (username: ghost) was not found!"
		projMissing = "Project(Nope) was not found or user does not have privilege to access it!"
	)
	routes := []struct {
		method, path string // path with {p}, {u} and {j} for the names
	}{
		{"DELETE", "/apiops/projects/{p}/credentials/{u}/jwk/validation/"},
		{"DELETE", "/apiops/projects/{p}/credentials/{u}/jwk/encryption/"},
		{"PUT", "/apiops/projects/{p}/credentials/{u}/jwk/validation/{j}/"},
		{"PUT", "/apiops/projects/{p}/credentials/{u}/jwk/encryption/{j}/"},
	}
	// Each case fails a check that comes before the ones its names would
	// fail next (an unknown project with an unknown credential: 404).
	cases := []struct {
		name       string
		token      string // "" no token, "bad", or "good"
		p, u, j    string
		status     int
		code, desc string
	}{
		{"no token", "", "Nope", "ghost", "nojwk", 401, "unauthorized_client", "Invalid token"},
		{"unknown token", "bad", "Nope", "ghost", "nojwk", 401, "unauthorized_client", "Invalid token"},
		{"unknown project", "good", "Nope", "ghost", "nojwk", 404, "not_found", projMissing},
		{"unknown credential", "good", "MyProject", "ghost", "nojwk", 400, "bad_request", credMissing},
	}
	for _, r := range routes {
		for _, c := range cases {
			t.Run(r.method+" "+r.path+" "+c.name, func(t *testing.T) {
				s := seeded(t)
				tok := map[string]string{"": "", "bad": "not-a-token", "good": s.Token()}[c.token]
				path := strings.NewReplacer("{p}", c.p, "{u}", c.u, "{j}", c.j).Replace(r.path)
				status, body := send(t, s, r.method, path, tok)
				if status != c.status || body["error"] != c.code || body["error_description"] != c.desc {
					t.Errorf("got %d %v, want %d %s %q", status, body, c.status, c.code, c.desc)
				}
			})
		}
	}
}

func TestSetAndRemoveChangeTheAssignment(t *testing.T) {
	for _, use := range []apinizertest.Use{apinizertest.UseValidation, apinizertest.UseEncryption} {
		t.Run(use.String(), func(t *testing.T) {
			s := seeded(t)
			status, body := send(t, s, "PUT", base+use.String()+"/missing-jwk/", s.Token())
			if status != 400 || body["error_description"] != "JWK (name: missing-jwk) is not found!" {
				t.Errorf("unknown JWK: %d %v", status, body)
			}
			status, body = send(t, s, "DELETE", base+use.String()+"/", s.Token())
			desc, _ := body["error_description"].(string)
			if status != 400 || body["error"] != "bad_request" || !strings.Contains(desc, "does not have a JWK assigned for") {
				t.Errorf("removing a missing assignment: %d %v", status, body)
			}
			for _, jwk := range []string{"my-jwk", "admin-jwk"} {
				status, body = send(t, s, "PUT", base+use.String()+"/"+jwk+"/", s.Token())
				if status != 200 || body["success"] != true {
					t.Fatalf("set %s: %d %v", jwk, status, body)
				}
				if got, ok := s.Assigned("MyProject", "api-user", use); !ok || got != jwk {
					t.Errorf("Assigned = %q, %v; want %q", got, ok, jwk)
				}
			}
			other := apinizertest.UseValidation + apinizertest.UseEncryption - use
			if _, ok := s.Assigned("MyProject", "api-user", other); ok {
				t.Errorf("setting %v also assigned %v", use, other)
			}
			status, _ = send(t, s, "DELETE", base+use.String()+"/", s.Token())
			if _, ok := s.Assigned("MyProject", "api-user", use); status != 200 || ok {
				t.Errorf("remove: %d, still assigned %v", status, ok)
			}
		})
	}
}

func TestDeploymentResultListsEveryEnvironment(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P", "prod", "dr", "test")
	s.AddCredential("P", "u")
	s.AssignJWK("P", "u", apinizertest.UseValidation, "k")
	s.FailEnvironment("P", "dr", "Gateway unreachable")
	resp, err := s.Client().RemoveJWKValidation(context.Background(), "P", "u")
	var de *apinizer.DeploymentError
	if !errors.As(err, &de) || resp == nil {
		t.Fatalf("got %v, %v", resp, err)
	}
	got := resp.DeploymentResult.EnvironmentResults
	if len(got) != 3 || got[0].EnvironmentName != "prod" || !got[0].Success || got[1].Success || got[1].Message != "Gateway unreachable" || !got[2].Success {
		t.Errorf("environments %+v", got)
	}
	if !resp.Success || resp.DeploymentResult.Success {
		t.Errorf("top-level %v, deployment %v", resp.Success, resp.DeploymentResult.Success)
	}
	if _, ok := s.Assigned("P", "u", apinizertest.UseValidation); ok {
		t.Error("a failed deployment undid the saved change")
	}
}

func TestPermissions(t *testing.T) {
	s := seeded(t)
	s.AddToken("viewer")
	s.AddToken("manager", apinizertest.PermManage)
	s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")

	status, body := send(t, s, "DELETE", base+"validation/", "viewer")
	if status != 403 || body["error"] != "forbidden" || body["error_description"] != "You do not have permission to perform this action" {
		t.Errorf("without PermManage: %d %v", status, body)
	}
	// The project check comes before the permission check.
	if status, _ := send(t, s, "DELETE", "/apiops/projects/Nope/credentials/api-user/jwk/validation/", "viewer"); status != 404 {
		t.Errorf("unknown project without PermManage: %d, want 404", status)
	}
	c, err := apinizer.NewClient(s.URL(), apinizer.WithToken("manager"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if !errors.Is(err, apinizer.ErrDeploymentFailed) || resp == nil {
		t.Fatalf("without PermDeploy: %v, %v", resp, err)
	}
	for _, env := range resp.DeploymentResult.EnvironmentResults {
		if env.Success {
			t.Errorf("%s deployed without PermDeploy", env.EnvironmentName)
		}
	}
	if _, ok := s.Assigned("MyProject", "api-user", apinizertest.UseValidation); ok {
		t.Error("without PermDeploy the change must still be saved")
	}
}

func TestNamesThatNeedEscaping(t *testing.T) {
	names := []struct{ project, user, jwk string }{
		{"My Project", "a/b", "k?#%"},
		{"ünïcode", "user@corp", "a+b=c;d"},
		{"...", "%2F", "x y"},
	}
	for _, n := range names {
		s := apinizertest.NewServer()
		s.AddProject(n.project)
		s.AddCredential(n.project, n.user)
		s.AddJWK(n.project, n.jwk)
		c := s.Client()
		if _, err := c.SetJWKValidation(context.Background(), n.project, n.user, n.jwk); err != nil {
			t.Errorf("%+v: %v", n, err)
		}
		if got, _ := s.Assigned(n.project, n.user, apinizertest.UseValidation); got != n.jwk {
			t.Errorf("%+v: assigned %q", n, got)
		}
		want := "/apiops/projects/" + url.PathEscape(n.project) + "/credentials/" + url.PathEscape(n.user) +
			"/jwk/validation/" + url.PathEscape(n.jwk) + "/"
		if got := s.Requests()[0].Path; got != want {
			t.Errorf("recorded path %q, want %q", got, want)
		}
		s.Close()
	}
}

func TestPathsWithoutTrailingSlashAre404(t *testing.T) {
	s := seeded(t)
	s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	for _, p := range []string{
		base + "validation",
		base + "validation/my-jwk",
		"/apiops/projects/MyProject/credentials",
		"/apiops/projects/MyProject/credentials/api-user/jwk/validation/extra/more/",
	} {
		method := "DELETE"
		if strings.Contains(p, "my-jwk") {
			method = "PUT"
		}
		if strings.HasSuffix(p, "credentials") {
			method = "GET"
		}
		if status, body := send(t, s, method, p, s.Token()); status != 404 || body["error"] != "not_found" {
			t.Errorf("%s %s: %d %v", method, p, status, body)
		}
	}
	if _, ok := s.Assigned("MyProject", "api-user", apinizertest.UseValidation); !ok {
		t.Error("a 404 route changed state")
	}
}

func TestListCredentials(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P")
	for _, u := range []string{"d", "b", "a", "c", "e"} {
		s.AddCredential("P", u)
	}
	c := s.Client()
	tests := []struct {
		opts *apinizer.ListOptions
		want string
	}{
		{nil, "abcde"},
		{&apinizer.ListOptions{Sort: "username,desc"}, "edcba"},
		{&apinizer.ListOptions{Size: 2}, "ab"},
		{&apinizer.ListOptions{Page: 2, Size: 2}, "e"},
		{&apinizer.ListOptions{Page: 9, Size: 2}, ""},
	}
	for _, tt := range tests {
		got, err := c.ListCredentials(context.Background(), "P", tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		var names string
		for _, cr := range got {
			names += cr.Username
			if !cr.Enabled || cr.ExpireDate != nil {
				t.Errorf("credential %+v", cr)
			}
		}
		if names != tt.want {
			t.Errorf("%+v: %q, want %q", tt.opts, names, tt.want)
		}
	}
	if _, err := c.ListCredentials(context.Background(), "Nope", nil); !errors.Is(err, apinizer.ErrProjectNotFound) {
		t.Errorf("unknown project: %v", err)
	}
	if status, body := send(t, s, "GET", "/apiops/projects/P/credentials/", ""); status != 401 || body["error"] != "unauthorized_client" {
		t.Errorf("no token: %d %v", status, body)
	}
}

func TestTokenEndpoint(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddUser("ci-bot", "pw")
	post := func(form url.Values) (int, map[string]any) {
		resp, err := http.PostForm(s.URL()+"/apiops/auth/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	status, body := post(url.Values{"grant_type": {"password"}, "client_id": {"ci-bot"}, "client_secret": {"pw"}})
	if status != 400 || body["error"] != "unsupported_grant_type" || body["error_description"] != "GrantType value must be client_credentials!" {
		t.Errorf("wrong grant: %d %v", status, body)
	}
	status, body = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-bot"}, "client_secret": {"nope"}})
	if status != 401 || body["error"] != "unauthorized_client" || body["error_description"] != "Bad credentials" {
		t.Errorf("bad password: %d %v", status, body)
	}
	status, body = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-bot"}, "client_secret": {"pw"}})
	tok, _ := body["access_token"].(string)
	if status != 200 || tok == "" || body["token_type"] != "Bearer" || body["expires_in"] != 3600.0 {
		t.Fatalf("good credentials: %d %v", status, body)
	}
	s.AddProject("P")
	s.AddCredential("P", "u")
	if status, _ := send(t, s, "GET", "/apiops/projects/P/credentials/", tok); status != 200 {
		t.Errorf("issued token refused: %d", status)
	}
}

func TestFailNextAndRequests(t *testing.T) {
	s := seeded(t)
	s.FailNext(2, 503)
	for i := range 2 {
		status, body := send(t, s, "GET", "/apiops/projects/MyProject/credentials/", s.Token())
		if status != 503 || body["error"] != "server_error" {
			t.Errorf("request %d: %d %v", i, status, body)
		}
	}
	if status, _ := send(t, s, "GET", "/apiops/projects/MyProject/credentials/", s.Token()); status != 200 {
		t.Errorf("third request: %d", status)
	}
	s.FailNext(1, 429)
	if status, body := send(t, s, "GET", "/apiops/projects/MyProject/credentials/", s.Token()); status != 429 || body["error"] != "rate_limit_exceeded" {
		t.Errorf("429: %d %v", status, body)
	}
	reqs := s.Requests()
	if len(reqs) != 4 || reqs[0].Method != "GET" || reqs[0].Path != "/apiops/projects/MyProject/credentials/" {
		t.Fatalf("Requests() = %+v", reqs)
	}
	if got := reqs[0].Header.Get("Authorization"); got != "[redacted]" || strings.Contains(got, s.Token()) {
		t.Errorf("recorded Authorization %q", got)
	}
	reqs[0].Header.Set("X-Changed", "1")
	if s.Requests()[0].Header.Get("X-Changed") != "" {
		t.Error("Requests() shares its headers with the server's record")
	}
}

func TestClientRetriesInjectedFailures(t *testing.T) {
	s := seeded(t)
	s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	s.FailNext(3, 502)
	if _, err := s.Client().RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

func TestServersDoNotShareState(t *testing.T) {
	a, b := apinizertest.NewServer(), apinizertest.NewServer()
	defer a.Close()
	defer b.Close()
	a.AddProject("P")
	a.AddCredential("P", "u")
	if a.Token() == b.Token() {
		t.Error("two servers share a token")
	}
	if _, err := b.Client().ListCredentials(context.Background(), "P", nil); !errors.Is(err, apinizer.ErrProjectNotFound) {
		t.Errorf("b sees a's project: %v", err)
	}
	if _, err := apinizer.NewClient(b.URL(), apinizer.WithToken(a.Token())); err != nil {
		t.Fatal(err)
	}
	status, _ := send(t, b, "GET", "/apiops/projects/P/credentials/", a.Token())
	if status != 401 {
		t.Errorf("b accepts a's token: %d", status)
	}
}

func TestUseString(t *testing.T) {
	if apinizertest.UseValidation.String() != "validation" || apinizertest.UseEncryption.String() != "encryption" || apinizertest.Use(9).String() != "Use(9)" {
		t.Error("Use.String")
	}
}
