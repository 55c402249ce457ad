package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// The API-proxy benchmarks: a 64 MiB export (download), a 64 MiB import
// (multipart upload of a seekable file) and a deploy, each beside the least
// a hand-written net/http caller would do, as in bench_test.go. Everything
// large is built inside the benchmark functions, never at package init, so
// `go test` without -bench allocates none of it.
//
// The servers run in this process, so B/op counts their allocations too.
// They are kept small and the same for every request: the archive is built
// once and written with one Write, the headers are prebuilt, an upload is
// read into io.Discard (whose buffers are pooled). Both sides pay the same
// server, so the difference between them is the client's alone; the
// InMemory variants have no server at all and give the client side alone.
// BENCHMARKS.md, "Results (v0.3)", has the figures.

// transferSize is the size of the archive exported and imported.
const transferSize = 64 << 20

// benchArchive is the archive's bytes: a cheap pattern, not compressible
// in any way the benchmark could notice (nothing compresses).
func benchArchive() []byte {
	buf := make([]byte, transferSize)
	copy(buf, "PK\x03\x04")
	x := uint32(2463534242)
	for i := 4; i < len(buf); i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		buf[i] = byte(x)
	}
	return buf
}

// baselineRequest is the hand-written request with the three headers every
// SDK request carries.
func baselineRequest(ctx context.Context, method, url string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "apinizer-go/"+Version)
	return req, nil
}

// exportHandler serves archive as the Manager serves an export: a ZIP as
// application/octet-stream with its name and length. The header values are
// built once and the body is written with one Write, so the server's own
// allocations per request are few and constant.
func exportHandler(archive []byte) http.Handler {
	ct := []string{"application/octet-stream"}
	cd := []string{`attachment; filename="apiProxyExportFile.zip"`}
	cl := []string{strconv.Itoa(len(archive))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Type"], h["Content-Disposition"], h["Content-Length"] = ct, cd, cl
		_, _ = w.Write(archive)
	})
}

// baselineDownload is the hand-written download: GET, check the status,
// io.Copy the body into io.Discard, close.
func baselineDownload(ctx context.Context, hc *http.Client, url string) (int64, error) {
	req, err := baselineRequest(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	return io.Copy(io.Discard, resp.Body)
}

// benchExport runs one 64 MiB ExportAPIProxy into io.Discard per op, and
// the hand-written download of the same URL.
func benchExport(b *testing.B, c *Client, hc *http.Client, url string) {
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(transferSize)
		for b.Loop() {
			dl, err := c.ExportAPIProxy(ctx, "MyProject", "MyAPI", io.Discard, nil)
			if err != nil || dl.Size != transferSize || dl.Filename != "apiProxyExportFile.zip" {
				b.Fatal(dl, err)
			}
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(transferSize)
		for b.Loop() {
			if n, err := baselineDownload(ctx, hc, url); err != nil || n != transferSize {
				b.Fatal(n, err)
			}
		}
	})
}

// BenchmarkExportAPIProxy64MiB downloads a 64 MiB export over loopback.
func BenchmarkExportAPIProxy64MiB(b *testing.B) {
	srv := httptest.NewServer(exportHandler(benchArchive()))
	b.Cleanup(srv.Close)
	c, hc := benchClient(b, srv)
	benchExport(b, c, hc, srv.URL+"/apiops/projects/MyProject/apiProxies/MyAPI/export/")
}

// downloadTransport answers every request with the archive, as
// exportHandler does, without a network: the client side alone.
type downloadTransport struct{ archive []byte }

func (t downloadTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/octet-stream"},
			"Content-Disposition": {`attachment; filename="apiProxyExportFile.zip"`}},
		ContentLength: int64(len(t.archive)),
		Body:          io.NopCloser(bytes.NewReader(t.archive)),
		Request:       req,
	}, nil
}

// BenchmarkExportAPIProxy64MiBInMemory is the export against an in-memory
// transport: the client's own allocations and time, without a server.
func BenchmarkExportAPIProxy64MiBInMemory(b *testing.B) {
	c, hc := inMemoryClients(b, downloadTransport{benchArchive()})
	benchExport(b, c, hc, "http://127.0.0.1:1/apiops/projects/MyProject/apiProxies/MyAPI/export/")
}

// inMemoryClients are an SDK client and a plain one on the transport rt.
func inMemoryClients(b *testing.B, rt http.RoundTripper) (*Client, *http.Client) {
	c, err := NewClient("http://127.0.0.1:1", WithToken(testToken), WithHTTPClient(&http.Client{Transport: rt, Timeout: 30 * time.Second}))
	if err != nil {
		b.Fatal(err)
	}
	return c, &http.Client{Transport: rt, Timeout: 30 * time.Second}
}

// importAnswer is the import's success answer (2026 dialect).
var importAnswer = []byte(`{"status":"SUCCESS"}`)

