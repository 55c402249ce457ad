package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// names are the path parameters a call is made with.
type names struct{ project, user, jwk, proxy, env, group, variable string }

// endpoint is one row of the endpoint table: every endpoint the Client
// calls, with its catalog row (method and path as the docs write them),
// the Go call, the JSON body that call sends, and the documented answers
// (the twins in answers) that each dialect's fixtures give for it. Tests
// below run every row.
type endpoint struct {
	op        *ops.Op           // the catalog's row: the Client method's name, method and path
	older     *ops.Op           // a second operation the call may send (ListEnvironments)
	body      string            // the JSON the call below sends; "" for none
	parts     map[string]string // the multipart/form-data parts it sends instead (a file part: its content)
	query     string            // the query it sends
	creates   bool              // it creates the proxy its path names: the fake must not hold it yet
	fresh     string            // "group" or "variable": it creates the group or variable of its names, likewise
	proxyType APIType           // the type of proxy its path names; "" for REST
	call      func(ctx context.Context, c *Client, n names) (any, error)
	answers   []string // documented answers; the first is the success
}

var (
	testPassword = Secret("Pa55-never-printed")
	testExpiry   = time.Date(2027, 12, 31, 23, 59, 59, 0, time.UTC)
)

// endpoints is the whole table: the identity slice's rows (below), the
// API proxies' (endpoints_apiproxy_test.go) and their configuration's
// (endpoints_config_test.go).
var endpoints = slices.Concat(identityEndpoints, apiProxyEndpoints, endpointRows, settingsRows(), configRows, groupRows, envVarRows)

