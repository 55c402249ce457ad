package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// CreationType is how an API proxy is made ("apiProxyCreationType").
type CreationType string

// The documented creation types. Others are sent as given.
const (
	CreationOpenAPI      CreationType = "OPEN_API" // an OpenAPI 3 spec
	CreationSwagger      CreationType = "SWAGGER"  // a Swagger 2 spec
	CreationWSDL         CreationType = "WSDL"     // a SOAP service
	CreationReverseProxy CreationType = "REVERSE_PROXY"
	CreationEmptyAPI     CreationType = "EMPTY_API" // 2026: no spec; add endpoints one by one (URL create only)
)

// APIType is an API proxy's kind ("apiType" of Get API Proxy, "type" of
// List API Proxies).
type APIType string

// The documented API types. Others come back as sent.
const (
	APITypeREST      APIType = "REST"
	APITypeSOAP      APIType = "SOAP"
	APITypeGRPC      APIType = "GRPC"
	APITypeWebSocket APIType = "WEBSOCKET"
	APITypeAI        APIType = "AI"
	APITypeMCP       APIType = "MCP"
	APITypeA2A       APIType = "A2A"
)

// The sharing types Get API Proxy documents (Update Metadata documents
// SharingBoth, SharingNone, SharingExternal and SharingInternal).
const (
	SharingProject      SharingType = "PROJECT"
	SharingOrganization SharingType = "ORGANIZATION"
	SharingPublic       SharingType = "PUBLIC"
)

// APIProxySummary is one API proxy as List API Proxies returns it: no
// deployment state (see GetAPIProxy or ListAPIProxiesForPromotion).
type APIProxySummary struct {
	Name         string      `json:"name"`
	Description  string      `json:"description"`
	Type         APIType     `json:"type"`
	RelativePath string      `json:"relativePath"` // the first client-route path
	SOAPToREST   bool        `json:"soapToRest"`
	ClientRoute  ClientRoute `json:"clientRoute"`  // OpenAPI's item only
	Endpoints    []Endpoint  `json:"endpointList"` // OpenAPI's item only
}

// APIProxy is one API proxy as Get API Proxy returns it, from either
// generation: the 2025 page's bare object (hosts in VirtualHosts, the
// address health flag in HealthCheckEnabled, no endpoints) or the 2026
// page's one-item list (Hosts, HealthMonitoringEnabled, Endpoints).
type APIProxy struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	APIType     APIType           `json:"apiType"`
	Categories  []string          `json:"categoryList"`
	SharingType SharingType       `json:"sharingType"`
	ClientRoute ClientRoute       `json:"clientRoute"`
	Routing     Routing           `json:"routing"`
	Endpoints   []Endpoint        `json:"endpointList"`   // with their policies when asked WithPolicies
	Deployments []ProxyDeployment `json:"deploymentList"` // one per environment the proxy was deployed to
}

// UnmarshalJSON reads either generation's object, and fills each
// renamed field from the other name it has: the client route's Hosts and
// VirtualHosts, and each address's HealthMonitoringEnabled and
// HealthCheckEnabled, so a caller finds the value under either.
func (p *APIProxy) UnmarshalJSON(b []byte) error {
	type plain APIProxy
	if err := json.Unmarshal(b, (*plain)(p)); err != nil {
		return err
	}
	if len(p.ClientRoute.Hosts) == 0 {
		p.ClientRoute.Hosts = p.ClientRoute.VirtualHosts
	}
	if len(p.ClientRoute.VirtualHosts) == 0 {
		p.ClientRoute.VirtualHosts = p.ClientRoute.Hosts
	}
	for i := range p.Routing.Addresses {
		a := &p.Routing.Addresses[i]
		if a.HealthMonitoringEnabled == nil {
			a.HealthMonitoringEnabled = a.HealthCheckEnabled
		}
		if a.HealthCheckEnabled == nil {
			a.HealthCheckEnabled = a.HealthMonitoringEnabled
		}
	}
	return nil
}

// Deployment returns the proxy's deployment record for an environment,
// and whether it has one.
func (p *APIProxy) Deployment(environmentName string) (ProxyDeployment, bool) {
	for _, d := range p.Deployments {
		if d.EnvironmentName == environmentName {
			return d, true
		}
	}
	return ProxyDeployment{}, false
}

