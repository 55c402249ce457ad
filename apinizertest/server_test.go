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

// dialects are the Server's dialects: every test of the fake runs in both.
var dialects = []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026}

// eachDialect runs f as a subtest per dialect.
func eachDialect(t *testing.T, f func(t *testing.T, d apinizertest.Dialect)) {
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) { f(t, d) })
	}
}

// answer is a raw answer of the fake, read in either dialect.
type answer struct {
	status  int
	success bool   // "success": true or "status": "SUCCESS"
	code    string // the 2025 dialect's "error"
	text    string // "error_description" or "resultMessage"
	body    map[string]any
}

// send makes a raw request with a bearer token (none if token is "") and
// an optional JSON body, and reads the answer in either dialect.
func send(t *testing.T, s *apinizertest.Server, method, path, token string, body ...string) answer {
	t.Helper()
	var rd *strings.Reader
	if len(body) > 0 {
		rd = strings.NewReader(body[0])
	} else {
		rd = strings.NewReader("")
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
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
	a := answer{status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&a.body); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	a.success = a.body["success"] == true || a.body["status"] == "SUCCESS"
	a.code, _ = a.body["error"].(string)
	if a.text, _ = a.body["error_description"].(string); a.text == "" {
		a.text, _ = a.body["resultMessage"].(string)
	}
	if a.body["status"] == "FAIL" { // the AI create pages' envelope
		a.text, _ = a.body["message"].(string)
	}
	if s.Dialect() == apinizertest.Dialect2026 && a.code != "" && !strings.HasSuffix(path, "/auth/token") {
		t.Errorf("%s %s: the 2026 dialect answered a 2025 body %v", method, path, a.body)
	}
	return a
}

// per picks the 2025 or the 2026 value.
func per[T any](d apinizertest.Dialect, v2025, v2026 T) T {
	if d == apinizertest.Dialect2026 {
		return v2026
	}
	return v2025
}

// seeded returns a server with project MyProject (production, staging),
// credential api-user, and JWKs my-jwk (in MyProject) and admin-jwk (in admin).
func seeded(t *testing.T, d apinizertest.Dialect) *apinizertest.Server {
	s := apinizertest.NewServer(apinizertest.WithDialect(d))
	t.Cleanup(s.Close)
	s.AddProject("MyProject")
	s.AddCredential("MyProject", "api-user")
	s.AddJWK("MyProject", "my-jwk")
	s.AddJWK("admin", "admin-jwk")
	return s
}

const base = "/apiops/projects/MyProject/credentials/api-user/jwk/"

func TestDocumentedAnswersRouteByRoute(t *testing.T) {
	routes := []struct {
		method, path string // path with {p}, {u} and {j} for the names
	}{
		{"DELETE", "/apiops/projects/{p}/credentials/{u}/jwk/validation/"},
		{"DELETE", "/apiops/projects/{p}/credentials/{u}/jwk/encryption/"},
		{"PUT", "/apiops/projects/{p}/credentials/{u}/jwk/validation/{j}/"},
		{"PUT", "/apiops/projects/{p}/credentials/{u}/jwk/encryption/{j}/"},
		{"DELETE", "/apiops/projects/{p}/credentials/{u}/"},
		{"GET", "/apiops/projects/{p}/credentials/{u}/access/"},
		{"PATCH", "/apiops/projects/{p}/credentials/{u}/"},
	}
	// Each case fails a check that comes before the ones its names would
	// fail next (an unknown project with an unknown credential: project).
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		cases := []struct {
			name       string
			token      string // "" no token, "bad", or "good"
			p, u, j    string
			status     int
			code, text string
		}{
			{"no token", "", "Nope", "ghost", "nojwk", 401, "unauthorized_client", per(d, "Invalid token", "Token is not valid!")},
			{"unknown token", "bad", "Nope", "ghost", "nojwk", 401, "unauthorized_client", per(d, "Invalid token", "Token is not valid!")},
			{"unknown project", "good", "Nope", "ghost", "nojwk", per(d, 404, 400), "not_found",
				per(d, "Project(Nope) was not found or user does not have privilege to access it!", "Project (Nope) is not found!")},
			{"unknown credential", "good", "MyProject", "ghost", "nojwk", 400, "bad_request", "Credential (username: ghost) was not found!"},
		}
		for _, r := range routes {
			for _, c := range cases {
				s := seeded(t, d)
				tok := map[string]string{"": "", "bad": "not-a-token", "good": s.Token()}[c.token]
				path := strings.NewReplacer("{p}", c.p, "{u}", c.u, "{j}", c.j).Replace(r.path)
				a := send(t, s, r.method, path, tok, `{"password":"x"}`)
				if a.status != c.status || a.text != c.text || d == apinizertest.Dialect2025 && a.code != c.code {
					t.Errorf("%s %s (%s): got %d %v, want %d %s %q", r.method, r.path, c.name, a.status, a.body, c.status, c.code, c.text)
				}
			}
		}
	})
}

