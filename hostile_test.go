package apinizer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The tests of this file each reproduce a defect found by the second
// hostile round against v0.2 (a hostile user and a hostile server); each
// failed before its fix.

// A list whose body stalls until the deadline used to say "the change may
// have been saved" and not match context.DeadlineExceeded.
func TestAStalledBodyMatchesTheDeadline(t *testing.T) {
	stall := func(prefix string) func(net.Conn, *http.Request) bool {
		return func(conn net.Conn, _ *http.Request) bool {
			if writeHead(conn, 1<<20) != nil {
				return false
			}
			_, _ = conn.Write([]byte(prefix))
			return silence(conn)
		}
	}
	cases := []struct {
		name, prefix string
		call         func(context.Context, *Client) error
		saved        bool
	}{
		{"list", `{"success":true,"resultList":[{"username":"a"},`, func(ctx context.Context, c *Client) error {
			_, err := c.ListCredentials(ctx, "P", nil)
			return err
		}, false},
		{"get", `{"success":true,"resultList":[{"name":"k"`, func(ctx context.Context, c *Client) error {
			_, err := c.GetJWK(ctx, "P", "k")
			return err
		}, false},
		{"write", `{"success":true,"deploymentResult":{`, func(ctx context.Context, c *Client) error {
			_, err := c.RemoveJWKValidation(ctx, "P", "u")
			return err
		}, true},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRawServer(t, stall(tt.prefix))
			c, err := NewClient(srv.url(), WithToken(testToken), WithRetryMax(0))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			err = tt.call(ctx, c)
			if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrUnexpectedResponse) {
				t.Errorf("%v; want ErrUnexpectedResponse matching context.DeadlineExceeded", err)
			}
			if says := strings.Contains(fmt.Sprint(err), "may have been saved"); says != tt.saved {
				t.Errorf("%v: says the change may have been saved: %v, want %v", err, says, tt.saved)
			}
		})
	}
}

// A server that quotes what it was sent used to have Error() and %+v
// print the password, the pasted JWK or the token.
func TestEchoedSecretsAreRedacted(t *testing.T) {
	const jwk = `{"kty":"oct","k":"c2VjcmV0LWtleS1ieXRlcw"}`
	quoted := strings.ReplaceAll(jwk, `"`, `\"`) // as a JSON string holds it
	calls := []struct {
		name, secret string
		call         func(*Client) error
	}{
		{"password", string(testPassword), func(c *Client) error {
			_, err := c.CreateCredential(context.Background(), "P", &CredentialRequest{Username: "u", Email: "e", FullName: "f", Password: testPassword})
			return err
		}},
		{"new password", "n3w-Pa55-never-printed", func(c *Client) error {
			_, err := c.ChangeCredentialPassword(context.Background(), "P", "u", "n3w-Pa55-never-printed")
			return err
		}},
		{"pasted JWK", jwk, func(c *Client) error {
			_, err := c.CreateJWK(context.Background(), "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceCopyPaste, JWK: jwk})
			return err
		}},
		{"token", testToken, func(c *Client) error {
			_, err := c.ListJWKs(context.Background(), "P")
			return err
		}},
	}
	answers := []struct {
		name   string
		status int
		body   func(secret string) string
	}{
		{"2025 description", 400, func(s string) string {
			return `{"error":"bad_request","error_description":"Bad value: ` + escape(s) + `"}`
		}},
		{"2026 resultMessage", 400, func(s string) string {
			return `{"status":"FAILURE","resultMessage":"Bad value: ` + escape(s) + `"}`
		}},
		{"validation", 400, func(s string) string {
			return `{"error":"validation_failed","validation_errors":[{"field":"` + escape(s) + `","message":"` + escape(s) + `"}]}`
		}},
		{"raw 500", 500, func(s string) string { return "Internal error while handling " + s }},
		{"401", 401, func(s string) string {
			return `{"error":"unauthorized_client","error_description":"Invalid token Bearer ` + escape(s) + `"}`
		}},
		{"200 failure", 200, func(s string) string {
			return `{"status":"FAILURE","resultMessage":"Could not save ` + escape(s) + `"}`
		}},
		{"200 not JSON", 200, func(s string) string { return "<html>" + s + "</html>" }},
	}
	for _, call := range calls {
		for _, a := range answers {
			c, _ := mockAnswer(t, a.status, []byte(a.body(call.secret)))
			err := call.call(c)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s, %s: %v", call.name, a.name, err)
			}
			for _, form := range []string{call.secret, quoted, "c2VjcmV0LWtleS1ieXRlcw"} {
				if form == "c2VjcmV0LWtleS1ieXRlcw" && call.name != "pasted JWK" {
					continue
				}
				out := fmt.Sprintf("%v %+v %#v %s", err, err, e, e.Body)
				if strings.Contains(out, form) && (form != quoted || call.name == "pasted JWK") {
					t.Errorf("%s, %s: the error shows the secret: %s", call.name, a.name, out)
				}
			}
			if !strings.Contains(fmt.Sprint(err, string(e.Body), e.ValidationErrors), redacted) {
				t.Errorf("%s, %s: %v: no [redacted] where the secret was", call.name, a.name, err)
			}
		}
	}
}