// importHandler reads an upload into io.Discard and answers
// {"status":"SUCCESS"}, or 400 when the body is shorter than the archive.
func importHandler() http.Handler {
	ct := []string{"application/json"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		w.Header()["Content-Type"] = ct
		if err != nil || n < transferSize {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = fmt.Fprintf(w, `{"error":"bad_request","error_description":"%d bytes: %v"}`, n, err)
			return
		}
		_, _ = w.Write(importAnswer)
	})
}

// benchArchiveFile writes the archive to a file in b's temporary folder
// and opens it; the 64 MiB buffer is garbage once written.
func benchArchiveFile(b *testing.B) *os.File {
	name := filepath.Join(b.TempDir(), "MyAPI.zip")
	if err := os.WriteFile(name, benchArchive(), 0o600); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}

// baselineUpload is the hand-written multipart upload: the part's head and
// the closing boundary encoded with mime/multipart, the file streamed
// between them with a Content-Length (a careful caller's choice over an
// io.Pipe, which sends chunked and costs a goroutine), the answer's
// "status" decoded.
func baselineUpload(ctx context.Context, hc *http.Client, url string, f *os.File) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", `form-data; name="apiProxyExportFile"; filename="MyAPI.zip"`)
	h.Set("Content-Type", "application/zip")
	if _, err := mw.CreatePart(h); err != nil {
		return err
	}
	headLen := buf.Len()
	if err := mw.Close(); err != nil {
		return err
	}
	head, tail := buf.Bytes()[:headLen], buf.Bytes()[headLen:]
	req, err := baselineRequest(ctx, http.MethodPost, url,
		io.MultiReader(bytes.NewReader(head), f, bytes.NewReader(tail)))
	if err != nil {
		return err
	}
	req.ContentLength = int64(len(head)) + fi.Size() + int64(len(tail))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var out struct {
		Status string `json:"status"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	if out.Status != "SUCCESS" {
		return fmt.Errorf("status %q", out.Status)
	}
	return nil
}

// benchImport runs one ImportAPIProxy of the 64 MiB file per op (rewound
// first: the SDK streams a file from where it stands), and the
// hand-written upload of the same file.
func benchImport(b *testing.B, c *Client, hc *http.Client, url string) {
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		f := benchArchiveFile(b)
		b.ReportAllocs()
		b.SetBytes(transferSize)
		for b.Loop() {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			if _, err := c.ImportAPIProxy(ctx, "MyProject", File{Name: "MyAPI.zip", Content: f}, nil); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B) {
		f := benchArchiveFile(b)
		b.ReportAllocs()
		b.SetBytes(transferSize)
		for b.Loop() {
			if err := baselineUpload(ctx, hc, url, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkImportAPIProxy64MiB uploads a 64 MiB file over loopback.
func BenchmarkImportAPIProxy64MiB(b *testing.B) {
	srv := httptest.NewServer(importHandler())
	b.Cleanup(srv.Close)
	c, hc := benchClient(b, srv)
	benchImport(b, c, hc, srv.URL+"/apiops/projects/MyProject/apiProxies/import/")
}

// uploadTransport reads each request's body into io.Discard, as
// importHandler does, and answers {"status":"SUCCESS"}: the client side
// alone, without a network (and without the transport's own copy of the
// body onto the connection).
type uploadTransport struct{}

func (uploadTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	n, err := io.Copy(io.Discard, req.Body)
	req.Body.Close()
	if err != nil || n < transferSize {
		return nil, fmt.Errorf("upload of %d bytes: %v", n, err)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(importAnswer)),
		Body:          io.NopCloser(bytes.NewReader(importAnswer)),
		Request:       req,
	}, nil
}

// BenchmarkImportAPIProxy64MiBInMemory is the import against an in-memory
// transport that reads the body: the client's own allocations and time.
func BenchmarkImportAPIProxy64MiBInMemory(b *testing.B) {
	c, hc := inMemoryClients(b, uploadTransport{})
	benchImport(b, c, hc, "http://127.0.0.1:1/apiops/projects/MyProject/apiProxies/import/")
}

// deployC is what a hand-written caller decodes a deploy's answer into:
// the members of shape C (testdata/2025/deployment_c.json) it needs.
type deployC struct {
	Success          bool `json:"success"`
	DeploymentResult struct {
		Success           bool `json:"success"`
		DeploymentResults []struct {
			EnvironmentName string `json:"environmentName"`
			Success         bool   `json:"success"`
			Message         string `json:"message"`
		} `json:"deploymentResults"`
	} `json:"deploymentResult"`
}

// baselineDeploy is the hand-written deploy: POST without a body, decode
// shape C, and check that every environment deployed.
func baselineDeploy(ctx context.Context, hc *http.Client, url string) error {
	var out deployC
	if err := baselineCall(ctx, hc, http.MethodPost, url, &out); err != nil {
		return err
	}
	if !out.Success || !out.DeploymentResult.Success {
		return fmt.Errorf("not deployed: %+v", out)
	}
	for _, e := range out.DeploymentResult.DeploymentResults {
		if !e.Success {
			return fmt.Errorf("%s: %s", e.EnvironmentName, e.Message)
		}
	}
	return nil
}

// benchDeploy runs one DeployAPIProxy (no options, so no body) per op,
// and the hand-written call, both on clients with the same timeout.
func benchDeploy(b *testing.B, c *Client, hc *http.Client, url string) {
	ctx := context.Background()
	runImpls(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.DeployAPIProxy(ctx, "MyProject", "MyAPI", "production", nil)
			if err != nil || len(resp.DeploymentResult.EnvironmentResults) != 1 {
				b.Fatal(resp, err)
			}
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := baselineDeploy(ctx, hc, url); err != nil {
				b.Fatal(err)
			}
		}
	})
}

const deployPath = "/apiops/projects/MyProject/apiProxies/MyAPI/environments/production/"

// BenchmarkDeployAPIProxy is one deploy over loopback; the server answers
// shape C.
func BenchmarkDeployAPIProxy(b *testing.B) {
	srv := benchServer(b, fixture(b, "2025/deployment_c.json"))
	c, hc := benchClient(b, srv)
	benchDeploy(b, c, hc, srv.URL+deployPath)
}

// BenchmarkDeployAPIProxyInMemory is the deploy against an in-memory
// transport that answers shape C: the client side alone.
func BenchmarkDeployAPIProxyInMemory(b *testing.B) {
	c, hc := inMemoryClients(b, cannedTransport{fixture(b, "2025/deployment_c.json")})
	benchDeploy(b, c, hc, "http://127.0.0.1:1"+deployPath)
}

// runPaired times sdk and baseline in the same loop, one call of each per
// op, the order swapped from op to op, and reports each side's time per
// call (sdk-ns/call, baseline-ns/call) and their ratio (sdk/baseline). The
// two sides see the machine's load within microseconds of each other and
// the same heap, so neither bursts of load on a shared machine nor the
// process's warm-up fall on one side only. The garbage collector's work,
// though, falls on whichever call is running, so the side that allocates
// more shares its collector cost with the other: the ratio is a lower bound
// by that share. ns/op is the two calls together.
func runPaired(b *testing.B, sdk, baseline func() error) {
	var tSDK, tBase time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		var err1, err2 error
		if n%2 == 0 {
			err1 = sdk()
		} else {
			err1 = baseline()
		}
		t1 := time.Now()
		if n%2 == 0 {
			err2 = baseline()
		} else {
			err2 = sdk()
		}
		t2 := time.Now()
		if err1 != nil || err2 != nil {
			b.Fatal(err1, err2)
		}
		if n%2 == 0 {
			tSDK, tBase = tSDK+t1.Sub(t0), tBase+t2.Sub(t1)
		} else {
			tBase, tSDK = tBase+t1.Sub(t0), tSDK+t2.Sub(t1)
		}
		n++
	}
	b.ReportMetric(float64(tSDK.Nanoseconds())/float64(n), "sdk-ns/call")
	b.ReportMetric(float64(tBase.Nanoseconds())/float64(n), "baseline-ns/call")
	b.ReportMetric(float64(tSDK)/float64(tBase), "sdk/baseline")
}

// BenchmarkPairedDeploy is DeployAPIProxy and the hand-written deploy,
// paired call by call (runPaired), over loopback and in memory.
func BenchmarkPairedDeploy(b *testing.B) {
	ctx := context.Background()
	run := func(b *testing.B, c *Client, hc *http.Client, url string) {
		b.ReportAllocs()
		runPaired(b, func() error {
			_, err := c.DeployAPIProxy(ctx, "MyProject", "MyAPI", "production", nil)
			return err
		}, func() error { return baselineDeploy(ctx, hc, url) })
	}
	body := fixture(b, "2025/deployment_c.json")
	b.Run("net=loopback", func(b *testing.B) {
		srv := benchServer(b, body)
		c, hc := benchClient(b, srv)
		run(b, c, hc, srv.URL+deployPath)
	})
	b.Run("net=memory", func(b *testing.B) {
		c, hc := inMemoryClients(b, cannedTransport{body})
		run(b, c, hc, "http://127.0.0.1:1"+deployPath)
	})
}

// BenchmarkPairedRemoveJWKValidation is the same pairing for Remove JWK
// Validation, to set the deploy's figures beside v0.2's call.
func BenchmarkPairedRemoveJWKValidation(b *testing.B) {
	ctx := context.Background()
	const path = "/apiops/projects/MyProject/credentials/api-user/jwk/validation/"
	run := func(b *testing.B, c *Client, hc *http.Client, url string) {
		b.ReportAllocs()
		runPaired(b, func() error {
			_, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user")
			return err
		}, func() error { return baselineCall(ctx, hc, http.MethodDelete, url, new(DeploymentResponse)) })
	}
	body := fixture(b, "2025/deployment_success.json")
	b.Run("net=loopback", func(b *testing.B) {
		srv := benchServer(b, body)
		c, hc := benchClient(b, srv)
		run(b, c, hc, srv.URL+path)
	})
	b.Run("net=memory", func(b *testing.B) {
		c, hc := inMemoryClients(b, cannedTransport{body})
		run(b, c, hc, "http://127.0.0.1:1"+path)
	})
}
