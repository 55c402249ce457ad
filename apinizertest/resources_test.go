package apinizertest_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

var ctx = context.Background()

func TestCredentialLifecycle(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddProject("Other")
		s.AddAPIProxy("MyProject", "MyAPI")
		c := s.Client()
		expiry := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
		req := &apinizer.CredentialRequest{Username: "svc", Email: "svc@example.com", FullName: "Service", Password: "pw-1",
			RoleNames: []string{"API_USER"}, IPList: []string{"10.0.0.0/8"}, ExpireDate: &expiry,
			Metadata: []apinizer.CredentialMetadata{{Key: "tier", Value: "gold"}, {Key: "pin", Value: "1234", Secret: true}}}
		if _, err := c.CreateCredential(ctx, "MyProject", req); err != nil {
			t.Fatal(err)
		}
		listed, err := c.ListCredentials(ctx, "MyProject", nil)
		if err != nil || len(listed) != 2 || listed[1].Username != "svc" {
			t.Fatalf("listed %+v, %v", listed, err)
		}
		got := listed[1]
		if got.Email != "svc@example.com" || !got.Enabled || !got.ExpireDate.Equal(expiry) || !slices.Equal(got.RoleNames, req.RoleNames) || !slices.Equal(got.IPList, req.IPList) {
			t.Errorf("listed %+v", got)
		}
		if wantMeta := d == apinizertest.Dialect2026; (len(got.Metadata) == 2) != wantMeta ||
			wantMeta && (got.Metadata[0].Value != "gold" || got.Metadata[1].Value != "") {
			t.Errorf("metadata %+v (a secret value must come back empty; 2025 sends none)", got.Metadata)
		}
		if pw, _ := s.Password("MyProject", "svc"); pw != "pw-1" {
			t.Errorf("password arrived as %q", pw)
		}
		// Usernames are unique across projects, with each dialect's text.
		_, err = c.CreateCredential(ctx, "Other", req)
		if !errors.Is(err, apinizer.ErrAlreadyExists) || !strings.Contains(err.Error(), per(d, "There is already a credential", "already used by another credential")) {
			t.Errorf("taken username: %v", err)
		}
		bad := *req
		bad.Email = ""
		raw, _ := json.Marshal(bad)
		if a := send(t, s, "POST", "/apiops/projects/MyProject/credentials/", s.Token(), string(raw)); a.status != 400 || a.text != "Credential email can not be empty!" {
			t.Errorf("no email: %d %v", a.status, a.body)
		}

		off := false
		upd := *req
		upd.FullName, upd.Enabled, upd.Password = "Renamed", &off, "pw-2"
		if _, err := c.UpdateCredential(ctx, "MyProject", &upd); err != nil {
			t.Fatal(err)
		}
		if cr, _ := s.Credential("MyProject", "svc"); cr.FullName != "Renamed" || cr.Enabled {
			t.Errorf("after update %+v", cr)
		}
		upd.Username = "ghost"
		if _, err := c.UpdateCredential(ctx, "MyProject", &upd); !errors.Is(err, apinizer.ErrCredentialNotFound) {
			t.Errorf("update of an unknown username: %v", err)
		}
		if _, err := c.ChangeCredentialPassword(ctx, "MyProject", "svc", "pw-3"); err != nil {
			t.Fatal(err)
		}
		if pw, _ := s.Password("MyProject", "svc"); pw != "pw-3" {
			t.Errorf("password after change %q", pw)
		}
		if a := send(t, s, "PATCH", "/apiops/projects/MyProject/credentials/svc/", s.Token(), `{"password":""}`); a.status != 400 || a.text != "Credential password can not be empty!" {
			t.Errorf("empty password: %d %v", a.status, a.body)
		}

		if _, err := c.GrantAccess(ctx, "MyProject", "svc", apinizer.Access{Name: "MyAPI", Type: apinizer.AccessAPIProxy}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DeleteCredential(ctx, "MyProject", "svc"); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.Credential("MyProject", "svc"); ok || len(s.Access("MyProject", "svc")) != 0 {
			t.Error("a deleted credential, or its grants, remain")
		}
		if _, err := c.DeleteCredential(ctx, "MyProject", "svc"); !errors.Is(err, apinizer.ErrCredentialNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
	})
}