var identityEndpoints = []endpoint{
	{op: ops.ListProjects,
		call:    func(ctx context.Context, c *Client, _ names) (any, error) { return c.ListProjects(ctx) },
		answers: []string{"list_projects", "error_token", "error_server"}},
	{op: ops.ListEnvironments, older: ops.ListEnvironmentsOlder,
		call:    func(ctx context.Context, c *Client, n names) (any, error) { return c.ListEnvironments(ctx, n.project) },
		answers: []string{"list_environments", "error_env_project", "error_token", "error_server"}},

	{op: ops.ListCredentials,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListCredentials(ctx, n.project, nil)
		},
		answers: []string{"list_credentials", "error_project", "error_token", "error_server"}},
	{op: ops.CreateCredential,
		body: `{"username":"new-user","email":"user@example.com","fullName":"John Doe","description":"API user credential","password":"Pa55-never-printed",` +
			`"roleNameList":["API_USER"],"ipList":[],"expireDate":"2027-12-31T23:59:59.000Z"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateCredential(ctx, n.project, &CredentialRequest{Username: "new-user", Email: "user@example.com", FullName: "John Doe",
				Description: "API user credential", Password: testPassword, RoleNames: []string{"API_USER"}, ExpireDate: &testExpiry})
		},
		answers: []string{"deployment_success", "deployment_partial", "deployment_none", "error_credential_exists", "error_project", "error_permission", "error_token", "error_server"}},
	{op: ops.UpdateCredential,
		body: `{"username":"api-user","email":"new@example.com","fullName":"John Doe","description":"","password":"Pa55-never-printed",` +
			`"roleNameList":[],"enabled":false,"ipList":["10.0.0.0/8"],"expireDate":null}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			disabled := false
			return c.UpdateCredential(ctx, n.project, &CredentialRequest{Username: "api-user", Email: "new@example.com", FullName: "John Doe",
				Password: testPassword, Enabled: &disabled, IPList: []string{"10.0.0.0/8"}})
		},
		answers: []string{"deployment_success", "error_credential", "error_project", "error_server"}},
	{op: ops.ChangeCredentialPassword,
		body: `{"password":"Pa55-never-printed"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ChangeCredentialPassword(ctx, n.project, n.user, testPassword)
		},
		answers: []string{"deployment_success", "error_credential", "error_server"}},
	{op: ops.DeleteCredential,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteCredential(ctx, n.project, n.user)
		},
		answers: []string{"deployment_undeploy", "deployment_partial", "error_credential", "error_project", "error_token", "error_server"}},
	{op: ops.ListAccess,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAccess(ctx, n.project, n.user)
		},
		answers: []string{"list_access", "error_credential", "error_token", "error_server"}},
	{op: ops.GrantAccess,
		body: `{"credentialAccessList":[{"name":"MyAPI","type":"API_PROXY","expireTime":"2027-12-31T23:59:59.000Z"},{"name":"MyAPIGroup","type":"API_PROXY_GROUP"}]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GrantAccess(ctx, n.project, n.user, Access{Name: "MyAPI", Type: AccessAPIProxy, ExpireTime: &testExpiry},
				Access{Name: "MyAPIGroup", Type: AccessAPIProxyGroup})
		},
		answers: []string{"deployment_success", "error_access_exists", "error_proxy_missing", "error_credential", "error_server"}},
	{op: ops.RevokeAccess,
		body: `{"credentialAccessList":[{"name":"MyAPI","type":"API_PROXY"}]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.RevokeAccess(ctx, n.project, n.user, Access{Name: "MyAPI", Type: AccessAPIProxy})
		},
		answers: []string{"deployment_undeploy", "error_proxy_missing", "error_credential", "error_server"}},

	{op: ops.RemoveJWKValidation,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.RemoveJWKValidation(ctx, n.project, n.user)
		},
		answers: []string{"deployment_success", "deployment_partial", "deployment_none", "error_not_assigned", "error_credential", "error_project", "error_permission", "error_token", "error_server"}},
	{op: ops.SetJWKValidation,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.SetJWKValidation(ctx, n.project, n.user, n.jwk)
		},
		answers: []string{"deployment_success", "deployment_partial", "error_jwk", "error_credential", "error_project", "error_permission", "error_token", "error_server"}},
	{op: ops.RemoveJWKEncryption,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.RemoveJWKEncryption(ctx, n.project, n.user)
		},
		answers: []string{"deployment_success", "deployment_partial", "error_not_assigned", "error_credential", "error_project", "error_token", "error_server"}},
	{op: ops.SetJWKEncryption,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.SetJWKEncryption(ctx, n.project, n.user, n.jwk)
		},
		answers: []string{"deployment_success", "deployment_partial", "error_jwk", "error_credential", "error_project", "error_token", "error_server"}},

	{op: ops.ListJWKs,
		call:    func(ctx context.Context, c *Client, n names) (any, error) { return c.ListJWKs(ctx, n.project) },
		answers: []string{"list_jwks", "error_project", "error_token", "error_server"}},
	{op: ops.GetJWK,
		call:    func(ctx context.Context, c *Client, n names) (any, error) { return c.GetJWK(ctx, n.project, n.jwk) },
		answers: []string{"get_jwk", "error_jwk", "error_server"}},
	{op: ops.CreateJWK,
		body: `{"name":"new-jwk","description":"pasted","sourceType":"COPY_PASTE","jwkStr":"{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateJWK(ctx, n.project, &CreateJWKRequest{Name: "new-jwk", Description: "pasted", SourceType: JWKSourceCopyPaste,
				JWK: `{"kty":"oct","k":"c2VjcmV0"}`})
		},
		answers: []string{"deployment_success", "error_jwk_exists", "error_project", "error_server"}},
	{op: ops.GenerateJWK,
		body: `{"name":"generated-jwk","type":"EC","ec":{"curveType":"P256","keyUseType":"SIGNATURE","algorithm":"ES256"}}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GenerateJWK(ctx, n.project, &GenerateJWKRequest{Name: "generated-jwk", Type: KeyTypeEC,
				EC: &GenerateEC{CurveType: "P256", KeyUse: KeyUseSignature, Algorithm: "ES256"}})
		},
		answers: []string{"deployment_success", "error_jwk_exists", "error_project", "error_server"}},
	{op: ops.UpdateJWK,
		body: `{"description":"Updated JWK description"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateJWK(ctx, n.project, n.jwk, &UpdateJWKRequest{Description: "Updated JWK description"})
		},
		answers: []string{"deployment_success", "error_jwk", "error_jwk_exists", "error_server"}},
	{op: ops.DeleteJWK,
		call:    func(ctx context.Context, c *Client, n names) (any, error) { return c.DeleteJWK(ctx, n.project, n.jwk) },
		answers: []string{"deployment_undeploy", "error_jwk", "error_server"}},
}

// dialects are the fixture folders, one per dialect.
var dialects = []string{"2025", "2026"}

func (a twin) status(dialect string) int {
	if dialect == "2026" {
		return a.status2026
	}
	return a.status2025
}

// escapingNames need percent-encoding in every parameter.
var escapingNames = names{project: "My Project/ü", user: "a/b?c", jwk: "k#1&x=y", proxy: "pet store/v1", env: "prod;eu",
	group: "pay group/1", variable: "API KEY#1"}

