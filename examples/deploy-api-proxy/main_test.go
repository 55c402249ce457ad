package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestDeployOnTheBuiltInFake(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "petstore.zip")
	var out, errOut bytes.Buffer
	if code := run([]string{"-out", zipPath}, cli.MapEnv(nil), &out, &errOut); code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	for _, want := range []string{
		"Using the built-in fake Apinizer",
		"Creating API proxy \"petstore-api\" in project \"MyProject\" from testdata/petstore.yaml, served under /petstore...\n",
		"production   ok      Deployment successful\n",
		"staging      ok      Deployment successful\n",
		"deploy: done.\n",
		"production   yes       DELETE,GET,POST  https://production.gateway.example/apigateway/petstore\n",
		"staging      yes       DELETE,GET,POST  https://staging.gateway.example/apigateway/petstore\n",
		"production   active  2/2                    no\n",
		"staging      active  2/2                    no\n",
		"Wrote " + zipPath + ": ",
		"-cleanup undeploys and deletes it",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if errOut.Len() > 0 {
		t.Errorf("stderr %q", errOut.String())
	}
	doc := exported(t, zipPath, "petstore-api")
	if doc.Name != "petstore-api" || len(doc.Endpoints) != 5 || !slices.Equal(doc.ClientRoute.RelativePaths, []string{"/petstore"}) {
		t.Errorf("exported %+v", doc)
	}
}

// exported opens the ZIP at path, which must hold <name>.json, and
// decodes that file.
func exported(t *testing.T, path, name string) apinizer.APIProxy {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the export is not a ZIP: %v", err)
	}
	defer zr.Close()
	f, err := zr.Open(name + ".json")
	if err != nil {
		t.Fatalf("the export lacks %s.json: %v", name, err)
	}
	defer f.Close()
	var doc apinizer.APIProxy
	b, _ := io.ReadAll(f)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return doc
}

// manager is a fake seeded as the built-in one, and the environment that
// points the program at it.
func manager(t *testing.T, opts ...apinizertest.ServerOption) (*apinizertest.Server, cli.Env) {
	srv := apinizertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	seed(srv)
	return srv, cli.MapEnv(map[string]string{"APINIZER_URL": srv.URL(), "APINIZER_TOKEN": srv.Token()})
}

func TestDeployAgainstAManagerLeavesTheProxy(t *testing.T) {
	srv, env := manager(t, apinizertest.WithDialect(apinizertest.Dialect2026))
	// The default -out is <name>.zip in the working directory; the default
	// -spec is found beside the source when the working directory has none.
	t.Chdir(t.TempDir())
	var out, errOut bytes.Buffer
	code := run([]string{"-name", "pets v2", "-relative-path", "/pets-v2"}, env, &out, &errOut)
	if code != cli.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if strings.Contains(out.String(), "built-in fake") || strings.Contains(out.String()+errOut.String(), srv.Token()) {
		t.Errorf("output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Wrote pets v2.zip: ") || !strings.Contains(out.String(), "(the Manager named it pets v2.zip)") {
		t.Errorf("output:\n%s", out.String())
	}
	exported(t, "pets v2.zip", "pets v2")
	p, ok := srv.APIProxy("MyProject", "pets v2")
	if !ok || !slices.Equal(p.ClientRoute.RelativePaths, []string{"/pets-v2"}) || len(p.Deployments) != 2 {
		t.Fatalf("proxy %+v, %v", p, ok)
	}
	for _, d := range p.Deployments {
		if !d.Deployed {
			t.Errorf("not deployed to %s", d.EnvironmentName)
		}
	}

	// A second run finds the name taken, and stops there.
	out.Reset()
	errOut.Reset()
	if code := run([]string{"-name", "pets v2"}, env, &out, &errOut); code != cli.ExitError {
		t.Fatalf("second run: exit %d, want %d", code, cli.ExitError)
	}
	if !strings.Contains(errOut.String(), "create the API proxy failed: status 400") || strings.Contains(out.String(), "== deploy") {
		t.Errorf("stdout:\n%s\nstderr %q", out.String(), errOut.String())
	}
}

// TestDeployWithABackend: -backend replaces the routing addresses before
// the deploy, so the deployed proxy routes there.
func TestDeployWithABackend(t *testing.T) {
	for _, d := range []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026} {
		srv, env := manager(t, apinizertest.WithDialect(d))
		var out, errOut bytes.Buffer
		args := []string{"-backend", "https://pets.internal:8443/v1", "-out", filepath.Join(t.TempDir(), "p.zip")}
		if code := run(args, env, &out, &errOut); code != cli.ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", d, code, errOut.String())
		}
		if !strings.Contains(out.String(), "Created.\nRouting to https://pets.internal:8443/v1.\n") {
			t.Errorf("%s: output:\n%s", d, out.String())
		}
		p, ok := srv.APIProxy("MyProject", "petstore-api")
		if !ok || len(p.Routing.Addresses) != 1 || p.Routing.Addresses[0].Address != "https://pets.internal:8443/v1" {
			t.Fatalf("%s: routing %+v", d, p.Routing)
		}
		for _, dep := range p.Deployments {
			if !dep.Deployed || dep.RedeployRequired {
				t.Errorf("%s: %+v; want deployed with the new route", d, dep)
			}
		}
	}
}

