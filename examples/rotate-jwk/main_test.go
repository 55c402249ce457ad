package main

import (
	"bytes"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func TestRotateOnTheBuiltInFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, cli.MapEnv(nil), &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	for _, want := range []string{"set JWK validation: done.", "remove JWK encryption: done.", "staging      ok"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRotateWithClientCredentials(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddUser("ci-bot", "pw")
	srv.AddJWK("admin", "new")
	srv.AddProject("P")
	srv.AddCredential("P", "u")
	srv.AssignJWK("P", "u", apinizertest.UseValidation, "old")
	srv.AssignJWK("P", "u", apinizertest.UseEncryption, "enc")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_USERNAME": "ci-bot", "APINIZER_PASSWORD": "pw"})
	var out, errOut bytes.Buffer
	if code := run([]string{"-project", "P", "-username", "u", "-jwk", "new"}, env, &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if jwk, _ := srv.Assigned("P", "u", apinizertest.UseValidation); jwk != "new" {
		t.Errorf("validation JWK = %q", jwk)
	}
	if _, ok := srv.Assigned("P", "u", apinizertest.UseEncryption); ok {
		t.Error("encryption JWK still assigned")
	}
}

func TestRotateStopsAtAnUnknownJWK(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("P")
	srv.AddCredential("P", "u")
	srv.AssignJWK("P", "u", apinizertest.UseEncryption, "enc")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	var out, errOut bytes.Buffer
	code := run([]string{"-project", "P", "-username", "u", "-jwk", "missing"}, env, &out, &errOut)
	if code != cli.ExitError || !strings.Contains(errOut.String(), "JWK (name: missing) is not found!") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if _, ok := srv.Assigned("P", "u", apinizertest.UseEncryption); !ok {
		t.Error("the second step ran after the first failed")
	}
}

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
