package apinizer

import (
	"context"
	"encoding/json"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// Endpoint is one endpoint of an API proxy (the pages also say "API
// method"), as Get API Proxy, List Endpoints and Get Endpoint return it.
// It is known by its path name and HTTP method, never by ID.
type Endpoint struct {
	ID                 string     `json:"id"`       // on the pages; not in OpenAPI's schema
	Path               string     `json:"endpoint"` // the path name, e.g. "/api/users"
	Description        string     `json:"description"`
	Active             bool       `json:"active"` // a disabled endpoint answers 404 at the gateway
	HTTPMethod         HTTPMethod `json:"httpMethod"`
	BackendResourceURL string     `json:"backendResourceUrl"` // a path below the routing address, or a URL
	BackendHTTPMethod  HTTPMethod `json:"backendHttpMethod"`
	RequestPolicies    []Policy   `json:"requestPolicyList"`  // only where policies are asked for
	ResponsePolicies   []Policy   `json:"responsePolicyList"` // only where policies are asked for
	ErrorPolicies      []Policy   `json:"errorPolicyList"`    // only where policies are asked for
}

// Policy is one policy of an endpoint's request, response or error
// pipeline, as the policy reads list it.
type Policy struct {
	Type        string `json:"type"` // e.g. "policy-script"
	Name        string `json:"name"`
	Description string `json:"description"`
	Active      bool   `json:"active"`
}

// EndpointID selects an endpoint of an API proxy: its path name and HTTP
// method (the pair is unique in a proxy). The pages send it as {"name",
// "httpMethod"} or as {"identifierName", "identifierHttpMethod"}, each as
// documented; this one type serves every call.
type EndpointID struct {
	Name       string     // the path name, e.g. "/api/users"
	HTTPMethod HTTPMethod // e.g. HTTPMethodGet
}

// check refuses an ID without name or method: every page needs both.
func (id EndpointID) check() error {
	switch {
	case id.Name == "":
		return invalidArgument("EndpointID.Name", "is empty")
	case id.HTTPMethod == "":
		return invalidArgument("EndpointID.HTTPMethod", "is empty")
	}
	return nil
}

// named is the ID as {"name", "httpMethod"}.
func (id EndpointID) named() map[string]any {
	return map[string]any{"name": id.Name, "httpMethod": id.HTTPMethod}
}

// identified is the ID as {"identifierName", "identifierHttpMethod"},
// with the call's other members and the deploy members.
func (id EndpointID) identified(deploy *DeployTo, members map[string]any) map[string]any {
	body := map[string]any{"identifierName": id.Name, "identifierHttpMethod": id.HTTPMethod}
	for k, v := range members {
		body[k] = v
	}
	for k, v := range deploy.fields() {
		body[k] = v
	}
	return body
}

// EndpointRequest is a new endpoint: every field but Description is
// required.
type EndpointRequest struct {
	Name               string     `json:"name"` // the path, e.g. "/api/users"
	Description        string     `json:"description,omitempty"`
	HTTPMethod         HTTPMethod `json:"httpMethod"`
	BackendResourceURL string     `json:"backendResourceUrl"` // the path below the routing address (put the host only there)
	BackendHTTPMethod  HTTPMethod `json:"backendHttpMethod"`  // may differ from HTTPMethod
}

// check refuses a request without a required field.
func (r *EndpointRequest) check() error {
	if r == nil {
		return invalidArgument("req", "is nil")
	}
	for _, f := range [][2]string{{"Name", r.Name}, {"HTTPMethod", string(r.HTTPMethod)},
		{"BackendResourceURL", r.BackendResourceURL}, {"BackendHTTPMethod", string(r.BackendHTTPMethod)}} {
		if f[1] == "" {
			return invalidArgument("EndpointRequest."+f[0], "is empty (required)")
		}
	}
	return nil
}

// EndpointUpdate is what Update Endpoint changes: only the fields set.
// No field renames the endpoint or changes its method.
type EndpointUpdate struct {
	Description        *string    `json:"description,omitempty"` // a pointer to "" clears it
	BackendResourceURL string     `json:"backendResourceUrl,omitempty"`
	BackendHTTPMethod  HTTPMethod `json:"backendHttpMethod,omitempty"`
}

// ListMethodsOptions are List Methods' query parameters.
type ListMethodsOptions struct {
	WithPolicies bool `url:"withPolicies"` // always sent: the OpenAPI file marks it required
}

// ListAPIProxyEndpoints returns the endpoints of an API proxy, REST or
// SOAP, without their policies.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/list-endpoints
func (c *Client) ListAPIProxyEndpoints(ctx context.Context, projectName, apiProxyName string) ([]Endpoint, error) {
	return list[Endpoint](ctx, c, request{op: ops.ListAPIProxyEndpoints, args: []string{projectName, apiProxyName}})
}

// ListAPIProxyMethods returns the endpoints of an API proxy under the
// 2026 name "methods", with their policies when opts.WithPolicies.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/methods/?withPolicies=true|false
// (always: the OpenAPI file marks it required; nil opts sends false).
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/list-methods
func (c *Client) ListAPIProxyMethods(ctx context.Context, projectName, apiProxyName string, opts *ListMethodsOptions) ([]Endpoint, error) {
	if opts == nil {
		opts = &ListMethodsOptions{}
	}
	return list[Endpoint](ctx, c, request{op: ops.ListAPIProxyMethods, args: []string{projectName, apiProxyName}, query: opts})
}

// GetAPIProxyEndpoint returns one endpoint of an API proxy.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/details/
// with {"name", "httpMethod"}; the answer is the bare endpoint (no
// envelope). An unknown endpoint gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/get-endpoint
func (c *Client) GetAPIProxyEndpoint(ctx context.Context, projectName, apiProxyName string, id EndpointID) (*Endpoint, error) {
	return c.endpointRead(ctx, ops.GetAPIProxyEndpoint, projectName, apiProxyName, id)
}

// ListAPIProxyEndpointPolicies returns one endpoint of an API proxy with
// its request, response and error policies.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/policies/
// with {"name", "httpMethod"}; errors as GetAPIProxyEndpoint.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/list-endpoint-policies
func (c *Client) ListAPIProxyEndpointPolicies(ctx context.Context, projectName, apiProxyName string, id EndpointID) (*Endpoint, error) {
	return c.endpointRead(ctx, ops.ListAPIProxyEndpointPolicies, projectName, apiProxyName, id)
}

// GetAPIProxyMethodPolicies is ListAPIProxyEndpointPolicies under the 2026
// name "methods".
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/methods/policies/
// with {"name", "httpMethod"}.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/get-method-policies
func (c *Client) GetAPIProxyMethodPolicies(ctx context.Context, projectName, apiProxyName string, id EndpointID) (*Endpoint, error) {
	return c.endpointRead(ctx, ops.GetAPIProxyMethodPolicies, projectName, apiProxyName, id)
}

// endpointRead is the three reads of one endpoint.
func (c *Client) endpointRead(ctx context.Context, op *ops.Op, projectName, apiProxyName string, id EndpointID) (*Endpoint, error) {
	if err := id.check(); err != nil {
		return nil, err
	}
	return get[Endpoint](ctx, c, request{op: op, args: []string{projectName, apiProxyName}, body: id.named(), bare: true})
}

// CreateAPIProxyEndpoint adds an endpoint to a REST API proxy (an
// EMPTY_API one is built this way). It starts active.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/
// with the endpoint. A SOAP proxy answers 400 "Endpoint can only be added
// to REST API Proxies!" (ErrBadRequest); a missing field is
// ErrInvalidArgument before anything is sent.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/create-endpoint
func (c *Client) CreateAPIProxyEndpoint(ctx context.Context, projectName, apiProxyName string, req *EndpointRequest) (*DeploymentResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.CreateAPIProxyEndpoint, args: []string{projectName, apiProxyName}, body: req, saveOnly: true})
}