// TestDeployWithAGroupAndVariables: -env and -secret set the variables
// before the deploy, -group puts the proxy in a new group and deploys the
// group; nothing prints the secret; -cleanup undoes all of it.
func TestDeployWithAGroupAndVariables(t *testing.T) {
	const secret = "s3cr3t-never-printed"
	for _, d := range []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026} {
		for _, cleanup := range []bool{false, true} {
			srv, env := manager(t, apinizertest.WithDialect(d))
			var out, errOut bytes.Buffer
			args := []string{"-group", "Shop", "-env", "API_URL=https://pets.internal", "-secret", "API_KEY=" + secret,
				"-out", filepath.Join(t.TempDir(), "p.zip")}
			if cleanup {
				args = append(args, "-cleanup")
			}
			if code := run(args, env, &out, &errOut); code != cli.ExitOK {
				t.Fatalf("%s: exit %d, stderr %q", d, code, errOut.String())
			}
			all := out.String() + errOut.String()
			for _, want := range []string{"API_URL: created and deployed.", "API_KEY (secret): created and deployed.",
				`Created group "Shop" with "petstore-api" in it.`, "== deploy group Shop: production, staging"} {
				if !strings.Contains(all, want) {
					t.Errorf("%s: output lacks %q:\n%s", d, want, all)
				}
			}
			if strings.Contains(all, secret) {
				t.Errorf("%s: the output shows the secret:\n%s", d, all)
			}
			for _, r := range srv.Requests() {
				if bytes.Contains(r.Body, []byte(secret)) {
					t.Errorf("%s: the fake's record of %s %s shows the secret", d, r.Method, r.Path)
				}
			}
			members, ok := srv.GroupMembers("MyProject", "Shop")
			v, hasVar := srv.EnvironmentVariableValue("MyProject", "API_KEY", "production")
			p, hasProxy := srv.APIProxy("MyProject", "petstore-api")
			if cleanup {
				if ok || hasVar || hasProxy {
					t.Errorf("%s: -cleanup left group %v, variable %v, proxy %v", d, ok, hasVar, hasProxy)
				}
				continue
			}
			if !ok || !slices.Equal(members, []string{"petstore-api"}) || !hasVar || v != secret {
				t.Errorf("%s: group %q (%v), secret set %v", d, members, ok, hasVar && v == secret)
			}
			for _, dep := range p.Deployments {
				if !dep.Deployed {
					t.Errorf("%s: the group's deploy left %s undeployed", d, dep.EnvironmentName)
				}
			}
		}
	}
}

func TestDeployWithCleanup(t *testing.T) {
	for _, d := range []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026} {
		srv, env := manager(t, apinizertest.WithDialect(d))
		var out, errOut bytes.Buffer
		code := run([]string{"-cleanup", "-out", filepath.Join(t.TempDir(), "p.zip")}, env, &out, &errOut)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", d, code, errOut.String())
		}
		if _, ok := srv.APIProxy("MyProject", "petstore-api"); ok {
			t.Errorf("%v: the proxy is still there", d)
		}
		for _, want := range []string{"== undeploy: production, staging\n", "undeploy: done.\n", "== delete \"petstore-api\"\n", "delete: done.\n"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: output lacks %q:\n%s", d, want, out.String())
			}
		}
	}
}

