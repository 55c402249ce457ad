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

func TestOnboardOnTheBuiltInFake(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, cli.MapEnv(nil), &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	for _, want := range []string{
		"== create credential \"billing-service\"\n",
		"== grant access to API proxy \"PaymentAPI\"\n",
		"== generate JWK \"billing-service-signing\"\n",
		"== assign JWK \"billing-service-signing\" for validation\n",
		"staging      ok      Deployed successfully\n",
		"Done in project \"MyProject\":\n  - create credential \"billing-service\"\n",
		"The password was generated and is not shown",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestOnboardAgainstAManager(t *testing.T) {
	for _, d := range []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026} {
		srv := apinizertest.NewServer(apinizertest.WithDialect(d))
		srv.AddProject("Team A")
		srv.AddAPIProxy("Team A", "Orders")
		env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token(), "CLIENT_PASSWORD": "chosen-pw"})
		var out, errOut bytes.Buffer
		code := run([]string{"-project", "Team A", "-username", "orders/svc", "-email", "o@example.com", "-api", "Orders"}, env, &out, &errOut)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", d, code, errOut.String())
		}
		if pw, _ := srv.Password("Team A", "orders/svc"); pw != "chosen-pw" {
			t.Errorf("%v: password %q", d, pw)
		}
		if a := srv.Access("Team A", "orders/svc"); len(a) != 1 || a[0].Name != "Orders" {
			t.Errorf("%v: access %+v", d, a)
		}
		if jwk, _ := srv.Assigned("Team A", "orders/svc", apinizertest.UseValidation); jwk != "orders/svc-signing" {
			t.Errorf("%v: validation JWK %q", d, jwk)
		}
		if strings.Contains(out.String()+errOut.String(), "chosen-pw") {
			t.Errorf("%v: the password was printed", d)
		}
		srv.Close()
	}
}

func TestOnboardExits2WhenSavedButNotDeployedEverywhere(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("P", "prod", "dr")
	srv.AddAPIProxy("P", "PaymentAPI")
	srv.FailEnvironment("P", "dr", "Gateway unreachable")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	var out, errOut bytes.Buffer
	code := run([]string{"-project", "P"}, env, &out, &errOut)
	if code != cli.ExitPartial || !strings.Contains(errOut.String(), "dr: Gateway unreachable") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if jwk, _ := srv.Assigned("P", "billing-service", apinizertest.UseValidation); jwk == "" {
		t.Error("the steps after a partial deployment did not run")
	}
}

func TestOnboardStopsAtAFailedStep(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("P")
	env := cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
	var out, errOut bytes.Buffer
	code := run([]string{"-project", "P", "-api", "Missing"}, env, &out, &errOut)
	if code != cli.ExitError || !strings.Contains(errOut.String(), "API Proxy (name:Missing) is not found") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if strings.Contains(out.String(), "== generate JWK") {
		t.Error("the steps after a failed one ran")
	}
	if _, ok := srv.Credential("P", "billing-service"); !ok || !strings.Contains(out.String(), "  - create credential") {
		t.Errorf("the summary does not say the credential was created:\n%s", out.String())
	}
}
