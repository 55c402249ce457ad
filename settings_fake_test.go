package apinizer_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// The settings against the fake: every settings type written and read
// back, in both dialects; the union bodies; the AI proxies' refusals; the
// redeploy flag.

// settingsWorld is a fake with one project, environment "prod", and an
// API proxy "Pets" of type apiType deployed there.
func settingsWorld(t *testing.T, d apinizertest.Dialect, apiType apinizer.APIType) *apinizertest.Server {
	t.Helper()
	srv := apinizertest.NewServer(apinizertest.WithDialect(d))
	t.Cleanup(srv.Close)
	srv.AddProject("P", "prod")
	srv.AddAPIProxyFrom("P", apinizertest.APIProxySeed{Name: "Pets", APIType: apiType, DeployedTo: []string{"prod"},
		Endpoints: []apinizertest.SeedEndpoint{{Name: "/pets", HTTPMethod: "GET"}}})
	return srv
}

// shownInGetAPIProxy are the settings Get API Proxy shows, by path: what
// of the proxy holds them, as the setting's JSON members.
var shownInGetAPIProxy = map[string]func(*apinizer.APIProxy) any{
	"metadata": func(p *apinizer.APIProxy) any {
		return map[string]any{"name": p.Name, "description": p.Description, "categoryList": p.Categories, "sharingType": p.SharingType}
	},
	"client-route": func(p *apinizer.APIProxy) any { return p.ClientRoute },
	"addresses":    func(p *apinizer.APIProxy) any { return p.Routing.Addresses },
	"routing-status": func(p *apinizer.APIProxy) any {
		return map[string]any{"routingEnabled": p.Routing.RoutingEnabled, "mirrorEnabled": p.Routing.MirrorEnabled}
	},
}

// membersOf is the JSON value v, and of want only the members v has (for
// an object; a list is compared whole).
func membersOf(t *testing.T, v any, want string) (got, wanted any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(raw, &got)
	_ = json.Unmarshal([]byte(want), &wanted)
	g, gok := got.(map[string]any)
	w, wok := wanted.(map[string]any)
	if gok && wok {
		sub := map[string]any{}
		for k := range g {
			sub[k] = w[k]
		}
		return g, sub
	}
	return got, wanted
}

// TestEverySettingRoundTripsThroughTheFake writes the sample of every
// settings type in both dialects and reads it back: from Get API Proxy
// for what the pages show there, else from the fake's own record.
func TestEverySettingRoundTripsThroughTheFake(t *testing.T) {
	for _, d := range dialects {
		for _, s := range apinizer.SettingsSamples() {
			t.Run(d.String()+"/"+s.Path, func(t *testing.T) {
				srv := settingsWorld(t, d, s.ProxyType)
				c := srv.Client()
				if _, err := c.UpdateAPIProxySettings(context.Background(), "P", "Pets", s.Value, nil); err != nil {
					t.Fatal(err)
				}
				name := "Pets"
				if s.Path == "metadata" {
					name = "Orders" // the sample renames the proxy
				}
				if show := shownInGetAPIProxy[s.Path]; show != nil {
					p, err := c.GetAPIProxy(context.Background(), "P", name, nil)
					if err != nil {
						t.Fatal(err)
					}
					got, want := membersOf(t, show(p), s.JSON)
					if !reflect.DeepEqual(got, want) || got == nil {
						t.Errorf("Get API Proxy shows %v, want %v", got, want)
					}
					return
				}
				raw, ok := srv.Setting("P", name, s.Path)
				if !ok || !jsonEqual(raw, []byte(s.JSON)) {
					t.Errorf("the fake holds %s (%v), want %s", raw, ok, s.JSON)
				}
			})
		}
	}
}