// ProxyDeployment is an API proxy's state in one environment.
type ProxyDeployment struct {
	EnvironmentName  string `json:"environmentName"`
	Deployed         bool   `json:"deployed"`
	RedeployRequired bool   `json:"redeployRequired"` // changed since it was deployed there: deploy again
}

// Routing is how an API proxy reaches its backend: the "routingInfo" of
// the create and update requests and the "routing" of Get API Proxy. The
// pages document two forms (the URL pages: addresses and the two flags;
// the file pages and OpenAPI: addresses, the algorithm and the timeouts);
// which fields a Manager honours on which call is not documented, so
// this is their union, and fields left unset are not sent.
type Routing struct {
	Addresses            []RoutingAddress     `json:"routingAddressList,omitempty"`
	RoutingEnabled       *bool                `json:"routingEnabled,omitempty"` // URL pages; default true
	MirrorEnabled        *bool                `json:"mirrorEnabled,omitempty"`  // URL pages; default false
	LoadBalanceAlgorithm LoadBalanceAlgorithm `json:"loadBalanceAlgorithm,omitempty"`
	ConnectTimeout       *int                 `json:"connectTimeout,omitempty"`     // seconds; default 30
	ReadTimeout          *int                 `json:"readTimeout,omitempty"`        // seconds; default 60
	RetryCount           *int                 `json:"retryCount,omitempty"`         // default 0
	FailoverRetryCount   *int                 `json:"failoverRetryCount,omitempty"` // default 0
	IgnoreRoutingError   *bool                `json:"ignoreRoutingError,omitempty"` // default false
}

// LoadBalanceAlgorithm spreads requests over the routing addresses.
type LoadBalanceAlgorithm string

// The documented algorithms: the create-from-file pages name the first
// five, the update-from-file and import pages the others. Others are
// sent as given.
const (
	LoadBalanceRoundRobin         LoadBalanceAlgorithm = "ROUND_ROBIN" // the default
	LoadBalanceLRU                LoadBalanceAlgorithm = "LRU"
	LoadBalanceWeighted           LoadBalanceAlgorithm = "WEIGHTED"
	LoadBalanceRandom             LoadBalanceAlgorithm = "RANDOM"
	LoadBalancePickFirst          LoadBalanceAlgorithm = "PICK_FIRST"
	LoadBalanceWeightedRoundRobin LoadBalanceAlgorithm = "WEIGHTED_ROUND_ROBIN"
	LoadBalanceLeastConnections   LoadBalanceAlgorithm = "LEAST_CONNECTIONS"
	LoadBalanceIPHash             LoadBalanceAlgorithm = "IP_HASH"
	LoadBalanceURLHash            LoadBalanceAlgorithm = "URL_HASH"
)

// SpecAuthorization is a credential the Manager sends when it fetches a
// spec URL. The 2026 pages send {"keyName", "value", "type"}, the 2025
// pages {"headerName", "headerValue"}; both are sent, so either reads it.
// Value is a Secret.
type SpecAuthorization struct {
	Name  string
	Value Secret
	In    string // "header" (the default) or "query"; 2026
}

// MarshalJSON writes both generations' fields.
func (a SpecAuthorization) MarshalJSON() ([]byte, error) {
	in := a.In
	if in == "" {
		in = "header"
	}
	return json.Marshal(struct {
		KeyName     string `json:"keyName"`
		Value       Secret `json:"value"`
		Type        string `json:"type"`
		HeaderName  string `json:"headerName"`
		HeaderValue Secret `json:"headerValue"`
	}{a.Name, a.Value, in, a.Name, a.Value})
}

// Format prints the item with its value redacted, for every verb.
func (a SpecAuthorization) Format(f fmt.State, verb rune) {
	type plain SpecAuthorization
	formatRedacted(f, verb, plain(a), a)
}

// LogValue logs the item with its value redacted.
func (a SpecAuthorization) LogValue() slog.Value { return redactedLog(a) }