func TestAccessGrants(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddAPIProxy("MyProject", "MyAPI")
		s.AddAPIProxy("MyProject", "PaymentAPI")
		s.AddAPIProxyGroup("MyProject", "MyAPIGroup")
		c := s.Client()
		until := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
		grants := []apinizer.Access{{Name: "MyAPI", Type: apinizer.AccessAPIProxy, ExpireTime: &until}, {Name: "MyAPIGroup", Type: apinizer.AccessAPIProxyGroup}}
		if _, err := c.GrantAccess(ctx, "MyProject", "api-user", grants...); err != nil {
			t.Fatal(err)
		}
		listed, err := c.ListAccess(ctx, "MyProject", "api-user")
		if err != nil || len(listed) != 2 || listed[0].Name != "MyAPI" || !listed[0].ExpireTime.Equal(until) || listed[1].Type != apinizer.AccessAPIProxyGroup {
			t.Fatalf("listed %+v, %v", listed, err)
		}
		_, err = c.GrantAccess(ctx, "MyProject", "api-user", apinizer.Access{Name: "PaymentAPI", Type: apinizer.AccessAPIProxy}, grants[0])
		if !errors.Is(err, apinizer.ErrAlreadyExists) || !strings.Contains(err.Error(), "Credential (username:api-user) has already access to API Proxy (name:MyAPI)!") {
			t.Errorf("granting twice: %v", err)
		}
		if len(s.Access("MyProject", "api-user")) != 2 {
			t.Error("a refused grant list was partly applied")
		}
		_, err = c.GrantAccess(ctx, "MyProject", "api-user", apinizer.Access{Name: "NoSuchAPI", Type: apinizer.AccessAPIProxy})
		var e *apinizer.Error
		if !errors.As(err, &e) || e.StatusCode != 400 || e.Description != "API Proxy (name:NoSuchAPI) is not found or user does not have privilege to access it!" {
			t.Errorf("an API proxy that was not added: %v", err)
		}
		if a := send(t, s, "PUT", "/apiops/projects/MyProject/credentials/api-user/access/", s.Token(), `{"credentialAccessList":[{"type":"API_PROXY"}]}`); a.text != "Credential access object name can not be empty!" {
			t.Errorf("no name: %v", a.body)
		}
		if a := send(t, s, "PUT", "/apiops/projects/MyProject/credentials/api-user/access/", s.Token(), `{"credentialAccessList":[{"name":"MyAPI"}]}`); a.text != "Credential access object type can not be empty!" {
			t.Errorf("no type: %v", a.body)
		}
		// Revoking keeps the other grants; revoking what is not granted is a no-op.
		if _, err := c.RevokeAccess(ctx, "MyProject", "api-user", grants[1], apinizer.Access{Name: "PaymentAPI", Type: apinizer.AccessAPIProxy}); err != nil {
			t.Fatal(err)
		}
		if got := s.Access("MyProject", "api-user"); len(got) != 1 || got[0].Name != "MyAPI" {
			t.Errorf("after revoke %+v", got)
		}
		if _, err := c.ListAccess(ctx, "MyProject", "ghost"); !errors.Is(err, apinizer.ErrCredentialNotFound) {
			t.Errorf("unknown credential: %v", err)
		}
	})
}

