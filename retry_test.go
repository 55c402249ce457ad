package apinizer

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// failThenServe answers the first n requests with status (and headers and
// body), then the documented success, counting every request.
func failThenServe(t *testing.T, n int, status int, hdr map[string]string, body string) (http.HandlerFunc, *atomic.Int32) {
	var count atomic.Int32
	ok := serveFixture(t, http.StatusOK, "2025/deployment_success.json")
	return func(w http.ResponseWriter, r *http.Request) {
		if int(count.Add(1)) > n {
			ok(w, r)
			return
		}
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}, &count
}

const transientBody = `{"error":"server_error","error_description":"try again"}`

func TestRetriesTransientStatusesThenSucceeds(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			c, mux := setup(t)
			h, count := failThenServe(t, 3, status, nil, transientBody)
			mux.HandleFunc("DELETE "+removePath, h)
			resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			if err != nil || !resp.Success {
				t.Fatalf("after 3 failures and the default 3 retries: %v, %v", resp, err)
			}
			if count.Load() != 4 {
				t.Errorf("%d attempts, want 4", count.Load())
			}
		})
	}
}

func TestDoesNotRetryOtherStatuses(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 405, 409, 422, 501, 505} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			c, mux := setup(t)
			h, count := failThenServe(t, 1, status, nil, `{"error":"x","error_description":"no"}`)
			mux.HandleFunc("DELETE "+removePath, h)
			_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != status || e.Attempts != 1 {
				t.Fatalf("got %v; want one attempt answered %d", err, status)
			}
			if count.Load() != 1 {
				t.Errorf("%d attempts, want 1", count.Load())
			}
		})
	}
}

func TestGivesUpAfterRetryMaxAndDecodesTheLastAnswer(t *testing.T) {
	for _, max := range []int{0, 1, 2} {
		t.Run(fmt.Sprint(max), func(t *testing.T) {
			c, mux := setup(t, WithRetryMax(max))
			h, count := failThenServe(t, 100, 503, nil, transientBody)
			mux.HandleFunc("DELETE "+removePath, h)
			resp, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			var e *Error
			if resp != nil || !errors.As(err, &e) || !errors.Is(err, ErrServer) {
				t.Fatalf("got %v, %v; want *Error for 503", resp, err)
			}
			if e.Attempts != max+1 || int(count.Load()) != max+1 {
				t.Errorf("Attempts = %d, server saw %d; want %d", e.Attempts, count.Load(), max+1)
			}
			if e.Code != "server_error" || e.Description != "try again" {
				t.Errorf("last answer not decoded: %+v", e)
			}
			if strings.Contains(err.Error(), "giving up") {
				t.Errorf("retryablehttp's message replaced the answer: %v", err)
			}
		})
	}
}

// logRecords captures a client's log records.
type logRecords struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logRecords) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logRecords) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (l *logRecords) records(t *testing.T) []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func returnsWithin(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not return within %v", d)
	}
}

// onWarn is a slog.Handler that calls f at each Warn record: the client
// logs one just before it waits to retry.
type onWarn func()

func (onWarn) Enabled(context.Context, slog.Level) bool { return true }
func (f onWarn) Handle(_ context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn {
		f()
	}
	return nil
}
func (f onWarn) WithAttrs([]slog.Attr) slog.Handler { return f }
func (f onWarn) WithGroup(string) slog.Handler      { return f }

func TestCancellingDuringAWaitReturnsAtOnceWithTheLastAnswer(t *testing.T) {
	for _, cause := range []error{context.Canceled, context.DeadlineExceeded} {
		t.Run(cause.Error(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			atWait := cancel
			if cause == context.DeadlineExceeded {
				ctx, cancel = context.WithTimeout(context.Background(), 500*time.Millisecond)
				atWait = func() {}
			}
			defer cancel()
			c, mux := setup(t, WithRetryWait(time.Millisecond, time.Minute), WithLogger(slog.New(onWarn(atWait))))
			h, count := failThenServe(t, 100, 503, map[string]string{"Retry-After": "30"}, transientBody)
			mux.HandleFunc("DELETE "+removePath, h)
			var err error
			returnsWithin(t, 10*time.Second, func() {
				_, err = c.RemoveJWKValidation(ctx, "MyProject", "api-user")
			})
			if !errors.Is(err, cause) {
				t.Errorf("error %v does not match %v", err, cause)
			}
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 503 || e.RetryAfter != 30*time.Second {
				t.Errorf("errors.As does not find the last attempt's *Error in %v", err)
			}
			if count.Load() != 1 {
				t.Errorf("%d attempts, want 1", count.Load())
			}
		})
	}
}