// APIProxyRequest is the parse object of Create and Update from URL, and
// the "metadata" of Create and Update from File. Fields left unset are
// not sent. Name and CreationType are required; SpecURL too for the URL
// calls, but for REVERSE_PROXY and EMPTY_API.
type APIProxyRequest struct {
	Name              string              // "apiProxyName": unique in the project; selects the proxy on update
	Description       string              // "apiProxyDescription"; empty on update keeps the old one
	CreationType      CreationType        // "apiProxyCreationType"; must match the proxy's on update
	SpecURL           string              // "specUrl", fetched by the Manager
	SpecAuthorization []SpecAuthorization // "specAuthorizationValueList"
	ClientRoute       *ClientRoute        // "clientRoute"; required by Create from File; nil on update keeps it
	Routing           *Routing            // "routingInfo"; nil on update keeps it
	// DeployTo, when not empty, deploys to these environments after the
	// write ("deploy": true and "deployTargetEnvironmentNameList"); the
	// Manager checks every name before it writes anything.
	DeployTo                 []string
	SOAPToREST               bool                     // "soapToRest"; cannot be turned on later
	EnableWSA, EnableWSRM    bool                     // SOAP only
	BackendAPIVersion        string                   // recorded in the deploy history
	RequestBodyReadBehavior  BodyReadBehavior         // 2026
	ResponseBodyReadBehavior BodyReadBehavior         // 2026
	MaintenanceMode          *MaintenanceModeSettings // "maintenanceModeSetting"
	APIProxyGroupName        string                   // OpenAPI only; its meaning is not documented
}

// wire is the request as the API reads it; reParse is set by the updates.
func (r *APIProxyRequest) wire(reParse bool) any {
	return struct {
		Name              string                   `json:"apiProxyName"`
		Description       string                   `json:"apiProxyDescription,omitempty"`
		CreationType      CreationType             `json:"apiProxyCreationType"`
		SpecURL           string                   `json:"specUrl,omitempty"`
		SpecAuthorization []SpecAuthorization      `json:"specAuthorizationValueList,omitempty"`
		ClientRoute       *ClientRoute             `json:"clientRoute,omitempty"`
		Routing           *Routing                 `json:"routingInfo,omitempty"`
		Deploy            bool                     `json:"deploy,omitempty"`
		DeployTo          []string                 `json:"deployTargetEnvironmentNameList,omitempty"`
		ReParse           bool                     `json:"reParse,omitempty"`
		SOAPToREST        bool                     `json:"soapToRest,omitempty"`
		EnableWSA         bool                     `json:"enableWSA,omitempty"`
		EnableWSRM        bool                     `json:"enableWSRM,omitempty"`
		BackendAPIVersion string                   `json:"backendApiVersion,omitempty"`
		RequestBody       BodyReadBehavior         `json:"requestBodyReadBehavior,omitempty"`
		ResponseBody      BodyReadBehavior         `json:"responseBodyReadBehavior,omitempty"`
		MaintenanceMode   *MaintenanceModeSettings `json:"maintenanceModeSetting,omitempty"`
		GroupName         string                   `json:"apiProxyGroupName,omitempty"`
	}{r.Name, r.Description, r.CreationType, r.SpecURL, r.SpecAuthorization, r.ClientRoute, r.Routing,
		len(r.DeployTo) > 0, r.DeployTo, reParse, r.SOAPToREST, r.EnableWSA, r.EnableWSRM, r.BackendAPIVersion,
		r.RequestBodyReadBehavior, r.ResponseBodyReadBehavior, r.MaintenanceMode, r.APIProxyGroupName}
}

// Format prints the request with the spec credentials redacted.
func (r APIProxyRequest) Format(f fmt.State, verb rune) {
	type plain APIProxyRequest
	formatRedacted(f, verb, plain(r), r)
}

// LogValue logs the request with the spec credentials redacted.
func (r APIProxyRequest) LogValue() slog.Value { return redactedLog(r) }

