package apinizer

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// countingServer answers the documented success, or the documented
// credential-not-found 400 for usernames starting with "missing", and
// counts the connections it accepts.
func countingServer(t *testing.T) (*httptest.Server, *connCounter) {
	ok := fixture(t, "2025/deployment_success.json")
	bad := fixture(t, "2025/error_credential.json")
	conns := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(r.URL.Path, "/credentials/missing") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(bad)
			return
		}
		_, _ = w.Write(ok)
	}))
	srv.Config.ConnState = conns.track
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, conns
}

// connCounter counts the connections a server accepts, and the most that
// were open at once.
type connCounter struct {
	mu                 sync.Mutex
	opened, open, peak int
}

func (c *connCounter) track(_ net.Conn, s http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch s {
	case http.StateNew:
		c.opened++
		c.open++
		c.peak = max(c.peak, c.open)
	case http.StateClosed, http.StateHijacked:
		c.open--
	}
}

func (c *connCounter) counts() (opened, peak int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, c.peak
}

func TestThousandSequentialCallsUseOneConnection(t *testing.T) {
	srv, conns := countingServer(t)
	c, err := NewClient(srv.URL, WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		user := "api-user"
		if i%2 == 1 {
			user = "missing-user"
		}
		_, err := c.RemoveJWKValidation(context.Background(), "MyProject", user)
		if (i%2 == 1) != errors.Is(err, ErrCredentialNotFound) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if got, _ := conns.counts(); got != 1 {
		t.Errorf("1,000 sequential calls, half of them 400s, opened %d connections; want 1", got)
	}
}

// TestParallelCallsOpenBoundedConnections: 64 goroutines on one Client,
// with the transport settings of its default client, never open more
// connections than the 64 in use plus the idle ones the transport may
// keep. Connections are counted where they are dialed and closed, on the
// client's side, so the count does not lag.
func TestParallelCallsOpenBoundedConnections(t *testing.T) {
	srv, _ := countingServer(t)
	def, err := NewClient(srv.URL, WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	transport := def.http.Transport.(*http.Transport).Clone()
	conns := &connCounter{}
	dialer := &net.Dialer{}
	transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		conns.track(conn, http.StateNew)
		return &countedConn{Conn: conn, counter: conns}, nil
	}
	defer transport.CloseIdleConnections()
	c, err := NewClient(srv.URL, WithToken(testToken), WithHTTPClient(&http.Client{Transport: transport}))
	if err != nil {
		t.Fatal(err)
	}
	const workers, calls = 64, 30
	var wg sync.WaitGroup
	var failed atomic.Int32
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				user := "api-user"
				if (w+i)%2 == 1 {
					user = "missing-user"
				}
				if _, err := c.RemoveJWKValidation(context.Background(), "MyProject", user); (user == "api-user") != (err == nil) {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.Errorf("%d calls had the wrong outcome", failed.Load())
	}
	maxIdle := transport.MaxIdleConnsPerHost
	opened, peak := conns.counts()
	if opened > maxIdle+workers {
		t.Errorf("%d goroutines opened %d connections; want at most MaxIdleConnsPerHost+%d = %d", workers, opened, workers, maxIdle+workers)
	}
	t.Logf("%d calls from %d goroutines: %d connections opened, at most %d open at once (MaxIdleConnsPerHost %d)",
		workers*calls, workers, opened, peak, maxIdle)
}

// countedConn tells its counter when it is closed.
type countedConn struct {
	net.Conn
	counter *connCounter
	once    sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.counter.track(c.Conn, http.StateClosed) })
	return c.Conn.Close()
}
