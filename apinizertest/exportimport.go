package apinizertest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// exportTypes are the types of the generic export and import, in the
// order the page lists them.
var exportTypes = []string{"API_PROXY", "PROXY_GROUP", "API_CREATOR", "GLOBAL_POLICY", "POLICY_GROUP", "SETTINGS_GROUP",
	"ENV_VARIABLE", "CERTIFICATE", "IP_GROUP", "CREDENTIAL", "CREDENTIAL_ROLE", "LLM_PROVIDER", "PROVIDER_DEFINITION",
	"MODEL_DEFINITION", "VECTOR_DB", "KNOWLEDGE_BASE", "PII_PATTERN", "PROMPT_GUARD_PATTERN", "DLP_PATTERN",
	"PROMPT_TEMPLATE", "TASK_FLOW_MANAGER", "IDENTITY_SERVICE", "GLOBAL_VARIABLE", "UPTIME_MONITOR", "ANOMALY_DETECTOR",
	"CUSTOM_QUERY", "CUSTOM_QUERY_FILTER", "REPORT_CONF", "TEST_COLLECTION", "REGISTERED_ORGANIZATION", "API_PRODUCT"}

// packageManifest is the fake's own member of a generic package: which
// type it holds. (An API-proxy export has none, and is an API_PROXY one.)
const packageManifest = "apinizertest-package"

func (c *call) listExportTypes() reply { return reply{list: exportTypes, count: len(exportTypes)} }

// exportType is the type the path names, upper-cased (types are
// case-insensitive), or the documented 400.
func (c *call) exportType() (string, *reply) {
	t := strings.ToUpper(c.r.PathValue("type"))
	if !slices.Contains(exportTypes, t) {
		rep := fail(http.StatusBadRequest, "Unknown export/import type (%s)! Supported types: %s", c.r.PathValue("type"), strings.Join(exportTypes, ", "))
		return "", &rep
	}
	return t, nil
}

// objects are the names a project holds of a type: its API proxies, its
// groups, or what the test seeded ("objects").
func (c *call) objects(t string) []string {
	switch t {
	case "API_PROXY":
		return slices.Sorted(maps.Keys(c.p.apiProxies))
	case "PROXY_GROUP":
		return slices.Sorted(maps.Keys(c.p.groups))
	}
	return slices.Sorted(slices.Values(c.p.objects[t]))
}

func (c *call) listExportObjects() reply {
	t, rep := c.exportType()
	if rep != nil {
		return *rep
	}
	filter := c.r.URL.Query().Get("filter")
	list := []apinizer.ExportObject{}
	for _, name := range c.objects(t) {
		if strings.Contains(name, filter) {
			list = append(list, apinizer.ExportObject{Name: name})
		}
	}
	return listOf(c, list)
}

func (c *call) exportObjects() reply {
	t, rep := c.exportType()
	if rep != nil {
		return *rep
	}
	var req apinizer.ExportObjectsRequest
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if len(req.Names) == 0 {
		return fail(http.StatusBadRequest, "names value can not be empty!")
	}
	have, docs := c.objects(t), map[string]any{packageManifest: map[string]string{"type": t}}
	var missing []string
	for _, name := range req.Names {
		switch {
		case !slices.Contains(have, name):
			missing = append(missing, name)
		case t == "API_PROXY":
			docs[name] = c.p.apiProxies[name].doc
		default:
			docs[name] = map[string]string{"name": name, "type": t}
		}
	}
	if len(missing) > 0 {
		return fail(http.StatusBadRequest, "%s object(s) not found in this project: %s", t, strings.Join(missing, ", "))
	}
	data, rep := c.pack(docs)
	if rep != nil {
		return *rep
	}
	name := t + "-export.zip"
	if len(req.Names) == 1 {
		name = req.Names[0] + ".zip"
	}
	return reply{file: &fileAnswer{name: name, data: data}}
}

// importObjects imports a generic package: as new (override false), an
// object that exists refuses the whole import; with override it is
// replaced. Imported objects are not deployed.
func (c *call) importObjects() reply {
	t, rep := c.exportType()
	if rep != nil {
		return *rep
	}
	docs, rep := c.archive("exportFile", "exportFile value can not be empty!")
	if rep != nil {
		return *rep
	}
	held := t // a package the fake did not write: it holds what the path says
	if m, ok := docs[packageManifest]; ok {
		var manifest struct{ Type string }
		_ = json.Unmarshal(m, &manifest)
		held = manifest.Type
		delete(docs, packageManifest)
	}
	if held != t {
		return fail(http.StatusBadRequest, "This package holds no %s object — it looks like a %s package; nothing was imported.", t, held)
	}
	override := c.form("override") == "true" || c.r.URL.Query().Get("override") == "true"
	names := slices.Sorted(maps.Keys(docs))
	if !override {
		for _, name := range names {
			if slices.Contains(c.objects(t), name) {
				return fail(http.StatusBadRequest, "Import as New cannot proceed: %s (%s) — an object of this kind and name already exists in the target project. "+
					"Use Replace Existing where the object already exists in this project, or rename the object(s) before importing.", name, t)
			}
		}
	}
	for _, name := range names {
		switch t {
		case "API_PROXY":
			var doc proxyDoc
			if json.Unmarshal(docs[name], &doc) == nil && doc.Name != "" {
				if p := c.p.apiProxies[doc.Name]; p != nil {
					p.doc = newAPIProxy(doc).doc
					p.redeployRequired()
				} else {
					c.p.apiProxies[doc.Name] = newAPIProxy(doc)
				}
			}
		case "PROXY_GROUP":
			if c.p.groups[name] == nil {
				c.p.groups[name] = newGroup(name)
			}
		default:
			if !slices.Contains(c.p.objects[t], name) {
				c.p.objects[t] = append(c.p.objects[t], name)
			}
		}
	}
	return reply{}
}
