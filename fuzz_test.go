package apinizer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// FuzzErrorBody feeds any status and body to the decoder, as a write's
// answer and as a list's (by the status's parity): it must not panic, must
// keep at most 64 KiB of the body, and must give a short one-line error
// that matches the sentinels of its status.
func FuzzErrorBody(f *testing.F) {
	for _, name := range []string{"2025/error_credential.json", "2025/error_validation.json", "2025/error_project.json",
		"2025/error_rate_limit.json", "2025/error_server.json", "error_502.html", "2025/deployment_success.json", "2025/deployment_partial.json"} {
		f.Add(400, fixture(f, name))
		f.Add(200, fixture(f, name))
	}
	f.Add(429, []byte(`{"error":"x","retry_after":1e308}`))
	f.Add(503, []byte(`{"error":"x","retry_after":"-1"}`))
	f.Add(200, []byte(`{"success":true,"deploymentResult":null}`))
	f.Add(302, []byte{})
	for _, name := range []string{"2026/list_credentials.json", "2025/list_jwks.json", "2026/get_jwk.json", "2026/deployment_partial.json"} {
		f.Add(201, fixture(f, name))
		f.Add(200, fixture(f, name))
	}
	f.Add(201, []byte(`{"resultList":[{"name":1}],"status":"SUCCESS"}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 200 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		resp := &http.Response{
			StatusCode: status,
			Header:     http.Header{"Content-Type": {"application/json"}, "Retry-After": {string(body[:min(len(body), 12)])}},
			Body:       io.NopCloser(bytes.NewReader(body)),
		}
		st := &callState{method: "DELETE", path: "/apiops/projects/p/credentials/u/jwk/validation/", attempts: 1}
		var results resultDecoder
		if status%2 == 1 {
			results = func(dec *json.Decoder) error { _, err := decodeList[JWK](dec); return err }
		}
		env, err := decodeResponse(context.Background(), resp, st, results, nil)
		if err == nil {
			if status < 200 || status > 299 || !env.succeeded() {
				t.Fatalf("status %d decoded without error", status)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("status %d: %T is not *Error", status, err)
		}
		if len(e.Body) > maxErrorBody || e.RetryAfter < 0 {
			t.Fatalf("Body %d bytes, RetryAfter %v", len(e.Body), e.RetryAfter)
		}
		msg := e.Error()
		if len(msg) > 800 || strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("Error() is %d bytes or spans lines: %q", len(msg), msg)
		}
		if errors.Is(err, ErrServer) != (status >= 500) || errors.Is(err, ErrUnexpectedResponse) != (status < 400) {
			t.Fatalf("status %d: sentinels do not match: %v", status, err)
		}
	})
}

// FuzzPath builds a JWK path from any names: either ErrInvalidArgument
// before anything is sent, or a request line that net/http's server reads
// and whose escaped path decodes, segment by segment, into exactly the
// same names in their places.
//
// (Decoding is done here rather than by http.ServeMux: Go 1.26's mux
// answers 404 for a segment that is exactly "%2F", a quirk of the mux, not
// of the request. apinizertest inherits it; see its package doc.)
func FuzzPath(f *testing.F) {
	for _, seed := range [][3]string{
		{"MyProject", "api-user", "my-jwk"}, {"My Project", "a/b", "k?#"}, {"..", ".", ""},
		{"%2F", "%", "a%zzb"}, {"ü", "\x00", "\xff"}, {"a;b", "c,d", "e=f&g"}, {"..%2F", "./", "/.."}, {"0", "0", "/"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	c, err := NewClient("https://apinizer.example.com/prefix", WithToken(testToken))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, project, user, jwk string) {
		if len(project)+len(user)+len(jwk) > 512 {
			// Length adds nothing to escaping, and the fuzz engine spends
			// minutes minimizing a long input that found new coverage
			// (golang/go#48820), stalling the run.
			return
		}
		target, err := c.requestURL(ops.SetJWKValidation, []string{project, user, jwk}, "")
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("refused with %v, not ErrInvalidArgument", err)
			}
			return
		}
		if want := len(target) - len(c.origin) - len(c.basePath) - len(ops.SetJWKValidation.Path) + len("{projectName}{username}{jwkName}"); want !=
			len(url.PathEscape(project))+len(url.PathEscape(user))+len(url.PathEscape(jwk)) {
			t.Fatalf("%q: the escaped names differ in length from url.PathEscape's", target)
		}
		// What the client would put on the wire, read by net/http's server.
		req, err := http.NewRequest(http.MethodPut, target, nil)
		if err != nil {
			t.Fatalf("accepted names give an unparsable URL: %v", err)
		}
		wire := "PUT " + req.URL.RequestURI() + " HTTP/1.1\r\nHost: apinizer.example.com\r\n\r\n"
		sreq, err := http.ReadRequest(bufio.NewReader(strings.NewReader(wire)))
		if err != nil {
			t.Fatalf("server cannot read %q: %v", wire, err)
		}
		segs := strings.Split(sreq.URL.EscapedPath(), "/")
		want := []string{"", "prefix", "apiops", "projects", project, "credentials", user, "jwk", "validation", jwk, ""}
		if len(segs) != len(want) {
			t.Fatalf("sent %q: %d segments, want %d", sreq.URL.EscapedPath(), len(segs), len(want))
		}
		for i, seg := range segs {
			got, err := url.PathUnescape(seg)
			if err != nil || got != want[i] {
				t.Fatalf("sent %q: segment %d decodes to %q (%v), want %q", sreq.URL.EscapedPath(), i, got, err, want[i])
			}
		}
	})
}

// FuzzBaseURL: NewClient either refuses a base URL with one of its errors
// or resolves it to an http(s) URL ending in /apiops/ with no userinfo,
// query or fragment, which resolves to itself again.
func FuzzBaseURL(f *testing.F) {
	for _, s := range []string{
		"https://demo.apinizer.com", "https://demo.apinizer.com/apiops/", "http://localhost:8080",
		"https://h/prefix/apiops//", "demo.apinizer.com", "https://u:p@h", "https://h/?q#f", "http://10.0.0.1",
		"https://h/a/../b", "https://h/%2e%2e/", "HTTPS://H:443", "https://[::1]:8443/x", "https://h/apiops/apiops",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, base string) {
		c, err := NewClient(base, WithToken(testToken))
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) && !errors.Is(err, ErrInsecureBaseURL) {
				t.Fatalf("%q refused with %v", base, err)
			}
			return
		}
		resolved := c.origin + c.basePath
		u, err := url.Parse(resolved)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
			u.RawQuery != "" || u.Fragment != "" || !strings.HasSuffix(u.EscapedPath(), "/apiops/") {
			t.Fatalf("%q resolved to %q", base, resolved)
		}
		again, err := NewClient(resolved, WithToken(testToken))
		if err != nil || again.origin+again.basePath != resolved {
			t.Fatalf("%q resolved to %q, which resolves to %v, %v", base, resolved, again, err)
		}
	})
}
