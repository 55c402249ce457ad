package apinizertest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/apinizer-go/apinizer"
)

// An API proxy group: its route, its members (which no endpoint lists:
// GroupMembers reads them back), its deployments and deploy history.

type group struct {
	name, description string
	clientRoute       apinizer.ClientRoute
	members           []string             // proxy names, in the order added
	deployments       map[string]*deployed // by environment
	history           []*deployRecord      // oldest first
}

func newGroup(name string) *group {
	return &group{name: name, clientRoute: apinizer.ClientRoute{RelativePaths: []string{"/" + name}}, deployments: map[string]*deployed{}}
}

// The group pages' texts.
const (
	groupMissing      = "API Proxy Group (%s) is not found or user does not have privilege to access it!"
	groupProxyMissing = "ApiProxy (%s) is not found or user does not have privilege to access it!"
)

// AddAPIProxyGroup adds an empty API proxy group (route "/<name>") that
// GrantAccess can name with type API_PROXY_GROUP. It panics if the project
// was not added.
func (s *Server) AddAPIProxyGroup(project, name string) {
	s.AddAPIProxyGroupFrom(project, APIProxyGroupSeed{Name: name})
}

// APIProxyGroupSeed is a group as AddAPIProxyGroupFrom and the seed file's
// "apiProxyGroups" objects describe it.
type APIProxyGroupSeed struct {
	Name          string             `json:"name"`
	Description   string             `json:"description"`
	RelativePath  string             `json:"relativePath"` // default "/<name>"
	Members       []string           `json:"members"`      // API proxies of the project
	DeployedTo    []string           `json:"deployedTo"`   // environments, one history record each
	DeployHistory []SeedDeployRecord `json:"deployHistory"`
}

// UnmarshalJSON reads a name or an object, whose unknown fields are errors.
func (g *APIProxyGroupSeed) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &g.Name); err == nil {
		return nil
	}
	type plain APIProxyGroupSeed
	return strictJSON(b, (*plain)(g))
}

// AddAPIProxyGroupFrom adds a group with its members, deployments and
// history (an existing group of that name is replaced). It panics if the
// project was not added, or names a proxy or environment it does not
// have.
func (s *Server) AddAPIProxyGroupFrom(project string, seed APIProxyGroupSeed) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddAPIProxyGroupFrom", project)
	if err := checkGroupSeed(&seed, p.environments, func(name string) bool { return p.apiProxies[name] != nil }); err != nil {
		panic("apinizertest: AddAPIProxyGroupFrom: " + err.msg)
	}
	s.addSeededGroup(p, seed)
}

// checkGroupSeed checks a seed's group against its project's environments
// and proxies.
func checkGroupSeed(g *APIProxyGroupSeed, envs []string, hasProxy func(string) bool) *seedError {
	if g.Name == "" {
		return bad("name", "is empty")
	}
	for i, m := range g.Members {
		if !hasProxy(m) {
			return bad(fmt.Sprintf("members[%d]", i), "API proxy %q is not among the project's apiProxies", m)
		}
	}
	return checkRecords(g.DeployedTo, g.DeployHistory, envs)
}

// addSeededGroup adds a checked group. The caller holds s.mu.
func (s *Server) addSeededGroup(p *project, seed APIProxyGroupSeed) {
	g := newGroup(seed.Name)
	g.description = seed.Description
	if seed.RelativePath != "" {
		g.clientRoute.RelativePaths = []string{seed.RelativePath}
	}
	for _, m := range seed.Members {
		if !slices.Contains(g.members, m) {
			g.members = append(g.members, m)
		}
	}
	for _, h := range sortedRecords(seed.DeployHistory) {
		now := s.now()
		g.history = append(g.history, &deployRecord{DeployRecord: apinizer.DeployRecord{Revision: h.Revision, Username: "admin",
			Time: &now, Description: h.Description, Environment: h.Environment, Deploy: h.Deploy, Persistent: h.Persistent}})
	}
	for _, env := range seed.DeployedTo {
		rev := g.addRecord(s, apinizer.DeployRecord{Environment: env, Deploy: true, Description: "Deployed by APIOPS Api"})
		now := s.now()
		g.deployments[env] = &deployed{deployed: true, revision: &rev, lastDeploy: &now}
	}
	p.groups[seed.Name] = g
}

// GroupMembers reads back the API proxies of a group, in the order they
// were added, and whether the group exists: the Manager offers no call
// that lists them.
func (s *Server) GroupMembers(project, group string) ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.groups[group] == nil {
		return nil, false
	}
	return slices.Clone(p.groups[group].members), true
}

// groupJSON is a group on the wire: the List page's id, name and
// description; the promotion save's name, description and route.
type groupJSON struct {
	ID          string                `json:"id,omitempty"`
	Name        string                `json:"name"`
	Description string                `json:"description"`
	ClientRoute *apinizer.ClientRoute `json:"clientRoute,omitempty"`
}

