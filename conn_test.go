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
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	ok := fixture(t, "deployment_success.json")
	bad := fixture(t, "error_400_credential.json")
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(r.URL.Path, "/credentials/missing") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(bad)
			return
		}
		_, _ = w.Write(ok)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
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
	if got := conns.Load(); got != 1 {
		t.Errorf("1,000 sequential calls, half of them 400s, opened %d connections; want 1", got)
	}
}

func TestParallelCallsOpenBoundedConnections(t *testing.T) {
	srv, conns := countingServer(t)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 8
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
	if got, limit := conns.Load(), int32(transport.MaxIdleConnsPerHost+workers); got > limit {
		t.Errorf("%d goroutines opened %d connections; want at most MaxIdleConnsPerHost+%d = %d", workers, got, workers, limit)
	}
}
