package apinizertest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/apinizer-go/apinizer"
)

// apiProxy is one API proxy's state.
type apiProxy struct {
	doc         proxyDoc                              // its configuration: what an export packs and a snapshot keeps
	deployments map[string]*deployed                  // by environment
	history     []*deployRecord                       // oldest first
	routes      map[string]RouteState                 // by environment: what the workers serve, when not the Manager's record
	trafficLogs map[string]map[string]json.RawMessage // by environment: the traffic-log object's members
}

// proxyDoc is an API proxy's configuration, as the fake packs it into an
// export (<name>.json) and a deploy-history snapshot.
type proxyDoc struct {
	Name              string                                `json:"name"`
	Description       string                                `json:"description"`
	APIType           apinizer.APIType                      `json:"apiType"`
	CreationType      apinizer.CreationType                 `json:"creationType"`
	Categories        []string                              `json:"categoryList"`
	SharingType       apinizer.SharingType                  `json:"sharingType"`
	ClientRoute       apinizer.ClientRoute                  `json:"clientRoute"`
	Routing           apinizer.Routing                      `json:"routing"`
	Endpoints         []apinizer.Endpoint                   `json:"endpointList"`
	Settings          map[string]json.RawMessage            `json:"settings,omitempty"`         // by setting path
	EndpointSettings  map[string]map[string]json.RawMessage `json:"endpointSettings,omitempty"` // "METHOD name" → "wsa", "cache"
	Routings          map[string]json.RawMessage            `json:"routings,omitempty"`         // "ai", "mcp", "a2a": the routing PUTs' bodies
	SOAPToREST        bool                                  `json:"soapToRest"`
	BackendAPIVersion string                                `json:"backendApiVersion,omitempty"`
	AI                json.RawMessage                       `json:"aiConfig,omitempty"` // the AI, MCP or A2A create's body
}

// deployed is an API proxy's state in one environment.
type deployed struct {
	deployed, redeployRequired bool
	revision                   *int       // of the latest successful deploy
	lastDeploy                 *time.Time // of the latest successful deploy
}

// deployRecord is one record of a deploy history.
type deployRecord struct {
	apinizer.DeployRecord
	snapshot []byte // the proxyDoc as deployed
}

func newAPIProxy(doc proxyDoc) *apiProxy {
	doc.APIType = cmp.Or(doc.APIType, apinizer.APITypeREST)
	doc.SharingType = cmp.Or(doc.SharingType, apinizer.SharingProject)
	if doc.Categories == nil {
		doc.Categories = []string{}
	}
	if doc.Settings == nil {
		doc.Settings = map[string]json.RawMessage{}
	}
	if len(doc.ClientRoute.RelativePaths) == 0 {
		doc.ClientRoute.RelativePaths = []string{"/" + doc.Name}
	}
	for i := range doc.Endpoints {
		doc.Endpoints[i].ID = objectID("endpoint/" + doc.Name + "/" + string(doc.Endpoints[i].HTTPMethod) + " " + doc.Endpoints[i].Path)
	}
	return &apiProxy{doc: doc, deployments: map[string]*deployed{}, routes: map[string]RouteState{},
		trafficLogs: map[string]map[string]json.RawMessage{}}
}

// view is the proxy as Get API Proxy shows it; withPolicies adds the
// endpoints' (empty) policy lists.
func (p *apiProxy) view(withPolicies bool) apinizer.APIProxy {
	v := apinizer.APIProxy{Name: p.doc.Name, Description: p.doc.Description, APIType: p.doc.APIType,
		Categories: slices.Clone(p.doc.Categories), SharingType: p.doc.SharingType, ClientRoute: p.doc.ClientRoute,
		Routing: p.doc.Routing, Endpoints: slices.Clone(p.doc.Endpoints), Deployments: []apinizer.ProxyDeployment{}}
	for i := range v.Endpoints {
		if withPolicies {
			v.Endpoints[i].RequestPolicies, v.Endpoints[i].ResponsePolicies, v.Endpoints[i].ErrorPolicies = []apinizer.Policy{}, []apinizer.Policy{}, []apinizer.Policy{}
		}
	}
	for _, env := range slices.Sorted(maps.Keys(p.deployments)) {
		d := p.deployments[env]
		v.Deployments = append(v.Deployments, apinizer.ProxyDeployment{EnvironmentName: env, Deployed: d.deployed, RedeployRequired: d.redeployRequired})
	}
	return v
}