// UpdateAPIProxyEndpoint changes an endpoint's description or backend;
// only the fields set change. With deploy it also deploys (2026).
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/
// with {"name", "httpMethod"} and the changes. An unknown endpoint gives
// ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/update-endpoint
func (c *Client) UpdateAPIProxyEndpoint(ctx context.Context, projectName, apiProxyName string, id EndpointID, upd *EndpointUpdate, deploy *DeployTo) (*DeploymentResponse, error) {
	if err := id.check(); err != nil {
		return nil, err
	}
	if err := deploy.check(); err != nil {
		return nil, err
	}
	body := id.named()
	if upd != nil {
		raw, _ := json.Marshal(upd)
		var fields map[string]any
		_ = json.Unmarshal(raw, &fields)
		for k, v := range fields {
			body[k] = v
		}
	}
	for k, v := range deploy.fields() {
		body[k] = v
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyEndpoint, args: []string{projectName, apiProxyName}, body: body, saveOnly: deploy == nil})
}

// DeleteAPIProxyEndpoint deletes an endpoint of a REST API proxy for
// good, with its policies.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/delete/
// (a POST, not a DELETE) with {"name", "httpMethod"}. A SOAP proxy
// answers 400 "Endpoint can only be deleted from REST API Proxies!".
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/delete-endpoint
func (c *Client) DeleteAPIProxyEndpoint(ctx context.Context, projectName, apiProxyName string, id EndpointID) (*DeploymentResponse, error) {
	if err := id.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.DeleteAPIProxyEndpoint, args: []string{projectName, apiProxyName}, body: id.named(), saveOnly: true})
}