// TestEveryShownSettingIsASample: a path listed as shown in Get API Proxy
// names a setting that has a sample.
func TestEveryShownSettingIsASample(t *testing.T) {
	for path := range shownInGetAPIProxy {
		if !slices.ContainsFunc(apinizer.SettingsSamples(), func(s apinizer.SettingsSample) bool { return s.Path == path }) {
			t.Errorf("%s has no sample", path)
		}
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// patchSetting sends a settings PATCH with body as given, bypassing the
// Client, and returns the status.
func patchSetting(t *testing.T, srv *apinizertest.Server, path string, body []byte) int {
	t.Helper()
	return rawCall(t, srv, http.MethodPatch, "/apiops/projects/P/apiProxies/Pets/settings/"+path+"/", string(body))
}

// rawCall sends a JSON body to the fake as the pages' cURL examples do,
// bypassing the Client, and returns the status.
func rawCall(t *testing.T, srv *apinizertest.Server, method, path, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestUnionBodiesAreReadByBothDialects: for the settings whose two
// generations' pages disagree, the Client's body is applied by the fake of
// either dialect, and each form alone is applied by one dialect only;
// that is why the Client sends both.
func TestUnionBodiesAreReadByBothDialects(t *testing.T) {
	unions := 0
	for _, s := range apinizer.SettingsSamples() {
		if !s.Union {
			continue
		}
		unions++
		flat := []byte(s.JSON)
		wrapped, _ := json.Marshal(map[string]json.RawMessage{s.Wrapper: json.RawMessage(s.JSON)})
		for _, d := range dialects {
			srv := settingsWorld(t, d, s.ProxyType)
			if _, err := srv.Client().UpdateAPIProxySettings(context.Background(), "P", "Pets", s.Value, nil); err != nil {
				t.Fatalf("%s %s: %v", d, s.Path, err)
			}
			if got, want := applied(t, srv, s), true; got != want {
				t.Errorf("%s %s: the Client's union body was not applied", d, s.Path)
			}
			for _, form := range []struct {
				name string
				body []byte
				by   apinizertest.Dialect
			}{{"flat", flat, apinizertest.Dialect2025}, {"wrapped", wrapped, apinizertest.Dialect2026}} {
				srv := settingsWorld(t, d, s.ProxyType)
				// The dialect that does not read the form sees an empty
				// setting: taken as nothing, or the page's 400.
				status := patchSetting(t, srv, s.Path, form.body)
				if status != http.StatusOK && (d == form.by || status != http.StatusBadRequest) {
					t.Fatalf("%s %s %s: status %d", d, s.Path, form.name, status)
				}
				if got, want := applied(t, srv, s), d == form.by; got != want {
					t.Errorf("%s %s: the %s body alone applied = %v, want %v", d, s.Path, form.name, got, want)
				}
			}
		}
	}
	if unions != 7 {
		t.Errorf("%d union settings, want the seven of DESIGN", unions)
	}
}

// applied reports whether the sample's fields are what the proxy holds.
func applied(t *testing.T, srv *apinizertest.Server, s apinizer.SettingsSample) bool {
	t.Helper()
	if s.Path == "client-route" {
		p, err := srv.Client().GetAPIProxy(context.Background(), "P", "Pets", nil)
		if err != nil {
			t.Fatal(err)
		}
		got, want := membersOf(t, p.ClientRoute, s.JSON)
		return reflect.DeepEqual(got, want)
	}
	raw, _ := srv.Setting("P", "Pets", s.Path)
	return jsonEqual(raw, []byte(s.JSON))
}

// TestAIProxiesRefuseClassicRoutingSettings: on an AI proxy the settings
// of classic routing are the page's 400, stored nowhere; the others are
// taken.
func TestAIProxiesRefuseClassicRoutingSettings(t *testing.T) {
	for _, d := range dialects {
		for _, s := range apinizer.SettingsSamples() {
			if s.ProxyType != "" {
				continue // gRPC and WebSocket settings need their own type
			}
			srv := settingsWorld(t, d, apinizer.APITypeAI)
			_, err := srv.Client().UpdateAPIProxySettings(context.Background(), "P", "Pets", s.Value, nil)
			_, stored := srv.Setting("P", "Pets", s.Path)
			if s.Path == "metadata" {
				_, stored = srv.Setting("P", "Orders", s.Path)
			}
			switch {
			case s.Classic && (!errors.Is(err, apinizer.ErrBadRequest) || stored):
				t.Errorf("%s %s on an AI proxy: %v (stored %v); want ErrBadRequest, nothing stored", d, s.Path, err, stored)
			case !s.Classic && s.Path != "metadata" && (err != nil || !stored):
				t.Errorf("%s %s on an AI proxy: %v (stored %v); want it taken", d, s.Path, err, stored)
			}
		}
	}
}

// TestSettingsWritesFlagOrDeploy: a save-only write marks the deployed
// environment as needing a redeploy; a write with DeployTo deploys it.
func TestSettingsWritesFlagOrDeploy(t *testing.T) {
	cors := apinizer.CORSSettings{Name: "cors", CORSActive: apinizer.Ptr(true), AllowOrigins: []string{"https://app.example"}}
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		c := srv.Client()
		ctx := context.Background()
		if _, err := c.UpdateAPIProxySettings(ctx, "P", "Pets", cors, nil); err != nil {
			t.Fatal(err)
		}
		if dep := deploymentIn(t, c, "prod"); !dep.Deployed || !dep.RedeployRequired {
			t.Errorf("%s: after a save-only write %+v, want deployed and redeployRequired", d, dep)
		}
		res, err := c.UpdateAPIProxySettings(ctx, "P", "Pets", cors, &apinizer.DeployTo{Environments: []string{"prod"}})
		if err != nil || res == nil || len(res.DeploymentResult.EnvironmentResults) != 1 || !res.DeploymentResult.EnvironmentResults[0].Success {
			t.Fatalf("%s: %+v, %v; want prod deployed", d, res, err)
		}
		if dep := deploymentIn(t, c, "prod"); !dep.Deployed || dep.RedeployRequired {
			t.Errorf("%s: after a write with DeployTo %+v, want deployed, no redeploy required", d, dep)
		}
		_, err = c.UpdateAPIProxySettings(ctx, "P", "Pets", cors, &apinizer.DeployTo{Environments: []string{"nowhere"}})
		if !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: deploy to an unknown environment: %v, want ErrNotFound", d, err)
		}
	}
}

func deploymentIn(t *testing.T, c *apinizer.Client, env string) apinizer.ProxyDeployment {
	t.Helper()
	p, err := c.GetAPIProxy(context.Background(), "P", "Pets", nil)
	if err != nil {
		t.Fatal(err)
	}
	dep, _ := p.Deployment(env)
	return dep
}

// TestSpecAccessAndHideSpecFileReachTheFake: the two settings whose value
// is in the path.
func TestSpecAccessAndHideSpecFileReachTheFake(t *testing.T) {
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		c := srv.Client()
		ctx := context.Background()
		if _, err := c.UpdateAPIProxySpecAccessType(ctx, "P", "Pets", apinizer.SpecAccessHidden, nil, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateAPIProxyHideSpecFile(ctx, "P", "Pets", true); err != nil {
			t.Fatal(err)
		}
		access, _ := srv.Setting("P", "Pets", "spec-access-type")
		hide, _ := srv.Setting("P", "Pets", "hide-spec-file")
		if !strings.Contains(string(access), "HIDDEN") || !strings.Contains(string(hide), "true") {
			t.Errorf("%s: the fake holds spec access %s, hide spec file %s", d, access, hide)
		}
		_, err := c.UpdateAPIProxySpecAccessType(ctx, "P", "Pets", apinizer.SpecAccessType("NOBODY"), nil, nil)
		if !errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("%s: an unknown access type: %v, want ErrBadRequest", d, err)
		}
	}
}
