package apinizer

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

// mockClient returns a client whose transport is an httpmock transport
// that records every request and answers status with testdata/body.
func mockClient(t *testing.T, status int, body string) (*Client, *[]*http.Request) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var seen []*http.Request
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		seen = append(seen, req)
		resp := httpmock.NewBytesResponse(status, fixture(t, body))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	c, err := NewClient("https://demo.apinizer.com/gw", WithToken(testToken),
		WithHTTPClient(&http.Client{Transport: mt}), WithRetryMax(0))
	if err != nil {
		t.Fatal(err)
	}
	return c, &seen
}

// jwkCall runs one of the JWK-settings calls with the given names.
type jwkCall struct {
	name    string
	method  string
	use     string
	withJWK bool
	call    func(c *Client, ctx context.Context, project, user, jwk string) (*DeploymentResponse, error)
}

var jwkCalls = []jwkCall{
	{"RemoveJWKValidation", http.MethodDelete, "validation", false, func(c *Client, ctx context.Context, p, u, _ string) (*DeploymentResponse, error) {
		return c.RemoveJWKValidation(ctx, p, u)
	}},
	{"SetJWKValidation", http.MethodPut, "validation", true, func(c *Client, ctx context.Context, p, u, j string) (*DeploymentResponse, error) {
		return c.SetJWKValidation(ctx, p, u, j)
	}},
	{"RemoveJWKEncryption", http.MethodDelete, "encryption", false, func(c *Client, ctx context.Context, p, u, _ string) (*DeploymentResponse, error) {
		return c.RemoveJWKEncryption(ctx, p, u)
	}},
	{"SetJWKEncryption", http.MethodPut, "encryption", true, func(c *Client, ctx context.Context, p, u, j string) (*DeploymentResponse, error) {
		return c.SetJWKEncryption(ctx, p, u, j)
	}},
}

func TestJWKCallsSendMethodAndEscapedPath(t *testing.T) {
	names := []struct {
		project, user, jwk string
		escaped            [3]string
	}{
		{"MyProject", "api-user", "my-jwk", [3]string{"MyProject", "api-user", "my-jwk"}},
		{"My Project", "a/b", "k?#", [3]string{"My%20Project", "a%2Fb", "k%3F%23"}},
		{"proj%2F", "ü ser", "x;y,z", [3]string{"proj%252F", "%C3%BC%20ser", "x%3By%2Cz"}},
		{"...", ".hidden", "a..b", [3]string{"...", ".hidden", "a..b"}},
	}
	for _, call := range jwkCalls {
		for _, n := range names {
			t.Run(call.name+"/"+n.project, func(t *testing.T) {
				c, seen := mockClient(t, http.StatusOK, "deployment_success.json")
				resp, err := call.call(c, context.Background(), n.project, n.user, n.jwk)
				if err != nil {
					t.Fatal(err)
				}
				if len(*seen) != 1 {
					t.Fatalf("sent %d requests, want 1", len(*seen))
				}
				req := (*seen)[0]
				want := "/gw/apiops/projects/" + n.escaped[0] + "/credentials/" + n.escaped[1] + "/jwk/" + call.use + "/"
				if call.withJWK {
					want += n.escaped[2] + "/"
				}
				if req.Method != call.method || req.URL.EscapedPath() != want {
					t.Errorf("sent %s %s, want %s %s", req.Method, req.URL.EscapedPath(), call.method, want)
				}
				if req.URL.RawQuery != "" || req.Body != nil && req.Body != http.NoBody {
					t.Errorf("sent a query %q or a body", req.URL.RawQuery)
				}
				if !resp.Success || len(resp.DeploymentResult.EnvironmentResults) != 2 {
					t.Errorf("decoded %+v", resp)
				}
			})
		}
	}
}

func TestJWKCallsRefuseBadNamesBeforeSending(t *testing.T) {
	bad := []struct{ value, mention string }{
		{"", "is empty"},
		{".", `"."`},
		{"..", `".."`},
		{"a\x00b", "control character"},
		{"tab\there", "control character"},
		{"line\nbreak", "control character"},
		{"del\x7f", "control character"},
		{"c1\u0085", "control character"},
		{"\xff\xfe", "UTF-8"},
	}
	for _, call := range jwkCalls {
		for _, b := range bad {
			for arg, name := range []string{"projectName", "username", "jwkName"} {
				if arg == 2 && !call.withJWK {
					continue
				}
				args := []string{"MyProject", "api-user", "my-jwk"}
				args[arg] = b.value
				c, seen := mockClient(t, http.StatusOK, "deployment_success.json")
				resp, err := call.call(c, context.Background(), args[0], args[1], args[2])
				if !errors.Is(err, ErrInvalidArgument) || resp != nil {
					t.Errorf("%s with %s=%q = %v, %v; want ErrInvalidArgument", call.name, name, b.value, resp, err)
					continue
				}
				if !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), b.mention) {
					t.Errorf("%s: error %q does not name %s and %q", call.name, err, name, b.mention)
				}
				if len(*seen) != 0 {
					t.Errorf("%s with %s=%q sent a request", call.name, name, b.value)
				}
			}
		}
	}
}

