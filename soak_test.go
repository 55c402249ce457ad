package apinizer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// soakFault is what the soak server does with every attempt of one call;
// the call's username names it, so each call's expected outcome is known.
type soakFault struct {
	name string
	want func(resp *DeploymentResponse, err error) bool
}

func soakFaults(ok []byte) (map[string]soakFault, map[string]func(s *rawServer, conn net.Conn, attempt int) bool) {
	partial := []byte(`{"success":true,"deploymentResult":{"success":false,"message":"m","environmentResults":[` +
		`{"environmentName":"production","success":true,"message":"ok"},{"environmentName":"staging","success":false,"message":"down"}]}}`)
	html := []byte("<html><body><h1>502 Bad Gateway</h1></body></html>")
	isSuccess := func(r *DeploymentResponse, err error) bool {
		return err == nil && r.Success && len(r.DeploymentResult.EnvironmentResults) == 2
	}
	is := func(target error) func(*DeploymentResponse, error) bool {
		return func(r *DeploymentResponse, err error) bool { return r == nil && errors.Is(err, target) }
	}
	okAnswer := func(_ *rawServer, c net.Conn, _ int) bool { return writeResponse(c, 200, "application/json", "", ok) }
	answers := map[string]func(s *rawServer, conn net.Conn, attempt int) bool{
		"ok": okAnswer,
		"partial": func(_ *rawServer, c net.Conn, _ int) bool {
			return writeResponse(c, 200, "application/json", "", partial)
		},
		"reset-once": func(s *rawServer, c net.Conn, attempt int) bool {
			if attempt == 1 {
				return reset(c)
			}
			return okAnswer(s, c, attempt)
		},
		"reset-always": func(_ *rawServer, c net.Conn, _ int) bool { return reset(c) },
		"503-once": func(s *rawServer, c net.Conn, attempt int) bool {
			if attempt == 1 {
				return writeResponse(c, 503, "application/json", "Retry-After: 0\r\n", []byte(`{"error":"server_error"}`))
			}
			return okAnswer(s, c, attempt)
		},
		"429-long": func(_ *rawServer, c net.Conn, _ int) bool {
			return writeResponse(c, 429, "application/json", "Retry-After: 30\r\n", []byte(`{"error":"rate_limit_exceeded"}`))
		},
		"500-always": func(_ *rawServer, c net.Conn, _ int) bool {
			return writeResponse(c, 500, "application/json", "", []byte(`{"error":"internal_error","error_description":"boom"}`))
		},
		"html-502": func(_ *rawServer, c net.Conn, _ int) bool { return writeResponse(c, 502, "text/html", "", html) },
		"slow": func(s *rawServer, c net.Conn, _ int) bool {
			if writeHead(c, len(ok)) != nil {
				return false
			}
			time.Sleep(2 * time.Millisecond)
			_, err := c.Write(ok)
			return err == nil
		},
		"reset-mid-body": func(_ *rawServer, c net.Conn, _ int) bool {
			_ = writeHead(c, len(ok))
			_, _ = c.Write(ok[:len(ok)/2])
			return reset(c)
		},
		"truncated-json": func(_ *rawServer, c net.Conn, _ int) bool {
			return writeResponse(c, 200, "application/json", "", ok[:len(ok)/2])
		},
		"garbage-status": func(_ *rawServer, c net.Conn, _ int) bool {
			_, _ = io.WriteString(c, "HTTP/1.1 ??? nope\r\n\r\n")
			return false
		},
		"hang": func(_ *rawServer, c net.Conn, _ int) bool { return silence(c) },
	}
	wants := map[string]soakFault{
		"ok":             {"ok", isSuccess},
		"partial":        {"partial", func(r *DeploymentResponse, err error) bool { return r != nil && errors.Is(err, ErrDeploymentFailed) }},
		"reset-once":     {"reset-once", isSuccess},
		"reset-always":   {"reset-always", func(r *DeploymentResponse, err error) bool { return r == nil && isTransport(err) }},
		"503-once":       {"503-once", isSuccess},
		"429-long":       {"429-long", is(ErrRateLimited)},
		"500-always":     {"500-always", is(ErrServer)},
		"html-502":       {"html-502", is(ErrServer)},
		"slow":           {"slow", isSuccess},
		"reset-mid-body": {"reset-mid-body", is(ErrUnexpectedResponse)},
		"truncated-json": {"truncated-json", is(ErrUnexpectedResponse)},
		"garbage-status": {"garbage-status", func(r *DeploymentResponse, err error) bool { return r == nil && isTransport(err) }},
		"hang":           {"hang", is(context.DeadlineExceeded)},
	}
	return wants, answers
}

// TestSoak runs 5,000 calls from 32 goroutines against a server that
// injects a random fault into each call, and checks that every call ends
// with the outcome its fault implies, that connections stay bounded and
// that no goroutine is left behind.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test skipped with -short")
	}
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	wants, answers := soakFaults(fixture(t, "2025/deployment_success.json"))
	names := make([]string, 0, len(wants))
	for name := range wants {
		if name != "ok" {
			names = append(names, name)
		}
	}
	var attemptsMu sync.Mutex
	attempts := map[string]int{}
	var s *rawServer
	s = newRawServer(t, func(conn net.Conn, req *http.Request) bool {
		user := strings.Split(req.URL.Path, "/")[5] // /apiops/projects/P/credentials/<user>/...
		attemptsMu.Lock()
		attempts[user]++
		n := attempts[user]
		attemptsMu.Unlock()
		return answers[strings.SplitN(user, ".", 2)[0]](s, conn, n)
	})
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 16
	c, err := NewClient(s.url(), WithToken(testToken), WithRetryMax(2), WithRetryWait(time.Millisecond, 3*time.Millisecond),
		WithHTTPClient(&http.Client{Transport: transport}))
	if err != nil {
		t.Fatal(err)
	}

	const calls, workers = 5000, 32
	var next atomic.Int32
	counts := make([]map[string]int, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		counts[w] = map[string]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for {
				i := next.Add(1)
				if i > calls {
					return
				}
				fault := "ok"
				if rng.IntN(2) == 0 { // half the calls meet a fault
					fault = names[rng.IntN(len(names))]
				}
				counts[w][fault]++
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				if fault == "hang" {
					ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
				}
				resp, err := c.RemoveJWKValidation(ctx, "P", fmt.Sprintf("%s.%d", fault, i))
				cancel()
				if !wants[fault].want(resp, err) {
					t.Errorf("call %d, fault %s: got %v, %v", i, fault, resp, err)
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(120 * time.Second):
		t.Fatal("soak calls did not all end within 120s")
	}
	elapsed := time.Since(start)
	total := map[string]int{}
	for _, m := range counts {
		for k, v := range m {
			total[k] += v
		}
	}
	// Each worker holds at most one connection in use; the pool keeps at
	// most MaxIdleConnsPerHost idle; closing connections linger briefly.
	if max := s.maxOpen.Load(); max > workers+int32(transport.MaxIdleConnsPerHost)+workers {
		t.Errorf("%d connections open at once", max)
	}
	t.Logf("soak: %d calls in %v; %d requests on %d connections (at most %d open at once); faults %v",
		calls, elapsed.Round(time.Millisecond), s.requests.Load(), s.conns.Load(), s.maxOpen.Load(), total)
	transport.CloseIdleConnections()
	s.close()
}
