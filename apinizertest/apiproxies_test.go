package apinizertest_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// specFile opens one of the package's test specs.
func specFile(t *testing.T, name string) apinizer.File {
	t.Helper()
	f, err := os.Open("testdata/specs/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return apinizer.File{Name: name, Content: f}
}

func endpointNames(eps []apinizer.Endpoint) []string {
	var out []string
	for _, e := range eps {
		out = append(out, string(e.HTTPMethod)+" "+e.Path)
	}
	return out
}

// TestAPIProxyLifecycle drives a proxy through the fake as a pipeline
// would: create from a spec, deploy, re-parse, redeploy, undeploy, roll
// back, and reads each step back through every read the pages offer.
func TestAPIProxyLifecycle(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("MyProject", "production", "staging")
		c, ctx := s.Client(), context.Background()
		route := &apinizer.ClientRoute{RelativePaths: []string{"/pets"}}

		// Create from a YAML file: the spec's endpoints, not deployed.
		if _, err := c.CreateAPIProxyFromFile(ctx, "MyProject", &apinizer.APIProxyRequest{Name: "petstore", CreationType: apinizer.CreationOpenAPI,
			ClientRoute: route}, specFile(t, "petstore-openapi3.yaml")); err != nil {
			t.Fatal(err)
		}
		p, err := c.GetAPIProxy(ctx, "MyProject", "petstore", nil)
		if err != nil || p.APIType != apinizer.APITypeREST || len(p.Deployments) != 0 ||
			!slices.Equal(endpointNames(p.Endpoints), []string{"GET /pets", "POST /pets", "GET /pets/{petId}"}) {
			t.Fatalf("after create: %+v, %v", p, err)
		}
		if _, err := c.CreateAPIProxyFromFile(ctx, "MyProject", &apinizer.APIProxyRequest{Name: "petstore", CreationType: apinizer.CreationOpenAPI,
			ClientRoute: route}, specFile(t, "petstore-openapi3.yaml")); !errors.Is(err, apinizer.ErrAlreadyExists) {
			t.Errorf("creating twice: %v", err)
		}

		// Deploy to staging: every read shows it.
		resp, err := c.DeployAPIProxy(ctx, "MyProject", "petstore", "staging", &apinizer.DeployOptions{Description: "v1", Persistent: true})
		if err != nil || len(resp.DeploymentResult.EnvironmentResults) != 1 || !resp.DeploymentResult.EnvironmentResults[0].Success {
			t.Fatalf("deploy: %+v, %v", resp, err)
		}
		p, _ = c.GetAPIProxy(ctx, "MyProject", "petstore", nil)
		if dep, ok := p.Deployment("staging"); !ok || !dep.Deployed || dep.RedeployRequired {
			t.Errorf("deployment list after deploy: %+v", p.Deployments)
		}
		st, err := c.GetAPIProxyDeployStatus(ctx, "MyProject", "petstore", "staging")
		if err != nil || !st.Deployed || st.Revision == nil || *st.Revision != 1 || st.LastDeployTime == nil {
			t.Errorf("deploy status: %+v, %v", st, err)
		}
		if st, _ := c.GetAPIProxyDeployStatus(ctx, "MyProject", "petstore", "production"); st.Deployed || st.Revision != nil {
			t.Errorf("production's status: %+v", st)
		}
		infos, err := c.GetAPIProxyInvokeInfo(ctx, "MyProject", "petstore")
		if err != nil || len(infos) != 2 || infos[1].EnvironmentName != "staging" || !infos[1].Deployed || infos[0].Deployed ||
			!slices.Equal(infos[1].URLs(), []string{"https://staging.gateway.example/apigateway/pets"}) {
			t.Errorf("invoke info: %+v, %v", infos, err)
		}
		health, err := c.GetAPIProxyRouteHealth(ctx, "MyProject", "petstore", "staging")
		if err != nil || !health.RouteActive || health.PodsActive != 2 || health.Inconsistent || health.ServedPath != "/pets" {
			t.Errorf("route health: %+v, %v", health, err)
		}

		// Re-parse from a spec URL: staging must be redeployed.
		s.AddSpec("https://specs.example/petstore-v2.json", []byte(`{"openapi":"3.0.3","info":{"title":"Pets","version":"2"},"paths":{"/pets":{"get":{}},"/owners":{"get":{}}}}`))
		if _, err := c.UpdateAPIProxy(ctx, "MyProject", &apinizer.APIProxyRequest{Name: "petstore", CreationType: apinizer.CreationOpenAPI,
			SpecURL: "https://specs.example/petstore-v2.json"}); err != nil {
			t.Fatal(err)
		}
		p, _ = c.GetAPIProxy(ctx, "MyProject", "petstore", nil)
		if dep, _ := p.Deployment("staging"); !dep.Deployed || !dep.RedeployRequired || !slices.Equal(endpointNames(p.Endpoints), []string{"GET /owners", "GET /pets"}) {
			t.Errorf("after re-parse: %+v %v", p.Deployments, endpointNames(p.Endpoints))
		}
		if _, err := c.DeployAPIProxy(ctx, "MyProject", "petstore", "staging", nil); err != nil {
			t.Fatal(err)
		}
		if st, _ := c.GetAPIProxyDeployStatus(ctx, "MyProject", "petstore", "staging"); st.RedeployRequired || *st.Revision != 2 {
			t.Errorf("after the redeploy: %+v", st)
		}

		// Undeploy: the workers drop the route; the history has all three.
		if _, err := c.UndeployAPIProxy(ctx, "MyProject", "petstore", "staging", nil); err != nil {
			t.Fatal(err)
		}
		if h, _ := c.GetAPIProxyRouteHealth(ctx, "MyProject", "petstore", "staging"); h.RouteActive || h.DeployedInManager || h.ServedPath != "" {
			t.Errorf("route health after undeploy: %+v", h)
		}
		history, err := c.ListAPIProxyDeployHistory(ctx, "MyProject", "petstore")
		if err != nil || len(history) != 3 || history[0].Revision != 3 || history[0].Deploy || history[2].Description != "v1" || !history[2].Persistent {
			t.Fatalf("history: %+v, %v", history, err)
		}

		// Roll back to revision 1 and deploy it: the first spec's endpoints.
		rb, err := c.RollbackAPIProxy(ctx, "MyProject", "petstore", 1, &apinizer.RollbackOptions{EnvironmentName: "production"})
		if err != nil || !strings.Contains(rb.Message, "Deployed to environment: production") {
			t.Fatalf("rollback: %+v, %v", rb, err)
		}
		p, _ = c.GetAPIProxy(ctx, "MyProject", "petstore", nil)
		if dep, _ := p.Deployment("production"); !dep.Deployed || len(p.Endpoints) != 3 {
			t.Errorf("after rollback: %+v %v", p.Deployments, endpointNames(p.Endpoints))
		}
		rec, err := c.GetAPIProxyDeployHistory(ctx, "MyProject", "petstore", 1)
		if err != nil || rec.Environment != "staging" || len(rec.Snapshot) == 0 {
			t.Errorf("detail: %+v, %v", rec, err)
		}
		if err := c.DeleteAPIProxyDeployHistory(ctx, "MyProject", "petstore", 1); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RollbackAPIProxy(ctx, "MyProject", "petstore", 1, nil); !errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("rolling back to a deleted revision: %v", err)
		}
		if _, err := c.GetAPIProxyDeployHistory(ctx, "MyProject", "petstore", 1); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("a deleted revision: %v", err)
		}

		// Delete: gone, and every read says so.
		if _, err := c.DeleteAPIProxy(ctx, "MyProject", "petstore"); err != nil {
			t.Fatal(err)
		}
		for _, err := range []error{
			func() error { _, err := c.GetAPIProxy(ctx, "MyProject", "petstore", nil); return err }(),
			func() error { _, err := c.DeployAPIProxy(ctx, "MyProject", "petstore", "staging", nil); return err }(),
			func() error { _, err := c.DeleteAPIProxy(ctx, "MyProject", "petstore"); return err }(),
			func() error { _, err := c.GetAPIProxyRouteHealth(ctx, "MyProject", "petstore", "staging"); return err }(),
		} {
			if !errors.Is(err, apinizer.ErrAPIProxyNotFound) {
				t.Errorf("after delete: %v", err)
			}
		}
	})
}

