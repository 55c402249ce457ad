package apinizertest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/apinizer-go/apinizer"
)

// RouteState is what an environment's workers serve of an API proxy, for
// Get Worker Route Health. The default follows the Manager's record.
type RouteState int

const (
	// RouteFollowsManager: the workers serve the route exactly when the
	// proxy is deployed there.
	RouteFollowsManager RouteState = iota
	// RouteMissing: deployed in the Manager but not on the workers
	// ("inconsistent": true, routeActive false).
	RouteMissing
	// RouteOrphaned: the workers still serve a route the Manager has not
	// deployed ("inconsistent": true, routeActive true).
	RouteOrphaned
	// RouteUnreachable: no worker pod answers (podsResponded 0).
	RouteUnreachable
)

// SetRouteState sets what the workers of env serve of an API proxy. It
// panics if the project or proxy was not added.
func (s *Server) SetRouteState(project, apiProxy, env string, state RouteState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustAPIProxy("SetRouteState", project, apiProxy).routes[env] = state
}

// SetWorkerPods sets how many worker pods an environment of a project has
// (2 unless set), which route health probes one by one. It panics if the
// project was not added.
func (s *Server) SetWorkerPods(project, env string, pods int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustProject("SetWorkerPods", project).pods[env] = pods
}

// deployProxy (un)deploys a proxy to envs and records each in its
// history: a failing environment (FailEnvironment) reports its message
// and keeps its state; a deploy that succeeds clears RedeployRequired.
func (c *call) deployProxy(p *apiProxy, envs []string, deploy bool, description string, persistent bool) *apinizer.DeploymentResult {
	verb, record := "Deployment", "Deployed by APIOPS Api"
	if !deploy {
		verb, record = "Undeployment", "Undeployed by APIOPS Api"
	}
	r := &apinizer.DeploymentResult{Success: true, Message: verb + " completed successfully", ResponseTime: time.Millisecond}
	snapshot, _ := json.Marshal(p.doc)
	for i, env := range envs {
		e := apinizer.EnvironmentResult{EnvironmentName: env, Success: true, Message: verb + " successful",
			PodName: "worker-" + env + "-0", PodIP: "10.0.0." + strconv.Itoa(i+1), ResponseTime: time.Millisecond}
		rev := c.s.addRecord(p, apinizer.DeployRecord{Environment: env, Deploy: deploy, Persistent: persistent,
			Description: cmp.Or(description, record)}, snapshot)
		if msg, failing := c.p.failing[env]; failing {
			e.Success, e.Message, r.Success, r.Message = false, msg, false, verb+" failed in some environments"
		} else if deploy {
			now := c.s.now()
			p.deployments[env] = &deployed{deployed: true, revision: &rev, lastDeploy: &now}
		} else if d := p.deployments[env]; d != nil {
			d.deployed, d.redeployRequired = false, false
		}
		r.EnvironmentResults = append(r.EnvironmentResults, e)
	}
	return r
}

// addRecord adds a deploy-history record with the next revision: one past
// the highest so far.
func (s *Server) addRecord(p *apiProxy, rec apinizer.DeployRecord, snapshot []byte) int {
	rec.Revision = 1
	for _, h := range p.history {
		rec.Revision = max(rec.Revision, h.Revision+1)
	}
	now := s.now()
	rec.Time, rec.Username, rec.BackendAPIVersion = &now, cmp.Or(rec.Username, "admin"), cmp.Or(rec.BackendAPIVersion, p.doc.BackendAPIVersion)
	p.history = append(p.history, &deployRecord{DeployRecord: rec, snapshot: snapshot})
	return rec.Revision
}

// now is the time the fake records, in UTC to the second.
func (s *Server) now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// deployBody is the optional body of Deploy and Undeploy (2026).
type deployBody struct {
	Description string `json:"description"`
	Persistent  bool   `json:"persistent"`
}

