package apinizertest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/apinizer-go/apinizer"
)

// A group's deployment: every member deployed with it, a record in the
// group's own history; and the two promotion routes of the OpenAPI file.

// deployGroup (un)deploys a group and each of its members to env, and
// records it in the group's history (the members' histories record their
// own deploys). A failing environment (FailEnvironment) reports its
// message and keeps the group's state.
func (c *call) deployGroup(g *group, env string, deploy bool, description string, persistent bool) *apinizer.DeploymentResult {
	verb, record := "Deployment", "Deployed by APIOPS Api"
	if !deploy {
		verb, record = "Undeployment", "Undeployed by APIOPS Api"
	}
	for _, name := range g.members {
		if p := c.p.apiProxies[name]; p != nil {
			c.deployProxy(p, []string{env}, deploy, description, persistent)
		}
	}
	rev := g.addRecord(c.s, apinizer.DeployRecord{Environment: env, Deploy: deploy, Persistent: persistent, Description: cmp.Or(description, record)})
	r := &apinizer.DeploymentResult{Success: true, Message: verb + " completed successfully", ResponseTime: time.Millisecond}
	e := apinizer.EnvironmentResult{EnvironmentName: env, Success: true, Message: verb + " successful",
		PodName: "worker-" + env + "-0", PodIP: "10.0.0.1", ResponseTime: time.Millisecond}
	switch msg, failing := c.p.failing[env]; {
	case failing:
		e.Success, e.Message, r.Success, r.Message = false, msg, false, verb+" failed in some environments"
	case deploy:
		now := c.s.now()
		g.deployments[env] = &deployed{deployed: true, revision: &rev, lastDeploy: &now}
	default:
		if d := g.deployments[env]; d != nil {
			d.deployed, d.redeployRequired = false, false
		}
	}
	r.EnvironmentResults = []apinizer.EnvironmentResult{e}
	return r
}

// addRecord adds a record to the group's history with the next revision.
func (g *group) addRecord(s *Server, rec apinizer.DeployRecord) int {
	rec.Revision = 1
	for _, h := range g.history {
		rec.Revision = max(rec.Revision, h.Revision+1)
	}
	now := s.now()
	rec.Time, rec.Username = &now, cmp.Or(rec.Username, "admin")
	g.history = append(g.history, &deployRecord{DeployRecord: rec})
	return rec.Revision
}

// groupDeployCall serves Deploy (deploy true) and Undeploy Group, whose
// 2026 body is optional.
func groupDeployCall(deploy bool) func(*call) reply {
	return func(c *call) reply {
		g, rep := c.group()
		if rep != nil {
			return *rep
		}
		var body deployBody
		if len(c.body) > 0 {
			if rep := c.decodeBody(&body); rep != nil {
				return *rep
			}
		}
		env := c.r.PathValue("environmentName")
		if rep := c.checkTargets(true, []string{env}); rep != nil {
			return *rep
		}
		return reply{deployment: c.deployGroup(g, env, deploy, body.Description, body.Persistent)}
	}
}

// groupRecordJSON is a group history record on the wire: "date", not the
// proxies' "deploymentTime".
type groupRecordJSON struct {
	Revision    int        `json:"revision"`
	Username    string     `json:"username"`
	Date        *time.Time `json:"date"`
	Description string     `json:"description"`
	Environment string     `json:"environment"`
	Deploy      bool       `json:"deploy"`
	Persistent  bool       `json:"persistent"`
}

func groupRecord(r *deployRecord) groupRecordJSON {
	return groupRecordJSON{r.Revision, r.Username, r.Time, r.Description, r.Environment, r.Deploy, r.Persistent}
}

func (c *call) listGroupHistory() reply {
	g, rep := c.group()
	if rep != nil {
		return *rep
	}
	list := make([]groupRecordJSON, 0, len(g.history))
	for i := len(g.history) - 1; i >= 0; i-- { // newest first
		list = append(list, groupRecord(g.history[i]))
	}
	return listOf(c, list)
}

// groupRecordAt finds the group and the revision the path names.
func (c *call) groupRecordAt() (*group, int, *reply) {
	g, rep := c.group()
	if rep != nil {
		return nil, -1, rep
	}
	rev, err := strconv.Atoi(c.r.PathValue("revision"))
	for i, r := range g.history {
		if err == nil && r.Revision == rev {
			return g, i, nil
		}
	}
	failed := fail(http.StatusBadRequest, "Deploy history with revision (%s) is not found for ApiProxyGroup (%s)!", c.r.PathValue("revision"), g.name)
	return nil, -1, &failed
}

func (c *call) getGroupHistory() reply {
	g, i, rep := c.groupRecordAt()
	if rep != nil {
		return *rep
	}
	return reply{list: []groupRecordJSON{groupRecord(g.history[i])}, count: 1}
}

// deleteGroupHistory deletes a revision, persistent ones too; an unknown
// one is the Get text (the page does not say).
func (c *call) deleteGroupHistory() reply {
	g, i, rep := c.groupRecordAt()
	if rep != nil {
		return *rep
	}
	g.history = slices.Delete(g.history, i, i+1)
	return reply{message: "Proxy Group deploy history record deleted successfully."}
}

// listGroupForPromotion lists the group's members in the promotion form.
func (c *call) listGroupForPromotion() reply {
	g, rep := c.group()
	if rep != nil {
		return *rep
	}
	list := make([]promotionJSON, 0, len(g.members))
	for _, name := range g.members {
		if p := c.p.apiProxies[name]; p != nil {
			list = append(list, c.promotion(p))
		}
	}
	return listOf(c, list)
}

// saveGroupForPromotion creates the group, or replaces the description
// and route of the one of that name (its members and deployments kept),
// and answers the saved group as a bare object (the OpenAPI file's
// ApiProxyGroupInfoDTO).
func (c *call) saveGroupForPromotion() reply {
	var b groupBody
	if rep := c.decodeBody(&b); rep != nil {
		return *rep
	}
	if rep := b.check(); rep != nil {
		return *rep
	}
	g := c.p.groups[b.Name]
	if g == nil {
		g = newGroup(b.Name)
		c.p.groups[b.Name] = g
	}
	g.description, g.clientRoute = b.Description, *b.ClientRoute
	g.redeployRequired()
	route := g.clientRoute
	return reply{object: groupJSON{Name: g.name, Description: g.description, ClientRoute: &route}}
}
