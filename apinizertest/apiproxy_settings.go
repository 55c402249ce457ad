package apinizertest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// settingPage is what the fake knows of one settings page: where the
// 2026 page wraps the fields (2025 reads them flat, but for the pages
// that wrap in both), its documented 400 and when it answers it, whether
// an AI proxy refuses it, the proxy type it needs, and the shape of its
// deploy answer.
type settingPage struct {
	wrapper     string // the 2026 page's wrapper; "" flat
	wrappedBoth bool   // the 2025 page and OpenAPI wrap too
	invalid     func(map[string]json.RawMessage) bool
	text        string           // the documented 400 for an invalid body
	classic     bool             // an AI proxy refuses it
	needs       apinizer.APIType // the only proxy type it applies to
	shape       shape            // of a deploy's answer
	replace     bool             // the body replaces what is stored (else the fields sent are merged in)
}

// settingPages are the settings pages, by path.
var settingPages = map[string]settingPage{
	"keys": {text: "At least one key (publicKey or secretKey) must be provided",
		invalid: func(m map[string]json.RawMessage) bool { return blank(m, "publicKey") && blank(m, "secretKey") }},
	"cache": {wrapper: "cacheSettings", text: "handlingAction is required",
		invalid: func(m map[string]json.RawMessage) bool { return blank(m, "handlingAction") }},
	"circuit-breaker": {classic: true, text: "Invalid circuit breaker settings",
		invalid: func(m map[string]json.RawMessage) bool {
			return !oneOf(m, "enumErrorThresholdType", "COUNT", "PERCENT")
		}},
	"client-route": {wrapper: "clientRoute", shape: shapeD, text: "Client route must have at least one valid route configuration",
		invalid: badClientRoute},
	"connection": {classic: true, text: "Custom connection pool size is required when connectionPoolManagementType is CUSTOM",
		invalid: func(m map[string]json.RawMessage) bool {
			return str(m, "connectionPoolManagementType") == "CUSTOM" && blank(m, "customConnectionPoolSize")
		}},
	"cors": {wrapper: "corsSettings", text: "Invalid CORS settings",
		invalid: func(m map[string]json.RawMessage) bool {
			// The page marks name required, yet its own examples leave it
			// out: the fake takes them, and refuses only what the page
			// forbids outright (credentials with the "*" origin).
			return str(m, "allowCredentials") == "true" && strings.Contains(string(m["allowOriginList"]), `"*"`)
		}},
	"custom-message":      {classic: true},
	"error-handling":      {classic: true},
	"forwarded-ip-header": {wrapper: "forwardedIpHeaderParam", text: "Invalid forwarded IP header settings", invalid: badXFF},
	"grpc":                {wrapper: "grpcSettings", wrappedBoth: true, classic: true, needs: apinizer.APITypeGRPC, text: "API Proxy type is not GRPC"},
	"idempotency":         {wrapper: "idempotencySettings", wrappedBoth: true, shape: shapeBPrime},
	"json-error-template": {wrapper: "jsonErrorResponseTemplate", text: "Invalid JSON template",
		invalid: func(m map[string]json.RawMessage) bool {
			return !blank(m, "jsonValue") && !json.Valid([]byte(placeholder.ReplaceAllString(str(m, "jsonValue"), "0")))
		}},
	"maintenance-mode": {},
	"metadata":         {},
	"mtls": {classic: true, text: "KeyStore ID is required when mTLS is enabled",
		invalid: func(m map[string]json.RawMessage) bool {
			return str(m, "enabled") == "true" && blank(m, "keyStoreId") && blank(m, "keyStoreName")
		}},
	"ntlm": {wrapper: "ntlmSettings", classic: true, shape: shapeCPrime, text: "Domain, username, and password are required when NTLM is enabled",
		invalid: func(m map[string]json.RawMessage) bool {
			return str(m, "enabled") == "true" && (blank(m, "domain") || blank(m, "username") || blank(m, "password"))
		}},
	"proxy-server": {classic: true, text: "Proxy host and port are required when proxy is enabled",
		invalid: func(m map[string]json.RawMessage) bool {
			return str(m, "proxyEnabled") == "true" && str(m, "proxyFromHeaderEnabled") != "true" && (blank(m, "proxyHost") || blank(m, "proxyPort"))
		}},
	"addresses": {wrapper: "routingAddressList", wrappedBoth: true, classic: true, replace: true, text: "Address is required"},
	"routing-status": {classic: true, text: "Invalid routing status",
		invalid: func(m map[string]json.RawMessage) bool {
			return blank(m, "routingEnabled") && blank(m, "echoEnabled") && blank(m, "mirrorEnabled")
		}},
	"trace":     {},
	"websocket": {wrapper: "websocketSettings", wrappedBoth: true, classic: true, needs: apinizer.APITypeWebSocket, text: "API Proxy type is not WEBSOCKET"},
	"xml-error-template": {wrapper: "xmlErrorResponseTemplate", shape: shapeD, text: "Invalid XML template",
		invalid: func(m map[string]json.RawMessage) bool {
			return !blank(m, "xmlValue") && !wellFormedXML(str(m, "xmlValue"))
		}},
	"traffic-log": {text: "environmentName value can not be empty in traffic log settings!",
		invalid: func(m map[string]json.RawMessage) bool {
			var list []struct{ EnvironmentName string }
			_ = json.Unmarshal(m["apiProxyTrafficLogSettingsList"], &list)
			return slices.ContainsFunc(list, func(e struct{ EnvironmentName string }) bool { return e.EnvironmentName == "" })
		}},
}