// check refuses a request without what the pages require; withURL is
// true for the URL calls.
func (r *APIProxyRequest) check(withURL bool) error {
	if r == nil {
		return invalidArgument("req", "is nil")
	}
	// The name travels in the body here but is a path segment in every
	// other call: one no later call could send is refused now.
	if err := checkSegment("APIProxyRequest.Name", r.Name); err != nil {
		return err
	}
	switch {
	case r.CreationType == "":
		return invalidArgument("APIProxyRequest.CreationType", "is empty")
	case withURL && r.SpecURL == "" && r.CreationType != CreationReverseProxy && r.CreationType != CreationEmptyAPI:
		return invalidArgument("APIProxyRequest.SpecURL", fmt.Sprintf("is empty (required for creation type %q)", r.CreationType))
	case !withURL && r.CreationType == CreationEmptyAPI:
		return invalidArgument("APIProxyRequest.CreationType", "EMPTY_API is refused by the file calls: use CreateAPIProxy")
	}
	for i, env := range r.DeployTo {
		if env == "" {
			return invalidArgument(fmt.Sprintf("APIProxyRequest.DeployTo[%d]", i), "is empty")
		}
	}
	for i, a := range r.SpecAuthorization {
		if a.Name == "" {
			return invalidArgument(fmt.Sprintf("APIProxyRequest.SpecAuthorization[%d].Name", i), "is empty")
		}
	}
	return nil
}

// GetAPIProxyOptions are Get API Proxy's query parameters.
type GetAPIProxyOptions struct {
	WithPolicies bool `url:"withPolicies,omitempty"` // 2026: each endpoint's request, response and error policies
}

// ListAPIProxies returns every API proxy of a project, ordered by name.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/. An unknown
// project gives ErrProjectNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/list-api-proxies
func (c *Client) ListAPIProxies(ctx context.Context, projectName string) ([]APIProxySummary, error) {
	return list[APIProxySummary](ctx, c, request{op: ops.ListAPIProxies, args: []string{projectName}})
}

// GetAPIProxy returns one API proxy with its client route, routing,
// endpoints (2026 Managers) and deployment per environment. opts may be
// nil; WithPolicies adds each endpoint's policies.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/[?withPolicies=true],
// and reads either generation's answer: the bare object or a one-item
// list. An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/get-api-proxy
func (c *Client) GetAPIProxy(ctx context.Context, projectName, apiProxyName string, opts *GetAPIProxyOptions) (*APIProxy, error) {
	return get[APIProxy](ctx, c, request{op: ops.GetAPIProxy, args: []string{projectName, apiProxyName}, query: opts, bare: true})
}

// InvokeInfo is how clients call an API proxy through one environment's
// gateway: one per environment of the platform, deployed or not.
type InvokeInfo struct {
	EnvironmentName string   `json:"environmentName"`
	GatewayBaseURL  string   `json:"gatewayBaseUrl"`
	RootContext     string   `json:"rootContext"`
	FullPaths       []string `json:"fullPaths"` // the root context and each client-route path
	Methods         []string `json:"methods"`
	Schemes         []string `json:"schemes"`
	Deployed        bool     `json:"deployed"` // the Manager's record, not the workers' (see GetAPIProxyRouteHealth)
}

// URLs returns the invoke URLs: the gateway's base URL and each full path.
func (i InvokeInfo) URLs() []string {
	urls := make([]string, len(i.FullPaths))
	for k, p := range i.FullPaths {
		urls[k] = i.GatewayBaseURL + p
	}
	return urls
}

// GetAPIProxyInvokeInfo returns, per environment, the URLs that reach an
// API proxy and whether the Manager has it deployed there (2026).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/invoke-info/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/get-invoke-info
func (c *Client) GetAPIProxyInvokeInfo(ctx context.Context, projectName, apiProxyName string) ([]InvokeInfo, error) {
	return list[InvokeInfo](ctx, c, request{op: ops.GetAPIProxyInvokeInfo, args: []string{projectName, apiProxyName}})
}

// CreateAPIProxy creates an API proxy from a spec the Manager fetches
// (req.SpecURL), as a reverse proxy, or with no spec (EMPTY_API, 2026),
// and deploys it to req.DeployTo, if any.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/url/ with the
// parse object. A taken name gives ErrAlreadyExists; a missing Name,
// CreationType or SpecURL ErrInvalidArgument before anything is sent.
// When some environment of DeployTo failed, it returns the response and a
// *DeploymentError: the proxy was created.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/create-api-proxy-from-url
func (c *Client) CreateAPIProxy(ctx context.Context, projectName string, req *APIProxyRequest) (*DeploymentResponse, error) {
	if err := req.check(true); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.CreateAPIProxy, args: []string{projectName}, body: req.wire(false), saveOnly: len(req.DeployTo) == 0})
}