func TestSetAndRemoveChangeTheAssignment(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		for _, use := range []apinizertest.Use{apinizertest.UseValidation, apinizertest.UseEncryption} {
			s := seeded(t, d)
			a := send(t, s, "PUT", base+use.String()+"/missing-jwk/", s.Token())
			if a.status != 400 || a.text != "JWK (name: missing-jwk) is not found!" {
				t.Errorf("unknown JWK: %d %v", a.status, a.body)
			}
			a = send(t, s, "DELETE", base+use.String()+"/", s.Token())
			if a.status != 400 || !strings.HasPrefix(a.text, "Credential (username: api-user) does not have a JWK assigned for ") {
				t.Errorf("removing from an empty slot: %d %v", a.status, a.body)
			}
			for _, jwk := range []string{"my-jwk", "admin-jwk"} {
				if a = send(t, s, "PUT", base+use.String()+"/"+jwk+"/", s.Token()); a.status != 200 || !a.success {
					t.Fatalf("set %s: %d %v", jwk, a.status, a.body)
				}
				if got, ok := s.Assigned("MyProject", "api-user", use); !ok || got != jwk {
					t.Errorf("Assigned = %q, %v; want %q", got, ok, jwk)
				}
			}
			other := apinizertest.UseValidation + apinizertest.UseEncryption - use
			if _, ok := s.Assigned("MyProject", "api-user", other); ok {
				t.Errorf("setting %v also assigned %v", use, other)
			}
			a = send(t, s, "DELETE", base+use.String()+"/", s.Token())
			if _, ok := s.Assigned("MyProject", "api-user", use); a.status != 200 || ok {
				t.Errorf("remove: %d, still assigned %v", a.status, ok)
			}
		}
	})
}

func TestDeploymentResultListsEveryEnvironment(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
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
		// Delete Credential answers shape B in the 2026 dialect: per pod.
		resp, err = s.Client().DeleteCredential(context.Background(), "P", "u")
		if !errors.Is(err, apinizer.ErrDeploymentFailed) || len(resp.DeploymentResult.Failed()) != 1 {
			t.Fatalf("delete: %+v, %v", resp, err)
		}
		if pod := resp.DeploymentResult.EnvironmentResults[0].PodName; (pod != "") != (d == apinizertest.Dialect2026) {
			t.Errorf("pod name %q in dialect %v", pod, d)
		}
	})
}

func TestPermissions(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddToken("viewer")
		s.AddToken("manager", apinizertest.PermManage)
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")

		a := send(t, s, "DELETE", base+"validation/", "viewer")
		if a.status != per(d, 403, 400) || a.text != per(d, "You do not have permission to perform this action", "User does not have required permission for this operation!") {
			t.Errorf("without PermManage: %d %v", a.status, a.body)
		}
		viewer, _ := apinizer.NewClient(s.URL(), apinizer.WithToken("viewer"))
		if _, err := viewer.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); !errors.Is(err, apinizer.ErrForbidden) || errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("the client reads it as %v", err)
		}
		if _, err := viewer.ListCredentials(context.Background(), "MyProject", nil); err != nil {
			t.Errorf("reads need only a valid token: %v", err)
		}
		// The project check comes before the permission check.
		if a := send(t, s, "DELETE", "/apiops/projects/Nope/credentials/api-user/jwk/validation/", "viewer"); !strings.Contains(a.text, "Nope") {
			t.Errorf("unknown project without PermManage: %d %v", a.status, a.body)
		}
		manager, _ := apinizer.NewClient(s.URL(), apinizer.WithToken("manager"))
		resp, err := manager.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
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
	})
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

