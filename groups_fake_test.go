package apinizer_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// Groups and environment variables against the fake, in both dialects.

// TestGroupLifecycleOnTheFake creates a group, adds a proxy (twice), deploys
// and undeploys the group, removes the proxy and deletes the group: each
// step as the pages say, read back where a call can, else with the
// fake's helper.
func TestGroupLifecycleOnTheFake(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := settingsWorld(t, d, "") // project P, environment prod, proxy Pets (deployed)
		srv.AddAPIProxy("P", "Orders")
		c := srv.Client()
		req := &apinizer.APIProxyGroupRequest{Name: "Shop", ClientRoute: apinizer.ClientRoute{RelativePaths: []string{"/shop"}}}
		if _, err := c.CreateAPIProxyGroup(ctx, "P", req); err != nil {
			t.Fatal(err)
		}
		if _, err := c.CreateAPIProxyGroup(ctx, "P", req); !errors.Is(err, apinizer.ErrAlreadyExists) {
			t.Errorf("%s: a second create: %v, want ErrAlreadyExists", d, err)
		}
		for _, name := range []string{"Orders", "Orders", "Pets"} {
			if _, err := c.AddAPIProxyToGroup(ctx, "P", "Shop", name); err != nil {
				t.Fatalf("%s: add %s: %v", d, name, err)
			}
		}
		_, err := c.AddAPIProxyToGroup(ctx, "P", "Shop", "Nope")
		if !errors.Is(err, apinizer.ErrAPIProxyNotFound) || !strings.Contains(err.Error(), "ApiProxy (Nope) is not found or user does not have privilege") {
			t.Errorf("%s: adding a missing proxy: %v", d, err)
		}
		if members, _ := srv.GroupMembers("P", "Shop"); !slices.Equal(members, []string{"Orders", "Pets"}) {
			t.Errorf("%s: members %q, want Orders and Pets once each", d, members)
		}

		res, err := c.DeployAPIProxyGroup(ctx, "P", "Shop", "prod", &apinizer.DeployOptions{Description: "v1", Persistent: true})
		if err != nil || !res.DeploymentResult.Success || len(res.DeploymentResult.EnvironmentResults) != 1 {
			t.Fatalf("%s: deploy: %+v, %v", d, res, err)
		}
		if p, _ := c.GetAPIProxy(ctx, "P", "Orders", nil); p == nil || !deployedIn(p, "prod") {
			t.Errorf("%s: the group's deploy did not deploy its member: %+v", d, p)
		}
		envs, err := c.ListAPIProxyGroupEnvironments(ctx, "P", "Shop")
		if err != nil || len(envs) != 1 || envs[0].EnvironmentName != "prod" || !envs[0].Deployed {
			t.Errorf("%s: environments %+v, %v", d, envs, err)
		}
		if _, err := c.UndeployAPIProxyGroup(ctx, "P", "Shop", "prod", nil); err != nil {
			t.Fatal(err)
		}
		history, err := c.ListAPIProxyGroupDeployHistory(ctx, "P", "Shop")
		if err != nil || len(history) != 2 || history[0].Deploy || !history[1].Deploy || history[1].Description != "v1" || !history[1].Persistent {
			t.Fatalf("%s: history %+v, %v; want the undeploy, then the deploy", d, history, err)
		}
		rec, err := c.GetAPIProxyGroupDeployHistory(ctx, "P", "Shop", history[1].Revision)
		if err != nil || rec.Revision != history[1].Revision || rec.Time == nil {
			t.Errorf("%s: record %+v, %v", d, rec, err)
		}
		if err := c.DeleteAPIProxyGroupDeployHistory(ctx, "P", "Shop", history[1].Revision); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetAPIProxyGroupDeployHistory(ctx, "P", "Shop", history[1].Revision); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: a deleted record reads %v", d, err)
		}

		for range 2 {
			if _, err := c.RemoveAPIProxyFromGroup(ctx, "P", "Shop", "Orders"); err != nil {
				t.Fatal(err)
			}
		}
		if members, _ := srv.GroupMembers("P", "Shop"); !slices.Equal(members, []string{"Pets"}) {
			t.Errorf("%s: members after remove %q", d, members)
		}
		if _, err := c.DeleteAPIProxyGroup(ctx, "P", "Shop"); err != nil {
			t.Fatal(err)
		}
		groups, _ := c.ListAPIProxyGroups(ctx, "P")
		if _, ok := srv.GroupMembers("P", "Shop"); ok || len(groups) != 0 {
			t.Errorf("%s: the group outlived its delete: %+v", d, groups)
		}
		if _, ok := srv.APIProxy("P", "Pets"); !ok {
			t.Errorf("%s: deleting the group deleted its member", d)
		}
		if _, err := c.UpdateAPIProxyGroup(ctx, "P", req); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: updating a deleted group: %v, want ErrNotFound", d, err)
		}
	}
}

func deployedIn(p *apinizer.APIProxy, env string) bool {
	dep, ok := p.Deployment(env)
	return ok && dep.Deployed
}

