package apinizer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
)

// An API proxy's endpoints, routings and traffic-log settings against the
// fake, in both dialects: what is written is what is read.

var pets = apinizer.EndpointID{Name: "/pets", HTTPMethod: apinizer.HTTPMethodGet}

func findEndpoint(list []apinizer.Endpoint, path string, m apinizer.HTTPMethod) (apinizer.Endpoint, bool) {
	for _, e := range list {
		if e.Path == path && e.HTTPMethod == m {
			return e, true
		}
	}
	return apinizer.Endpoint{}, false
}

// TestEndpointLifecycleOnTheFake adds, changes, disables and deletes an
// endpoint, and lists it so at each step.
func TestEndpointLifecycleOnTheFake(t *testing.T) {
	ctx := context.Background()
	orders := apinizer.EndpointID{Name: "/orders", HTTPMethod: apinizer.HTTPMethodPost}
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		c := srv.Client()
		if _, err := c.CreateAPIProxyEndpoint(ctx, "P", "Pets", &apinizer.EndpointRequest{Name: "/orders", HTTPMethod: apinizer.HTTPMethodPost,
			BackendResourceURL: "/v1/orders", BackendHTTPMethod: apinizer.HTTPMethodPut, Description: "new"}); err != nil {
			t.Fatal(err)
		}
		list, err := c.ListAPIProxyEndpoints(ctx, "P", "Pets")
		if e, ok := findEndpoint(list, "/orders", apinizer.HTTPMethodPost); err != nil || !ok || !e.Active || e.BackendHTTPMethod != apinizer.HTTPMethodPut || e.Description != "new" {
			t.Fatalf("%s: after create %+v, %v", d, list, err)
		}
		if _, err := c.UpdateAPIProxyEndpoint(ctx, "P", "Pets", orders, &apinizer.EndpointUpdate{BackendResourceURL: "/v2/orders"}, nil); err != nil {
			t.Fatal(err)
		}
		e, err := c.GetAPIProxyEndpoint(ctx, "P", "Pets", orders)
		if err != nil || e.BackendResourceURL != "/v2/orders" || e.Description != "new" || e.BackendHTTPMethod != apinizer.HTTPMethodPut {
			t.Errorf("%s: after an update of the backend URL only %+v, %v; want the rest kept", d, e, err)
		}
		if _, err := c.UpdateAPIProxyEndpoint(ctx, "P", "Pets", orders, &apinizer.EndpointUpdate{Description: apinizer.Ptr("")}, nil); err != nil {
			t.Fatal(err)
		}
		if e, _ := c.GetAPIProxyEndpoint(ctx, "P", "Pets", orders); e == nil || e.Description != "" {
			t.Errorf("%s: a pointer to \"\" did not clear the description: %+v", d, e)
		}
		if _, err := c.UpdateAPIProxyEndpointStatus(ctx, "P", "Pets", orders, false, nil); err != nil {
			t.Fatal(err)
		}
		methods, err := c.ListAPIProxyMethods(ctx, "P", "Pets", &apinizer.ListMethodsOptions{WithPolicies: true})
		if e, ok := findEndpoint(methods, "/orders", apinizer.HTTPMethodPost); err != nil || !ok || e.Active {
			t.Errorf("%s: after disabling %+v, %v", d, methods, err)
		}
		cache := &apinizer.CacheSettings{Name: "c", HandlingAction: apinizer.CacheHandlingContinue, TTL: apinizer.Ptr(30)}
		if _, err := c.UpdateAPIProxyEndpointCache(ctx, "P", "Pets", orders, cache, nil); err != nil {
			t.Fatal(err)
		}
		if raw, ok := srv.EndpointSetting("P", "Pets", "/orders", "POST", "cache"); !ok || !strings.Contains(string(raw), `"ttl":30`) {
			t.Errorf("%s: the endpoint's cache is %s", d, raw)
		}
		if _, err := c.DeleteAPIProxyEndpoint(ctx, "P", "Pets", orders); err != nil {
			t.Fatal(err)
		}
		list, _ = c.ListAPIProxyEndpoints(ctx, "P", "Pets")
		if _, ok := findEndpoint(list, "/orders", apinizer.HTTPMethodPost); ok || len(list) != 1 {
			t.Errorf("%s: after delete %+v", d, list)
		}
		if _, err := c.GetAPIProxyEndpoint(ctx, "P", "Pets", orders); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: a deleted endpoint reads %v, want ErrNotFound", d, err)
		}
		if _, err := c.UpdateAPIProxyEndpointCache(ctx, "P", "Pets", orders, cache, nil); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: the cache of a deleted endpoint: %v, want ErrNotFound", d, err)
		}
	}
}