func TestJWKResource(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddCertificate("MyProject", "my-certificate")
		c := s.Client()
		gen := []*apinizer.GenerateJWKRequest{
			{Name: "rsa", Type: apinizer.KeyTypeRSA, RSA: &apinizer.GenerateRSA{KeySize: 2048}},
			{Name: "ec", KID: "ec-kid", Type: apinizer.KeyTypeEC, EC: &apinizer.GenerateEC{CurveType: "P384", KeyUse: apinizer.KeyUseEncryption}},
			{Name: "oct", Type: apinizer.KeyTypeOCT, OCT: &apinizer.GenerateOCT{KeySize: 256}},
			{Name: "okp", Type: apinizer.KeyTypeOKP, OKP: &apinizer.GenerateOKP{CurveType: "ED25519"}},
		}
		members := map[apinizer.KeyType][]string{
			apinizer.KeyTypeRSA: {"kty", "n", "e", "d", "p", "q"}, apinizer.KeyTypeEC: {"kty", "crv", "x", "y", "d"},
			apinizer.KeyTypeOCT: {"kty", "k"}, apinizer.KeyTypeOKP: {"kty", "crv", "x", "d"},
		}
		for _, g := range gen {
			if _, err := c.GenerateJWK(ctx, "MyProject", g); err != nil {
				t.Fatal(err)
			}
			j, err := c.GetJWK(ctx, "MyProject", g.Name)
			if err != nil || j.Type != g.Type || j.KID == "" || j.SourceType != apinizer.JWKSourceGenerate || (g.KID != "" && j.KID != g.KID) {
				t.Fatalf("%s: %+v, %v", g.Name, j, err)
			}
			var m map[string]string
			if err := json.Unmarshal(j.Material.JSON(), &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range members[g.Type] {
				if m[k] == "" {
					t.Errorf("%s: key material lacks %q: %v", g.Name, k, m)
				}
			}
		}
		if m := mustGet(t, c, "ec"); !strings.Contains(string(m.Material.JSON()), `"crv":"P-384"`) || !strings.Contains(string(m.Material.JSON()), `"use":"enc"`) {
			t.Errorf("EC material %s", m.Material.JSON())
		}
		list, err := c.ListJWKs(ctx, "MyProject")
		if err != nil || len(list) != 5 {
			t.Fatalf("listed %d, %v", len(list), err)
		}
		for _, j := range list {
			if !j.Material.IsZero() {
				t.Errorf("ListJWKs sent key material for %s", j.Name)
			}
		}
		_, err = c.GenerateJWK(ctx, "MyProject", gen[0])
		if !errors.Is(err, apinizer.ErrAlreadyExists) || !strings.Contains(err.Error(), "JWK (name: rsa) is already exist!") {
			t.Errorf("generating a taken name: %v", err)
		}

		// Create from a pasted JWK Set picks the kid's key; from a certificate
		// that was not added it is refused.
		set := `{"keys":[{"kty":"RSA","kid":"a","n":"x","e":"AQAB"},{"kty":"EC","kid":"b","crv":"P-256","x":"x","y":"y"}]}`
		if _, err := c.CreateJWK(ctx, "MyProject", &apinizer.CreateJWKRequest{Name: "pasted", SourceType: apinizer.JWKSourceCopyPaste, JWK: apinizer.Secret(set), KID: "b"}); err != nil {
			t.Fatal(err)
		}
		if j, _ := s.JWK("MyProject", "pasted"); j.Type != apinizer.KeyTypeEC || j.KID != "b" {
			t.Errorf("pasted JWK %+v", j)
		}
		cert := &apinizer.CreateJWKRequest{Name: "from-cert", SourceType: apinizer.JWKSourceCertificate, CertificateName: "nope",
			EnvironmentName: "production", UseType: apinizer.KeyUseSignature, Algorithm: "RS256"}
		if _, err := c.CreateJWK(ctx, "MyProject", cert); err == nil || !strings.Contains(err.Error(), "Certificate (name: nope) is not found!") {
			t.Errorf("unknown certificate: %v", err)
		}
		cert.CertificateName = "my-certificate"
		if _, err := c.CreateJWK(ctx, "MyProject", cert); err != nil {
			t.Fatal(err)
		}

		// Rename: the credential slots that hold the JWK follow it.
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "rsa")
		if _, err := c.UpdateJWK(ctx, "MyProject", "rsa", &apinizer.UpdateJWKRequest{Name: "rsa-2027", Description: "renamed"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Assigned("MyProject", "api-user", apinizertest.UseValidation); got != "rsa-2027" {
			t.Errorf("slot after rename: %q", got)
		}
		if _, err := c.UpdateJWK(ctx, "MyProject", "rsa", &apinizer.UpdateJWKRequest{Name: "x"}); !errors.Is(err, apinizer.ErrJWKNotFound) || !strings.Contains(err.Error(), "Try create operation.") {
			t.Errorf("update of a missing JWK: %v", err)
		}
		if _, err := c.UpdateJWK(ctx, "MyProject", "ec", &apinizer.UpdateJWKRequest{Name: "oct"}); !errors.Is(err, apinizer.ErrAlreadyExists) {
			t.Errorf("rename onto a taken name: %v", err)
		}

		// Delete: refused while a slot holds it, then gone.
		_, err = c.DeleteJWK(ctx, "MyProject", "rsa-2027")
		if !errors.Is(err, apinizer.ErrBadRequest) || !strings.Contains(err.Error(), "is in use by credential (username: api-user)") {
			t.Errorf("deleting an assigned JWK: %v", err)
		}
		if _, err := c.RemoveJWKValidation(ctx, "MyProject", "api-user"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DeleteJWK(ctx, "MyProject", "rsa-2027"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetJWK(ctx, "MyProject", "rsa-2027"); !errors.Is(err, apinizer.ErrJWKNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
}

func mustGet(t *testing.T, c *apinizer.Client, name string) *apinizer.JWK {
	t.Helper()
	j, err := c.GetJWK(ctx, "MyProject", name)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestProjectsAndEnvironments(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := seeded(t, d)
		s.AddProject("Team A", "prod-eu", "test")
		c := s.Client()
		projects, err := c.ListProjects(ctx)
		if err != nil || len(projects) != 3 || projects[0].Name != "MyProject" || projects[1].Name != "Team A" || projects[2].Name != "admin" {
			t.Fatalf("projects %+v, %v", projects, err)
		}
		if (projects[0].ID != "") != (d == apinizertest.Dialect2026) {
			t.Errorf("project id %q in dialect %v", projects[0].ID, d)
		}
		envs, err := c.ListEnvironments(ctx, "Team A")
		if err != nil || len(envs) != 2 || envs[0].Name != "prod-eu" || envs[0].Type != "PRODUCTION" || envs[1].Type != "TEST" || envs[0].Status != "PUBLISHED" {
			t.Fatalf("environments %+v, %v", envs, err)
		}
		for _, path := range []string{"/apiops/environments/Nope", "/apiops/projects/Nope/environments/"} {
			a := send(t, s, "GET", path, s.Token())
			want := per(d, "Project not found for name: (Nope) or user has not privilege to access it!",
				"Project (Nope) is not found or user does not have privilege to access it!")
			if a.status != 400 || a.text != want {
				t.Errorf("%s: %d %v", path, a.status, a.body)
			}
		}
		if _, err := c.ListEnvironments(ctx, "Nope"); !errors.Is(err, apinizer.ErrProjectNotFound) || errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("unknown project: %v", err)
		}
		if a := send(t, s, "GET", "/apiops/environments/", s.Token()); a.status != 200 || len(a.body["resultList"].([]any)) != 4 {
			t.Errorf("every environment: %d %v", a.status, a.body)
		}
		if a := send(t, s, "GET", "/apiops/environments/", "bad"); a.status != 401 || a.text != per(d, "Invalid token or insufficient permissions", "Admin role required") {
			t.Errorf("every environment, bad token: %d %v", a.status, a.body)
		}
	})
}

func TestListCredentialsPaging(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("P")
		for _, u := range []string{"d", "b", "a", "c", "e"} {
			s.AddCredential("P", u)
		}
		c := s.Client()
		tests := []struct {
			opts *apinizer.ListOptions
			want string
		}{
			{nil, "abcde"},
			{&apinizer.ListOptions{Sort: "username,desc"}, "edcba"},
			{&apinizer.ListOptions{Size: 2}, "ab"},
			{&apinizer.ListOptions{Page: 2, Size: 2}, "e"},
			{&apinizer.ListOptions{Page: 9, Size: 2}, ""},
			{&apinizer.ListOptions{Page: 1 << 62, Size: 2}, ""},
			{&apinizer.ListOptions{Page: 1, Size: 1 << 62}, ""},
			{&apinizer.ListOptions{Size: 1 << 62}, "abcde"},
		}
		for _, tt := range tests {
			got, err := c.ListCredentials(context.Background(), "P", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var names string
			for _, cr := range got {
				names += cr.Username
				if !cr.Enabled || cr.ExpireDate != nil || cr.Email != cr.Username+"@example.com" {
					t.Errorf("credential %+v", cr)
				}
			}
			if names != tt.want {
				t.Errorf("%+v: %q, want %q", tt.opts, names, tt.want)
			}
		}
		for _, q := range []string{"page=-1", "size=x", "page=99999999999999999999999"} {
			if a := send(t, s, "GET", "/apiops/projects/P/credentials/?"+q, s.Token()); a.status != 400 || a.text != "page and size must be non-negative integers!" {
				t.Errorf("%s: %d %v", q, a.status, a.body)
			}
		}
		if _, err := c.ListCredentials(context.Background(), "Nope", nil); !errors.Is(err, apinizer.ErrProjectNotFound) {
			t.Errorf("unknown project: %v", err)
		}
	})
}