// escape writes s as the inside of a JSON string.
func escape(s string) string { return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) }

// The token endpoint's 401 used to show a password it quoted.
func TestEchoedClientCredentialsPasswordIsRedacted(t *testing.T) {
	c0, mux := setup(t)
	mux.HandleFunc(tokenRoute, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", r.PostForm.Get("client_secret"))
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":"unauthorized_client","error_description":"Bad credentials for %s"}`, r.PostForm.Get("client_secret"))
	})
	c, err := NewClient(c0.origin+prefix, WithClientCredentials(ccUser, ccPassword), WithRetryMax(0))
	if err != nil {
		t.Fatal(err)
	}
	err = remove(c)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("got %v", err)
	}
	if out := fmt.Sprintf("%v %+v %#v %v", err, err, e, e.Header); strings.Contains(out, ccPassword) {
		t.Errorf("the token error shows the password: %s", out)
	}
}

// %s and %q on containers of pointers used to print the fields of the
// SDK's types with their methods switched off.
func TestSecretsStayHiddenInContainersAndWithWrongVerbs(t *testing.T) {
	const secret = "hunter2-never-printed"
	key := NewKeyMaterial([]byte(`{"d":"` + secret + `"}`))
	type holder struct {
		Req *CredentialRequest
		JWK *JWK
	}
	values := map[string]any{
		"[]*JWK":                         []*JWK{{Name: "k", Material: key}},
		"[]*CredentialRequest":           []*CredentialRequest{{Username: "u", Password: secret}},
		"map[string]*CreateJWKRequest":   map[string]*CreateJWKRequest{"k": {Name: "k", JWK: secret}},
		"struct with *CredentialRequest": holder{Req: &CredentialRequest{Password: secret}, JWK: &JWK{Material: key}},
		"*struct":                        &holder{Req: &CredentialRequest{Password: secret}},
		"[]*Credential":                  []*Credential{{Metadata: []CredentialMetadata{{Value: secret}}}},
		"[]*CredentialMetadata":          []*CredentialMetadata{{Value: secret}},
		"[]*KeyMaterial":                 []*KeyMaterial{&key},
		"[]any":                          []any{&CredentialRequest{Password: secret}, &JWK{Material: key}},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%p %v"} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) || strings.Contains(out, fmt.Sprintf("%X", secret)) {
				t.Errorf("%s with %s shows the secret: %s", name, verb, out)
			}
		}
	}
}

// A JWK or KeyMaterial in an unexported field used to print its key bytes:
// fmt cannot call the methods of an unexported field's value.
func TestKeyMaterialInUnexportedFieldsStaysHidden(t *testing.T) {
	const secret = "hunter2-never-printed"
	key := NewKeyMaterial([]byte(`{"d":"` + secret + `"}`))
	v := struct {
		key  KeyMaterial
		jwk  JWK
		jwks []JWK
	}{key, JWK{Name: "k", Material: key}, []JWK{{Material: key}}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, x := range []any{v, &v} {
			out := fmt.Sprintf(verb, x)
			if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) ||
				strings.Contains(out, fmt.Sprintf("%X", secret)) || strings.Contains(out, fmt.Sprint([]byte(`"d"`))) {
				t.Errorf("%s shows the key: %s", verb, out)
			}
		}
	}
}

// ListEnvironments used not to fall back when the 404 was a web
// framework's own error page, which a Manager sends for a path it lacks.
func TestListEnvironmentsFallsBackOnAFrameworkNotFoundPage(t *testing.T) {
	c, mux := setup(t)
	mux.HandleFunc("GET /apiops/projects/MyProject/environments/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"timestamp":"2026-12-04T10:00:00.000+00:00","status":404,"error":"Not Found","path":"/apiops/projects/MyProject/environments/"}`)
	})
	mux.HandleFunc("GET /apiops/environments/MyProject", serveFixture(t, http.StatusOK, "2025/list_environments.json"))
	envs, err := c.ListEnvironments(context.Background(), "MyProject")
	if err != nil || len(envs) == 0 {
		t.Fatalf("got %v, %v; want the older path's list", envs, err)
	}
	// A framework page on the older path too: the 404 keeps the page raw.
	mux.HandleFunc("GET /apiops/environments/Other", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"timestamp":"2026-12-04T10:00:00.000+00:00","status":404,"error":"Not Found","path":"/x"}`)
	})
	mux.HandleFunc("GET /apiops/projects/Other/environments/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"timestamp":"2026-12-04T10:00:00.000+00:00","status":404,"error":"Not Found","path":"/x"}`)
	})
	_, err = c.ListEnvironments(context.Background(), "Other")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrNotFound) || e.Code != "" || len(e.Body) == 0 || !strings.HasSuffix(e.Path, "/environments/Other") {
		t.Errorf("got %#v; want the older path's 404 with the page kept raw", err)
	}
}

