package apinizertest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// A project's environment variables. Values are kept as sent, secrets
// included, and no route ever answers a secret: it reads as null.

type envVar struct {
	name, description string
	global            bool
	globalValue       *string
	globalVisible     bool
	values            []envValue
}

type envValue struct {
	env     string
	value   *string
	visible bool
}

// envVarJSON is a variable on the wire, and in the seed file.
type envVarJSON struct {
	Name                 string         `json:"name"`
	Description          string         `json:"description"`
	Global               bool           `json:"global"`
	GlobalValue          *string        `json:"globalValue"`
	GlobalVisible        *bool          `json:"globalVisible"`
	EnvironmentValueList []envValueJSON `json:"environmentValueList"`
	ProjectID            string         `json:"projectId,omitempty"`
	ProjectName          string         `json:"projectName,omitempty"`
}

type envValueJSON struct {
	EnvironmentName string  `json:"environmentName"`
	Value           *string `json:"value"`
	Visible         *bool   `json:"visible"`
}

// key is how variables are found: the 2025 create page says names match
// case-insensitively.
func envKey(name string) string { return strings.ToLower(name) }

// view is the variable as the reads show it: secrets null.
func (v *envVar) view(project string) envVarJSON {
	w := envVarJSON{Name: v.name, Description: v.description, Global: v.global, GlobalVisible: apinizer.Ptr(v.globalVisible),
		EnvironmentValueList: []envValueJSON{}, ProjectID: objectID("project/" + project), ProjectName: project}
	if v.globalVisible {
		w.GlobalValue = v.globalValue
	}
	for _, e := range v.values {
		item := envValueJSON{EnvironmentName: e.env, Visible: apinizer.Ptr(e.visible)}
		if e.visible {
			item.Value = e.value
		}
		w.EnvironmentValueList = append(w.EnvironmentValueList, item)
	}
	return w
}

// apply writes a body over a variable: a null value keeps the stored one
// (a new variable has none), "" clears it; a value the body does not list
// is dropped. Visibility defaults as the pages say: globalVisible true,
// visible false.
func (v *envVar) apply(b envVarJSON) {
	v.description, v.global = b.Description, b.Global
	v.globalVisible = b.GlobalVisible == nil || *b.GlobalVisible
	if b.GlobalValue != nil {
		v.globalValue = b.GlobalValue
	}
	old := v.values
	v.values = nil
	for _, e := range b.EnvironmentValueList {
		nv := envValue{env: e.EnvironmentName, value: e.Value, visible: e.Visible != nil && *e.Visible}
		if i := slices.IndexFunc(old, func(o envValue) bool { return o.env == e.EnvironmentName }); i >= 0 && e.Value == nil {
			nv.value = old[i].value
		}
		v.values = append(v.values, nv)
	}
}

// check answers a body's 400s: the documented name texts, then the
// fake's own for what the pages leave without one.
func (c *call) checkEnvVar(b *envVarJSON) *reply {
	var rep reply
	switch {
	case b.Global && len(b.EnvironmentValueList) > 0:
		rep = fail(http.StatusBadRequest, "Environment variable (name: %s) can not have environment values when it is global!", b.Name)
	case !b.Global && len(b.EnvironmentValueList) == 0:
		rep = fail(http.StatusBadRequest, "Environment variable (name: %s) needs at least one environment value when it is not global!", b.Name)
	default:
		for _, e := range b.EnvironmentValueList {
			if !slices.Contains(c.p.environments, e.EnvironmentName) {
				rep = fail(http.StatusBadRequest, "Environment (%s) is not found!", e.EnvironmentName)
				return &rep
			}
		}
		return nil
	}
	return &rep
}

// envVarMissing is the Get page's text, per dialect.
func (c *call) envVarMissing(name string) reply {
	if c.s.dialect == Dialect2026 {
		return fail(http.StatusBadRequest, "Environment variable (%s) is not found!", name)
	}
	return fail(http.StatusBadRequest, "Environment variable (name: %s) was not found!", name)
}

func (c *call) listEnvVars() reply {
	list := make([]envVarJSON, 0, len(c.p.envVars))
	for _, k := range slices.Sorted(maps.Keys(c.p.envVars)) {
		list = append(list, c.p.envVars[k].view(c.r.PathValue("projectName")))
	}
	return listOf(c, list)
}