// TestEndpointWritesWithDeployTo: an endpoint write with DeployTo answers
// the deployment (shape C) and leaves nothing to redeploy.
func TestEndpointWritesWithDeployTo(t *testing.T) {
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		c := srv.Client()
		res, err := c.UpdateAPIProxyEndpointStatus(context.Background(), "P", "Pets", pets, false, &apinizer.DeployTo{Environments: []string{"prod"}})
		if err != nil || len(res.DeploymentResult.EnvironmentResults) != 1 || !res.DeploymentResult.EnvironmentResults[0].Success {
			t.Fatalf("%s: %+v, %v", d, res, err)
		}
		if dep := deploymentIn(t, c, "prod"); dep.RedeployRequired {
			t.Errorf("%s: %+v after a deployed write", d, dep)
		}
	}
}

// TestSOAPProxiesRefuseRESTOnlyEndpointWrites: create and delete are for
// REST proxies, with the pages' texts.
func TestSOAPProxiesRefuseRESTOnlyEndpointWrites(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := settingsWorld(t, d, apinizer.APITypeSOAP)
		c := srv.Client()
		_, err := c.CreateAPIProxyEndpoint(ctx, "P", "Pets", &apinizer.EndpointRequest{Name: "/x", HTTPMethod: apinizer.HTTPMethodPost,
			BackendResourceURL: "/x", BackendHTTPMethod: apinizer.HTTPMethodPost})
		if !errors.Is(err, apinizer.ErrBadRequest) || !strings.Contains(err.Error(), "can only be added to REST API Proxies") {
			t.Errorf("%s: create on SOAP: %v", d, err)
		}
		_, err = c.DeleteAPIProxyEndpoint(ctx, "P", "Pets", pets)
		if !errors.Is(err, apinizer.ErrBadRequest) || !strings.Contains(err.Error(), "can only be deleted from REST API Proxies") {
			t.Errorf("%s: delete on SOAP: %v", d, err)
		}
		if list, _ := c.ListAPIProxyEndpoints(ctx, "P", "Pets"); len(list) != 1 {
			t.Errorf("%s: the SOAP proxy's endpoints changed: %+v", d, list)
		}
		if _, err := c.UpdateAPIProxyEndpointWSA(ctx, "P", "Pets", pets, &apinizer.WSASettings{WSAEnabled: apinizer.Ptr(true)}, nil); err != nil {
			t.Errorf("%s: WSA on SOAP: %v", d, err)
		}
	}
}

// TestRoutingPutsReplaceTheWholeObject: a second PUT leaves nothing of the
// first; a proxy of another type refuses.
func TestRoutingPutsReplaceTheWholeObject(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := settingsWorld(t, d, apinizer.APITypeAI)
		srv.AddLLMProvider("P", "openai-prod")
		c := srv.Client()
		if _, err := c.UpdateAPIProxyAIRouting(ctx, "P", "Pets", &apinizer.AIRouting{LLMProviderRefName: "openai-prod", ModelID: "gpt-4o"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateAPIProxyAIRouting(ctx, "P", "Pets", &apinizer.AIRouting{LLMProviderRefName: "openai-prod", Streaming: apinizer.Ptr(true)}); err != nil {
			t.Fatal(err)
		}
		raw, ok := srv.Routing("P", "Pets", "ai")
		if !ok || strings.Contains(string(raw), "gpt-4o") || !strings.Contains(string(raw), `"streaming":true`) {
			t.Errorf("%s: the AI routing is %s; want the second PUT only", d, raw)
		}
		_, err := c.UpdateAPIProxyMCPRouting(ctx, "P", "Pets", &apinizer.MCPRouting{RoutingMode: apinizer.MCPToolExpose})
		if !errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("%s: MCP routing on an AI proxy: %v, want ErrBadRequest", d, err)
		}
	}
}