// UpdateAPIProxyEndpointStatus enables or disables an endpoint (a
// disabled one answers 404 at the gateway; its policies stay). With
// deploy it also deploys (2026).
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/status/
// with {"identifierName", "identifierHttpMethod", "active"}.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/update-endpoint-status
func (c *Client) UpdateAPIProxyEndpointStatus(ctx context.Context, projectName, apiProxyName string, id EndpointID, active bool, deploy *DeployTo) (*DeploymentResponse, error) {
	return c.endpointWrite(ctx, ops.UpdateAPIProxyEndpointStatus, projectName, apiProxyName, id, deploy, map[string]any{"active": active})
}

// UpdateAPIProxyEndpointWSA sets the WS-Addressing of an endpoint of a
// SOAP proxy. With deploy it also deploys (2026).
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/wsa/
// with {"identifierName", "identifierHttpMethod", "wsaSettings"}.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/update-endpoint-wsa
func (c *Client) UpdateAPIProxyEndpointWSA(ctx context.Context, projectName, apiProxyName string, id EndpointID, wsa *WSASettings, deploy *DeployTo) (*DeploymentResponse, error) {
	if wsa == nil {
		return nil, invalidArgument("wsa", "is nil (wsaSettings is required)")
	}
	return c.endpointWrite(ctx, ops.UpdateAPIProxyEndpointWSA, projectName, apiProxyName, id, deploy, map[string]any{"wsaSettings": wsa})
}

// UpdateAPIProxyEndpointCache sets an endpoint's own response cache, over
// the proxy's. cache.Name and cache.HandlingAction are required. With
// deploy it also deploys (2026).
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/endpoints/cache/
// with {"identifierName", "identifierHttpMethod", "cacheSettings"}.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/endpoints/update-endpoint-cache
func (c *Client) UpdateAPIProxyEndpointCache(ctx context.Context, projectName, apiProxyName string, id EndpointID, cache *CacheSettings, deploy *DeployTo) (*DeploymentResponse, error) {
	if cache == nil {
		return nil, invalidArgument("cache", "is nil (cacheSettings is required)")
	}
	if err := cache.check(); err != nil {
		return nil, err
	}
	return c.endpointWrite(ctx, ops.UpdateAPIProxyEndpointCache, projectName, apiProxyName, id, deploy, map[string]any{"cacheSettings": cache})
}

// endpointWrite is the three writes that select the endpoint by
// identifierName and identifierHttpMethod.
func (c *Client) endpointWrite(ctx context.Context, op *ops.Op, projectName, apiProxyName string, id EndpointID, deploy *DeployTo, members map[string]any) (*DeploymentResponse, error) {
	if err := id.check(); err != nil {
		return nil, err
	}
	if err := deploy.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: op, args: []string{projectName, apiProxyName}, body: id.identified(deploy, members), saveOnly: deploy == nil})
}
