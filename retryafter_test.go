package apinizer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"
)

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
