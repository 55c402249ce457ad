package apinizertest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"

	"github.com/apinizer-go/apinizer"
)

// An API proxy's traffic-log settings, per environment: the object as
// stored (the ten log flags, the connector settings by connection name,
// the method overrides).

// connection is one connector a seed declares: what traffic-log settings
// name as their log recipients.
type connection struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`         // e.g. ELASTICSEARCH_INDEX
	Environments []string `json:"environments"` // where it receives logs; none: every environment
}

// AddConnection adds a connection traffic-log settings can name in env
// (every environment when none is given). It panics if the project was
// not added.
func (s *Server) AddConnection(project, name, connectorType string, environments ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddConnection", project)
	p.connections = append(p.connections, connection{Name: name, Type: connectorType, Environments: slices.Clone(environments)})
}

// connectorTypes are the method-override path's connector types.
var connectorTypes = []string{"ELASTICSEARCH_INDEX", "DB_INSERT_UPDATE_DELETE", "SYSLOG_SEND", "WEBHOOK_SEND", "RABBITMQ_SEND",
	"ACTIVEMQ_SEND", "KAFKA_SEND", "GRAYLOG_SEND", "LOGBACK_APPEND"}

// logTarget reports whether a connector settings key names something the
// environment logs to: a connection of it, or a legacy connector type.
func (p *project) logTarget(env, key string) bool {
	if slices.Contains(connectorTypes, key) {
		return true
	}
	return slices.ContainsFunc(p.connections, func(c connection) bool {
		return c.Name == key && (len(c.Environments) == 0 || slices.Contains(c.Environments, env))
	})
}

// trafficLogJSON is the stored object of one environment, with the
// read-only members the pages show.
func (c *call) trafficLogJSON(p *apiProxy, env string) map[string]any {
	out := map[string]any{}
	for k, v := range p.trafficLogs[env] {
		out[k] = v
	}
	out["environmentId"] = objectID("environment/" + env)
	out["apiProxyId"] = objectID("proxy/" + p.doc.Name)
	out["projectId"] = objectID("project/" + c.r.PathValue("projectName"))
	return out
}

func (c *call) listTrafficLogs() reply {
	p, rep := c.apiProxy(proxyNotFoundName, 0)
	if rep != nil {
		return *rep
	}
	list := []map[string]any{}
	for _, env := range slices.Sorted(maps.Keys(p.trafficLogs)) {
		list = append(list, c.trafficLogJSON(p, env))
	}
	return reply{list: list, count: len(list)}
}

// trafficLogCall finds the proxy and the environment a traffic-log route
// names.
func (c *call) trafficLogCall() (*apiProxy, string, *reply) {
	p, rep := c.apiProxy(proxyNotFoundName, 0)
	if rep != nil {
		return nil, "", rep
	}
	env, rep := c.environment()
	return p, env, rep
}

func (c *call) getTrafficLog() reply {
	p, env, rep := c.trafficLogCall()
	if rep != nil {
		return *rep
	}
	if p.trafficLogs[env] == nil {
		return reply{list: []any{}, count: 0}
	}
	return reply{list: []any{c.trafficLogJSON(p, env)}, count: 1}
}

// readOnlyLog are the members a traffic-log PUT ignores.
var readOnlyLog = []string{"environmentId", "apiProxyId", "id", "projectId", "connectorLabelByKey",
	"enableElasticsearchConnector", "enableDbConnector", "enableSyslogConnector", "enableWebhookConnector",
	"enableRabbitMqConnector", "enableActiveMqConnector", "enableKafkaConnector", "enableGraylogConnector", "enableLogbackConnector"}

// putTrafficLog stores an environment's settings, creating them if absent:
// members left out or null keep their stored value. It answers the stored
// object with the connector keys as connector IDs, as the page says, and
// deploys to that environment by itself.
func (c *call) putTrafficLog() reply {
	p, env, rep := c.trafficLogCall()
	if rep != nil {
		return *rep
	}
	var body map[string]json.RawMessage
	if rep := c.decodeBody(&body); rep != nil {
		return *rep
	}
	var connectors map[string]json.RawMessage
	_ = json.Unmarshal(body["connectorSettingsMap"], &connectors)
	for _, name := range slices.Sorted(maps.Keys(connectors)) {
		if !c.p.logTarget(env, name) {
			return fail(http.StatusBadRequest, "Connection with name '%s' not found in the environment!", name)
		}
	}
	stored := p.trafficLogs[env]
	if stored == nil {
		stored = map[string]json.RawMessage{}
		for _, flag := range logFlags {
			stored[flag] = json.RawMessage("true") // true when first created
		}
	}
	for k, v := range body {
		if string(v) != "null" && !slices.Contains(readOnlyLog, k) {
			stored[k] = v
		}
	}
	p.trafficLogs[env] = stored
	answer := c.trafficLogJSON(p, env)
	byID := map[string]json.RawMessage{}
	for name, v := range connectors {
		byID[objectID("connection/"+name)] = v
	}
	answer["connectorSettingsMap"] = byID
	return reply{list: []any{answer}, count: 1}
}

// logFlags are the ten log flags of a traffic-log object.
var logFlags = []string{"logParamRequestFromClient", "logHeaderRequestFromClient", "logBodyRequestFromClient",
	"logParamRequestToTarget", "logHeaderRequestToTarget", "logBodyRequestToTarget", "logHeaderResponseFromTarget",
	"logBodyResponseFromTarget", "logHeaderResponseToClient", "logBodyResponseToClient"}

// override is one entry of a traffic-log object's methodOverrideList.
type override struct {
	APIMethodID   string                     `json:"apiMethodId"`
	APIMethodName string                     `json:"apiMethodName"`
	Connectors    map[string]json.RawMessage `json:"connectorSettingsMap"`
}

// methodOverride serves the method-override PUT (put true) and DELETE.
func methodOverride(put bool) func(*call) reply {
	return func(c *call) reply {
		p, env, rep := c.trafficLogCall()
		if rep != nil {
			return *rep
		}
		connector, method := c.r.PathValue("connectorType"), c.r.URL.Query().Get("methodName")
		switch {
		case !slices.Contains(connectorTypes, connector):
			return fail(http.StatusBadRequest, "Invalid connectorType: %s", connector)
		case method == "":
			return fail(http.StatusBadRequest, "methodName value can not be empty!")
		case put && !slices.ContainsFunc(p.doc.Endpoints, func(e apinizer.Endpoint) bool { return e.Path == method }):
			return fail(http.StatusBadRequest, "Method (%s) is not found in ApiProxy!", method)
		case p.trafficLogs[env] == nil && put:
			return fail(http.StatusInternalServerError, "Traffic log settings not found for this API proxy and environment. Please save the log settings first before adding method-level overrides.")
		case p.trafficLogs[env] == nil:
			return fail(http.StatusInternalServerError, "Traffic log settings not found")
		}
		var settings json.RawMessage
		if put {
			if rep := c.decodeBody(&settings); rep != nil {
				return *rep
			}
		}
		stored := p.trafficLogs[env]
		var list []override
		_ = json.Unmarshal(stored["methodOverrideList"], &list)
		i := slices.IndexFunc(list, func(o override) bool { return o.APIMethodName == method })
		switch {
		case put && i < 0:
			list = append(list, override{APIMethodID: objectID("method/" + p.doc.Name + "/" + method), APIMethodName: method,
				Connectors: map[string]json.RawMessage{connector: settings}})
		case put:
			list[i].Connectors[connector] = settings
		case i >= 0:
			delete(list[i].Connectors, connector)
			if len(list[i].Connectors) == 0 { // a method left with no overrides loses its entry
				list = slices.Delete(list, i, i+1)
			}
		}
		if len(list) == 0 {
			delete(stored, "methodOverrideList")
		} else {
			stored["methodOverrideList"], _ = json.Marshal(list)
		}
		return reply{}
	}
}

// TrafficLog reads back an API proxy's traffic-log settings in env as
// stored, connectors by connection name.
func (s *Server) TrafficLog(project, apiProxy, env string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.apiProxies[apiProxy] == nil || p.apiProxies[apiProxy].trafficLogs[env] == nil {
		return nil, false
	}
	raw, _ := json.Marshal(p.apiProxies[apiProxy].trafficLogs[env])
	return raw, true
}