// redeployRequired flags every environment the proxy is deployed to: its
// configuration changed since.
func (p *apiProxy) redeployRequired() {
	for _, d := range p.deployments {
		if d.deployed {
			d.redeployRequired = true
		}
	}
}

// apiProxyJSON is a proxy on the wire: the 2025 page shows hosts as
// "virtualHostList" and the address health flag as "healthCheckEnabled",
// the 2026 page as "hostList" and "healthMonitoringEnabled".
func (s *Server) apiProxyJSON(v apinizer.APIProxy) apinizer.APIProxy {
	if s.dialect == Dialect2025 {
		if len(v.ClientRoute.VirtualHosts) == 0 {
			v.ClientRoute.VirtualHosts = v.ClientRoute.Hosts
		}
		v.ClientRoute.Hosts = nil
		addrs := slices.Clone(v.Routing.Addresses)
		for i := range addrs {
			addrs[i].HealthCheckEnabled, addrs[i].HealthMonitoringEnabled = cmp.Or(addrs[i].HealthCheckEnabled, addrs[i].HealthMonitoringEnabled), nil
		}
		v.Routing.Addresses = addrs
	}
	return v
}

// APIProxy reads an API proxy back as Get API Proxy shows it.
func (s *Server) APIProxy(project, name string) (apinizer.APIProxy, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[project]; p != nil && p.apiProxies[name] != nil {
		v := p.apiProxies[name].view(false)
		v.ClientRoute = cloneRoute(v.ClientRoute)
		return v, true
	}
	return apinizer.APIProxy{}, false
}

// cloneRoute copies a client route's lists.
func cloneRoute(r apinizer.ClientRoute) apinizer.ClientRoute {
	r.RelativePaths, r.Methods, r.Hosts = slices.Clone(r.RelativePaths), slices.Clone(r.Methods), slices.Clone(r.Hosts)
	r.VirtualHosts, r.Headers = slices.Clone(r.VirtualHosts), slices.Clone(r.Headers)
	return r
}

// apiProxy finds the proxy named in the path, or answers notFound (a
// format with the name's %s) as a 400, or (2025, where the page says so)
// a 404.
func (c *call) apiProxy(notFound string, status2025 int) (*apiProxy, *reply) {
	name := c.r.PathValue("apiProxyName")
	if p := c.p.apiProxies[name]; p != nil {
		return p, nil
	}
	status := http.StatusBadRequest
	if c.s.dialect == Dialect2025 && status2025 != 0 {
		status = status2025
	}
	rep := fail(status, notFound, name)
	return nil, &rep
}

// The not-found texts of the API-proxy pages.
const (
	proxyNotFoundName     = "ApiProxy (name: %s) was not found!"    // Get, Export, the settings pages
	proxyNotFoundWithName = "ApiProxy with name (%s) is not found!" // invoke info, status, health, history
	proxyNotFoundDelete   = "Api Proxy (%s) is not found!"          // Delete
	proxyNotDeployable    = "ApiProxy with name (%s) can not be deployed to Environment(%s) because it is not exist!"
	proxyNotReparsable    = "ApiProxy (name: %s) can not be reparsed because it is not exist. First create it!"
	proxyExists           = "ApiProxy (name: %s) is already exist!"
	environmentMissing    = "Environment (%s) is not found or user does not have privilege to access it!"
	deployPermission      = "User does not have required permission to deploy/undeploy API Proxy!"
)

type proxySummary struct {
	Name         string           `json:"name"`
	Description  string           `json:"description"`
	Type         apinizer.APIType `json:"type"`
	RelativePath string           `json:"relativePath"`
	SOAPToREST   bool             `json:"soapToRest"`
}

func (c *call) listAPIProxies() reply {
	list := make([]proxySummary, 0, len(c.p.apiProxies))
	for _, name := range slices.Sorted(maps.Keys(c.p.apiProxies)) {
		d := c.p.apiProxies[name].doc
		list = append(list, proxySummary{d.Name, d.Description, d.APIType, d.ClientRoute.RelativePaths[0], d.SOAPToREST})
	}
	return listOf(c, list)
}

func (c *call) getAPIProxy() reply {
	p, rep := c.apiProxy(proxyNotFoundName, http.StatusNotFound)
	if rep != nil {
		return *rep
	}
	v := c.s.apiProxyJSON(p.view(c.r.URL.Query().Get("withPolicies") == "true"))
	if c.s.dialect == Dialect2025 {
		return reply{object: v} // the 2025 page's bare object
	}
	return reply{list: []apinizer.APIProxy{v}, count: 1}
}

