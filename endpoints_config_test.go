package apinizer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The rows of an API proxy's configuration: endpoints, settings (one row
// per setting, built from the samples of apiproxy_settings_types_test.go),
// the routing PUTs and the traffic-log settings.

var (
	testEndpoint = EndpointID{Name: "/pets", HTTPMethod: HTTPMethodGet}
	testDeployTo = &DeployTo{Environments: []string{"production"}}
	testCache    = &CacheSettings{Name: "pets-cache", HandlingAction: CacheHandlingStop, TTL: ptr(60)}
)

// endpointRows are the endpoint calls' rows.
var endpointRows = []endpoint{
	{op: ops.ListAPIProxyEndpoints,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyEndpoints(ctx, n.project, n.proxy)
		},
		answers: []string{"list_endpoints", "error_apiproxy_missing", "error_server"}},
	{op: ops.ListAPIProxyMethods, query: "withPolicies=false",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyMethods(ctx, n.project, n.proxy, nil)
		},
		answers: []string{"list_methods", "error_apiproxy_missing"}},
	{op: ops.GetAPIProxyEndpoint, body: `{"name":"/pets","httpMethod":"GET"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyEndpoint(ctx, n.project, n.proxy, testEndpoint)
		},
		answers: []string{"endpoint", "error_endpoint_missing", "error_endpoint_identifier", "error_server"}},
	{op: ops.ListAPIProxyEndpointPolicies, body: `{"name":"/pets","httpMethod":"GET"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyEndpointPolicies(ctx, n.project, n.proxy, testEndpoint)
		},
		answers: []string{"endpoint_policies", "error_endpoint_missing"}},
	{op: ops.GetAPIProxyMethodPolicies, body: `{"name":"/pets","httpMethod":"GET"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyMethodPolicies(ctx, n.project, n.proxy, testEndpoint)
		},
		answers: []string{"endpoint_policies", "error_endpoint_missing"}},
	{op: ops.CreateAPIProxyEndpoint, body: `{"name":"/orders","httpMethod":"POST","backendResourceUrl":"/orders","backendHttpMethod":"POST"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateAPIProxyEndpoint(ctx, n.project, n.proxy, &EndpointRequest{Name: "/orders", HTTPMethod: HTTPMethodPost,
				BackendResourceURL: "/orders", BackendHTTPMethod: HTTPMethodPost})
		},
		answers: []string{"success", "error_endpoint_rest_only", "error_apiproxy_missing"}},
	{op: ops.UpdateAPIProxyEndpoint,
		body: `{"name":"/pets","httpMethod":"GET","description":"","backendResourceUrl":"/v2/pets","deploy":true,"deployTargetEnvironmentNameList":["production"]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyEndpoint(ctx, n.project, n.proxy, testEndpoint, &EndpointUpdate{Description: ptr(""), BackendResourceURL: "/v2/pets"}, testDeployTo)
		},
		answers: []string{"deployment_c", "success", "deployment_c_partial", "error_endpoint_missing"}},
	{op: ops.DeleteAPIProxyEndpoint, body: `{"name":"/pets","httpMethod":"GET"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteAPIProxyEndpoint(ctx, n.project, n.proxy, testEndpoint)
		},
		answers: []string{"success", "error_endpoint_delete_rest_only", "error_endpoint_missing"}},
	{op: ops.UpdateAPIProxyEndpointStatus, body: `{"identifierName":"/pets","identifierHttpMethod":"GET","active":false}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyEndpointStatus(ctx, n.project, n.proxy, testEndpoint, false, nil)
		},
		answers: []string{"success", "error_endpoint_missing"}},
	{op: ops.UpdateAPIProxyEndpointWSA,
		body: `{"identifierName":"/pets","identifierHttpMethod":"GET","wsaSettings":{"wsaEnabled":true},"deploy":true,"deployTargetEnvironmentNameList":["production"]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyEndpointWSA(ctx, n.project, n.proxy, testEndpoint, &WSASettings{WSAEnabled: ptr(true)}, testDeployTo)
		},
		answers: []string{"deployment_c", "success"}},
	{op: ops.UpdateAPIProxyEndpointCache,
		body: `{"identifierName":"/pets","identifierHttpMethod":"GET","cacheSettings":{"name":"pets-cache","handlingAction":"STOP","ttl":60}}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyEndpointCache(ctx, n.project, n.proxy, testEndpoint, testCache, nil)
		},
		answers: []string{"success", "error_handling_action", "error_endpoint_missing_404"}},
}

// settingsAnswers are the documented answers of a setting's page, by path:
// its deploy answer's shape, and its documented 400.
func settingsAnswers(path string) []string {
	deployed := map[string]string{"ntlm": "deployment_c_prime", "client-route": "deployment_d", "xml-error-template": "deployment_d",
		"idempotency": "deployment_b_prime"}[path]
	if deployed == "" {
		deployed = "deployment_c"
	}
	out := []string{deployed, "success", "error_apiproxy_missing"}
	switch path {
	case "custom-message", "error-handling", "idempotency", "maintenance-mode", "trace":
	case "cache": // the same text as an endpoint's cache
		out = append(out, "error_handling_action")
	default:
		out = append(out, "error_setting_"+path)
	}
	return out
}

// proxyTypes are the proxy types the settings that need one apply to.
var proxyTypes = map[string]APIType{"grpc": APITypeGRPC, "websocket": APITypeWebSocket}

// settingsRows is a row per setting: the sample of its type sent with a
// deploy, the body its kind says (flat, wrapped, or both), and its page's
// answers.
func settingsRows() []endpoint {
	var rows []endpoint
	for _, sample := range settingsSamples {
		s, k := sample.s, sample.kind
		var flat map[string]json.RawMessage
		body := map[string]any{"deploy": true, "deployTargetEnvironmentNameList": []string{"production"}}
		switch {
		case k.union:
			_ = json.Unmarshal([]byte(sample.json), &flat)
			for name, v := range flat {
				body[name] = v
			}
			body[k.wrapper] = json.RawMessage(sample.json)
		case k.wrapper != "":
			body[k.wrapper] = json.RawMessage(sample.json)
		default:
			_ = json.Unmarshal([]byte(sample.json), &flat)
			for name, v := range flat {
				body[name] = v
			}
		}
		want, err := json.Marshal(body)
		if err != nil {
			panic(fmt.Sprintf("%T: %v", s, err))
		}
		rows = append(rows, endpoint{op: k.op, body: string(want), proxyType: proxyTypes[k.path()],
			call: func(ctx context.Context, c *Client, n names) (any, error) {
				return c.UpdateAPIProxySettings(ctx, n.project, n.proxy, s, testDeployTo)
			},
			answers: settingsAnswers(k.path())})
	}
	return rows
}

// configRows are the other configuration calls' rows.
var configRows = []endpoint{
	{op: ops.UpdateAPIProxySpecAccessType, query: "checkApiProxyPermission=true", body: `{"deploy":true,"deployTargetEnvironmentNameList":["production"]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxySpecAccessType(ctx, n.project, n.proxy, SpecAccessAuthenticated, &SpecAccessOptions{CheckAPIProxyPermission: true}, testDeployTo)
		},
		answers: []string{"deployment_b_prime", "success", "error_apiproxy_missing"}},
	{op: ops.UpdateAPIProxyHideSpecFile,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyHideSpecFile(ctx, n.project, n.proxy, true)
		},
		answers: []string{"success", "error_setting_hide-spec-file", "error_apiproxy_missing"}},
	{op: ops.UpdateAPIProxyAIRouting, body: `{"llmProviderRefName":"openai-prod"}`, proxyType: APITypeAI,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyAIRouting(ctx, n.project, n.proxy, &AIRouting{LLMProviderRefName: "openai-prod"})
		},
		answers: []string{"result_success", "error_apiproxy_missing", "error_server"}},
	{op: ops.UpdateAPIProxyMCPRouting, body: `{"routingMode":"TOOL_EXPOSE"}`, proxyType: APITypeMCP,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyMCPRouting(ctx, n.project, n.proxy, &MCPRouting{RoutingMode: MCPToolExpose})
		},
		answers: []string{"result_success", "error_apiproxy_missing"}},
	{op: ops.UpdateAPIProxyA2ARouting, body: `{"routingMode":"AGENT_EXPOSE"}`, proxyType: APITypeA2A,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyA2ARouting(ctx, n.project, n.proxy, &A2ARouting{RoutingMode: A2AAgentExpose})
		},
		answers: []string{"result_success", "error_apiproxy_missing"}},

	{op: ops.ListAPIProxyTrafficLogSettings,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyTrafficLogSettings(ctx, n.project, n.proxy)
		},
		answers: []string{"traffic_log_list", "error_apiproxy_missing", "error_server"}},
	{op: ops.GetAPIProxyTrafficLogSettings,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyTrafficLogSettings(ctx, n.project, n.proxy, n.env)
		},
		answers: []string{"traffic_log_env", "traffic_log_empty", "error_traffic_log_environment"}},
	{op: ops.UpdateAPIProxyTrafficLogSettings,
		body: `{"logBodyRequestFromClient":false,"connectorSettingsMap":{"my-elasticsearch-connection":{"enabled":true}}}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyTrafficLogSettings(ctx, n.project, n.proxy, n.env, &TrafficLogSettings{LogBodyRequestFromClient: ptr(false),
				ConnectorSettings: map[string]ConnectorLogSettings{"my-elasticsearch-connection": {Enabled: ptr(true)}}})
		},
		answers: []string{"traffic_log_put", "error_connection_missing", "error_traffic_log_environment"}},
	{op: ops.UpdateAPIProxyTrafficLogMethodOverride, query: "methodName=%2Fpets", body: `{"enabled":true,"logBodyRequestFromClient":false}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyTrafficLogMethodOverride(ctx, n.project, n.proxy, n.env, ConnectorElasticsearch, "/pets",
				&ConnectorLogSettings{Enabled: ptr(true), LogBodyRequestFromClient: ptr(false)})
		},
		answers: []string{"status_success", "error_method_missing", "error_connector_type", "error_traffic_log_override_500"}},
	{op: ops.DeleteAPIProxyTrafficLogMethodOverride, query: "methodName=%2Fpets",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteAPIProxyTrafficLogMethodOverride(ctx, n.project, n.proxy, n.env, ConnectorElasticsearch, "/pets")
		},
		answers: []string{"status_success", "error_traffic_log_delete_500"}},
}
