package apinizertest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// APIProxySeed describes an API proxy for AddAPIProxyFrom and for the
// seed file's "apiProxies" objects (the JSON names are the seed format's).
type APIProxySeed struct {
	Name         string           `json:"name"`
	Description  string           `json:"description"`
	APIType      apinizer.APIType `json:"apiType"`      // REST (the default), SOAP, GRPC, WEBSOCKET, AI, MCP, A2A
	RelativePath string           `json:"relativePath"` // the client route's path; default "/<name>"
	Backend      string           `json:"backend"`      // one routing address
	Endpoints    []SeedEndpoint   `json:"endpoints"`
	DeployedTo   []string         `json:"deployedTo"` // environments it is deployed to, one history record each
	// DeployHistory is kept as given (revisions included); new records
	// count on from the highest.
	DeployHistory []SeedDeployRecord         `json:"deployHistory"`
	Settings      map[string]json.RawMessage `json:"settings"` // setting path ("cors", "circuit-breaker", ...) → its body
	// TrafficLogs are the traffic-log settings saved per environment
	// (environment name → the object as Update Traffic Log Settings
	// takes it); method overrides need them.
	TrafficLogs map[string]json.RawMessage `json:"trafficLogs"`
}

// SeedEndpoint is one endpoint of an APIProxySeed.
type SeedEndpoint struct {
	Name               string `json:"name"` // the path, e.g. "/users"
	HTTPMethod         string `json:"httpMethod"`
	BackendResourceURL string `json:"backendResourceUrl"` // default: the name
	BackendHTTPMethod  string `json:"backendHttpMethod"`  // default: the method
	Description        string `json:"description"`
}

// SeedDeployRecord is one record of an APIProxySeed's deploy history.
type SeedDeployRecord struct {
	Revision    int    `json:"revision"`
	Environment string `json:"environment"`
	Deploy      bool   `json:"deploy"`
	Description string `json:"description"`
	Persistent  bool   `json:"persistent"`
}

// UnmarshalJSON reads a seed's proxy: a name (an empty REST proxy) or an
// object, whose unknown fields are errors.
func (a *APIProxySeed) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &a.Name); err == nil {
		return nil
	}
	type plain APIProxySeed
	return strictJSON(b, (*plain)(a))
}

// strictJSON decodes b into v; unknown fields are errors.
func strictJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// AddAPIProxy adds an empty REST API proxy (no endpoints, relative path
// "/<name>"), which GrantAccess can name with type API_PROXY. It panics if
// the project was not added.
func (s *Server) AddAPIProxy(project, name string) {
	s.AddAPIProxyFrom(project, APIProxySeed{Name: name})
}

// AddAPIProxyFrom adds an API proxy as seed describes it, replacing any of
// that name. It panics if the project was not added, or if seed names an
// environment the project lacks.
func (s *Server) AddAPIProxyFrom(project string, seed APIProxySeed) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddAPIProxyFrom", project)
	if err := checkProxySeed(&seed, p.environments); err != nil {
		panic("apinizertest: AddAPIProxyFrom: " + err.msg)
	}
	s.addSeededProxy(p, seed)
}

// checkProxySeed checks a seed's proxy against its project's environments.
func checkProxySeed(a *APIProxySeed, envs []string) *seedError {
	if a.Name == "" {
		return bad("name", "is empty")
	}
	for i, e := range a.Endpoints {
		if e.Name == "" || e.HTTPMethod == "" {
			return bad(fmt.Sprintf("endpoints[%d]", i), "name and httpMethod are required")
		}
	}
	if err := checkRecords(a.DeployedTo, a.DeployHistory, envs); err != nil {
		return err
	}
	for path := range a.Settings {
		if !json.Valid(a.Settings[path]) || path == "" {
			return bad("settings."+path, "want a setting path and its JSON body")
		}
	}
	for env, raw := range a.TrafficLogs {
		var members map[string]json.RawMessage
		switch {
		case !slices.Contains(envs, env):
			return bad("trafficLogs."+env, "environment %q is not among the project's environments", env)
		case json.Unmarshal(raw, &members) != nil || members == nil:
			return bad("trafficLogs."+env, "want a JSON object")
		}
	}
	return nil
}