// TestGroupCreateWithDeployTo: a create that names an environment deploys
// there; an unknown one is refused before the group is saved.
func TestGroupCreateWithDeployTo(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		c := srv.Client()
		route := apinizer.ClientRoute{RelativePaths: []string{"/shop"}}
		_, err := c.CreateAPIProxyGroup(ctx, "P", &apinizer.APIProxyGroupRequest{Name: "Shop", ClientRoute: route, DeployTo: "nowhere"})
		if !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", d, err)
		}
		if _, ok := srv.GroupMembers("P", "Shop"); ok {
			t.Errorf("%s: a refused create saved the group", d)
		}
		res, err := c.CreateAPIProxyGroup(ctx, "P", &apinizer.APIProxyGroupRequest{Name: "Shop", ClientRoute: route, DeployTo: "prod"})
		if err != nil || len(res.DeploymentResult.EnvironmentResults) != 1 {
			t.Fatalf("%s: %+v, %v", d, res, err)
		}
		envs, _ := c.ListAPIProxyGroupEnvironments(ctx, "P", "Shop")
		if len(envs) != 1 || !envs[0].Deployed {
			t.Errorf("%s: %+v", d, envs)
		}
	}
}

// TestVariableSecretsOnTheFake: a secret is stored, never answered; an
// update with a nil value keeps it and with "" clears it, whether the
// variable was made by the Client or by the page's own documented body.
func TestVariableSecretsOnTheFake(t *testing.T) {
	ctx := context.Background()
	documented := `{"name":"DB_PASSWORD","description":"from the page","global":false,"environmentValueList":[
		{"environmentName":"prod","value":"s3cr3t","visible":false}]}`
	for _, d := range dialects {
		for _, how := range []string{"client", "page body"} {
			srv := settingsWorld(t, d, "")
			c := srv.Client()
			if how == "client" {
				if _, err := c.CreateEnvironmentVariable(ctx, "P", &apinizer.EnvironmentVariable{Name: "DB_PASSWORD",
					Values: []apinizer.EnvironmentValue{{EnvironmentName: "prod", Value: apinizer.Ptr(apinizer.Secret("s3cr3t")), Secret: true}}}); err != nil {
					t.Fatal(err)
				}
			} else if status := rawCall(t, srv, http.MethodPost, "/apiops/projects/P/environmentVariables/DB_PASSWORD/", documented); status != http.StatusOK {
				t.Fatalf("%s: the page's body: status %d", d, status)
			}
			got, err := c.GetEnvironmentVariable(ctx, "P", "DB_PASSWORD")
			if err != nil || len(got.Values) != 1 || got.Values[0].Value != nil || !got.Values[0].Secret {
				t.Fatalf("%s %s: read %+v, %v; want the value nil and Secret", d, how, got, err)
			}
			for _, r := range srv.Requests() {
				if bytes.Contains(r.Body, []byte("s3cr3t")) {
					t.Errorf("%s %s: a request record shows the secret", d, how)
				}
			}
			// What was read is sent back: the nil value keeps the secret.
			got.Description = "rotated later"
			if _, err := c.UpdateEnvironmentVariable(ctx, "P", got); err != nil {
				t.Fatal(err)
			}
			if v, ok := srv.EnvironmentVariableValue("P", "DB_PASSWORD", "prod"); !ok || v != "s3cr3t" {
				t.Errorf("%s %s: after an update with a nil value the fake holds %q (%v), want the secret kept", d, how, v, ok)
			}
			got.Values[0].Value = apinizer.Ptr(apinizer.Secret(""))
			if _, err := c.UpdateEnvironmentVariable(ctx, "P", got); err != nil {
				t.Fatal(err)
			}
			if v, ok := srv.EnvironmentVariableValue("P", "DB_PASSWORD", "prod"); !ok || v != "" {
				t.Errorf("%s %s: after an update with \"\" the fake holds %q (%v), want it cleared", d, how, v, ok)
			}
		}
	}
}

// TestVariableWritesDeployEverywhere: every write reports each environment
// of the project; a failing one is a *DeploymentError with the variable
// saved; a delete undeploys.
func TestVariableWritesDeployEverywhere(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := apinizertest.NewServer(apinizertest.WithDialect(d))
		t.Cleanup(srv.Close)
		srv.AddProject("P", "prod", "staging")
		srv.FailEnvironment("P", "staging", "Connection refused")
		c := srv.Client()
		v := &apinizer.EnvironmentVariable{Name: "API_URL", Global: true, GlobalValue: apinizer.Ptr(apinizer.Secret("https://api"))}
		res, err := c.CreateEnvironmentVariable(ctx, "P", v)
		var de *apinizer.DeploymentError
		if !errors.As(err, &de) || res == nil || len(res.DeploymentResult.Failed()) != 1 || res.DeploymentResult.Failed()[0].EnvironmentName != "staging" {
			t.Fatalf("%s: %+v, %v; want staging failed", d, res, err)
		}
		if got, err := c.GetEnvironmentVariable(ctx, "P", "api_url"); err != nil || got.GlobalValue == nil || string(*got.GlobalValue) != "https://api" {
			t.Errorf("%s: the saved variable reads %+v, %v (names match case-insensitively)", d, got, err)
		}
		srv.RecoverEnvironment("P", "staging")
		res, err = c.DeleteEnvironmentVariable(ctx, "P", "API_URL")
		if err != nil || len(res.DeploymentResult.EnvironmentResults) != 2 {
			t.Fatalf("%s: delete %+v, %v", d, res, err)
		}
		if _, err := c.GetEnvironmentVariable(ctx, "P", "API_URL"); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: a deleted variable reads %v", d, err)
		}
	}
}
