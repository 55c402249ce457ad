package apinizer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
)

func TestRedirectsAreNeverFollowed(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		c, mux := setup(t)
		var followed atomic.Int32
		mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://elsewhere.example.com/apiops/", status)
		})
		mux.HandleFunc("/apiops/elsewhere/", func(http.ResponseWriter, *http.Request) { followed.Add(1) })
		resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
		var e *Error
		if resp != nil || !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) || e.StatusCode != status {
			t.Fatalf("%d: got %v, %v; want *Error matching ErrUnexpectedResponse", status, resp, err)
		}
		if !strings.Contains(err.Error(), "https://elsewhere.example.com/apiops/") {
			t.Errorf("%d: error %q does not name the Location", status, err)
		}
		if e.Attempts != 1 || followed.Load() != 0 {
			t.Errorf("%d: redirect followed or retried", status)
		}
	}
}

func TestUnexpectedSuccessBodies(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		wantBody                bool
	}{
		{"html page", "text/html", "<html><body>Login</body></html>", true},
		{"malformed JSON", "application/json", `{"success": tru`, false},
		{"empty body", "application/json", "", false},
		{"JSON array", "application/json", `[1,2]`, false},
		{"success false", "application/json", `{"success": false}`, false},
		{"empty object", "application/json", `{}`, false},
		{"no content type and not JSON", "", "OK", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux := setup(t)
			mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = []string{tt.contentType}
				_, _ = io.WriteString(w, tt.body)
			})
			resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			var e *Error
			if resp != nil || !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) || e.StatusCode != 200 {
				t.Fatalf("got %v, %v; want *Error matching ErrUnexpectedResponse", resp, err)
			}
			if tt.wantBody && string(e.Body) != tt.body {
				t.Errorf("Body = %q, want the raw answer", e.Body)
			}
			for _, s := range []error{ErrBadRequest, ErrServer, ErrNotFound} {
				if errors.Is(err, s) {
					t.Errorf("a 200 matches %v", s)
				}
			}
		})
	}
}

func TestNonJSONErrorPageKeepsStatusAndBoundedBody(t *testing.T) {
	c, mux := setup(t, WithRetryMax(1))
	mux.HandleFunc("DELETE "+removePath, serveFixture(t, http.StatusBadGateway, "error_502.html"))
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrServer) || e.StatusCode != 502 || e.Attempts != 2 {
		t.Fatalf("got %v; want a retried 502 *Error", err)
	}
	if !bytes.Equal(e.Body, fixture(t, "error_502.html")) || e.Code != "" {
		t.Errorf("Body = %q, Code = %q", e.Body, e.Code)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "502") {
		t.Errorf("Error() = %q: want one line naming the status", msg)
	}
}

func TestHugeBodiesAreBounded(t *testing.T) {
	c, mux := setup(t, WithRetryMax(0))
	huge := strings.Repeat("x", 5<<20)
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"bad_request","error_description":"`+huge+`"}`)
	})
	mux.HandleFunc("PUT /apiops/projects/p/credentials/u/jwk/validation/k/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"success":true,"deploymentResult":{"message":"`)
		chunk := strings.Repeat("y", 1<<20)
		for range 40 {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
	})
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 400 {
		t.Fatalf("got %v", err)
	}
	if len(e.Body) != maxErrorBody {
		t.Errorf("Body holds %d bytes, want the first %d", len(e.Body), maxErrorBody)
	}
	if n := len(err.Error()); n > 400 {
		t.Errorf("Error() is %d bytes long", n)
	}

	_, err = c.SetJWKValidation(context.Background(), "p", "u", "k")
	if !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a 40 MiB success body: %v; want ErrUnexpectedResponse naming the bound", err)
	}
}

func TestErrorTextIsOneShortLine(t *testing.T) {
	e := &Error{StatusCode: 400, Method: "DELETE", Path: "/apiops/projects/" + strings.Repeat("p", 1000) + "/",
		Code: "bad_request", Description: strings.Repeat("long\nline ", 300), Attempts: 3}
	msg := e.Error()
	if len(msg) > 500 || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("Error() is %d bytes or spans lines: %q", len(msg), msg)
	}
	for _, part := range []string{"DELETE", "400", "bad_request", "long line", "3 attempts"} {
		if !strings.Contains(msg, part) {
			t.Errorf("Error() %q lacks %q", msg, part)
		}
	}
}

