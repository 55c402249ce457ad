package apinizertest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// The endpoints of an API proxy. An endpoint's WSA and cache settings are
// kept in proxyDoc.EndpointSettings, by "METHOD name".

// endpointKey is an endpoint's key in proxyDoc.EndpointSettings.
func endpointKey(name, method string) string { return strings.ToUpper(method) + " " + name }

// endpointBody is every member the endpoint writes and reads take.
type endpointBody struct {
	Name                 string                  `json:"name"`
	HTTPMethod           string                  `json:"httpMethod"`
	IdentifierName       string                  `json:"identifierName"`
	IdentifierHTTPMethod string                  `json:"identifierHttpMethod"`
	Description          *string                 `json:"description"`
	BackendResourceURL   string                  `json:"backendResourceUrl"`
	BackendHTTPMethod    string                  `json:"backendHttpMethod"`
	Active               *bool                   `json:"active"`
	WSASettings          json.RawMessage         `json:"wsaSettings"`
	CacheSettings        *apinizer.CacheSettings `json:"cacheSettings"`
	Deploy               bool                    `json:"deploy"`
	DeployTo             []string                `json:"deployTargetEnvironmentNameList"`
}

// endpointProxy is the proxy of an endpoint route: the 2025 pages answer
// a missing one with a 404, the 2026 pages with a 400.
func (c *call) endpointProxy() (*apiProxy, *reply) {
	return c.apiProxy(proxyNotFoundName, http.StatusNotFound)
}

// endpoint finds the endpoint a body names, by {name, httpMethod} or (the
// writes of status, WSA and cache) {identifierName,
// identifierHttpMethod}.
func (c *call) endpoint(p *apiProxy, b *endpointBody, identifier bool, status2025 int) (int, *reply) {
	name, method := b.Name, b.HTTPMethod
	if identifier {
		name, method = b.IdentifierName, b.IdentifierHTTPMethod
	}
	if name == "" || method == "" {
		rep := fail(http.StatusBadRequest, "Endpoint identifier (name and httpMethod) must be provided in request body!")
		return -1, &rep
	}
	for i, e := range p.doc.Endpoints {
		if e.Path == name && strings.EqualFold(string(e.HTTPMethod), method) {
			return i, nil
		}
	}
	status := http.StatusBadRequest
	if c.s.dialect == Dialect2025 && status2025 != 0 {
		status = status2025
	}
	rep := fail(status, "Endpoint with name (%s) and HTTP method (%s) is not found!", name, method)
	return -1, &rep
}

// endpointCall reads the body of an endpoint route and finds its proxy.
func (c *call) endpointCall() (*apiProxy, *endpointBody, *reply) {
	p, rep := c.endpointProxy()
	if rep != nil {
		return nil, nil, rep
	}
	var b endpointBody
	if len(c.body) > 0 {
		if rep := c.decodeBody(&b); rep != nil {
			return nil, nil, rep
		}
	}
	return p, &b, nil
}

func (c *call) listEndpoints() reply {
	p, rep := c.endpointProxy()
	if rep != nil {
		return *rep
	}
	return listOf(c, slices.Clone(p.doc.Endpoints))
}

func (c *call) listMethods() reply {
	p, rep := c.endpointProxy()
	if rep != nil {
		return *rep
	}
	return listOf(c, p.view(c.r.URL.Query().Get("withPolicies") == "true").Endpoints)
}

// endpointRead serves Get Endpoint (withPolicies false) and the two
// policy reads: the bare endpoint object.
func endpointRead(withPolicies bool) func(*call) reply {
	return func(c *call) reply {
		p, b, rep := c.endpointCall()
		i := -1
		if rep == nil {
			i, rep = c.endpoint(p, b, false, 0)
		}
		if rep != nil {
			return *rep
		}
		return reply{object: p.view(withPolicies).Endpoints[i]}
	}
}

func (c *call) createEndpoint() reply {
	p, b, rep := c.endpointCall()
	if rep != nil {
		return *rep
	}
	switch {
	case p.doc.APIType != apinizer.APITypeREST:
		return fail(http.StatusBadRequest, "Endpoint can only be added to REST API Proxies!")
	case b.Name == "" || b.HTTPMethod == "" || b.BackendResourceURL == "" || b.BackendHTTPMethod == "":
		return fail(http.StatusBadRequest, "name, httpMethod, backendResourceUrl and backendHttpMethod value can not be empty!")
	}
	if _, missing := c.endpoint(p, b, false, 0); missing == nil {
		return fail(http.StatusBadRequest, "Endpoint with name (%s) and HTTP method (%s) is already exist!", b.Name, b.HTTPMethod)
	}
	e := apinizer.Endpoint{Path: b.Name, Active: true, HTTPMethod: apinizer.HTTPMethod(strings.ToUpper(b.HTTPMethod)),
		BackendResourceURL: b.BackendResourceURL, BackendHTTPMethod: apinizer.HTTPMethod(strings.ToUpper(b.BackendHTTPMethod))}
	if b.Description != nil {
		e.Description = *b.Description
	}
	e.ID = objectID("endpoint/" + p.doc.Name + "/" + endpointKey(e.Path, string(e.HTTPMethod)))
	p.doc.Endpoints = append(p.doc.Endpoints, e)
	p.redeployRequired()
	return reply{}
}

