package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"testing"
	"time"
)

// The benchmarks compare each SDK call with the least a hand-written
// caller could do for the same round trip: net/http with the same headers
// and encoding/json into the same types. Sub-benchmarks are named
// impl=sdk and impl=baseline so that `benchstat -col /impl` puts them side
// by side. See BENCHMARKS.md for how they are run.

// benchServer serves body at every path.
func benchServer(b *testing.B, body []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// runImpls runs the SDK's and the baseline's sub-benchmarks, the SDK's
// first unless APINIZER_BENCH_BASELINE_FIRST is set: whichever runs first
// in a process pays for the process's warm-up, so BENCHMARKS.md's method
// alternates the order from round to round.
func runImpls(b *testing.B, sdk, baseline func(*testing.B)) {
	names, fns := [2]string{"impl=sdk", "impl=baseline"}, [2]func(*testing.B){sdk, baseline}
	if os.Getenv("APINIZER_BENCH_BASELINE_FIRST") != "" {
		names[0], names[1], fns[0], fns[1] = names[1], names[0], fns[1], fns[0]
	}
	for i := range names {
		b.Run(names[i], fns[i])
	}
}

// benchTransport is the transport both sides use: the SDK's default one.
func benchTransport() *http.Transport { return newTransport() }

// baselineCall is the hand-written round trip: request, headers, send,
// decode, drain, close.
func baselineCall(ctx context.Context, hc *http.Client, method, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "apinizer-go/"+Version)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

func benchClient(b *testing.B, srv *httptest.Server) (*Client, *http.Client) {
	hc := &http.Client{Transport: benchTransport(), Timeout: 30 * time.Second}
	c, err := NewClient(srv.URL, WithToken(testToken), WithHTTPClient(&http.Client{Transport: benchTransport(), Timeout: 30 * time.Second}))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		hc.CloseIdleConnections()
		c.http.CloseIdleConnections()
	})
	return c, hc
}

// benchRemoveJWKValidation runs one sequential Remove JWK Validation per
// op through the SDK's client c and by hand through hc to url.
func benchRemoveJWKValidation(b *testing.B, c *Client, hc *http.Client, url string) {
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user"); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := baselineCall(ctx, hc, http.MethodDelete, url, new(DeploymentResponse)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRemoveJWKValidation(b *testing.B) {
	srv := benchServer(b, fixture(b, "2025/deployment_success.json"))
	c, hc := benchClient(b, srv)
	url := srv.URL + "/apiops/projects/MyProject/credentials/api-user/jwk/validation/"
	benchRemoveJWKValidation(b, c, hc, url)
}

func BenchmarkRemoveJWKValidationParallel(b *testing.B) {
	srv := benchServer(b, fixture(b, "2025/deployment_success.json"))
	c, hc := benchClient(b, srv)
	url := srv.URL + "/apiops/projects/MyProject/credentials/api-user/jwk/validation/"
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user"); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}, func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := baselineCall(ctx, hc, http.MethodDelete, url, new(DeploymentResponse)); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// cannedTransport answers every request with body, without a network:
// what is left to time is the client side alone.
type cannedTransport struct{ body []byte }

func (t cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(t.body)),
		Body:          io.NopCloser(bytes.NewReader(t.body)),
		Request:       req,
	}, nil
}

// BenchmarkRemoveJWKValidationInMemory is the round trip without the
// loopback connection and the server, whose scheduling noise is larger
// than the difference measured: only the client side of each is timed.
func BenchmarkRemoveJWKValidationInMemory(b *testing.B) {
	rt := cannedTransport{fixture(b, "2025/deployment_success.json")}
	const base = "http://127.0.0.1:1"
	c, err := NewClient(base, WithToken(testToken), WithHTTPClient(&http.Client{Transport: rt, Timeout: 30 * time.Second}))
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: rt, Timeout: 30 * time.Second}
	url := base + "/apiops/projects/MyProject/credentials/api-user/jwk/validation/"
	benchRemoveJWKValidation(b, c, hc, url)
}

// credentialsBody is a List Credentials answer with n credentials.
func credentialsBody(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"success":true,"resultList":[`)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"email":"user%d@example.com","fullName":"User Number %d","description":"API user credential %d",`+
			`"username":"api-user-%d","password":null,"roleNameList":["API_USER","DEVELOPER"],"enabled":true,`+
			`"ipList":["192.168.1.100","10.0.0.0/8"],"expireDate":"2024-12-31T23:59:59.000Z"}`, i, i, i, i)
	}
	buf.WriteString(`]}`)
	return buf.Bytes()
}

func BenchmarkListCredentials10k(b *testing.B) {
	body := credentialsBody(10000)
	srv := benchServer(b, body)
	c, hc := benchClient(b, srv)
	url := srv.URL + "/apiops/projects/MyProject/credentials/"
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		defer reportAllocPerBodyByte(b, len(body))()
		for b.Loop() {
			creds, err := c.ListCredentials(ctx, "MyProject", nil)
			if err != nil || len(creds) != 10000 {
				b.Fatal(len(creds), err)
			}
		}
	}, func(b *testing.B) {
		defer reportAllocPerBodyByte(b, len(body))()
		for b.Loop() {
			var list struct {
				Success    bool         `json:"success"`
				ResultList []Credential `json:"resultList"`
			}
			if err := baselineCall(ctx, hc, http.MethodGet, url, &list); err != nil || len(list.ResultList) != 10000 {
				b.Fatal(err)
			}
		}
	})
}

// reportAllocPerBodyByte reports the bytes allocated per op for each byte
// of the body ("alloc/body"). The memory an op holds at its peak is at most
// what it allocated, so a value of 2 or less bounds the peak by twice the
// body size.
func reportAllocPerBodyByte(b *testing.B, bodySize int) func() {
	b.ReportAllocs()
	b.SetBytes(int64(bodySize))
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	return func() {
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		perOp := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N)
		b.ReportMetric(perOp/float64(bodySize), "alloc/body")
	}
}
