package apinizertest_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// The tests of this file each reproduce a defect of the fake found by the
// second hostile round against v0.2; each failed before its fix.

// Names the Client sends correctly escaped used to get "No endpoint": the
// fake matched the decoded, cleaned path.
func TestEveryNameTheClientAcceptsRoundTrips(t *testing.T) {
	names := []string{"../x", "x/..", "a//b", "x/", "./x", "a/./b", "/", "//", "a/../b", "%2F", "...", "x%y", "?", "#frag"}
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		for _, name := range names {
			s := apinizertest.NewServer(apinizertest.WithDialect(d))
			s.AddProject(name)
			s.AddCredential(name, name)
			s.AddJWK(name, name)
			c := s.Client()
			if _, err := c.SetJWKValidation(context.Background(), name, name, name); err != nil {
				t.Errorf("%q: %v", name, err)
			}
			if got, _ := s.Assigned(name, name, apinizertest.UseValidation); got != name {
				t.Errorf("%q: assigned %q", name, got)
			}
			if j, err := c.GetJWK(context.Background(), name, name); err != nil || j.Name != name {
				t.Errorf("%q: GetJWK: %v, %v", name, j, err)
			}
			s.Close()
		}
	})
}

// A client that stalled mid-way through a request body used to block
// every other client: the lock was held while the body was read.
func TestAStalledRequestBodyBlocksNoOne(t *testing.T) {
	s := seeded(t, apinizertest.Dialect2025)
	u, _ := url.Parse(s.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /apiops/projects/MyProject/credentials/ HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\":", u.Host, s.Token())
	time.Sleep(50 * time.Millisecond) // the stalled body has reached the server
	done := make(chan error, 1)
	go func() {
		_, err := s.Client().ListCredentials(context.Background(), "MyProject", nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a call waited behind a client stalled mid-body")
	}
}

// LoadSeed used to accept a document followed by garbage or a second one.
func TestLoadSeedRefusesWhatFollowsTheDocument(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{"{\"projects\": []}\n\ngarbage", "seed line 3: something follows the document"},
		{"{\"projects\": []}\n{\"projects\": [{\"name\": \"P\"}]}", "seed line 2: something follows the document"},
		{"{}]", "seed line 1: something follows the document"},
	} {
		s := apinizertest.NewServer()
		err := s.LoadSeed(strings.NewReader(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v; want %q", tt.doc, err, tt.want)
		}
		s.Close()
	}
}

// Credential, Access and AddCredentialFrom used to hand out (or keep) the
// fake's own slices and times.
func TestReadBackAndSeedingCopy(t *testing.T) {
	s := seeded(t, apinizertest.Dialect2026)
	expiry := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	req := apinizer.CredentialRequest{Username: "copy", Email: "e", FullName: "f", Password: "p",
		RoleNames: []string{"A"}, IPList: []string{"10.0.0.1"}, ExpireDate: &expiry,
		Metadata: []apinizer.CredentialMetadata{{Key: "k", Value: "v"}}}
	s.AddCredentialFrom("MyProject", req)
	expiry = expiry.AddDate(1, 0, 0) // the caller's copy changes after seeding
	req.RoleNames[0] = "changed"
	got, _ := s.Credential("MyProject", "copy")
	if got.ExpireDate.Year() != 2030 || got.RoleNames[0] != "A" {
		t.Fatalf("seeding kept the caller's values: %+v", got)
	}
	got.RoleNames[0], got.IPList[0], got.Metadata[0].Key = "x", "x", "x"
	*got.ExpireDate = time.Time{}
	again, _ := s.Credential("MyProject", "copy")
	if again.RoleNames[0] != "A" || again.IPList[0] != "10.0.0.1" || again.Metadata[0].Key != "k" || again.ExpireDate.Year() != 2030 {
		t.Errorf("changing what Credential returned changed the fake: %+v", again)
	}
	grant := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
	s.AddAPIProxy("MyProject", "MyAPI")
	s.AddAccess("MyProject", "copy", apinizer.Access{Name: "MyAPI", Type: apinizer.AccessAPIProxy, ExpireTime: &grant})
	grant = grant.AddDate(1, 0, 0)
	access := s.Access("MyProject", "copy")
	*access[0].ExpireTime = time.Time{}
	access[0].Name = "x"
	if again := s.Access("MyProject", "copy"); again[0].Name != "MyAPI" || again[0].ExpireTime.Year() != 2031 {
		t.Errorf("the fake's grants changed from outside: %+v", again)
	}
}

// The five Parse JWK pages' cURL examples used to get "No endpoint".
func TestParseJWKRoutesServeTheVendorExamples(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddCertificate("MyProject", "my-certificate")
		s.AddKey("MyProject", "my-key")
		s.AddKeystore("MyProject", "my-keystore")
		for _, ex := range []struct{ from, source, body string }{
			{"url", "URL", `{"name": "jwk-url", "description": "JWK from URL", "url": "https://example.com/.well-known/jwks.json"}`},
			{"clipboard", "COPY_PASTE", `{"name": "jwk-clip", "description": "JWK from clipboard", "jwkStr": "{\"kty\":\"RSA\",\"n\":\"...\",\"e\":\"AQAB\"}"}`},
			{"certificate", "CERTIFICATE", `{"name": "jwk-cert", "certificateName": "my-certificate", "environmentName": "production", "useType": "SIGNATURE", "algorithm": "RS256"}`},
			{"key", "PUBLIC_KEY", `{"name": "jwk-key", "keyName": "my-key", "environmentName": "production", "useType": "SIGNATURE", "algorithm": "RS256"}`},
			{"keystore", "KEYSTORE", `{"name": "jwk-ks", "keyStoreName": "my-keystore", "environmentName": "production", "aliasName": "my-alias", "useType": "SIGNATURE", "algorithm": "RS256"}`},
		} {
			a := send(t, s, "POST", "/apiops/projects/MyProject/jwks/parse-from-"+ex.from, s.Token(), ex.body)
			if a.status != 200 || a.body["success"] != true || a.body["deploymentResult"] == nil {
				t.Errorf("parse-from-%s: %d %v", ex.from, a.status, a.body)
			}
			name := strings.SplitN(strings.SplitN(ex.body, `"name": "`, 2)[1], `"`, 2)[0]
			if j, ok := s.JWK("MyProject", name); !ok || string(j.SourceType) != ex.source {
				t.Errorf("parse-from-%s: stored %+v", ex.from, j)
			}
			if a := send(t, s, "POST", "/apiops/projects/MyProject/jwks/parse-from-"+ex.from, s.Token(), ex.body); a.status != 400 ||
				!strings.Contains(a.text, "is already exist!") {
				t.Errorf("parse-from-%s twice: %d %v", ex.from, a.status, a.body)
			}
		}
		a := send(t, s, "POST", "/apiops/projects/MyProject/jwks/parse-from-certificate", s.Token(),
			`{"name": "x", "certificateName": "none", "environmentName": "production", "useType": "SIGNATURE", "algorithm": "RS256"}`)
		if a.status != 400 || a.text != "Certificate (name: none) is not found!" {
			t.Errorf("unknown certificate: %d %v", a.status, a.body)
		}
		// With a "/" the path is jwks/{jwkName}/, which takes no POST.
		a = send(t, s, "POST", "/apiops/projects/MyProject/jwks/parse-from-url/", s.Token(), `{"name": "y", "url": "https://x"}`)
		if (a.status != 404 && a.status != 405) || !strings.Contains(a.text, "did you mean /apiops/projects/MyProject/jwks/parse-from-url?") {
			t.Errorf("with a trailing slash: %d %v", a.status, a.body)
		}
	})
}