// placeholder is a template's #NAME#, which the gateway replaces before the
// JSON is sent: the page's own example writes "status": #FAULTSTATUSCODE#
// unquoted, so a template is valid when it is JSON with each one a value.
var placeholder = regexp.MustCompile(`#[A-Z]+#`)

// blank reports whether a member is absent, null or "".
func blank(m map[string]json.RawMessage, key string) bool {
	v := m[key]
	return len(v) == 0 || string(v) == "null" || string(v) == `""`
}

// str is a member as text: a string's value, or the JSON of anything else.
func str(m map[string]json.RawMessage, key string) string {
	var s string
	if json.Unmarshal(m[key], &s) == nil {
		return s
	}
	return string(m[key])
}

// oneOf reports whether a member, when present, is one of values.
func oneOf(m map[string]json.RawMessage, key string, values ...string) bool {
	return blank(m, key) || slices.Contains(values, str(m, key))
}

func badClientRoute(m map[string]json.RawMessage) bool {
	var r apinizer.ClientRoute
	raw, _ := json.Marshal(m)
	if json.Unmarshal(raw, &r) != nil {
		return true
	}
	for _, p := range r.RelativePaths {
		if len(p) < 2 {
			return true
		}
	}
	return len(r.RelativePaths)+len(r.Methods)+len(r.Hosts)+len(r.VirtualHosts)+len(r.Headers) == 0
}