func TestNilContextIsRefused(t *testing.T) {
	c, seen := mockClient(t, http.StatusOK, "deployment_success.json")
	//lint:ignore SA1012 the nil context is what is tested
	_, err := c.RemoveJWKValidation(nil, "MyProject", "api-user") //nolint:staticcheck
	if !errors.Is(err, ErrInvalidArgument) || len(*seen) != 0 {
		t.Errorf("nil ctx: %v, %d requests", err, len(*seen))
	}
}

func TestJWKCallsDecodeEachDocumentedAnswer(t *testing.T) {
	success := &DeploymentResponse{Success: true, DeploymentResult: DeploymentResult{
		Success: true, Message: "Deployment completed successfully",
		EnvironmentResults: []EnvironmentResult{
			{EnvironmentName: "production", Success: true, Message: "Deployed successfully"},
			{EnvironmentName: "staging", Success: true, Message: "Deployed successfully"},
		},
	}}
	tests := []struct {
		status   int
		body     string
		wantResp *DeploymentResponse
		wantErrs []error
		code     string
	}{
		{200, "deployment_success.json", success, nil, ""},
		{200, "deployment_partial.json", nil, []error{ErrDeploymentFailed}, ""},
		{400, "error_400_credential.json", nil, []error{ErrBadRequest, ErrCredentialNotFound, ErrNotFound}, "bad_request"},
		{400, "error_400_jwk.json", nil, []error{ErrBadRequest, ErrJWKNotFound, ErrNotFound}, "bad_request"},
		{400, "error_400_not_assigned.json", nil, []error{ErrBadRequest}, "bad_request"},
		{401, "error_401.json", nil, []error{ErrUnauthorized}, "unauthorized_client"},
		{403, "error_403.json", nil, []error{ErrForbidden}, "forbidden"},
		{404, "error_404.json", nil, []error{ErrNotFound, ErrProjectNotFound}, "not_found"},
		{409, "error_409.json", nil, []error{ErrConflict}, "conflict"},
		{429, "error_429.json", nil, []error{ErrRateLimited}, "rate_limit_exceeded"},
		{500, "error_500.json", nil, []error{ErrServer}, "internal_error"},
	}
	for _, call := range jwkCalls {
		for _, tt := range tests {
			t.Run(call.name+"/"+tt.body, func(t *testing.T) {
				c, _ := mockClient(t, tt.status, tt.body)
				resp, err := call.call(c, context.Background(), "MyProject", "api-user", "my-jwk")
				if tt.wantErrs == nil {
					if err != nil || !reflect.DeepEqual(resp, tt.wantResp) {
						t.Fatalf("got %+v, %v; want %+v", resp, err, tt.wantResp)
					}
					return
				}
				for _, want := range tt.wantErrs {
					if !errors.Is(err, want) {
						t.Errorf("error %v is not %v", err, want)
					}
				}
				if tt.body == "deployment_partial.json" {
					checkPartial(t, resp, err)
					return
				}
				if resp != nil {
					t.Errorf("error came with a response: %+v", resp)
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T is not *Error", err)
				}
				if e.StatusCode != tt.status || e.Code != tt.code || e.Description == "" || e.Method != call.method || e.Attempts != 1 {
					t.Errorf("*Error = %+v", e)
				}
			})
		}
	}
}

func checkPartial(t *testing.T, resp *DeploymentResponse, err error) {
	t.Helper()
	var de *DeploymentError
	if !errors.As(err, &de) || resp == nil || de.Response != resp {
		t.Fatalf("partial deployment: resp %v, err %v; want the response and its *DeploymentError", resp, err)
	}
	failed := resp.DeploymentResult.Failed()
	if len(failed) != 1 || failed[0].EnvironmentName != "staging" {
		t.Errorf("Failed() = %+v", failed)
	}
	if msg := err.Error(); !strings.Contains(msg, "staging: Gateway unreachable") || strings.Contains(msg, "production") {
		t.Errorf("DeploymentError text %q does not name just the failed environment", msg)
	}
	var e *Error
	if errors.As(err, &e) {
		t.Error("a saved change came back as *Error")
	}
}

func TestValidationErrorsAreDecoded(t *testing.T) {
	c, _ := mockClient(t, 400, "error_400_validation.json")
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	want := []FieldError{{Field: "name", Message: "Name is required"}}
	if !reflect.DeepEqual(e.ValidationErrors, want) || e.Code != "validation_failed" {
		t.Errorf("got %+v", e)
	}
}

func TestRateLimitBodyRetryAfterIsRead(t *testing.T) {
	c, _ := mockClient(t, 429, "error_429.json")
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter.Seconds() != 60 {
		t.Fatalf("got %v; want RetryAfter 60s from the body", err)
	}
}
