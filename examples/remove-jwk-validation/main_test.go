package main

import (
	"bytes"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func TestRunOnTheBuiltInFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, cli.MapEnv(nil), &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	want := "Using the built-in fake Apinizer (set APINIZER_URL and APINIZER_TOKEN to use a real Manager).\n" +
		"Removing the validation JWK of credential \"api-user\" in project \"MyProject\"...\n" +
		"ENVIRONMENT  RESULT  MESSAGE\n" +
		"production   ok      Deployed successfully\n" +
		"staging      ok      Deployed successfully\n" +
		"remove JWK validation: done.\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestRunAgainstAManager(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("Team A", "prod", "dr")
	srv.AddCredential("Team A", "svc/1")
	srv.AssignJWK("Team A", "svc/1", apinizertest.UseValidation, "k")
	srv.FailEnvironment("Team A", "dr", "Gateway unreachable")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	args := []string{"-project", "Team A", "-username", "svc/1"}

	var out, errOut bytes.Buffer
	if code := run(args, env, &out, &errOut); code != cli.ExitPartial {
		t.Fatalf("partial deployment: exit %d, want %d", code, cli.ExitPartial)
	}
	if strings.Contains(out.String(), "built-in fake") || !strings.Contains(out.String(), "dr           FAILED  Gateway unreachable") {
		t.Errorf("output:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "dr: Gateway unreachable") {
		t.Errorf("stderr does not name the failed environment: %q", errOut.String())
	}

	out.Reset()
	errOut.Reset()
	if code := run(args, env, &out, &errOut); code != cli.ExitError {
		t.Fatalf("second removal: exit %d, want %d", code, cli.ExitError)
	}
	if !strings.Contains(errOut.String(), "status 400, code bad_request") {
		t.Errorf("stderr %q does not show status and code", errOut.String())
	}
}

func TestRunRefusesAURLWithoutCredentials(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(nil, cli.MapEnv(map[string]string{"APINIZER_URL": "https://apinizer.example.com"}), &out, &errOut)
	if code != cli.ExitError || !strings.Contains(errOut.String(), "APINIZER_TOKEN") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