// deployCall serves Deploy (deploy true) and Undeploy. Undeploying a proxy
// that is not deployed there is a success (the pages list it as a cause
// of errors, without a text).
func deployCall(deploy bool) func(*call) reply {
	return func(c *call) reply {
		name, env := c.r.PathValue("apiProxyName"), c.r.PathValue("environmentName")
		p := c.p.apiProxies[name]
		if p == nil {
			return fail(http.StatusBadRequest, proxyNotDeployable, name, env)
		}
		var body deployBody
		if len(c.body) > 0 {
			if rep := c.decodeBody(&body); rep != nil {
				return *rep
			}
		}
		if rep := c.checkTargets(true, []string{env}); rep != nil {
			return *rep
		}
		return reply{deployment: c.deployProxy(p, []string{env}, deploy, body.Description, body.Persistent)}
	}
}

// environment checks the environment named in the path.
func (c *call) environment() (string, *reply) {
	env := c.r.PathValue("environmentName")
	if !slices.Contains(c.p.environments, env) {
		rep := fail(http.StatusBadRequest, "Environment (%s) is not found!", env)
		return "", &rep
	}
	return env, nil
}

type deployStatusJSON struct {
	Deployed         bool       `json:"deployed"`
	LastDeployTime   *time.Time `json:"lastDeployTime"`
	Revision         *int       `json:"revision"`
	RedeployRequired bool       `json:"redeployRequired"`
}

func (c *call) deployStatus() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	if rep == nil {
		_, rep = c.environment()
	}
	if rep != nil {
		return *rep
	}
	st := deployStatusJSON{}
	if d := p.deployments[c.r.PathValue("environmentName")]; d != nil {
		st = deployStatusJSON{Deployed: d.deployed, LastDeployTime: d.lastDeploy, Revision: d.revision, RedeployRequired: d.redeployRequired}
	}
	return reply{list: []deployStatusJSON{st}, count: 1}
}

type podJSON struct {
	RouteActive bool     `json:"routeActive"`
	ServedPath  *string  `json:"servedPath"`
	Methods     []string `json:"methods"`
	WorkerPodIP string   `json:"workerPodIp"`
	RootContext string   `json:"apinizerRootContext"`
}

type routeHealthJSON struct {
	podJSON
	PodsResponded     int       `json:"podsResponded"`
	PodsActive        int       `json:"podsActive"`
	DeployedInManager bool      `json:"deployedInManager"`
	Inconsistent      bool      `json:"inconsistent"`
	Pods              []podJSON `json:"pods"`
}

func (c *call) routeHealth() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	var env string
	if rep == nil {
		env, rep = c.environment()
	}
	if rep != nil {
		return *rep
	}
	inManager := p.deployments[env] != nil && p.deployments[env].deployed
	state, served := p.routes[env], inManager
	switch state {
	case RouteMissing:
		served = false
	case RouteOrphaned:
		served = true
	}
	pods := 2
	if n, ok := c.p.pods[env]; ok {
		pods = n
	}
	if state == RouteUnreachable {
		pods = 0
	}
	var methods []string
	for _, e := range p.doc.Endpoints {
		if !slices.Contains(methods, string(e.HTTPMethod)) {
			methods = append(methods, string(e.HTTPMethod))
		}
	}
	h := routeHealthJSON{podJSON: podJSON{RouteActive: served && pods > 0, RootContext: "/apigateway", Methods: nonNil(methods)},
		PodsResponded: pods, DeployedInManager: inManager, Pods: []podJSON{}}
	path := p.doc.ClientRoute.RelativePaths[0]
	for i := range pods {
		pod := podJSON{RouteActive: served, Methods: h.Methods, WorkerPodIP: fmt.Sprintf("http://10.0.1.%d:8091", 11+i), RootContext: "/apigateway"}
		if served {
			pod.ServedPath, h.PodsActive = &path, h.PodsActive+1
		}
		h.Pods = append(h.Pods, pod)
	}
	if h.RouteActive {
		h.ServedPath = &path
	}
	h.Inconsistent = pods > 0 && h.RouteActive != inManager
	return reply{list: []routeHealthJSON{h}, count: 1}
}

