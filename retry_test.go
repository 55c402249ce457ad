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

// retryWaits returns the waits of the Warn records, in order.
func (l *logRecords) retryWaits(t *testing.T) []time.Duration {
	var waits []time.Duration
	for _, r := range l.records(t) {
		if r["level"] == "WARN" {
			waits = append(waits, time.Duration(r["wait"].(float64)))
		}
	}
	return waits
}

// waitCatcher is a slog.Handler that notes the wait of the first retry
// and then cancels the call, so a wait of seconds is checked, not slept.
type waitCatcher struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	waits  []time.Duration
}

func (w *waitCatcher) Enabled(context.Context, slog.Level) bool { return true }
func (w *waitCatcher) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w *waitCatcher) WithGroup(string) slog.Handler            { return w }
func (w *waitCatcher) Handle(_ context.Context, r slog.Record) error {
	if r.Level != slog.LevelWarn {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "wait" {
			w.mu.Lock()
			w.waits = append(w.waits, a.Value.Duration())
			w.mu.Unlock()
		}
		return true
	})
	w.cancel()
	return nil
}

// TestRetryAfterIsHonouredUpToTheMaxWait checks the wait the client
// chooses, as it announces it, and cancels the call there: no test sleeps
// for the seconds a Retry-After asks for. The HTTP date is made inside its
// subtest, just before the call, so its remaining wait is known.
func TestRetryAfterIsHonouredUpToTheMaxWait(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		hdr      func() map[string]string
		body     string
		min, max time.Duration // bounds of the announced wait
	}{
		{"header seconds", 503, func() map[string]string { return map[string]string{"Retry-After": "7"} }, transientBody, 7 * time.Second, 7 * time.Second},
		{"header HTTP date", 429, func() map[string]string {
			return map[string]string{"Retry-After": time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)}
		}, transientBody, 3 * time.Second, 5 * time.Second},
		{"body retry_after", 429, nil, `{"error":"rate_limit_exceeded","retry_after":4}`, 4 * time.Second, 4 * time.Second},
		{"body retry_after as string", 429, nil, `{"error":"rate_limit_exceeded","retry_after":"0.05"}`, 50 * time.Millisecond, 50 * time.Millisecond},
		{"header wins over body", 429, func() map[string]string { return map[string]string{"Retry-After": "2"} }, `{"error":"rate_limit_exceeded","retry_after":6}`, 2 * time.Second, 2 * time.Second},
		{"negative header is no wait", 503, func() map[string]string { return map[string]string{"Retry-After": "-5"} }, transientBody, 0, 10 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			catcher := &waitCatcher{cancel: cancel}
			c, mux := setup(t, WithRetryWait(time.Millisecond, 10*time.Second), WithLogger(slog.New(catcher)))
			var hdr map[string]string
			if tt.hdr != nil {
				hdr = tt.hdr()
			}
			h, count := failThenServe(t, 1, tt.status, hdr, tt.body)
			mux.HandleFunc("DELETE "+removePath, h)
			var err error
			returnsWithin(t, 2*time.Second, func() { _, err = c.RemoveJWKValidation(ctx, "MyProject", "api-user") })
			var e *Error
			if !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.StatusCode != tt.status {
				t.Fatalf("got %v; want the call cancelled at its wait, with the %d", err, tt.status)
			}
			catcher.mu.Lock()
			defer catcher.mu.Unlock()
			if count.Load() != 1 || len(catcher.waits) != 1 {
				t.Fatalf("%d attempts, waits %v; want 1 attempt, 1 announced wait", count.Load(), catcher.waits)
			}
			if w := catcher.waits[0]; w < tt.min || w > tt.max {
				t.Errorf("announced a wait of %v, want between %v and %v", w, tt.min, tt.max)
			}
		})
	}
}

// TestRetryAfterIsWaited: the announced wait is slept before the retry
// (50 ms here, so the test stays fast).
func TestRetryAfterIsWaited(t *testing.T) {
	c, mux := setup(t, WithRetryWait(time.Millisecond, 10*time.Second))
	h, count := failThenServe(t, 1, 429, nil, `{"error":"rate_limit_exceeded","retry_after":0.05}`)
	mux.HandleFunc("DELETE "+removePath, h)
	start := time.Now()
	if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil || count.Load() != 2 {
		t.Fatalf("%v after %d attempts", err, count.Load())
	}
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("the call took %v, shorter than the 50ms the server asked for", elapsed)
	}
}

func TestRetryAfterLongerThanMaxWaitFailsAtOnce(t *testing.T) {
	tests := []struct {
		status int
		hdr    map[string]string
		body   string
		want   error
		after  time.Duration
	}{
		{429, map[string]string{"Retry-After": "120"}, transientBody, ErrRateLimited, 120 * time.Second},
		{503, map[string]string{"Retry-After": "3600"}, transientBody, ErrServer, time.Hour},
		{429, nil, `{"error":"rate_limit_exceeded","retry_after":60}`, ErrRateLimited, time.Minute},
		{429, map[string]string{"Retry-After": "99999999999999999999"}, transientBody, ErrRateLimited, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status, tt.hdr, tt.body), func(t *testing.T) {
			c, mux := setup(t, WithRetryWait(time.Millisecond, 2*time.Second))
			h, count := failThenServe(t, 100, tt.status, tt.hdr, tt.body)
			mux.HandleFunc("DELETE "+removePath, h)
			_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tt.want) {
				t.Fatalf("got %v; want *Error matching %v", err, tt.want)
			}
			if tt.after > 0 && e.RetryAfter != tt.after {
				t.Errorf("RetryAfter = %v, want %v", e.RetryAfter, tt.after)
			}
			if tt.after == 0 && e.RetryAfter <= 2*time.Second {
				t.Errorf("huge Retry-After read as %v", e.RetryAfter)
			}
			if count.Load() != 1 || e.Attempts != 1 {
				t.Errorf("%d attempts; a wait over the max must not be slept and retried", count.Load())
			}
		})
	}
}

// returnsWithin fails the test if f has not returned after d: a check
// against hanging, not a timing assertion.
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