func TestCancelledBeforeTheCallSendsNothing(t *testing.T) {
	c, mux := setup(t)
	h, count := failThenServe(t, 0, 200, nil, "")
	mux.HandleFunc("DELETE "+removePath, h)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user")
	var ue *url.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ue) {
		t.Errorf("got %v; want a wrapped *url.Error matching context.Canceled", err)
	}
	if count.Load() != 0 {
		t.Errorf("%d requests sent with a cancelled context", count.Load())
	}
}

func TestBackoffDoublesWithJitterUpToMax(t *testing.T) {
	min, max := 100*time.Millisecond, 700*time.Millisecond
	for attempt, want := range []time.Duration{100, 200, 400, 700, 700} {
		want *= time.Millisecond
		for range 50 {
			got := backoff(min, max, attempt+1)
			if got < want/2 || got > want {
				t.Fatalf("attempt %d: backoff %v outside [%v, %v]", attempt+1, got, want/2, want)
			}
		}
	}
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[backoff(min, max, 3)] = true
	}
	if len(seen) < 10 {
		t.Errorf("backoff is not jittered: %d distinct waits in 50", len(seen))
	}
	if backoff(0, 0, 5) != 0 {
		t.Error("zero bounds must give zero waits")
	}
}

func TestLoggerRecordsAttemptsAndRetriesWithoutSecrets(t *testing.T) {
	var logs logRecords
	c, mux := setup(t, WithLogger(logs.logger()))
	h, _ := failThenServe(t, 1, 503, nil, transientBody)
	mux.HandleFunc("DELETE "+removePath, h)
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatal(err)
	}
	recs := logs.records(t)
	var levels []string
	for _, r := range recs {
		levels = append(levels, r["level"].(string))
	}
	if fmt.Sprint(levels) != "[DEBUG WARN DEBUG]" {
		t.Fatalf("levels %v, want one Debug per attempt and a Warn before the retry", levels)
	}
	first, warn, second := recs[0], recs[1], recs[2]
	if first["method"] != "DELETE" || first["path"] != prefix+removePath || first["status"] != 503.0 || first["attempt"] != 1.0 {
		t.Errorf("first attempt record %v", first)
	}
	if _, ok := first["duration"]; !ok {
		t.Errorf("attempt record has no duration: %v", first)
	}
	if second["status"] != 200.0 || second["attempt"] != 2.0 {
		t.Errorf("second attempt record %v", second)
	}
	if _, ok := warn["wait"]; !ok || !strings.Contains(fmt.Sprint(warn["reason"]), "503") {
		t.Errorf("retry record %v lacks wait or reason", warn)
	}
	if strings.Contains(logs.buf.String(), testToken) || strings.Contains(strings.ToLower(logs.buf.String()), "authorization") {
		t.Errorf("logs hold the token or headers:\n%s", logs.buf.String())
	}
}

func TestSilentByDefault(t *testing.T) {
	c, err := NewClient("https://demo.apinizer.com", WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if c.retry.Logger != nil || c.logger != nil || c.retry.RequestLogHook != nil {
		t.Error("a client without WithLogger has a logger: retryablehttp's default prints to stderr")
	}
}

func TestPerAttemptTimeoutIsRetried(t *testing.T) {
	release := make(chan struct{})
	var count atomic.Int32
	ok := serveFixture(t, http.StatusOK, "2025/deployment_success.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		ok(w, r)
	}))
	defer srv.Close()
	defer close(release)
	c, err := NewClient(srv.URL, WithToken(testToken), WithRetryWait(time.Millisecond, time.Millisecond),
		WithHTTPClient(&http.Client{Timeout: 100 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatalf("a timed-out first attempt was not retried: %v", err)
	}
	if count.Load() != 2 {
		t.Errorf("%d attempts, want 2", count.Load())
	}
}

func TestRetryableErrors(t *testing.T) {
	wrap := func(err error) error { return &url.Error{Op: "Delete", URL: "https://h/apiops/", Err: err} }
	tests := []struct {
		err  error
		want bool
	}{
		{wrap(errors.New("read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer")), true},
		{wrap(io.ErrUnexpectedEOF), true},
		{wrap(errors.New(`net/http: HTTP/1.x transport connection broken: malformed HTTP status code "x"`)), true},
		{wrap(x509.UnknownAuthorityError{}), false},
		{wrap(x509.HostnameError{Host: "h"}), false},
		{wrap(x509.CertificateInvalidError{Reason: x509.Expired}), false},
		{wrap(&tls.CertificateVerificationError{Err: errors.New("bad")}), false},
		{wrap(errors.New(`unsupported protocol scheme "ftp"`)), false},
		{wrap(errors.New("http: no Host in request URL")), false},
		{wrap(errors.New(`net/http: invalid header field value for "Authorization"`)), false},
		{wrap(url.InvalidHostError("%")), false},
	}
	for _, tt := range tests {
		if got := retryableError(tt.err); got != tt.want {
			t.Errorf("retryableError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