func TestDeployExits2WhenAnEnvironmentFails(t *testing.T) {
	srv, env := manager(t)
	srv.FailEnvironment("MyProject", "staging", "Gateway unreachable")
	zipPath := filepath.Join(t.TempDir(), "p.zip")
	var out, errOut bytes.Buffer
	if code := run([]string{"-out", zipPath}, env, &out, &errOut); code != cli.ExitPartial {
		t.Fatalf("exit %d, want %d; stderr %q", code, cli.ExitPartial, errOut.String())
	}
	for _, want := range []string{
		"production   ok      Deployment successful\n",
		"staging      FAILED  Gateway unreachable\n",
		"staging      no        DELETE,GET,POST  https://staging.gateway.example/apigateway/petstore\n",
		"staging      not active  0/2",
		"Wrote " + zipPath,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(errOut.String(), "deploy: saved, but it failed in some environments:\n  staging: Gateway unreachable\n") {
		t.Errorf("stderr %q", errOut.String())
	}
	exported(t, zipPath, "petstore-api")
}

func TestDeployCleanupAfterAPartialDeployment(t *testing.T) {
	srv, env := manager(t)
	srv.FailEnvironment("MyProject", "staging", "Gateway unreachable")
	var out, errOut bytes.Buffer
	if code := run([]string{"-cleanup", "-out", filepath.Join(t.TempDir(), "p.zip")}, env, &out, &errOut); code != cli.ExitPartial {
		t.Fatalf("exit %d, want %d; stderr %q", code, cli.ExitPartial, errOut.String())
	}
	if _, ok := srv.APIProxy("MyProject", "petstore-api"); ok {
		t.Error("the proxy is still there")
	}
	// Undeployed only where it was deployed.
	var undeployed []string
	for _, r := range srv.Requests() {
		if r.Method == "DELETE" && strings.Contains(r.Path, "/environments/") {
			undeployed = append(undeployed, r.Path)
		}
	}
	if len(undeployed) != 1 || !strings.HasSuffix(undeployed[0], "/environments/production/") {
		t.Errorf("undeploys %q", undeployed)
	}
	if !strings.Contains(out.String(), "== undeploy: production\n") {
		t.Errorf("output:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "delete: saved, but it failed in some environments:\n  staging: Gateway unreachable\n") {
		t.Errorf("stderr %q", errOut.String())
	}
}

func TestDeployFailsAtAStep(t *testing.T) {
	srv, env := manager(t)
	srv.FailRoute("GET", "/apiops/projects/{projectName}/apiProxies/{apiProxyName}/export/", 1, 400)
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "p.zip")
	var out, errOut bytes.Buffer
	if code := run([]string{"-cleanup", "-out", zipPath}, env, &out, &errOut); code != cli.ExitError {
		t.Fatalf("exit %d, want %d", code, cli.ExitError)
	}
	if !strings.Contains(errOut.String(), "export failed: status 400") {
		t.Errorf("stderr %q", errOut.String())
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("a failed export left %v", files)
	}
	if _, ok := srv.APIProxy("MyProject", "petstore-api"); ok || !strings.Contains(out.String(), "delete: done.") {
		t.Errorf("-cleanup did not delete the proxy after the failed step:\n%s", out.String())
	}
}

func TestDeployRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-spec", "testdata/missing.yaml"}, "read the OpenAPI spec failed: open testdata/missing.yaml: no such file or directory"},
		{[]string{"-name", ".."}, `create the API proxy failed: apinizer: invalid argument: APIProxyRequest.Name: ".." is not allowed as a path segment`},
		{[]string{"-name", ""}, "create the API proxy failed: apinizer: invalid argument: APIProxyRequest.Name: is empty"},
		{[]string{"-project", "Nope"}, "list the environments failed: status 400"},
		{[]string{"-backend", "ftp://files.example"}, `read -backend failed: "ftp://files.example" is not an http or https URL with a host`},
		{[]string{"-backend", "/v1/pets"}, `read -backend failed: "/v1/pets" is not an http or https URL with a host`},
		{[]string{"-secret", "hunter2"}, "read the variables failed: -secret wants KEY=VALUE (the argument is not shown)"},
		{[]string{"-env", "=x"}, "read the variables failed: -env wants KEY=VALUE"},
	} {
		srv, env := manager(t)
		var out, errOut bytes.Buffer
		if code := run(tc.args, env, &out, &errOut); code != cli.ExitError {
			t.Errorf("%q: exit %d, want %d", tc.args, code, cli.ExitError)
		}
		if !strings.Contains(errOut.String(), tc.want) || strings.Contains(errOut.String(), "hunter2") {
			t.Errorf("%q: stderr %q, want %q (and never the -secret argument)", tc.args, errOut.String(), tc.want)
		}
		for _, r := range srv.Requests() {
			if r.Method != "GET" {
				t.Errorf("%q: sent %s %s", tc.args, r.Method, r.Path)
			}
		}
	}
}

func TestDeployRefusesAURLWithoutCredentials(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(nil, cli.MapEnv(map[string]string{"APINIZER_URL": "https://apinizer.example.com"}), &out, &errOut)
	if code != cli.ExitError || !strings.Contains(errOut.String(), "APINIZER_TOKEN") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}