// recordJSON is a deploy-history record on the wire; the fake sends the
// snapshot on Get Detail as "snapshot" (the page promises one and shows
// none).
type recordJSON struct {
	Revision          int             `json:"revision"`
	Username          string          `json:"username"`
	DeploymentTime    *time.Time      `json:"deploymentTime"`
	Description       string          `json:"description"`
	Environment       string          `json:"environment"`
	Deploy            bool            `json:"deploy"`
	Persistent        bool            `json:"persistent"`
	BackendAPIVersion string          `json:"backendApiVersion"`
	Snapshot          json.RawMessage `json:"snapshot,omitempty"`
}

func wireRecord(r *deployRecord, withSnapshot bool) recordJSON {
	w := recordJSON{r.Revision, r.Username, r.Time, r.Description, r.Environment, r.Deploy, r.Persistent, r.BackendAPIVersion, nil}
	if withSnapshot {
		w.Snapshot = r.snapshot
	}
	return w
}

func (c *call) listHistory() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	if rep != nil {
		return *rep
	}
	list := make([]recordJSON, 0, len(p.history))
	for i := len(p.history) - 1; i >= 0; i-- { // newest first, as on the page
		list = append(list, wireRecord(p.history[i], false))
	}
	return listOf(c, list)
}

// record finds the revision the path names, or answers the Get Detail
// text.
func (c *call) record(p *apiProxy) (int, *reply) {
	rev, err := strconv.Atoi(c.r.PathValue("revision"))
	for i, r := range p.history {
		if err == nil && r.Revision == rev {
			return i, nil
		}
	}
	rep := fail(http.StatusBadRequest, "Deploy history with revision (%s) is not found for ApiProxy (%s)!", c.r.PathValue("revision"), p.doc.Name)
	return -1, &rep
}

func (c *call) getHistory() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	i := -1
	if rep == nil {
		i, rep = c.record(p)
	}
	if rep != nil {
		return *rep
	}
	return reply{list: []recordJSON{wireRecord(p.history[i], true)}, count: 1}
}

func (c *call) deleteHistory() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	i := -1
	if rep == nil {
		i, rep = c.record(p)
	}
	if rep != nil {
		return *rep
	}
	p.history = slices.Delete(p.history, i, i+1)
	return reply{message: "Deploy history record deleted successfully."}
}

// rollback restores the snapshot of a revision (routing, endpoints,
// settings; the name and deployments stay), then deploys to the query's
// environmentName, if any. It adds no history record of its own.
func (c *call) rollback() reply {
	p, rep := c.apiProxy(proxyNotFoundWithName, 0)
	failed := fail(http.StatusBadRequest, "Rollback failed for deploy history revision (%s)!", c.r.PathValue("revision"))
	if rep != nil {
		return *rep
	}
	i, rep := c.record(p)
	env := c.r.URL.Query().Get("environmentName")
	var doc proxyDoc
	if rep != nil || (env != "" && !slices.Contains(c.p.environments, env)) || json.Unmarshal(p.history[i].snapshot, &doc) != nil {
		return failed
	}
	doc.Name = p.doc.Name
	p.doc = doc
	p.redeployRequired()
	msg := fmt.Sprintf("API Proxy rolled back successfully to deploy history revision (%d).", p.history[i].Revision)
	if env == "" {
		return reply{message: msg}
	}
	if !c.mayDeploy {
		return reply{message: "API Proxy rolled back successfully but deployment failed: " + deployPermission}
	}
	if result := c.deployProxy(p, []string{env}, true, "", false); !result.Success {
		return reply{message: "API Proxy rolled back successfully but deployment failed: " + result.EnvironmentResults[0].Message}
	}
	return reply{message: msg + " Deployed to environment: " + env}
}