// endpointWrite serves the endpoint writes that may deploy: apply changes
// the endpoint; the proxy's deployed environments are flagged, and with
// deploy the named ones deployed.
func endpointWrite(identifier bool, status2025 int, apply func(*apiProxy, int, *endpointBody) *reply) func(*call) reply {
	return func(c *call) reply {
		p, b, rep := c.endpointCall()
		i := -1
		if rep == nil {
			i, rep = c.endpoint(p, b, identifier, status2025)
		}
		if rep == nil {
			rep = c.checkTargets(b.Deploy, b.DeployTo)
		}
		if rep == nil {
			rep = apply(p, i, b)
		}
		if rep != nil {
			return *rep
		}
		p.redeployRequired()
		if !b.Deploy {
			return reply{}
		}
		return reply{deployment: c.deployProxy(p, b.DeployTo, true, "", false)}
	}
}

var (
	updateEndpoint = endpointWrite(false, 0, func(p *apiProxy, i int, b *endpointBody) *reply {
		e := &p.doc.Endpoints[i]
		if b.Description != nil {
			e.Description = *b.Description
		}
		if b.BackendResourceURL != "" {
			e.BackendResourceURL = b.BackendResourceURL
		}
		if b.BackendHTTPMethod != "" {
			e.BackendHTTPMethod = apinizer.HTTPMethod(strings.ToUpper(b.BackendHTTPMethod))
		}
		return nil
	})
	updateEndpointStatus = endpointWrite(true, 0, func(p *apiProxy, i int, b *endpointBody) *reply {
		if b.Active == nil {
			rep := fail(http.StatusBadRequest, "active value can not be empty!")
			return &rep
		}
		p.doc.Endpoints[i].Active = *b.Active
		return nil
	})
	updateEndpointWSA = endpointWrite(true, 0, func(p *apiProxy, i int, b *endpointBody) *reply {
		if b.WSASettings == nil {
			rep := fail(http.StatusBadRequest, "wsaSettings value can not be empty!")
			return &rep
		}
		p.setEndpointSetting(i, "wsa", b.WSASettings)
		return nil
	})
	// The 2025 Update Endpoint Cache page answers a missing endpoint 404.
	updateEndpointCache = endpointWrite(true, http.StatusNotFound, func(p *apiProxy, i int, b *endpointBody) *reply {
		if b.CacheSettings == nil || b.CacheSettings.HandlingAction == "" {
			rep := fail(http.StatusBadRequest, "handlingAction is required")
			return &rep
		}
		raw, _ := json.Marshal(b.CacheSettings)
		p.setEndpointSetting(i, "cache", raw)
		return nil
	})
)

// setEndpointSetting keeps an endpoint's WSA or cache settings.
func (p *apiProxy) setEndpointSetting(i int, which string, raw json.RawMessage) {
	e := p.doc.Endpoints[i]
	if p.doc.EndpointSettings == nil {
		p.doc.EndpointSettings = map[string]map[string]json.RawMessage{}
	}
	key := endpointKey(e.Path, string(e.HTTPMethod))
	if p.doc.EndpointSettings[key] == nil {
		p.doc.EndpointSettings[key] = map[string]json.RawMessage{}
	}
	p.doc.EndpointSettings[key][which] = slices.Clone(raw)
}

func (c *call) deleteEndpoint() reply {
	p, b, rep := c.endpointCall()
	if rep != nil {
		return *rep
	}
	if p.doc.APIType != apinizer.APITypeREST {
		return fail(http.StatusBadRequest, "Endpoint can only be deleted from REST API Proxies!")
	}
	i, rep := c.endpoint(p, b, false, 0)
	if rep != nil {
		return *rep
	}
	e := p.doc.Endpoints[i]
	delete(p.doc.EndpointSettings, endpointKey(e.Path, string(e.HTTPMethod)))
	p.doc.Endpoints = slices.Delete(p.doc.Endpoints, i, i+1)
	p.redeployRequired()
	return reply{}
}

// EndpointSetting reads back what an endpoint's WSA ("wsa") or cache
// ("cache") settings hold, as the last write sent them.
func (s *Server) EndpointSetting(project, apiProxy, name, httpMethod, which string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.apiProxies[apiProxy] == nil {
		return nil, false
	}
	raw, ok := p.apiProxies[apiProxy].doc.EndpointSettings[endpointKey(name, httpMethod)][which]
	return slices.Clone(raw), ok
}