// Documented JSON followed by more used to be refused on writes only.
func TestDataAfterTheAnswerIsRefused(t *testing.T) {
	for _, tail := range []string{"<html>", `{"success":true}`, "garbage", "]", "}"} {
		for _, name := range []string{"list_credentials", "deployment_success"} {
			c, _ := mockAnswer(t, 200, append(fixture(t, "2026/"+name+".json"), tail...))
			var err error
			if name == "list_credentials" {
				_, err = c.ListCredentials(context.Background(), "P", nil)
			} else {
				_, err = c.RemoveJWKValidation(context.Background(), "P", "u")
			}
			if !errors.Is(err, ErrUnexpectedResponse) {
				t.Errorf("%s + %q: %v; want ErrUnexpectedResponse", name, tail, err)
			}
		}
	}
}

// A documented success labelled text/plain used to be refused though the
// write was saved: the body is decoded by its content.
func TestMislabelledDocumentedAnswersAreThatAnswer(t *testing.T) {
	for _, ct := range []string{"text/plain", "text/json", "text/html; charset=utf-8", "application/octet-stream"} {
		c, mux := setup(t)
		mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write(fixture(t, "2026/deployment_success.json"))
		})
		mux.HandleFunc("GET /apiops/projects/MyProject/credentials/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write(fixture(t, "2025/list_credentials.json"))
		})
		if resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil || !resp.Success {
			t.Errorf("%s: %v", ct, err)
		}
		if creds, err := c.ListCredentials(context.Background(), "MyProject", nil); err != nil || len(creds) == 0 {
			t.Errorf("%s: list: %v", ct, err)
		}
	}
}

// A 200 FAILURE with a 1 MiB message used to keep all of it.
func TestAHugeFailureMessageIsBounded(t *testing.T) {
	huge := strings.Repeat("é", 1<<19) // 1 MiB of two-byte runes
	c, _ := mockAnswer(t, 200, []byte(`{"status":"FAILURE","resultMessage":"`+huge+`"}`))
	_, err := c.RemoveJWKValidation(context.Background(), "P", "u")
	var e *Error
	if !errors.As(err, &e) || len(e.Description) > maxErrorBody || len(e.Description) < maxErrorBody/2 || !utf8.ValidString(e.Description) {
		t.Fatalf("Description holds %d bytes; want at most %d, cut on a rune boundary", len(e.Description), maxErrorBody)
	}
}

// Error() used to pass a server's control characters, separators and
// invalid bytes through to the caller's logs and terminal.
func TestErrorsAreOneCleanLine(t *testing.T) {
	nasty := "a\x1b[31mred\x1b[0m\x00nul\x07bel\u2028ls\u2029ps\u0085nel\vvt\ffb\xff\xfeinvalid\u202eevil\r\nnext"
	clean := func(t *testing.T, s string) {
		t.Helper()
		if !utf8.ValidString(s) {
			t.Errorf("%q is not valid UTF-8", s)
		}
		for _, r := range s {
			if mustEscape(r) {
				t.Errorf("%q holds %U", s, r)
			}
		}
	}
	for _, body := range []string{
		`{"error":"bad\u001b","error_description":"` + escape(nasty) + `"}`,
		`{"status":"FAILURE","resultMessage":"` + escape(nasty) + `"}`,
		nasty,
	} {
		c, _ := mockAnswer(t, 400, []byte(body))
		_, err := c.RemoveJWKValidation(context.Background(), "P", "u")
		clean(t, err.Error())
	}
	de := &DeploymentError{Response: &DeploymentResponse{DeploymentResult: DeploymentResult{
		EnvironmentResults: []EnvironmentResult{{EnvironmentName: "prod\x1b]0;x\x07", Message: nasty}},
	}}}
	clean(t, de.Error())
	de = &DeploymentError{Response: &DeploymentResponse{Message: nasty}}
	clean(t, de.Error())
}

// WithHeader("Accept-Encoding", "gzip") used to be accepted; every gzip
// answer then failed to decode.
func TestWithHeaderRefusesTransportHeaders(t *testing.T) {
	for _, name := range []string{"Accept-Encoding", "accept-encoding", "Transfer-Encoding", "Connection", "TE"} {
		_, err := NewClient("https://demo.apinizer.com", WithToken(testToken), WithHeader(name, "gzip"))
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), http.CanonicalHeaderKey(name)) {
			t.Errorf("WithHeader(%q): %v; want ErrInvalidArgument naming it", name, err)
		}
	}
}