func (c *call) getInvokeInfo() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	if rep != nil {
		return *rep
	}
	var methods []string
	for _, e := range p.doc.Endpoints {
		if !slices.Contains(methods, string(e.HTTPMethod)) {
			methods = append(methods, string(e.HTTPMethod))
		}
	}
	slices.Sort(methods)
	list := make([]apinizer.InvokeInfo, 0, len(c.p.environments))
	for _, env := range c.p.environments {
		info := apinizer.InvokeInfo{EnvironmentName: env, GatewayBaseURL: gatewayURL(env), RootContext: "/apigateway",
			Methods: nonNil(methods), Schemes: []string{"https"}, Deployed: p.deployments[env] != nil && p.deployments[env].deployed}
		for _, rp := range p.doc.ClientRoute.RelativePaths {
			info.FullPaths = append(info.FullPaths, "/apigateway"+rp)
		}
		list = append(list, info)
	}
	return reply{list: list, count: len(list)}
}

// gatewayURL is an environment's gateway, as its AccessURL says.
func gatewayURL(env string) string { return "https://" + env + ".gateway.example" }

// aiRequest is the body of the AI, MCP and A2A creates.
type aiRequest struct {
	RelativePath    string `json:"relativePath"`
	Description     string `json:"description"`
	LLMProviderName string `json:"llmProviderName"`
	RoutingMode     string `json:"routingMode"`
}

// createAI serves the AI, MCP and A2A creates: the path names the proxy,
// whatever the body says; nothing is deployed.
func createAI(kind apinizer.APIType) func(*call) reply {
	return func(c *call) reply {
		name := c.r.PathValue("apiProxyName")
		var req aiRequest
		if len(c.body) == 0 {
			return fail(http.StatusBadRequest, "Request body can not be empty!")
		}
		if rep := c.decodeBody(&req); rep != nil {
			return *rep
		}
		switch {
		case strings.TrimSpace(req.RelativePath) == "":
			return fail(http.StatusBadRequest, "relativePath value can not be empty!")
		case c.p.apiProxies[name] != nil:
			return fail(http.StatusBadRequest, proxyExists, name)
		case kind == apinizer.APITypeAI && req.LLMProviderName != "" && !slices.Contains(c.p.llmProviders, req.LLMProviderName):
			return fail(http.StatusBadRequest, "LLM provider (name: %s) was not found in project!", req.LLMProviderName)
		case kind == apinizer.APITypeMCP && req.RoutingMode == "":
			return fail(http.StatusBadRequest, "routingMode value can not be empty! Must be TOOL_EXPOSE or PASSTHROUGH.")
		case req.RoutingMode == "PASSTHROUGH":
			return fail(http.StatusBadRequest, "%sRouting.backendServersRequired", strings.ToLower(string(kind)))
		}
		doc := proxyDoc{Name: name, Description: req.Description, APIType: kind, AI: json.RawMessage(c.body),
			ClientRoute: apinizer.ClientRoute{RelativePaths: []string{req.RelativePath}}}
		c.p.apiProxies[name] = newAPIProxy(doc)
		return reply{deployment: &apinizer.DeploymentResult{EnvironmentResults: []apinizer.EnvironmentResult{}}}
	}
}

func (c *call) deleteAPIProxy() reply {
	p, rep := c.apiProxy(proxyNotFoundDelete, 0)
	if rep != nil {
		return *rep
	}
	if !c.mayDeploy {
		return fail(http.StatusBadRequest, deployPermission)
	}
	delete(c.p.apiProxies, p.doc.Name)
	// Committed first, then undeployed from every environment, best effort:
	// a failing one neither fails nor blocks the delete.
	r := &apinizer.DeploymentResult{Success: true}
	for _, env := range c.p.environments {
		e := apinizer.EnvironmentResult{EnvironmentName: env, Success: true, Message: "Undeployment successful"}
		if msg, failing := c.p.failing[env]; failing {
			e.Success, e.Message, r.Success = false, msg, false
		}
		r.EnvironmentResults = append(r.EnvironmentResults, e)
	}
	return reply{deployment: r}
}

// String names a route state.
func (s RouteState) String() string {
	switch s {
	case RouteFollowsManager:
		return "RouteFollowsManager"
	case RouteMissing:
		return "RouteMissing"
	case RouteOrphaned:
		return "RouteOrphaned"
	case RouteUnreachable:
		return "RouteUnreachable"
	}
	return fmt.Sprintf("RouteState(%d)", int(s))
}