// CreateAPIProxyFromFile creates an API proxy from an uploaded spec
// (OpenAPI or Swagger JSON or YAML, a WSDL, or a ZIP of a WSDL with its
// XSDs), and deploys it to req.DeployTo, if any. req.ClientRoute is
// required; EMPTY_API is refused.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/file/ as
// multipart/form-data: "metadata" (the parse object as JSON text) and
// "specFile". A seekable spec is streamed and, on a retry, sent again
// from the same place. Errors as CreateAPIProxy.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/create-api-proxy-from-file
func (c *Client) CreateAPIProxyFromFile(ctx context.Context, projectName string, req *APIProxyRequest, spec File) (*DeploymentResponse, error) {
	if err := req.check(false); err != nil {
		return nil, err
	}
	if req.ClientRoute == nil {
		return nil, invalidArgument("APIProxyRequest.ClientRoute", "is nil (required by Create from File)")
	}
	return c.fileParse(ctx, ops.CreateAPIProxyFromFile, projectName, req, spec, false)
}

// UpdateAPIProxy re-parses an API proxy from its spec URL: endpoints may
// change or go; policies and settings stay. Environments it is deployed
// to but not in req.DeployTo stay deployed and are flagged
// RedeployRequired.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/url/ with the
// parse object and "reParse": true. A proxy that does not exist gives
// ErrAPIProxyNotFound ("... can not be reparsed because it is not
// exist"), though some pages say it is created then.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/update-api-proxy-from-url
func (c *Client) UpdateAPIProxy(ctx context.Context, projectName string, req *APIProxyRequest) (*DeploymentResponse, error) {
	if err := req.check(true); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxy, args: []string{projectName}, body: req.wire(true), saveOnly: len(req.DeployTo) == 0})
}

// UpdateAPIProxyFromFile re-parses an API proxy from an uploaded spec, as
// UpdateAPIProxy does from its URL.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/file/ as
// multipart/form-data, as CreateAPIProxyFromFile, with "reParse": true.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/update-api-proxy-from-file
func (c *Client) UpdateAPIProxyFromFile(ctx context.Context, projectName string, req *APIProxyRequest, spec File) (*DeploymentResponse, error) {
	if err := req.check(false); err != nil {
		return nil, err
	}
	return c.fileParse(ctx, ops.UpdateAPIProxyFromFile, projectName, req, spec, true)
}

// fileParse sends a create or update from file.
func (c *Client) fileParse(ctx context.Context, op *ops.Op, projectName string, req *APIProxyRequest, spec File, reParse bool) (*DeploymentResponse, error) {
	if err := checkFile("spec", spec); err != nil {
		return nil, err
	}
	metadata, err := json.Marshal(req.wire(reParse))
	if err != nil {
		return nil, invalidArgument("req", err.Error())
	}
	f := &form{fields: []formField{{"metadata", string(metadata)}}, fileField: "specFile", file: spec}
	return c.deploy(ctx, request{op: op, args: []string{projectName}, form: f, secrets: specSecrets(req), saveOnly: len(req.DeployTo) == 0})
}

// specSecrets are the spec credentials a request carries.
func specSecrets(req *APIProxyRequest) []Secret {
	var out []Secret
	for _, a := range req.SpecAuthorization {
		out = append(out, a.Value)
	}
	return out
}

// DeleteAPIProxy deletes an API proxy and its policies for good, then
// undeploys it from every environment (best effort: an unreachable one
// neither fails nor blocks the delete).
//
// It sends DELETE /apiops/projects/{projectName}/apiProxies/{apiProxyName}/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/delete-api-proxy
func (c *Client) DeleteAPIProxy(ctx context.Context, projectName, apiProxyName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeleteAPIProxy, args: []string{projectName, apiProxyName}})
}
