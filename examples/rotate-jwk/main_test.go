package main

import (
	"bytes"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRotateOnTheBuiltInFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-old", "signing-2026", "-delete-old"}, cli.MapEnv(nil), &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	for _, want := range []string{
		"Generating RSA-2048 JWK \"signing-2027\" in project \"MyProject\"...\n",
		"generate JWK: done.\n",
		"Assigning \"signing-2027\" to the validation slot of credential \"api-user\"...\n",
		"production   ok      Deployed successfully\n",
		"Deleting the old JWK \"signing-2026\"...\n",
		"production   ok      Undeployed successfully\n",
		"delete old JWK: done.\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRotateAgainstAManagerKeepsTheOldKeyUnlessAsked(t *testing.T) {
	for _, d := range []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026} {
		srv := apinizertest.NewServer(apinizertest.WithDialect(d))
		srv.AddUser("ci-bot", "pw")
		srv.AddProject("P")
		srv.AddJWK("P", "old")
		srv.AddCredential("P", "u")
		srv.AssignJWK("P", "u", apinizertest.UseValidation, "old")
		env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_USERNAME": "ci-bot", "APINIZER_PASSWORD": "pw"})
		var out, errOut bytes.Buffer
		if code := run([]string{"-project", "P", "-username", "u", "-new", "new", "-old", "old"}, env, &out, &errOut); code != cli.ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", d, code, errOut.String())
		}
		if jwk, _ := srv.Assigned("P", "u", apinizertest.UseValidation); jwk != "new" {
			t.Errorf("%v: validation JWK = %q", d, jwk)
		}
		if j, ok := srv.JWK("P", "new"); !ok || j.Type != "RSA" {
			t.Errorf("%v: generated JWK %+v", d, j)
		}
		if _, ok := srv.JWK("P", "old"); !ok {
			t.Errorf("%v: the old JWK was deleted without -delete-old", d)
		}
		srv.Close()
	}
}

func TestRotateStopsBeforeDeletingWhenNotDeployedEverywhere(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("P", "prod", "dr")
	srv.AddJWK("P", "old")
	srv.AddCredential("P", "u")
	srv.FailEnvironment("P", "dr", "Gateway unreachable")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	var out, errOut bytes.Buffer
	code := run([]string{"-project", "P", "-username", "u", "-old", "old", "-delete-old"}, env, &out, &errOut)
	if code != cli.ExitPartial || !strings.Contains(errOut.String(), "dr: Gateway unreachable") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if _, ok := srv.JWK("P", "old"); !ok {
		t.Error("the old JWK was deleted though the new one is not deployed everywhere")
	}
}

func TestRotateRefusesDeleteOldWithoutOld(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-delete-old"}, cli.MapEnv(nil), &out, &errOut); code != cli.ExitError || !strings.Contains(errOut.String(), "-delete-old needs -old") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestRotateStopsAtAFailedStep(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("P")
	srv.AddJWK("P", "taken")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	var out, errOut bytes.Buffer
	code := run([]string{"-project", "P", "-username", "u", "-new", "taken"}, env, &out, &errOut)
	if code != cli.ExitError || !strings.Contains(errOut.String(), "JWK (name: taken) is already exist!") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if strings.Contains(out.String(), "Assigning") {
		t.Error("the next step ran after the first failed")
	}
}