func badXFF(m map[string]json.RawMessage) bool {
	return !oneOf(m, "xffOrder", "FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "LAST")
}

func wellFormedXML(s string) bool {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}

// settingsBody is a settings write's body, split into the setting's own
// fields (read in the page's form for the dialect: a 2026 page's wrapper,
// or flat) and the deploy members.
func (c *call) settingsBody(path string, page settingPage) (map[string]json.RawMessage, bool, []string, *reply) {
	var top map[string]json.RawMessage
	if rep := c.decodeBody(&top); rep != nil {
		return nil, false, nil, rep
	}
	var deploy bool
	var targets []string
	_ = json.Unmarshal(top["deploy"], &deploy)
	_ = json.Unmarshal(top["deployTargetEnvironmentNameList"], &targets)
	delete(top, "deploy")
	delete(top, "deployTargetEnvironmentNameList")
	fields := top
	if page.wrapper != "" && !page.wrappedBoth && c.s.dialect == Dialect2025 {
		delete(fields, page.wrapper) // a 2025 Manager reads these flat and ignores the 2026 wrapper
	}
	if page.wrapper != "" && (page.wrappedBoth || c.s.dialect == Dialect2026) {
		fields = map[string]json.RawMessage{}
		if raw := top[page.wrapper]; page.replace {
			fields[page.wrapper] = raw
		} else if len(raw) > 0 && json.Unmarshal(raw, &fields) != nil {
			rep := fail(http.StatusBadRequest, "%s value must be an object!", page.wrapper)
			return nil, false, nil, &rep
		}
	}
	if path == "addresses" {
		var list []apinizer.RoutingAddress
		if json.Unmarshal(fields["routingAddressList"], &list) != nil || slices.ContainsFunc(list, func(a apinizer.RoutingAddress) bool { return a.Address == "" }) {
			rep := fail(http.StatusBadRequest, "%s", page.text)
			return nil, false, nil, &rep
		}
	}
	return fields, deploy, targets, nil
}

// updateSetting serves one settings page's PATCH.
func updateSetting(path string) func(*call) reply {
	page := settingPages[path]
	return func(c *call) reply {
		p, rep := c.apiProxy(proxyNotFoundName, http.StatusNotFound)
		if rep != nil {
			return *rep
		}
		fields, deploy, targets, rep := c.settingsBody(path, page)
		if rep != nil {
			return *rep
		}
		switch {
		case page.classic && p.doc.APIType == apinizer.APITypeAI,
			path == "metadata" && p.doc.APIType == apinizer.APITypeAI && !blank(fields, "fixSoapApiPortType"):
			return fail(http.StatusBadRequest, "Settings of classic routing (%s) can not be changed on an AI API Proxy!", path)
		case page.needs != "" && p.doc.APIType != page.needs:
			return fail(http.StatusBadRequest, "%s", page.text)
		case page.invalid != nil && page.invalid(fields):
			return fail(http.StatusBadRequest, "%s", page.text)
		}
		if rep := c.checkTargets(deploy, targets); rep != nil {
			return *rep
		}
		if rep := c.applySetting(p, path, page, fields); rep != nil {
			return *rep
		}
		p.redeployRequired()
		if !deploy {
			return reply{}
		}
		sh := shapeC
		if page.shape != 0 {
			sh = page.shape
		}
		return reply{deployment: c.deployProxy(p, targets, true, "", false), shape: &sh}
	}
}

// applySetting stores a setting: the fields sent merged into what is
// stored (or, for the addresses, replacing it), and those the pages show
// in Get API Proxy into the proxy itself.
func (c *call) applySetting(p *apiProxy, path string, page settingPage, fields map[string]json.RawMessage) *reply {
	stored := map[string]json.RawMessage{}
	if !page.replace {
		_ = json.Unmarshal(p.doc.Settings[path], &stored)
	}
	for k, v := range fields {
		stored[k] = v
	}
	raw, _ := json.Marshal(stored)
	switch path {
	case "metadata":
		if rep := c.applyMetadata(p, fields); rep != nil {
			return rep
		}
	case "client-route":
		_ = json.Unmarshal(raw, &p.doc.ClientRoute)
	case "addresses":
		p.doc.Routing.Addresses = nil
		_ = json.Unmarshal(fields["routingAddressList"], &p.doc.Routing.Addresses)
	case "routing-status":
		_ = json.Unmarshal(raw, &p.doc.Routing)
	}
	p.doc.Settings[path] = raw
	return nil
}

// applyMetadata renames the proxy and sets what Get API Proxy shows.
func (c *call) applyMetadata(p *apiProxy, fields map[string]json.RawMessage) *reply {
	if name := str(fields, "name"); !blank(fields, "name") && name != p.doc.Name {
		if c.p.apiProxies[name] != nil {
			rep := fail(http.StatusBadRequest, proxyExists, name)
			return &rep
		}
		delete(c.p.apiProxies, p.doc.Name)
		p.doc.Name = name
		c.p.apiProxies[name] = p
	}
	if v, ok := fields["description"]; ok {
		_ = json.Unmarshal(v, &p.doc.Description)
	}
	if v, ok := fields["categoryList"]; ok {
		_ = json.Unmarshal(v, &p.doc.Categories)
	}
	if !blank(fields, "sharingType") {
		p.doc.SharingType = apinizer.SharingType(str(fields, "sharingType"))
	}
	return nil
}

// Setting reads back what a setting of an API proxy holds: the fields
// sent so far ("cors", "circuit-breaker", ... as in the settings paths),
// merged, as JSON, secrets included (this is the test's own Server). The
// pages show only some of them in Get API Proxy (metadata, client route,
// addresses, routing status).
func (s *Server) Setting(project, apiProxy, path string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.apiProxies[apiProxy] == nil {
		return nil, false
	}
	raw, ok := p.apiProxies[apiProxy].doc.Settings[path]
	return bytes.Clone(raw), ok
}

// specAccessTypes are Update Spec Access Type's path values.
var specAccessTypes = []string{"PUBLIC", "AUTHENTICATED", "HIDDEN", "BACKEND_PROXY"}

func (c *call) updateSpecAccessType() reply {
	p, rep := c.apiProxy(proxyNotFoundName, 0)
	if rep != nil {
		return *rep
	}
	value := c.r.PathValue("specAccessType")
	if !slices.Contains(specAccessTypes, value) {
		return fail(http.StatusBadRequest, "Invalid specAccessType (%s)! Must be one of PUBLIC, AUTHENTICATED, HIDDEN, BACKEND_PROXY.", value)
	}
	var body struct {
		Deploy   bool     `json:"deploy"`
		DeployTo []string `json:"deployTargetEnvironmentNameList"`
	}
	if len(c.body) > 0 {
		if rep := c.decodeBody(&body); rep != nil {
			return *rep
		}
	}
	if rep := c.checkTargets(body.Deploy, body.DeployTo); rep != nil {
		return *rep
	}
	p.doc.Settings["spec-access-type"], _ = json.Marshal(map[string]any{"specAccessType": value,
		"checkApiProxyPermission": c.r.URL.Query().Get("checkApiProxyPermission") == "true"})
	p.redeployRequired()
	if !body.Deploy {
		return reply{deployment: &apinizer.DeploymentResult{EnvironmentResults: []apinizer.EnvironmentResult{}}}
	}
	return reply{deployment: c.deployProxy(p, body.DeployTo, true, "", false)}
}

func (c *call) updateHideSpecFile() reply {
	p, rep := c.apiProxy(proxyNotFoundName, http.StatusNotFound)
	if rep != nil {
		return *rep
	}
	value := c.r.PathValue("hideSpecFile")
	if value != "true" && value != "false" {
		return fail(http.StatusBadRequest, "Invalid hideSpecFile parameter")
	}
	p.doc.Settings["hide-spec-file"] = json.RawMessage(`{"hideSpecFile":` + value + `}`)
	return reply{}
}

// updateRouting serves the AI, MCP and A2A routing PUTs: a whole-object
// replace, for a proxy of the matching type only.
func updateRouting(kind apinizer.APIType) func(*call) reply {
	return func(c *call) reply {
		p, rep := c.apiProxy(proxyNotFoundName, 0)
		if rep != nil {
			return *rep
		}
		var body map[string]json.RawMessage
		if len(c.body) == 0 || c.decodeBody(&body) != nil || len(body) == 0 {
			return fail(http.StatusBadRequest, "Request body can not be empty!")
		}
		if p.doc.APIType != kind {
			return fail(http.StatusBadRequest, "API Proxy type is not %s", kind)
		}
		if p.doc.Routings == nil {
			p.doc.Routings = map[string]json.RawMessage{}
		}
		p.doc.Routings[strings.ToLower(string(kind))] = bytes.Clone(c.body)
		p.redeployRequired()
		return reply{raw: map[string]any{"result": map[string]any{"success": true}}}
	}
}

// Routing reads back an AI, MCP or A2A proxy's routing ("ai", "mcp",
// "a2a") as the last PUT sent it.
func (s *Server) Routing(project, apiProxy, kind string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.apiProxies[apiProxy] == nil {
		return nil, false
	}
	raw, ok := p.apiProxies[apiProxy].doc.Routings[kind]
	return bytes.Clone(raw), ok
}