// TestTrafficLogSettingsOnTheFake: the log recipients must be connections
// of the environment, an override needs saved settings first, and what is
// put is what is got.
func TestTrafficLogSettingsOnTheFake(t *testing.T) {
	ctx := context.Background()
	for _, d := range dialects {
		srv := settingsWorld(t, d, "")
		srv.AddConnection("P", "es-prod", "ELASTICSEARCH_INDEX", "prod")
		c := srv.Client()
		if got, err := c.GetAPIProxyTrafficLogSettings(ctx, "P", "Pets", "prod"); got != nil || err != nil {
			t.Errorf("%s: nothing saved reads %+v, %v; want nil, nil", d, got, err)
		}
		_, err := c.UpdateAPIProxyTrafficLogMethodOverride(ctx, "P", "Pets", "prod", apinizer.ConnectorElasticsearch, "/pets",
			&apinizer.ConnectorLogSettings{Enabled: apinizer.Ptr(true)})
		if !errors.Is(err, apinizer.ErrServer) || !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: an override before any settings: %v, want the page's 500", d, err)
		}
		_, err = c.UpdateAPIProxyTrafficLogSettings(ctx, "P", "Pets", "prod", &apinizer.TrafficLogSettings{
			ConnectorSettings: map[string]apinizer.ConnectorLogSettings{"es-staging": {Enabled: apinizer.Ptr(true)}}})
		if !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: a connection not in the environment: %v, want ErrNotFound", d, err)
		}
		settings := &apinizer.TrafficLogSettings{LogBodyRequestFromClient: apinizer.Ptr(false),
			ConnectorSettings: map[string]apinizer.ConnectorLogSettings{"es-prod": {Enabled: apinizer.Ptr(true)}}}
		if _, err := c.UpdateAPIProxyTrafficLogSettings(ctx, "P", "Pets", "prod", settings); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateAPIProxyTrafficLogMethodOverride(ctx, "P", "Pets", "prod", apinizer.ConnectorElasticsearch, "/pets",
			&apinizer.ConnectorLogSettings{Enabled: apinizer.Ptr(true), LogBodyResponseToClient: apinizer.Ptr(false)}); err != nil {
			t.Fatal(err)
		}
		got, err := c.GetAPIProxyTrafficLogSettings(ctx, "P", "Pets", "prod")
		switch {
		case err != nil || got == nil:
			t.Fatalf("%s: %+v, %v", d, got, err)
		case got.LogBodyRequestFromClient == nil || *got.LogBodyRequestFromClient || got.LogHeaderRequestFromClient == nil:
			t.Errorf("%s: flags %+v; want the one sent false and the others kept", d, got)
		case got.ConnectorSettings["es-prod"].Enabled == nil || len(got.MethodOverrides) != 1 || got.MethodOverrides[0].APIMethodName != "/pets":
			t.Errorf("%s: connectors %+v, overrides %+v", d, got.ConnectorSettings, got.MethodOverrides)
		}
		if _, err := c.DeleteAPIProxyTrafficLogMethodOverride(ctx, "P", "Pets", "prod", apinizer.ConnectorElasticsearch, "/pets"); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.GetAPIProxyTrafficLogSettings(ctx, "P", "Pets", "prod"); got == nil || len(got.MethodOverrides) != 0 {
			t.Errorf("%s: after deleting the override %+v", d, got)
		}
		all, err := c.ListAPIProxyTrafficLogSettings(ctx, "P", "Pets")
		if err != nil || len(all) != 1 || all[0].EnvironmentID == "" {
			t.Errorf("%s: list %+v, %v", d, all, err)
		}
		if _, err := c.GetAPIProxyTrafficLogSettings(ctx, "P", "Pets", "staging"); !errors.Is(err, apinizer.ErrNotFound) {
			t.Errorf("%s: an unknown environment: %v, want ErrNotFound", d, err)
		}
	}
}