func (c *call) listGroups() reply {
	list := make([]groupJSON, 0, len(c.p.groups))
	for _, name := range slices.Sorted(maps.Keys(c.p.groups)) {
		g := c.p.groups[name]
		list = append(list, groupJSON{ID: objectID("group/" + name), Name: name, Description: g.description})
	}
	return listOf(c, list)
}

// groupBody is Create and Update Group's body.
type groupBody struct {
	Name            string                `json:"name"`
	Description     string                `json:"description"`
	ClientRoute     *apinizer.ClientRoute `json:"clientRoute"`
	EnvironmentName string                `json:"environmentName"` // 2026: deploy there after saving
}

// check answers the pages' 400s, in their order.
func (b *groupBody) check() *reply {
	var rep reply
	switch {
	case b.Name == "":
		rep = fail(http.StatusBadRequest, "name value can not be empty!")
	case b.ClientRoute == nil:
		rep = fail(http.StatusBadRequest, "clientRoute value can not be empty!")
	case len(b.ClientRoute.RelativePaths) == 0:
		rep = fail(http.StatusBadRequest, "clientRoute value needs at least one relativePath!")
	case len(b.ClientRoute.RelativePaths[0]) < 2:
		rep = fail(http.StatusBadRequest, "relativePath value in clientRoute object can not be empty!")
	default:
		return nil
	}
	return &rep
}

// saveGroup serves Create (create true) and Update Group: the body is
// checked, an environmentName (2026) checked before anything is written,
// and with one the group deploys there after the save (shape B).
func saveGroup(create bool) func(*call) reply {
	return func(c *call) reply {
		var b groupBody
		if rep := c.decodeBody(&b); rep != nil {
			return *rep
		}
		if rep := b.check(); rep != nil {
			return *rep
		}
		g := c.p.groups[b.Name]
		switch {
		case create && g != nil:
			return fail(http.StatusBadRequest, "ApiProxyGroup: (%s) is already created! If you want to udate it use update endpoint!", b.Name)
		case !create && g == nil:
			return fail(http.StatusBadRequest, groupMissing, b.Name)
		}
		if b.EnvironmentName != "" {
			if rep := c.checkTargets(true, []string{b.EnvironmentName}); rep != nil {
				return *rep
			}
		}
		if g == nil {
			g = newGroup(b.Name)
			c.p.groups[b.Name] = g
		}
		g.description, g.clientRoute = b.Description, *b.ClientRoute
		g.redeployRequired()
		if b.EnvironmentName == "" {
			return reply{}
		}
		sh := shapeB
		return reply{deployment: c.deployGroup(g, b.EnvironmentName, true, "", false), shape: &sh}
	}
}

// group finds the group the path names, or answers the group text.
func (c *call) group() (*group, *reply) {
	name := c.r.PathValue("apiProxyGroupName")
	if g := c.p.groups[name]; g != nil {
		return g, nil
	}
	rep := fail(http.StatusBadRequest, groupMissing, name)
	return nil, &rep
}

// deleteGroup deletes the group; its proxies stay, and stay deployed
// (whether a Manager undeploys a deployed group first is not documented).
func (c *call) deleteGroup() reply {
	g, rep := c.group()
	if rep != nil {
		return *rep
	}
	delete(c.p.groups, g.name)
	return reply{}
}

// membership serves Add (add true) and Remove Proxy, both idempotent. A
// change flags the group's deployed environments redeployRequired.
func membership(add bool) func(*call) reply {
	return func(c *call) reply {
		g, rep := c.group()
		if rep != nil {
			return *rep
		}
		name := c.r.PathValue("apiProxyName")
		if c.p.apiProxies[name] == nil {
			return fail(http.StatusBadRequest, groupProxyMissing, name)
		}
		i := slices.Index(g.members, name)
		switch {
		case add && i < 0:
			g.members = append(g.members, name)
		case !add && i >= 0:
			g.members = slices.Delete(g.members, i, i+1)
		default:
			return reply{}
		}
		g.redeployRequired()
		return reply{}
	}
}

// redeployRequired flags every environment the group is deployed to.
func (g *group) redeployRequired() {
	for _, d := range g.deployments {
		if d.deployed {
			d.redeployRequired = true
		}
	}
}

// groupEnvironments lists the group's deploy records: 2025 items
// {environmentName, deployed}, 2026 items as the environments list's with
// deployed and redeployRequired.
func (c *call) groupEnvironments() reply {
	g, rep := c.group()
	if rep != nil {
		return *rep
	}
	envs := slices.Sorted(maps.Keys(g.deployments))
	list := make([]map[string]any, 0, len(envs))
	for i, e := range c.environments(envs) {
		d := g.deployments[envs[i]]
		item := map[string]any{"environmentName": e.Name, "deployed": d.deployed}
		if c.s.dialect == Dialect2026 {
			item = map[string]any{"name": e.Name, "type": e.Type, "accessUrl": e.AccessURL, "deployed": d.deployed, "redeployRequired": d.redeployRequired}
		}
		list = append(list, item)
	}
	return listOf(c, list)
}
