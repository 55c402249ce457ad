package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer"
)

// TestMain runs the program itself when the test binary is started as
// the fake (by TestTheProgram), and the tests otherwise.
func TestMain(m *testing.M) {
	if os.Getenv("APINIZER_FAKE_CHILD") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	goleak.VerifyTestMain(m)
}

// TestTheProgram starts the fake as a process on a free loopback port with
// the example seed, drives it with the real client and with requests
// shaped like the vendor's cURL examples, and stops it with SIGTERM.
func TestTheProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	for _, dialect := range []string{"2025", "2026"} {
		t.Run(dialect, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-addr", "127.0.0.1:0", "-seed", filepath.Join("testdata", "seed.json"), "-dialect", dialect, "-v")
			cmd.Env = append(os.Environ(), "APINIZER_FAKE_CHILD=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			defer func() {
				_ = cmd.Process.Kill() // if the test failed before the signal
				<-done
			}()
			lines := bufio.NewScanner(stdout)
			vars := map[string]string{}
			for len(vars) < 2 && lines.Scan() {
				k, v, _ := strings.Cut(lines.Text(), "=")
				vars[k] = v
			}
			go func() { _, _ = io.Copy(io.Discard, stdout); done <- cmd.Wait() }()
			base, token := vars["APINIZER_URL"], vars["APINIZER_TOKEN"]
			if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/apiops") || token == "" {
				t.Fatalf("printed %v (stderr %q)", vars, stderr.String())
			}

			// The real client, with the printed URL and token.
			c, err := apinizer.NewClient(base, apinizer.WithToken(token))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user"); err != nil {
				t.Fatal(err)
			}
			creds, err := c.ListCredentials(ctx, "MyProject", nil)
			if err != nil || len(creds) != 1 || creds[0].FullName != "John Doe" {
				t.Fatalf("credentials %+v, %v", creds, err)
			}

			// The vendor's cURL examples, with the token they write.
			curl := func(method, path, body string) (int, map[string]any) {
				req, _ := http.NewRequest(method, strings.TrimSuffix(base, "/apiops")+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer YOUR_TOKEN")
				if body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var m map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&m)
				return resp.StatusCode, m
			}
			ok := func(m map[string]any) bool { return m["success"] == true || m["status"] == "SUCCESS" }
			for _, ex := range []struct{ method, path, body string }{
				{"DELETE", "/apiops/projects/MyProject/credentials/api-user/jwk/encryption/", ""},
				{"PUT", "/apiops/projects/MyProject/credentials/api-user/jwk/validation/my-jwk/", ""},
				{"PUT", "/apiops/projects/MyProject/credentials/api-user/access/", `{"credentialAccessList":[{"name":"MyAPI","type":"API_PROXY","expireTime":"2024-12-31T23:59:59.000Z"}]}`},
				{"GET", "/apiops/projects/MyProject/credentials/api-user/access/", ""},
				{"POST", "/apiops/projects/MyProject/jwks/generate", `{"name":"generated-jwk","type":"RSA","rsa":{"keySize":2048}}`},
				{"GET", "/apiops/projects/MyProject/jwks/", ""},
				{"GET", "/apiops/projects/", ""},
				{"GET", "/apiops/projects/MyProject/environments/", ""},
				{"GET", "/apiops/environments/MyProject", ""},
				{"POST", "/apiops/projects/MyProject/jwks/parse-from-clipboard", `{"name": "clip-jwk", "description": "JWK from clipboard", "jwkStr": "{\"kty\":\"RSA\",\"n\":\"...\",\"e\":\"AQAB\"}"}`},
				{"POST", "/apiops/projects/MyProject/jwks/parse-from-certificate", `{"name": "cert-jwk", "certificateName": "my-certificate", "environmentName": "production", "useType": "SIGNATURE", "algorithm": "RS256"}`},
			} {
				if status, m := curl(ex.method, ex.path, ex.body); status != 200 || !ok(m) {
					t.Errorf("%s %s: %d %v", ex.method, ex.path, status, m)
				}
			}
			if status, m := curl("DELETE", "/apiops/projects/MyProject/credentials/api-user/jwk/encryption/", ""); status != 400 {
				t.Errorf("removing from the emptied slot: %d %v", status, m)
			}

			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				done <- err
				if err != nil {
					t.Errorf("after SIGTERM: %v (stderr %q)", err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("still running 10 s after SIGTERM")
			}
			log := stderr.String()
			if !strings.Contains(log, "method=DELETE path=/apiops/projects/MyProject/credentials/api-user/jwk/validation/ status=200") ||
				strings.Contains(log, token) || strings.Contains(log, "YOUR_TOKEN") {
				t.Errorf("request log:\n%s", log)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"not JSON", []string{"-seed", write("broken.json", "{\n  \"projects\": [\n    {\"name\": \"P\",,}\n  ]\n}\n")}, "seed line 3: not valid JSON"},
		{"unknown permission", []string{"-seed", write("perm.json", "{\n\"tokens\": [\n {\"token\": \"t\",\n  \"permissions\": [\"MANAGE\", \"ROOT\"]}\n]\n}")},
			`seed line 4: tokens[0].permissions[1]: unknown permission "ROOT"`},
		{"JWK that does not exist", []string{"-seed", write("jwk.json", `{"projects": [{"name": "P",
  "credentials": [{"username": "u",
    "jwk": {"validation": "nope"}}]}]}`)}, `seed line 3: projects[0].credentials[0].jwk.validation: JWK "nope" is not in project "P" or admin`},
		{"unknown field", []string{"-seed", write("field.json", "{\"projects\": [{\"name\": \"P\",\n \"colour\": \"red\"}]}")}, `seed line 2: json: unknown field "colour"`},
		{"wrong type", []string{"-seed", write("type.json", "{\"projects\": [{\"name\": \"P\",\n \"environments\": \"prod\"}]}")}, "seed line 2: projects.environments: want []string"},
		{"missing file", []string{"-seed", filepath.Join(dir, "none.json")}, "no such file"},
		{"trailing garbage", []string{"-seed", write("trailing.json", "{\"projects\": []}\n</seed>\n")}, "seed line 2: something follows the document"},
		{"two documents", []string{"-seed", write("two.json", "{}\n{}\n")}, "seed line 2: something follows the document"},
		{"not loopback", []string{"-addr", "0.0.0.0:0"}, "not a loopback address; add -listen-any"},
		{"all interfaces", []string{"-addr", ":0"}, "not a loopback address"},
		{"bad dialect", []string{"-dialect", "2024"}, `-dialect "2024": want 2025 or 2026`},
		{"bad flag", []string{"-nope"}, "flag provided but not defined"},
	}
	for _, tt := range cases {
		var out, errOut bytes.Buffer
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // a run that got past its checks returns at once
		args := append([]string{"-addr", "127.0.0.1:0"}, tt.args...)
		if code := run(ctx, args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.name, code, errOut.String(), tt.want)
		}
		if out.Len() != 0 {
			t.Errorf("%s: printed %q before refusing", tt.name, out.String())
		}
	}
}

func TestRunWithAFixedToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errOut bytes.Buffer
	done := make(chan int)
	go func() {
		code := run(ctx, []string{"-addr", "127.0.0.1:0", "-token", "my-ci-token", "-listen-any"}, pw, &errOut)
		pw.Close()
		done <- code
	}()
	lines := bufio.NewScanner(pr)
	var printed []string
	for len(printed) < 2 && lines.Scan() {
		printed = append(printed, lines.Text())
	}
	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if code := <-done; code != 0 || len(printed) != 2 || printed[1] != "APINIZER_TOKEN=my-ci-token" {
		t.Errorf("exit %d, printed %q, stderr %q", code, printed, errOut.String())
	}
}