// checkRecords checks a seed's deployedTo and deployHistory against the
// project's environments.
func checkRecords(deployedTo []string, history []SeedDeployRecord, envs []string) *seedError {
	for i, env := range deployedTo {
		if !slices.Contains(envs, env) {
			return bad(fmt.Sprintf("deployedTo[%d]", i), "environment %q is not among the project's environments", env)
		}
	}
	for i, h := range history {
		switch {
		case h.Revision <= 0:
			return bad(fmt.Sprintf("deployHistory[%d].revision", i), "must be positive")
		case !slices.Contains(envs, h.Environment):
			return bad(fmt.Sprintf("deployHistory[%d].environment", i), "environment %q is not among the project's environments", h.Environment)
		}
	}
	return nil
}

// sortedRecords is a seed's history by revision, oldest first.
func sortedRecords(history []SeedDeployRecord) []SeedDeployRecord {
	out := slices.Clone(history)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Revision < out[j].Revision })
	return out
}

// addSeededProxy adds a checked seed's proxy. The caller holds s.mu.
func (s *Server) addSeededProxy(p *project, a APIProxySeed) {
	doc := proxyDoc{Name: a.Name, Description: a.Description, APIType: a.APIType, Settings: map[string]json.RawMessage{}}
	if a.RelativePath != "" {
		doc.ClientRoute.RelativePaths = []string{a.RelativePath}
	}
	if a.Backend != "" {
		doc.Routing.Addresses = []apinizer.RoutingAddress{{Address: a.Backend}}
	}
	for _, e := range a.Endpoints {
		m := apinizer.HTTPMethod(strings.ToUpper(e.HTTPMethod))
		doc.Endpoints = append(doc.Endpoints, apinizer.Endpoint{Path: e.Name, Description: e.Description, Active: true, HTTPMethod: m,
			BackendResourceURL: cmp.Or(e.BackendResourceURL, e.Name), BackendHTTPMethod: apinizer.HTTPMethod(cmp.Or(strings.ToUpper(e.BackendHTTPMethod), string(m)))})
	}
	for k, v := range a.Settings {
		doc.Settings[k] = bytes.Clone(v)
	}
	proxy := newAPIProxy(doc)
	for env, raw := range a.TrafficLogs {
		var members map[string]json.RawMessage
		_ = json.Unmarshal(raw, &members) // checked by checkProxySeed
		proxy.trafficLogs[env] = members
	}
	snapshot, _ := json.Marshal(proxy.doc)
	for _, h := range sortedRecords(a.DeployHistory) {
		now := s.now()
		proxy.history = append(proxy.history, &deployRecord{DeployRecord: apinizer.DeployRecord{Revision: h.Revision, Username: "admin",
			Time: &now, Description: h.Description, Environment: h.Environment, Deploy: h.Deploy, Persistent: h.Persistent}, snapshot: snapshot})
	}
	for _, env := range a.DeployedTo {
		rev := s.addRecord(proxy, apinizer.DeployRecord{Environment: env, Deploy: true, Description: "Deployed by APIOPS Api"}, snapshot)
		now := s.now()
		proxy.deployments[env] = &deployed{deployed: true, revision: &rev, lastDeploy: &now}
	}
	p.apiProxies[a.Name] = proxy
}

// AddSpec registers a spec document (OpenAPI 3 or Swagger 2 in JSON or
// YAML, a WSDL) as what the Manager reads at url: Create and Update API
// Proxy from that spec URL parse it. An unregistered URL answers 400
// "Spec could not be read from URL (url)!".
func (s *Server) AddSpec(url string, doc []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.specs[url] = bytes.Clone(doc)
}

// AddLLMProvider adds an LLM provider an AI API proxy may name. It panics
// if the project was not added.
func (s *Server) AddLLMProvider(project, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddLLMProvider", project)
	if !slices.Contains(p.llmProviders, name) {
		p.llmProviders = append(p.llmProviders, name)
	}
}

// mustAPIProxy returns the proxy or panics naming the helper.
func (s *Server) mustAPIProxy(helper, project, name string) *apiProxy {
	p := s.mustProject(helper, project).apiProxies[name]
	if p == nil {
		panic(fmt.Sprintf("apinizertest: %s: API proxy %q was not added to project %q", helper, name, project))
	}
	return p
}
