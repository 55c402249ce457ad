package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer/apinizertest"
)

// vendorExample is one cURL example of the vendor's pages, as
// testdata/vendor-examples.json holds it: the request the example sends
// (files from testdata/uploads), and what it must get from the fake
// seeded with testdata/seed.json (200 unless Expect says otherwise, with
// the reason in Note).
type vendorExample struct {
	Site, Page, Method, Path, Query string
	Headers                         map[string]string
	Body                            *string
	Form                            []struct{ Name, Value, File, Type string }
	Expect                          int
	Note                            string
}

// TestTheVendorsExamplesAgainstTheSeededFake replays every cURL example
// of the vendor's pages in scope, each against a fresh fake in its
// page's dialect, seeded with the example seed, with the token the
// examples write: each gets its documented success (or the documented
// error its note names).
func TestTheVendorsExamplesAgainstTheSeededFake(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "vendor-examples.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []vendorExample
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	for i, ex := range examples {
		dialect := apinizertest.Dialect2026
		if ex.Site == "2025" {
			dialect = apinizertest.Dialect2025
		}
		srv := apinizertest.NewServer(apinizertest.WithDialect(dialect))
		if err := srv.LoadSeed(bytes.NewReader(seed)); err != nil {
			t.Fatal(err)
		}
		status, body, ct := replay(t, srv.URL(), ex)
		srv.Close()
		want := ex.Expect
		if want == 0 {
			want = http.StatusOK
		}
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		ok := status == want && (want != http.StatusOK || ct == "application/octet-stream" ||
			m["success"] == true || m["status"] == "SUCCESS" || m["name"] != nil || m["endpoint"] != nil ||
			reflect.DeepEqual(m["result"], map[string]any{"success": true}))
		if !ok {
			t.Errorf("example %d (%s, %s): %s %s: %d %s; want %d", i, ex.Site, ex.Page, ex.Method, ex.Path, status, clipBody(body), want)
		}
	}
}

// replay sends one example, as curl would.
func replay(t *testing.T, base string, ex vendorExample) (int, []byte, string) {
	t.Helper()
	var body io.Reader
	contentType := ex.Headers["Content-Type"]
	switch {
	case ex.Form != nil:
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for _, f := range ex.Form {
			if f.File == "" {
				h := textproto.MIMEHeader{"Content-Disposition": {`form-data; name="` + f.Name + `"`}}
				if f.Type != "" {
					h.Set("Content-Type", f.Type)
				}
				pw, _ := w.CreatePart(h)
				_, _ = io.WriteString(pw, f.Value)
				continue
			}
			data, err := os.ReadFile(filepath.Join("testdata", "uploads", f.File))
			if err != nil {
				t.Fatal(err)
			}
			pw, _ := w.CreateFormFile(f.Name, f.File)
			_, _ = pw.Write(data)
		}
		_ = w.Close()
		body, contentType = &buf, w.FormDataContentType()
	case ex.Body != nil:
		body = strings.NewReader(*ex.Body)
	}
	target := base + ex.Path
	if ex.Query != "" {
		target += "?" + ex.Query
	}
	req, err := http.NewRequest(ex.Method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer YOUR_TOKEN")
	for k, v := range ex.Headers {
		req.Header.Set(k, v)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header.Get("Content-Type")
}

func clipBody(b []byte) string {
	if len(b) > 300 {
		b = b[:300]
	}
	return string(b)
}