func TestPathsThatOnlyMatchWithAnotherSlashAre404(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
		for _, p := range [][2]string{
			{"DELETE", base + "validation"},
			{"PUT", base + "validation/my-jwk"},
			{"GET", "/apiops/projects/MyProject/credentials"},
			{"DELETE", base + "validation/extra/more/"},
			{"GET", "/apiops/projects/MyProject/environments"},
			{"GET", "/apiops/environments/MyProject/"},
			{"DELETE", "/apiops/projects/MyProject/credentials/api-user/./jwk/validation/"},
			{"DELETE", "/apiops//projects/MyProject/credentials/api-user/jwk/validation/"},
		} {
			if a := send(t, s, p[0], p[1], s.Token()); a.status != 404 || !strings.HasPrefix(a.text, "No endpoint at ") {
				t.Errorf("%s %s: %d %v", p[0], p[1], a.status, a.body)
			}
		}
		if _, ok := s.Assigned("MyProject", "api-user", apinizertest.UseValidation); !ok {
			t.Error("a 404 changed the assignment")
		}
		a := send(t, s, "PATCH", "/apiops/projects/MyProject/jwks/", s.Token())
		if a.status != 405 || a.text != "Request method 'PATCH' is not supported!" {
			t.Errorf("wrong method: %d %v", a.status, a.body)
		}
	})
}

func TestSeedingHelpersRefuseUnknownProjects(t *testing.T) {
	s := apinizertest.NewServer()
	defer s.Close()
	s.AddProject("P")
	misuses := map[string]func(){
		"AddCredential":    func() { s.AddCredential("Nope", "u") },
		"AddJWKFrom":       func() { s.AddJWK("Nope", "k") },
		"FailEnvironment":  func() { s.FailEnvironment("Nope", "production", "down") },
		"AddAPIProxy":      func() { s.AddAPIProxy("Nope", "api") },
		"AddCertificate":   func() { s.AddCertificate("Nope", "c") },
		"AssignJWK":        func() { s.AssignJWK("P", "ghost", apinizertest.UseValidation, "k") },
		"AddAccess":        func() { s.AddAccess("P", "ghost", apinizer.Access{Name: "a", Type: apinizer.AccessAPIProxy}) },
		"AddAPIProxyGroup": func() { s.AddAPIProxyGroup("Nope", "g") },
	}
	for name, f := range misuses {
		func() {
			defer func() {
				if msg, _ := recover().(string); !strings.Contains(msg, name) || !strings.Contains(msg, "was not added") {
					t.Errorf("%s: recovered %q; want a panic naming the helper", name, msg)
				}
			}()
			f()
		}()
	}
	if _, err := s.Client().ListCredentials(context.Background(), "Nope", nil); !errors.Is(err, apinizer.ErrProjectNotFound) {
		t.Errorf("a project no helper was allowed to create: %v", err)
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
	if a := send(t, b, "GET", "/apiops/projects/P/credentials/", a.Token()); a.status != 401 {
		t.Errorf("b accepts a's token: %d", a.status)
	}
}

func TestStringers(t *testing.T) {
	if apinizertest.UseValidation.String() != "validation" || apinizertest.UseEncryption.String() != "encryption" || apinizertest.Use(9).String() != "Use(9)" {
		t.Error("Use.String")
	}
	if apinizertest.Dialect2025.String() != "2025" || apinizertest.Dialect2026.String() != "2026" || apinizertest.Dialect(7).String() != "Dialect(7)" {
		t.Error("Dialect.String")
	}
}