// TestAPIProxyCreates: every creation type, the spec-URL rules, the AI,
// MCP and A2A creates, and deploy targets checked before anything is
// written.
func TestAPIProxyCreates(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("P", "production", "staging")
		s.AddLLMProvider("P", "openai-prod")
		c, ctx := s.Client(), context.Background()
		swagger, _ := os.ReadFile("testdata/specs/petstore-swagger2.yaml")
		s.AddSpec("https://petstore.swagger.io/v2/swagger.json", swagger)

		resp, err := c.CreateAPIProxy(ctx, "P", &apinizer.APIProxyRequest{Name: "pets", CreationType: apinizer.CreationSwagger,
			SpecURL: "https://petstore.swagger.io/v2/swagger.json", DeployTo: []string{"production"}})
		if err != nil || len(resp.DeploymentResult.EnvironmentResults) != 1 {
			t.Fatalf("create from a spec URL: %+v, %v", resp, err)
		}
		p, _ := c.GetAPIProxy(ctx, "P", "pets", nil)
		if dep, _ := p.Deployment("production"); !dep.Deployed || len(p.Endpoints) == 0 || len(p.Routing.Addresses) != 1 {
			t.Errorf("created from a URL and deployed: %+v", p)
		}
		for _, tt := range []struct {
			req  apinizer.APIProxyRequest
			want string
		}{
			{apinizer.APIProxyRequest{Name: "x", CreationType: apinizer.CreationOpenAPI, SpecURL: "https://nowhere.example/spec.json"}, "Spec could not be read from URL (https://nowhere.example/spec.json)!"},
			{apinizer.APIProxyRequest{Name: "x", CreationType: apinizer.CreationWSDL, SpecURL: "https://petstore.swagger.io/v2/swagger.json"}, "does not fit apiProxyCreationType (WSDL)"},
			{apinizer.APIProxyRequest{Name: "x", CreationType: apinizer.CreationReverseProxy, DeployTo: []string{"qa"}}, "Environment (qa) is not found"},
		} {
			_, err := c.CreateAPIProxy(ctx, "P", &tt.req)
			var e *apinizer.Error
			if !errors.As(err, &e) || !strings.Contains(e.Description, tt.want) {
				t.Errorf("%+v: %v; want %q", tt.req, err, tt.want)
			}
		}
		if _, ok := s.APIProxy("P", "x"); ok {
			t.Error("a refused create was written")
		}
		for _, ct := range []apinizer.CreationType{apinizer.CreationReverseProxy, apinizer.CreationEmptyAPI} {
			if _, err := c.CreateAPIProxy(ctx, "P", &apinizer.APIProxyRequest{Name: string(ct), CreationType: ct}); err != nil {
				t.Errorf("%s: %v", ct, err)
			}
		}
		if _, err := c.CreateAPIProxyFromFile(ctx, "P", &apinizer.APIProxyRequest{Name: "weather", CreationType: apinizer.CreationWSDL,
			ClientRoute: &apinizer.ClientRoute{RelativePaths: []string{"/weather"}}}, specFile(t, "weather.wsdl")); err != nil {
			t.Fatal(err)
		}
		if p, _ := s.APIProxy("P", "weather"); p.APIType != apinizer.APITypeSOAP || len(p.Endpoints) == 0 || p.Endpoints[0].HTTPMethod != "POST" {
			t.Errorf("from a WSDL: %+v", p)
		}

		// AI, MCP, A2A: created, never deployed; their own refusals.
		if resp, err := c.CreateAIAPIProxy(ctx, "P", "chat", &apinizer.AIAPIProxyRequest{RelativePath: "/chat", LLMProviderName: "openai-prod"}); err != nil || resp.DeploymentResult.Success {
			t.Errorf("AI create: %+v, %v", resp, err)
		}
		if _, err := c.CreateAIAPIProxy(ctx, "P", "chat2", &apinizer.AIAPIProxyRequest{RelativePath: "/chat2", LLMProviderName: "none"}); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("an unknown LLM provider: %v", err)
		}
		if _, err := c.CreateMCPAPIProxy(ctx, "P", "tools", &apinizer.MCPAPIProxyRequest{RelativePath: "/tools", RoutingMode: apinizer.MCPToolExpose}); err != nil {
			t.Error(err)
		}
		if _, err := c.CreateA2AAPIProxy(ctx, "P", "agents", &apinizer.A2AAPIProxyRequest{RelativePath: "/agents"}); err != nil {
			t.Error(err)
		}
		for name, want := range map[string]apinizer.APIType{"chat": apinizer.APITypeAI, "tools": apinizer.APITypeMCP, "agents": apinizer.APITypeA2A} {
			if p, ok := s.APIProxy("P", name); !ok || p.APIType != want || len(p.Deployments) != 0 {
				t.Errorf("%s: %+v", name, p)
			}
		}
		a := send(t, s, "POST", "/apiops/projects/P/apiProxies/mcp/more/", s.Token(), `{"relativePath":"/more"}`)
		if a.status != 400 || a.text != "routingMode value can not be empty! Must be TOOL_EXPOSE or PASSTHROUGH." ||
			(d == apinizertest.Dialect2026 && a.body["status"] != "FAIL") {
			t.Errorf("MCP without a routing mode: %d %v", a.status, a.body)
		}
	})
}

