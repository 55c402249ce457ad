package apinizer

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// uploads is a handler that answers the first fail requests 503, then
// status with body, keeping each request's raw body and Content-Type.
type uploads struct {
	mu     sync.Mutex
	bodies [][]byte
	types  []string
	fail   int
	body   []byte
}

func (u *uploads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	u.mu.Lock()
	u.bodies, u.types = append(u.bodies, b), append(u.types, r.Header.Get("Content-Type"))
	n := len(u.bodies)
	u.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if n <= u.fail {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"error":"server_error","error_description":"busy"}`)
		return
	}
	_, _ = w.Write(u.body)
}

// parts reads a multipart body into its parts: name → content, and the
// file part's file name.
func parts(t *testing.T, contentType string, body []byte) (map[string]string, string) {
	t.Helper()
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	out, filename := map[string]string{}, ""
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, filename
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		out[p.FormName()] = string(b)
		if p.FileName() != "" {
			filename = p.FileName()
		}
	}
}

// nonSeeker hides a reader's Seek, so the upload must buffer it.
type nonSeeker struct{ io.Reader }

// An upload retried after a 503 sends the identical bytes, streamed from
// a seekable file (from where it stood) or buffered once from any reader.
func TestRetriedUploadsSendTheIdenticalBytes(t *testing.T) {
	zip := bytes.Repeat([]byte("PK\x03\x04 zip bytes "), 4096) // 72 KiB
	cases := []struct {
		name    string
		content func() io.Reader
	}{
		{"seeker", func() io.Reader { return bytes.NewReader(zip) }},
		{"seeker at an offset", func() io.Reader {
			r := bytes.NewReader(append([]byte("skip me"), zip...))
			_, _ = r.Seek(7, io.SeekStart)
			return r
		}},
		{"plain reader", func() io.Reader { return nonSeeker{bytes.NewReader(zip)} }},
	}
	for _, tt := range cases {
		c, mux := setup(t)
		u := &uploads{fail: 2, body: fixture(t, "2025/deployment_success.json")}
		mux.Handle("PUT /apiops/projects/P/apiProxies/petstore-api/import/", u)
		_, err := c.ImportAPIProxyOverride(context.Background(), "P", "petstore-api", File{Name: "petstore-api.zip", Content: tt.content()},
			&ImportOverrideOptions{DeployTo: []string{"production"}, EnvironmentMapping: map[string]string{"UAT": "production"}})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(u.bodies) != 3 || !bytes.Equal(u.bodies[0], u.bodies[1]) || !bytes.Equal(u.bodies[1], u.bodies[2]) || u.types[0] != u.types[2] {
			t.Fatalf("%s: %d attempts; the bodies differ", tt.name, len(u.bodies))
		}
		got, filename := parts(t, u.types[2], u.bodies[2])
		if got["apiProxyExportFile"] != string(zip) || filename != "petstore-api.zip" ||
			!jsonEqual([]byte(got["metadata"]), []byte(`{"deploy":true,"deployTargetEnvironmentNameList":["production"]}`)) ||
			got["environmentMapping"] != `{"UAT":"production"}` {
			t.Errorf("%s: parts %v (file %q, %d bytes)", tt.name, keys(got), filename, len(got["apiProxyExportFile"]))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A file the caller cannot give, or that is larger than the buffer allows,
// is refused before anything is sent.
func TestUploadsAreCheckedBeforeSending(t *testing.T) {
	c, seen := mockAnswer(t, 200, []byte(`{"status":"SUCCESS"}`))
	small, err := NewClient("https://demo.apinizer.com", WithToken(testToken), WithMaxUploadSize(10), WithHTTPClient(c.http))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		c       *Client
		archive File
		want    string
	}{
		{c, File{Name: "x.zip"}, "archive.Content"},
		{c, File{Content: strings.NewReader("PK")}, "archive.Name"},
		{c, File{Name: "x.tar", Content: strings.NewReader("PK")}, "does not end in .zip"},
		{c, File{Name: "x\r\nX-Evil: 1.zip", Content: strings.NewReader("PK")}, "control character"},
		{small, File{Name: "x.zip", Content: nonSeeker{strings.NewReader("PK 11 bytes")}}, "more than 10 bytes"},
	} {
		_, err := tt.c.ImportAPIProxy(context.Background(), "P", tt.archive, nil)
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v; want ErrInvalidArgument naming %q", tt.archive.Name, err, tt.want)
		}
	}
	if len(*seen) != 0 {
		t.Errorf("%d requests sent", len(*seen))
	}
	// A seekable file is streamed, whatever its size.
	if _, err := small.ImportAPIProxy(context.Background(), "P", File{Name: "X.ZIP", Content: strings.NewReader("PK 11 bytes")}, nil); err != nil {
		t.Errorf("a seekable file over the buffer limit: %v", err)
	}
}

// A download that breaks off fails and says how much was written.
func TestACutDownloadFailsAndSaysHowMuchWasWritten(t *testing.T) {
	srv := newRawServer(t, func(conn net.Conn, _ *http.Request) bool {
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"+
			"Content-Disposition: attachment; filename=\"petstore-api.zip\"\r\nContent-Length: 1000\r\n\r\n")
		_, _ = conn.Write(bytes.Repeat([]byte("z"), 300))
		return reset(conn)
	})
	c, err := NewClient(srv.url(), WithToken(testToken), WithRetryMax(0))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	dl, err := c.ExportAPIProxy(context.Background(), "P", "petstore-api", &buf, nil)
	if !errors.Is(err, ErrUnexpectedResponse) || !strings.Contains(err.Error(), "after 300 bytes written") {
		t.Errorf("got %v; want ErrUnexpectedResponse saying 300 bytes were written", err)
	}
	if dl == nil || dl.Size != 300 || buf.Len() != 300 || dl.Filename != "petstore-api.zip" {
		t.Errorf("download %+v, %d bytes in the writer", dl, buf.Len())
	}
}

// Downloads: the file name from Content-Disposition (its base name only),
// error answers and JSON where a file was expected write nothing.
func TestDownloads(t *testing.T) {
	zip := fixture(t, "2025/deployment_success.json") // any bytes will do
	cases := []struct {
		name, contentType, disposition string
		status                         int
		body                           []byte
		wantName                       string
		wantErr                        error
	}{
		{"a file", "application/octet-stream", `attachment; filename="apiProxyExportFile.zip"`, 200, zip, "apiProxyExportFile.zip", nil},
		{"no content type", "", `attachment; filename*=UTF-8''p%C3%BCtstore.zip`, 200, []byte("PK\x03\x04..."), "pütstore.zip", nil},
		{"a name that climbs", "application/zip", `attachment; filename="../../etc/passwd"`, 200, zip, "passwd", nil},
		{"a windows path", "application/zip", `attachment; filename="C:\\Users\\x.zip"`, 200, zip, "x.zip", nil},
		{"no disposition", "application/zip", "", 200, zip, "", nil},
		{"an error", "application/json", "", 400, []byte(`{"error":"bad_request","error_description":"ApiProxy (name: MyAPI) was not found!"}`), "", ErrAPIProxyNotFound},
		{"a 200 failure", "application/json", "", 200, []byte(`{"status":"FAILURE","resultMessage":"Export package could not be encrypted."}`), "", ErrUnexpectedResponse},
		{"a 200 JSON success", "application/json", "", 200, []byte(`{"status":"SUCCESS"}`), "", ErrUnexpectedResponse},
		{"unlabelled JSON", "", "", 200, []byte(` {"status":"FAILURE","resultMessage":"nope"}`), "", ErrUnexpectedResponse},
	}
	for _, tt := range cases {
		c, mux := setup(t, WithRetryMax(0))
		mux.HandleFunc("GET /apiops/projects/P/apiProxies/MyAPI/export/", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = []string{tt.contentType}
			if tt.disposition != "" {
				w.Header().Set("Content-Disposition", tt.disposition)
			}
			w.WriteHeader(tt.status)
			_, _ = w.Write(tt.body)
		})
		var buf bytes.Buffer
		dl, err := c.ExportAPIProxy(context.Background(), "P", "MyAPI", &buf, nil)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) || buf.Len() != 0 {
				t.Errorf("%s: %v, %d bytes written; want %v and nothing written", tt.name, err, buf.Len(), tt.wantErr)
			}
			continue
		}
		if err != nil || dl.Filename != tt.wantName || dl.Size != int64(len(tt.body)) || !bytes.Equal(buf.Bytes(), tt.body) {
			t.Errorf("%s: %+v, %v; want %q and the %d bytes", tt.name, dl, err, tt.wantName, len(tt.body))
		}
	}
}

// The passphrase goes only into its header, Base64-encoded, and never into
// an error, a log record or fmt output, even when the server quotes it.
func TestThePassphraseNeverShows(t *testing.T) {
	const pass = "my-pa55phrase-never-shown"
	encoded := base64.StdEncoding.EncodeToString([]byte(pass))
	var got string
	c, mux := setup(t, WithRetryMax(1))
	var logs bytes.Buffer
	c.logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mux.HandleFunc("GET /apiops/projects/P/apiProxies/MyAPI/export/", func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("X-Apinizer-Package-Passphrase")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", got)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"status":"FAILURE","resultMessage":"Export package could not be encrypted with %s (%s)."}`, pass, got)
	})
	opts := &ExportOptions{Encrypt: true, Passphrase: pass}
	_, err := c.ExportAPIProxy(context.Background(), "P", "MyAPI", io.Discard, opts)
	var e *Error
	if !errors.As(err, &e) || got != encoded {
		t.Fatalf("%v; header %q, want %q", err, got, encoded)
	}
	out := fmt.Sprintf("%v %+v %#v %s %v %+v %#v %s %q %x", err, err, e, e.Body, e.Header, opts, opts, opts, opts, opts) + logs.String()
	for _, form := range []string{pass, encoded} {
		if strings.Contains(out, form) {
			t.Errorf("%q shows in: %s", form, out)
		}
	}
	if _, err := c.ExportAPIProxy(context.Background(), "P", "MyAPI", io.Discard, &ExportOptions{Encrypt: true}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Encrypt without a passphrase: %v", err)
	}
}
