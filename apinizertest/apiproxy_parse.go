package apinizertest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/apinizer-go/apinizer"
)

// Creating and re-parsing an API proxy from a spec URL or file.

// parseRequest is the parse object of the URL and file calls.
type parseRequest struct {
	Name              string                            `json:"apiProxyName"`
	Description       string                            `json:"apiProxyDescription"`
	CreationType      apinizer.CreationType             `json:"apiProxyCreationType"`
	SpecURL           string                            `json:"specUrl"`
	ClientRoute       *apinizer.ClientRoute             `json:"clientRoute"`
	Routing           *apinizer.Routing                 `json:"routingInfo"`
	Deploy            bool                              `json:"deploy"`
	DeployTo          []string                          `json:"deployTargetEnvironmentNameList"`
	ReParse           bool                              `json:"reParse"`
	SOAPToREST        bool                              `json:"soapToRest"`
	BackendAPIVersion string                            `json:"backendApiVersion"`
	MaintenanceMode   *apinizer.MaintenanceModeSettings `json:"maintenanceModeSetting"`
}

// checkParse answers the 400s of the parse object, and refuses a deploy
// to an environment the project does not have before anything is written.
func (c *call) checkParse(req *parseRequest, file bool) *reply {
	var rep reply
	switch {
	case req.Name == "":
		rep = fail(http.StatusBadRequest, "apiProxyName value can not be empty!")
	case req.Name == "." || req.Name == "..":
		rep = fail(http.StatusBadRequest, "apiProxyName (%s) can not be used in a URL path!", req.Name)
	case req.CreationType == "":
		rep = fail(http.StatusBadRequest, "apiProxyCreationType value can not be empty!")
	case file && req.CreationType == apinizer.CreationEmptyAPI:
		rep = fail(http.StatusBadRequest, "EMPTY_API can not be created from a file! Use the url endpoint.")
	case !slices.Contains([]apinizer.CreationType{apinizer.CreationOpenAPI, apinizer.CreationSwagger, apinizer.CreationWSDL,
		apinizer.CreationReverseProxy, apinizer.CreationEmptyAPI}, req.CreationType):
		rep = fail(http.StatusBadRequest, "apiProxyCreationType (%s) is not supported!", req.CreationType)
	default:
		return c.checkTargets(req.Deploy, req.DeployTo)
	}
	return &rep
}

// checkTargets refuses a deploy to an environment the project lacks, or
// without the permission to deploy.
func (c *call) checkTargets(deploy bool, envs []string) *reply {
	if !deploy {
		return nil
	}
	if !c.mayDeploy {
		rep := fail(http.StatusBadRequest, deployPermission)
		return &rep
	}
	for _, env := range envs {
		if !slices.Contains(c.p.environments, env) {
			rep := fail(http.StatusBadRequest, environmentMissing, env)
			return &rep
		}
	}
	return nil
}

// specFrom reads the spec a parse request names: the uploaded file, or
// what the test registered for the URL. A reverse proxy and an empty API
// have none.
func (c *call) specFrom(req *parseRequest, file []byte) (*parsedSpec, *reply) {
	if req.CreationType == apinizer.CreationReverseProxy || req.CreationType == apinizer.CreationEmptyAPI {
		return &parsedSpec{}, nil
	}
	data := file
	if file == nil {
		if req.SpecURL == "" {
			rep := fail(http.StatusBadRequest, "specUrl value can not be empty!")
			return nil, &rep
		}
		if data = c.s.specs[req.SpecURL]; data == nil {
			rep := fail(http.StatusBadRequest, "Spec could not be read from URL (%s)!", req.SpecURL)
			return nil, &rep
		}
	}
	spec, err := parseSpec(data)
	if err != nil {
		rep := fail(http.StatusBadRequest, "%s", err.Error())
		return nil, &rep
	}
	wsdl := req.CreationType == apinizer.CreationWSDL
	if (spec.Kind == "WSDL") != wsdl {
		rep := fail(http.StatusBadRequest, "The spec is %s, which does not fit apiProxyCreationType (%s)!", spec.Kind, req.CreationType)
		return nil, &rep
	}
	return spec, nil
}

