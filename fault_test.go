package apinizer

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestFaults breaks the connection in each way a proxy or a dying server
// can, and checks what the SDK returns, that it returns within the
// context's deadline, and whether it retried. Run with -v for the table.
func TestFaults(t *testing.T) {
	ok := fixture(t, "2025/deployment_success.json")
	half := ok[:len(ok)/2]
	type outcome struct {
		desc  string
		check func(resp *DeploymentResponse, err error) bool
	}
	var (
		success    = outcome{"success", func(r *DeploymentResponse, err error) bool { return err == nil && r.Success }}
		transport  = outcome{"wrapped *url.Error", func(_ *DeploymentResponse, err error) bool { return isTransport(err) }}
		unexpected = outcome{"*Error ErrUnexpectedResponse", func(_ *DeploymentResponse, err error) bool { return errors.Is(err, ErrUnexpectedResponse) }}
		brokenOff  = outcome{"ErrUnexpectedResponse, read error wrapped", func(_ *DeploymentResponse, err error) bool {
			return errors.Is(err, ErrUnexpectedResponse) && strings.Contains(err.Error(), "may have been saved")
		}}
		deadline    = outcome{"context.DeadlineExceeded", func(_ *DeploymentResponse, err error) bool { return errors.Is(err, context.DeadlineExceeded) }}
		serverError = outcome{"*Error ErrServer", func(_ *DeploymentResponse, err error) bool { return errors.Is(err, ErrServer) }}
	)
	okAnswer := func(conn net.Conn) bool { return writeResponse(conn, 200, "application/json", "", ok) }
	tests := []struct {
		name     string
		answer   func(s *rawServer, n int32, conn net.Conn) bool // n counts requests from 1
		timeout  time.Duration
		want     outcome
		requests int32
	}{
		{"reset before status line, every time", func(_ *rawServer, _ int32, c net.Conn) bool { return reset(c) }, 0, transport, 3},
		{"reset before status line, once", func(_ *rawServer, n int32, c net.Conn) bool {
			if n == 1 {
				return reset(c)
			}
			return okAnswer(c)
		}, 0, success, 2},
		{"reset after 200 headers", func(_ *rawServer, _ int32, c net.Conn) bool {
			_ = writeHead(c, len(ok))
			return reset(c)
		}, 0, brokenOff, 1},
		{"reset mid-body", func(_ *rawServer, _ int32, c net.Conn) bool {
			_ = writeHead(c, len(ok))
			_, _ = c.Write(half)
			return reset(c)
		}, 0, brokenOff, 1},
		{"truncated JSON, correct Content-Length", func(_ *rawServer, _ int32, c net.Conn) bool {
			return writeResponse(c, 200, "application/json", "", half)
		}, 0, unexpected, 1},
		{"truncated JSON, Content-Length too long", func(_ *rawServer, _ int32, c net.Conn) bool {
			_ = writeHead(c, len(ok))
			_, _ = c.Write(half)
			return false // close: the body ends early
		}, 0, brokenOff, 1},
		{"body byte by byte, 1ms apart", func(s *rawServer, _ int32, c net.Conn) bool {
			return s.dribble(c, ok, time.Millisecond)
		}, 0, success, 1},
		{"body byte by byte past the deadline", func(s *rawServer, _ int32, c net.Conn) bool {
			return s.dribble(c, ok, 5*time.Millisecond)
		}, 300 * time.Millisecond, deadline, 1},
		{"garbage status line", func(_ *rawServer, _ int32, c net.Conn) bool {
			_, _ = io.WriteString(c, "HTTP/1.1 two hundred\r\n\r\n")
			return false
		}, 0, transport, 3},
		{"accept, read, never answer", func(_ *rawServer, _ int32, c net.Conn) bool { return silence(c) }, 300 * time.Millisecond, deadline, 1},
		{"503 whose body breaks off, every time", func(_ *rawServer, _ int32, c net.Conn) bool {
			_, _ = io.WriteString(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\n{\"error\":")
			return reset(c)
		}, 0, serverError, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s *rawServer
			s = newRawServer(t, func(conn net.Conn, _ *http.Request) bool {
				return tt.answer(s, s.requests.Load(), conn)
			})
			c, err := NewClient(s.url(), WithToken(testToken), WithRetryMax(2), WithRetryWait(time.Millisecond, 5*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 10 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			var resp *DeploymentResponse
			start := time.Now()
			returnsWithin(t, timeout+5*time.Second, func() {
				resp, err = c.RemoveJWKValidation(ctx, "MyProject", "api-user")
			})
			elapsed := time.Since(start)
			if !tt.want.check(resp, err) {
				t.Errorf("got %v, %v; want %s", resp, err, tt.want.desc)
			}
			if err != nil && resp != nil {
				t.Errorf("an error came with a response")
			}
			if got := s.requests.Load(); got != tt.requests {
				t.Errorf("server read %d requests, want %d", got, tt.requests)
			}
			if tt.timeout > 0 && elapsed > tt.timeout+time.Second {
				t.Errorf("returned %v after a %v deadline", elapsed, tt.timeout)
			}
			t.Logf("FAULT | %-42s | %-42s | %3d attempts | %v", tt.name, tt.want.desc, s.requests.Load(), elapsed.Round(time.Millisecond))
		})
	}
}

// TestRetriedRemoveAfterLostAnswerShowsAttempts is the non-idempotency
// case: the first attempt removes the JWK but its answer is lost before
// any byte arrives, so the retry answers 400. Attempts tells the caller
// that an earlier attempt may have done the work.
func TestRetriedRemoveAfterLostAnswerShowsAttempts(t *testing.T) {
	assigned := true
	s := newRawServer(t, func(conn net.Conn, _ *http.Request) bool {
		if assigned {
			assigned = false   // the change is saved...
			return reset(conn) // ...and the answer lost
		}
		return writeResponse(conn, 400, "application/json", "", fixture(t, "2025/error_not_assigned.json"))
	})
	c, err := NewClient(s.url(), WithToken(testToken), WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 400 || e.Attempts != 2 {
		t.Fatalf("got %v; want a 400 *Error with Attempts 2", err)
	}
	if !strings.Contains(err.Error(), "after 2 attempts") {
		t.Errorf("Error() %q does not show the attempts", err)
	}
}