func (c *call) getEnvVar() reply {
	name := c.r.PathValue("name")
	v := c.p.envVars[envKey(name)]
	if v == nil {
		return c.envVarMissing(name)
	}
	return reply{list: []envVarJSON{v.view(c.r.PathValue("projectName"))}, count: 1}
}

// saveEnvVar serves Create (create true) and Update, then deploys the
// variable to every environment of the project. On Create a body name
// other than the path's is the page's 400; on Update the 2026 pages say
// the path wins and the 2025 pages allow a rename, so each dialect does
// as its pages say.
func saveEnvVar(create bool) func(*call) reply {
	return func(c *call) reply {
		name := c.r.PathValue("name")
		var b envVarJSON
		if rep := c.decodeBody(&b); rep != nil {
			return *rep
		}
		if b.Name == "" {
			return fail(http.StatusBadRequest, "Environment variable name can not be empty!")
		}
		v := c.p.envVars[envKey(name)]
		switch {
		case envKey(b.Name) != envKey(name) && (create || c.s.dialect == Dialect2025 && c.p.envVars[envKey(b.Name)] != nil):
			return fail(http.StatusBadRequest, "Environment variable name in path (%s) does not match name in body (%s)!", name, b.Name)
		case create && v != nil:
			return fail(http.StatusBadRequest, "Environment variable (name: %s) already exists!", v.name)
		case !create && v == nil:
			return c.envVarMissing(name)
		}
		if rep := c.checkEnvVar(&b); rep != nil {
			return *rep
		}
		if v == nil {
			v = &envVar{name: name}
			c.p.envVars[envKey(name)] = v
		}
		if !create && c.s.dialect == Dialect2025 && envKey(b.Name) != envKey(name) {
			delete(c.p.envVars, envKey(name))
			v.name = b.Name
			c.p.envVars[envKey(b.Name)] = v
		}
		v.apply(b)
		return reply{deployment: c.deployed(false)}
	}
}

// deleteEnvVar deletes the variable and undeploys it everywhere.
func (c *call) deleteEnvVar() reply {
	name := c.r.PathValue("name")
	if c.p.envVars[envKey(name)] == nil {
		return c.envVarMissing(name)
	}
	delete(c.p.envVars, envKey(name))
	return reply{deployment: c.deployed(true)}
}

// listProxyEnvVars serves the OpenAPI file's per-proxy list: the fake
// answers the project's variables, which every proxy of it can read.
func (c *call) listProxyEnvVars() reply {
	if _, rep := c.apiProxy(proxyNotFoundName, http.StatusNotFound); rep != nil {
		return *rep
	}
	return c.listEnvVars()
}

// AddEnvironmentVariable adds (or replaces) a project's variable, values
// secrets included, as Create would store it. It panics if the project
// was not added, or if a value names an environment it does not have.
func (s *Server) AddEnvironmentVariable(project string, v apinizer.EnvironmentVariable) {
	raw, _ := json.Marshal(v)
	var b envVarJSON
	_ = json.Unmarshal(raw, &b)
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddEnvironmentVariable", project)
	if err := checkEnvVarSeed(&b, p.environments); err != nil {
		panic("apinizertest: AddEnvironmentVariable: " + err.path + ": " + err.msg)
	}
	p.addEnvVar(b)
}

// checkEnvVarSeed checks a seeded variable against the project's
// environments.
func checkEnvVarSeed(b *envVarJSON, envs []string) *seedError {
	if b.Name == "" {
		return bad("name", "is empty")
	}
	for i, e := range b.EnvironmentValueList {
		if !slices.Contains(envs, e.EnvironmentName) {
			return bad("environmentValueList["+strconv.Itoa(i)+"].environmentName", "environment %q is not among the project's environments", e.EnvironmentName)
		}
	}
	return nil
}

// addEnvVar stores a checked variable. The caller holds s.mu.
func (p *project) addEnvVar(b envVarJSON) {
	v := &envVar{name: b.Name}
	v.apply(b)
	p.envVars[envKey(b.Name)] = v
}

// EnvironmentVariableValue reads back a variable's value in env (its
// global value for a global variable), secrets included, and whether it
// has one: what no route of the fake ever answers for a secret.
func (s *Server) EnvironmentVariableValue(project, name, env string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.envVars[envKey(name)] == nil {
		return "", false
	}
	v := p.envVars[envKey(name)]
	if v.global {
		if v.globalValue == nil {
			return "", false
		}
		return *v.globalValue, true
	}
	for _, e := range v.values {
		if e.env == env && e.value != nil {
			return *e.value, true
		}
	}
	return "", false
}
