package apinizer

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// testToken is the token every test client sends; tests check it never
// shows up where it must not.
const testToken = "s3cr3t-T0ken-never-printed"

// prefix is where setup mounts the API, so a client that forgets the base
// path (or sends an absolute path) misses every handler.
const prefix = "/proxy/prefix"

// setup starts a loopback server whose mux serves the API under prefix and
// returns a client for it with tiny retry waits, plus the mux to register
// handlers on (patterns start with "/apiops/", setup adds the prefix).
func setup(t *testing.T, opts ...Option) (*Client, *http.ServeMux) {
	t.Helper()
	mux := http.NewServeMux()
	outer := http.NewServeMux()
	outer.Handle(prefix+"/", http.StripPrefix(prefix, mux))
	outer.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside the base path: %s %s", r.Method, r.URL.EscapedPath())
		http.Error(w, "outside base path", http.StatusTeapot)
	})
	srv := httptest.NewServer(outer)
	t.Cleanup(srv.Close)
	all := append([]Option{WithToken(testToken), WithRetryWait(time.Millisecond, 4*time.Millisecond)}, opts...)
	c, err := NewClient(srv.URL+prefix, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, mux
}

// fixture returns a file of testdata/.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serveFixture answers status with testdata/name, typed by its extension.
func serveFixture(t testing.TB, status int, name string) http.HandlerFunc {
	body := fixture(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(name, ".html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

const removePath = "/apiops/projects/MyProject/credentials/api-user/jwk/validation/"

// discardLogger keeps a test server's own log (TLS handshake errors) quiet.
func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }

// removeOp is Remove JWK Validation's catalog row, for tests of the
// pipeline that need some write.
func removeOp() *ops.Op { return ops.RemoveJWKValidation }