// TestDeploymentFailuresShowInEveryShape: FailEnvironment fails the
// environment in the answer of each call that deploys, as the call's own
// shape carries it, and the SDK reads a *DeploymentError from each.
func TestDeploymentFailuresShowInEveryShape(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("P", "production", "staging")
		s.FailEnvironment("P", "staging", "Gateway unreachable")
		s.AddAPIProxy("P", "orders")
		c, ctx := s.Client(), context.Background()
		calls := map[string]func() (*apinizer.DeploymentResponse, error){
			"create (URL)": func() (*apinizer.DeploymentResponse, error) {
				return c.CreateAPIProxy(ctx, "P", &apinizer.APIProxyRequest{Name: "rp", CreationType: apinizer.CreationReverseProxy, DeployTo: []string{"staging"}})
			},
			"create (URL), two environments": func() (*apinizer.DeploymentResponse, error) {
				return c.CreateAPIProxy(ctx, "P", &apinizer.APIProxyRequest{Name: "rp2", CreationType: apinizer.CreationReverseProxy, DeployTo: []string{"production", "staging"}})
			},
			"deploy": func() (*apinizer.DeploymentResponse, error) {
				return c.DeployAPIProxy(ctx, "P", "orders", "staging", nil)
			},
			"undeploy": func() (*apinizer.DeploymentResponse, error) {
				return c.UndeployAPIProxy(ctx, "P", "orders", "staging", nil)
			},
		}
		for name, call := range calls {
			resp, err := call()
			var de *apinizer.DeploymentError
			if !errors.As(err, &de) || resp == nil || len(resp.DeploymentResult.Failed()) != 1 ||
				resp.DeploymentResult.Failed()[0].EnvironmentName != "staging" || !strings.Contains(err.Error(), "Gateway unreachable") {
				t.Errorf("%s: %+v, %v; want a *DeploymentError naming staging", name, resp, err)
			}
		}
		if _, ok := s.APIProxy("P", "rp"); !ok {
			t.Error("a create whose deployment failed was not saved")
		}
		// Delete undeploys best effort: the failure shows, the delete stands.
		resp, err := c.DeleteAPIProxy(ctx, "P", "orders")
		if !errors.Is(err, apinizer.ErrDeploymentFailed) || resp == nil {
			t.Errorf("delete: %v", err)
		}
		if _, ok := s.APIProxy("P", "orders"); ok {
			t.Error("the delete did not stand")
		}
	})
}