// docFrom builds a proxy's configuration from a parse request and its spec.
func docFrom(req *parseRequest, spec *parsedSpec) proxyDoc {
	doc := proxyDoc{Name: req.Name, Description: cmp.Or(req.Description, spec.Description), CreationType: req.CreationType,
		APIType: apinizer.APITypeREST, SOAPToREST: req.SOAPToREST, BackendAPIVersion: cmp.Or(req.BackendAPIVersion, spec.Version)}
	if spec.Kind == "WSDL" && !req.SOAPToREST {
		doc.APIType = apinizer.APITypeSOAP
	}
	for _, e := range spec.Endpoints {
		doc.Endpoints = append(doc.Endpoints, apinizer.Endpoint{Path: e.Path, Description: e.Description, Active: true,
			HTTPMethod: apinizer.HTTPMethod(e.Method), BackendResourceURL: e.Path, BackendHTTPMethod: apinizer.HTTPMethod(e.Method)})
	}
	if req.ClientRoute != nil {
		doc.ClientRoute = *req.ClientRoute
	}
	if req.Routing != nil {
		doc.Routing = *req.Routing
	} else if len(spec.Servers) > 0 {
		doc.Routing.Addresses = []apinizer.RoutingAddress{{Address: spec.Servers[0]}}
	}
	if req.MaintenanceMode != nil {
		b, _ := json.Marshal(req.MaintenanceMode)
		doc.Settings = map[string]json.RawMessage{"maintenance-mode": b}
	}
	return doc
}

func (c *call) createFromURL() reply  { return c.parseCall(false, false) }
func (c *call) createFromFile() reply { return c.parseCall(true, false) }
func (c *call) updateFromURL() reply  { return c.parseCall(false, true) }
func (c *call) updateFromFile() reply { return c.parseCall(true, true) }

// parseCall serves the four URL and file creates and re-parses.
func (c *call) parseCall(file, update bool) reply {
	var req parseRequest
	var spec []byte
	if file {
		if rep := c.multipart(); rep != nil {
			return *rep
		}
		if rep := c.decodeJSON(c.form("metadata"), &req); rep != nil {
			return *rep
		}
		if spec = c.fileBytes("specFile"); spec == nil && req.CreationType != apinizer.CreationReverseProxy {
			return fail(http.StatusBadRequest, "specFile value can not be empty!")
		}
	} else if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if rep := c.checkParse(&req, file); rep != nil {
		return *rep
	}
	old := c.p.apiProxies[req.Name]
	switch {
	case update && old == nil:
		return fail(http.StatusBadRequest, proxyNotReparsable, req.Name)
	case !update && old != nil:
		return fail(http.StatusBadRequest, proxyExists, req.Name)
	case update && old.doc.CreationType != "" && old.doc.CreationType != req.CreationType:
		return fail(http.StatusBadRequest, "apiProxyCreationType (%s) does not match the API Proxy's (%s)!", req.CreationType, old.doc.CreationType)
	}
	parsed, rep := c.specFrom(&req, spec)
	if rep != nil {
		return *rep
	}
	doc := docFrom(&req, parsed)
	if update {
		doc = reparsed(old.doc, doc, &req)
		old.doc = doc
		old.redeployRequired()
	} else {
		c.p.apiProxies[req.Name] = newAPIProxy(doc)
	}
	var sh *shape
	if !file && !update && c.s.dialect == Dialect2026 { // Create from URL's 2026 page
		if !req.Deploy || len(req.DeployTo) == 0 {
			return reply{extra: map[string]any{"deploymentResult": nil, "resultList": nil, "resultCount": nil}}
		}
		flat := shapeBFlat
		sh = &flat
	}
	if !req.Deploy {
		return reply{deployment: &apinizer.DeploymentResult{Success: true, EnvironmentResults: []apinizer.EnvironmentResult{}}, shape: sh}
	}
	return reply{deployment: c.deployProxy(c.p.apiProxies[req.Name], req.DeployTo, true, "", false), shape: sh}
}

// reparsed is a re-parse: the spec's endpoints replace the old ones
// (keeping the policies' owners: an endpoint of the same name and method
// keeps its state), the rest of the configuration stays unless sent.
func reparsed(old, doc proxyDoc, req *parseRequest) proxyDoc {
	out := old
	out.Endpoints = doc.Endpoints
	for i, e := range out.Endpoints {
		for _, was := range old.Endpoints {
			if was.Path == e.Path && was.HTTPMethod == e.HTTPMethod {
				out.Endpoints[i].Active, out.Endpoints[i].BackendResourceURL = was.Active, was.BackendResourceURL
			}
		}
	}
	out.Description = cmp.Or(req.Description, old.Description)
	if req.ClientRoute != nil {
		out.ClientRoute = doc.ClientRoute
	}
	if req.Routing != nil {
		out.Routing = doc.Routing
	}
	out.BackendAPIVersion = cmp.Or(req.BackendAPIVersion, old.BackendAPIVersion)
	return out
}