func TestBrokenSuccessBodyIsNotRetried(t *testing.T) {
	var count atomic.Int32
	c, mux := setup(t)
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"success":true,"deploymentResult":{`)
		// The handler returns with fewer bytes than announced: the server
		// closes the connection, the client sees the body break off.
	})
	resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if resp != nil || !errors.Is(err, ErrUnexpectedResponse) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v, %v; want ErrUnexpectedResponse wrapping the read error", resp, err)
	}
	if !strings.Contains(err.Error(), "may have been saved") {
		t.Errorf("error %q does not tell the caller the change may be saved", err)
	}
	if count.Load() != 1 {
		t.Errorf("%d attempts: a 2xx must never be retried", count.Load())
	}
}

func TestTransportErrorsAreRetried(t *testing.T) {
	c, mux := setup(t)
	var count atomic.Int32
	ok := serveFixture(t, http.StatusOK, "2025/deployment_success.json")
	mux.HandleFunc("DELETE "+removePath, func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) <= 2 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close() // reset before any response byte
			}
			return
		}
		ok(w, r)
	})
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatalf("two dropped connections then success: %v", err)
	}
	if count.Load() != 3 {
		t.Errorf("%d attempts, want 3", count.Load())
	}
}

func TestTransportErrorAfterRetriesIsWrapped(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: every dial is refused
	c, err := NewClient("http://"+addr, WithToken(testToken), WithRetryMax(2), WithRetryWait(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var ue *url.Error
	var e *Error
	if err == nil || errors.As(err, &e) || !errors.As(err, &ue) {
		t.Fatalf("got %v; want a wrapped transport error, not *Error", err)
	}
	if !strings.Contains(err.Error(), "3 attempts") || strings.Contains(err.Error(), testToken) {
		t.Errorf("error %q", err)
	}
}

func TestCertificateErrorsAreNotRetried(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = discardLogger()
	srv.StartTLS()
	defer srv.Close()
	c, err := NewClient(srv.URL, WithToken(testToken), WithRetryWait(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("got %v; want a certificate error", err)
	}
	if conns.Load() != 1 {
		t.Errorf("%d connections: a certificate error was retried", conns.Load())
	}
}

func TestErrorBodyThatBreaksOffIsStillAnError(t *testing.T) {
	s := newRawServer(t, func(conn net.Conn, _ *http.Request) bool {
		_, _ = io.WriteString(conn, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"error\":\"bad_")
		return reset(conn)
	})
	c, err := NewClient(s.url(), WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrBadRequest) || !strings.Contains(err.Error(), "broke off") {
		t.Fatalf("got %v; want a 400 *Error saying its body broke off", err)
	}
	if s.requests.Load() != 1 {
		t.Errorf("%d attempts: a 400 is not retried", s.requests.Load())
	}
}

// readAll gives what io.ReadAll gives, whatever the announced length says,
// and allocates no more than the body when the length is right.
func TestReadAllMatchesIOReadAll(t *testing.T) {
	body := []byte(`{"success":true,"deploymentResult":null}`)
	broken := errors.New("connection reset")
	cases := []struct {
		name string
		cl   int64
		r    func() io.Reader
	}{
		{"announced", int64(len(body)), func() io.Reader { return bytes.NewReader(body) }},
		{"unknown", -1, func() io.Reader { return bytes.NewReader(body) }},
		{"longer than announced", 5, func() io.Reader { return bytes.NewReader(body) }},
		{"shorter than announced", 100, func() io.Reader { return bytes.NewReader(body) }},
		{"empty", 0, func() io.Reader { return bytes.NewReader(nil) }},
		{"byte by byte", int64(len(body)), func() io.Reader { return iotest.OneByteReader(bytes.NewReader(body)) }},
		{"data with EOF", int64(len(body)), func() io.Reader { return iotest.DataErrReader(bytes.NewReader(body)) }},
		{"broken", int64(len(body)), func() io.Reader { return io.MultiReader(bytes.NewReader(body[:7]), iotest.ErrReader(broken)) }},
		{"huge announced", 1 << 40, func() io.Reader { return bytes.NewReader(body) }},
	}
	for _, tc := range cases {
		got, err := readAll(tc.r(), tc.cl)
		want, wantErr := io.ReadAll(tc.r())
		if !bytes.Equal(got, want) || !errors.Is(err, wantErr) && err != wantErr {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.name, got, err, want, wantErr)
		}
	}
	allocs := testing.AllocsPerRun(100, func() { _, _ = readAll(bytes.NewReader(body), int64(len(body))) })
	if allocs > 2 { // the bytes.Reader and the buffer
		t.Errorf("readAll of an announced body: %v allocations, want at most 2", allocs)
	}
}