// plainNames need no escaping.
var plainNames = names{"MyProject", "api-user", "my-jwk", "petstore-api", "production", "PaymentAPIGroup", "API_BASE_URL"}

// escapedPath fills a path template with n, escaped as on the wire.
func escapedPath(template string, n names) string {
	r := []string{"{projectName}", "My%20Project%2F%C3%BC", "{username}", "a%2Fb%3Fc", "{jwkName}", "k%231&x=y",
		"{apiProxyName}", "pet%20store%2Fv1", "{environmentName}", "prod%3Beu", "{apiProxyGroupName}", "pay%20group%2F1",
		"{name}", "API%20KEY%231"}
	if n != escapingNames {
		r = []string{"{projectName}", n.project, "{username}", n.user, "{jwkName}", n.jwk, "{apiProxyName}", n.proxy, "{environmentName}", n.env,
			"{apiProxyGroupName}", n.group, "{name}", n.variable}
	}
	return strings.NewReplacer(append(r, "{revision}", "12", "{type}", "API_PROXY",
		"{specAccessType}", "AUTHENTICATED", "{hideSpecFile}", "true", "{connectorType}", "ELASTICSEARCH_INDEX")...).Replace(template)
}

// recorded is what a mock transport saw of one request.
type recorded struct {
	method, path, query, contentType string
	body                             []byte
}

// mockAnswer returns a client on an httpmock transport that answers every
// request with status and body, and what it received.
func mockAnswer(t *testing.T, status int, body []byte) (*Client, *[]recorded) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var seen []recorded
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		r := recorded{method: req.Method, path: req.URL.EscapedPath(), query: req.URL.RawQuery, contentType: req.Header.Get("Content-Type")}
		if req.Body != nil {
			r.body, _ = io.ReadAll(req.Body)
		}
		seen = append(seen, r)
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		if bytes.HasPrefix(body, []byte("PK")) { // a ZIP fixture: a download
			resp.Header.Set("Content-Type", "application/octet-stream")
		}
		return resp, nil
	})
	c, err := NewClient("https://demo.apinizer.com/gw", WithToken(testToken),
		WithHTTPClient(&http.Client{Transport: mt}), WithRetryMax(0))
	if err != nil {
		t.Fatal(err)
	}
	return c, &seen
}

func TestEndpointsSendTheirMethodPathAndBody(t *testing.T) {
	for _, e := range endpoints {
		t.Run(e.op.Name, func(t *testing.T) {
			c, seen := mockAnswer(t, 200, answerFixture(t, "2025", e.answers[0]))
			if _, err := e.call(context.Background(), c, escapingNames); err != nil {
				t.Fatal(err)
			}
			if len(*seen) != 1 {
				t.Fatalf("sent %d requests, want 1", len(*seen))
			}
			r := (*seen)[0]
			if want := "/gw" + escapedPath("/apiops/"+e.op.Path, escapingNames); r.method != e.op.Method || r.path != want || r.query != e.query {
				t.Errorf("sent %s %s?%s, want %s %s?%s", r.method, r.path, r.query, e.op.Method, want, e.query)
			}
			if e.parts != nil {
				checkParts(t, r, e.parts)
				return
			}
			if e.body == "" {
				if len(r.body) != 0 || r.contentType != "" {
					t.Errorf("sent a body %q (Content-Type %q)", r.body, r.contentType)
				}
				return
			}
			if !jsonEqual(r.body, []byte(e.body)) || r.contentType != "application/json" {
				t.Errorf("sent body %s (Content-Type %q), want %s", r.body, r.contentType, e.body)
			}
		})
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

func TestEndpointsRefuseBadNamesBeforeSending(t *testing.T) {
	bad := []struct{ value, mention string }{
		{"", "is empty"}, {".", `"."`}, {"..", `".."`}, {"a\x00b", "control character"},
		{"line\nbreak", "control character"}, {"c1\u0085", "control character"}, {"\xff\xfe", "UTF-8"},
	}
	params := []struct {
		name string
		set  func(*names, string)
	}{
		{"projectName", func(n *names, v string) { n.project = v }},
		{"username", func(n *names, v string) { n.user = v }},
		{"jwkName", func(n *names, v string) { n.jwk = v }},
		{"apiProxyName", func(n *names, v string) { n.proxy = v }},
		{"environmentName", func(n *names, v string) { n.env = v }},
		{"apiProxyGroupName", func(n *names, v string) { n.group = v }},
		{"name", func(n *names, v string) { n.variable = v }},
	}
	for _, e := range endpoints {
		for _, p := range params {
			if !strings.Contains(e.op.Path, "{"+p.name+"}") {
				continue
			}
			for _, b := range bad {
				n := plainNames
				p.set(&n, b.value)
				c, seen := mockAnswer(t, 200, answerFixture(t, "2025", e.answers[0]))
				_, err := e.call(context.Background(), c, n)
				if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), p.name) || !strings.Contains(err.Error(), b.mention) {
					t.Errorf("%s with %s=%q: %v; want ErrInvalidArgument naming %s and %q", e.op.Name, p.name, b.value, err, p.name, b.mention)
				}
				if len(*seen) != 0 {
					t.Errorf("%s with %s=%q sent a request", e.op.Name, p.name, b.value)
				}
			}
		}
	}
}

