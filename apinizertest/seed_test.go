package apinizertest_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func TestLoadSeedTheExample(t *testing.T) {
	f, err := os.Open("../cmd/apinizer-fake/testdata/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := apinizertest.NewServer()
	defer s.Close()
	if err := s.LoadSeed(f); err != nil {
		t.Fatal(err)
	}
	cred, ok := s.Credential("MyProject", "api-user")
	if !ok || cred.FullName != "John Doe" || len(cred.RoleNames) != 2 || cred.ExpireDate == nil {
		t.Errorf("credential %+v", cred)
	}
	if pw, _ := s.Password("MyProject", "api-user"); pw != "SecurePassword123!" {
		t.Errorf("password %q", pw)
	}
	if jwk, _ := s.Assigned("MyProject", "api-user", apinizertest.UseValidation); jwk != "signing-jwk" {
		t.Errorf("validation slot %q", jwk)
	}
	if j, ok := s.JWK("MyProject", "my-jwk"); !ok || j.KID != "key-id-1" || j.Material.IsZero() {
		t.Errorf("JWK %+v", j)
	}
	if a := s.Access("MyProject", "api-user"); len(a) != 2 {
		t.Errorf("access %+v", a)
	}
	c, _ := apinizer.NewClient(s.URL(), apinizer.WithToken("YOUR_TOKEN"))
	if _, err := c.GrantAccess(context.Background(), "MyProject", "api-user", apinizer.Access{Name: "MyAPI", Type: apinizer.AccessAPIProxy}); err != nil {
		t.Errorf("the seed's token and proxy: %v", err)
	}
	ro, _ := apinizer.NewClient(s.URL(), apinizer.WithToken("read-only-token"))
	if _, err := ro.DeleteCredential(context.Background(), "MyProject", "api-user"); !errors.Is(err, apinizer.ErrForbidden) {
		t.Errorf("a token without permissions: %v", err)
	}
	envs, err := c.ListEnvironments(context.Background(), "default")
	if err != nil || len(envs) != 1 {
		t.Errorf("environments %+v, %v", envs, err)
	}
}

func TestLoadSeedRefusesAndChangesNothing(t *testing.T) {
	cases := []struct{ seed, want string }{
		{``, "seed: the document is empty"},
		{`{"projects": [{"name": ""}]}`, "seed line 1: projects[0].name: is empty"},
		{"{\"projects\": [\n{\"name\": \"P\"},\n{\"name\": \"P\"}]}", `seed line 3: projects[1].name: project "P" is in the seed twice`},
		{"{\"projects\": [{\"name\": \"P\", \"apiProxies\": [\"A\"],\n \"credentials\": [{\"username\": \"u\",\n  \"access\": [{\"name\": \"B\", \"type\": \"API_PROXY\"}]}]}]}",
			`seed line 3: projects[0].credentials[0].access[0]: API_PROXY "B" is not among`},
		{`{"projects": [{"name": "P", "credentials": [{"username": "taken"}]}]}`, `username "taken" is taken`},
		{`{"users": [{"username": "x"}]}`, "seed line 1: users[0]: username and password are required"},
		{`{"tokens": [{"permissions": ["MANAGE"]}]}`, "seed line 1: tokens[0].token: is empty"},
		{`[1, 2]`, "seed line 1: : want apinizertest.seed, got JSON array"},
	}
	for _, tt := range cases {
		s := apinizertest.NewServer()
		s.AddProject("Q")
		s.AddCredential("Q", "taken")
		err := s.LoadSeed(strings.NewReader(tt.seed))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want %q", tt.seed, err, tt.want)
		}
		if _, err := s.Client().ListCredentials(context.Background(), "P", nil); !errors.Is(err, apinizer.ErrProjectNotFound) {
			t.Errorf("%s: a refused seed added project P", tt.seed)
		}
		s.Close()
	}
}

func TestLoadSeedMayUseAdminJWKs(t *testing.T) {
	s := apinizertest.NewServer(apinizertest.WithDialect(apinizertest.Dialect2026))
	defer s.Close()
	seed := `{"projects": [
	  {"name": "P", "credentials": [{"username": "u", "jwk": {"validation": "shared", "encryption": "enc"}}], "jwks": [{"name": "enc", "type": "EC"}]},
	  {"name": "admin", "jwks": [{"name": "shared"}]}
	]}`
	if err := s.LoadSeed(strings.NewReader(seed)); err != nil {
		t.Fatal(err)
	}
	if j, _ := s.JWK("P", "enc"); j.Type != apinizer.KeyTypeEC {
		t.Errorf("JWK %+v", j)
	}
	if _, err := s.Client().RemoveJWKValidation(context.Background(), "P", "u"); err != nil {
		t.Error(err)
	}
}