// TestEndpointsDecodeBothDialectsAlike serves each documented answer of
// each endpoint from both dialects' fixtures, side by side, and wants the
// same result and the same errors.Is answers from both.
func TestEndpointsDecodeBothDialectsAlike(t *testing.T) {
	for _, e := range endpoints {
		for _, name := range e.answers {
			t.Run(e.op.Name+"/"+name, func(t *testing.T) {
				a, ok := answers[name]
				if !ok {
					t.Fatalf("answer %q is not in the answers table", name)
				}
				var results [2]any
				for i, d := range dialects {
					c, _ := mockAnswer(t, a.status(d), answerFixture(t, d, name))
					got, err := e.call(context.Background(), c, plainNames)
					for _, s := range allSentinels {
						want := slices.Contains(a.is, s)
						if errors.Is(err, s) != want {
							t.Errorf("%s dialect: errors.Is(%v, %v) = %v, want %v", d, err, s, !want, want)
						}
					}
					if err != nil && !errors.Is(err, ErrDeploymentFailed) {
						var apiErr *Error
						if !errors.As(err, &apiErr) || apiErr.Description == "" || apiErr.StatusCode != a.status(d) || !reflect.ValueOf(got).IsNil() {
							t.Errorf("%s dialect: %v (result %v); want a *Error with the status and the text, and no result", d, err, got)
						}
					}
					results[i] = comparable(got)
				}
				if !reflect.DeepEqual(results[0], results[1]) {
					t.Errorf("the dialects decode differently:\n2025: %+v\n2026: %+v", results[0], results[1])
				}
				if len(a.is) == 0 && reflect.ValueOf(results[0]).IsZero() && name != "deployment_none" && name != "traffic_log_empty" {
					t.Errorf("a success decoded to nothing: %+v", results[0])
				}
			})
		}
	}
}

// comparable is a result with what only one dialect sends taken out:
// shape B's pods and times and the 2026 dialect's extra project and
// environment fields, and messages shape B does not carry.
func comparable(v any) any {
	switch v := v.(type) {
	case *DeploymentResponse:
		if v == nil {
			return v
		}
		type entry struct {
			Name string
			OK   bool
		}
		out := struct {
			Success, Deployed bool
			Entries           []entry
		}{Success: v.Success, Deployed: v.DeploymentResult.Success}
		for _, e := range v.DeploymentResult.EnvironmentResults {
			out.Entries = append(out.Entries, entry{e.EnvironmentName, e.Success})
		}
		return out
	case []Project:
		out := make([]Project, len(v))
		for i, p := range v {
			out[i] = Project{Name: p.Name, Description: p.Description}
		}
		return out
	case []Environment:
		out := slices.Clone(v)
		for i := range out {
			out[i].ID = ""
		}
		return out
	case []GroupEnvironment: // 2025 items carry only the name and deployed
		out := slices.Clone(v)
		for i := range out {
			out[i] = GroupEnvironment{EnvironmentName: out[i].EnvironmentName, Deployed: out[i].Deployed}
		}
		return out
	case []EnvironmentVariable: // the 2026 examples leave out the project
		out := slices.Clone(v)
		for i := range out {
			out[i].ProjectID, out[i].ProjectName = "", ""
		}
		return out
	case *EnvironmentVariable:
		if v == nil {
			return v
		}
		return comparable([]EnvironmentVariable{*v})
	case *JWK:
		if v == nil {
			return v
		}
		return struct {
			JWK
			Material string
		}{*v, string(v.Material.JSON())}
	}
	return v
}
