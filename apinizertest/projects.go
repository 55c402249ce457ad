package apinizertest

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apinizer-go/apinizer"
)

// project is one project's state.
type project struct {
	environments []string
	failing      map[string]string // environment → failure message
	credentials  map[string]*credential
	jwks         map[string]*apinizer.JWK
	apiProxies   map[string]*apiProxy
	groups       map[string]*group
	sources      map[string]bool     // "CERTIFICATE/name", "KEY/name", "KEYSTORE/name"
	objects      map[string][]string // the generic export/import's other objects, by type
	llmProviders []string            // what an AI proxy may name
	pods         map[string]int      // worker pods per environment, when not 2
	connections  []connection        // what traffic-log settings may log to
	envVars      map[string]*envVar  // by lower-case name
}

func newProject(environments []string) *project {
	if len(environments) == 0 {
		environments = []string{"production", "staging"}
	}
	return &project{
		environments: slices.Clone(environments),
		failing:      make(map[string]string),
		credentials:  make(map[string]*credential),
		jwks:         make(map[string]*apinizer.JWK),
		apiProxies:   make(map[string]*apiProxy),
		groups:       make(map[string]*group),
		sources:      make(map[string]bool),
		objects:      make(map[string][]string),
		pods:         make(map[string]int),
		envVars:      make(map[string]*envVar),
	}
}

// AddProject adds a project with the given environments (production and
// staging when none are given). Adding an existing project replaces its
// environments and keeps everything else. Only AddProject creates
// projects; the other helpers panic for a project that was not added.
func (s *Server) AddProject(name string, environments ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[name]; p != nil {
		if len(environments) > 0 {
			p.environments = slices.Clone(environments)
		}
		return
	}
	s.projects[name] = newProject(environments)
}

// deployed is the (un)deployment of a write to every environment of the
// project: failed where FailEnvironment says so, or everywhere without
// PermDeploy.
func (c *call) deployed(undeploy bool) *apinizer.DeploymentResult {
	verb := "Deploy"
	if undeploy {
		verb = "Undeploy"
	}
	r := &apinizer.DeploymentResult{Success: true, Message: verb + "ment completed successfully", ResponseTime: time.Millisecond}
	for i, env := range c.p.environments {
		e := apinizer.EnvironmentResult{EnvironmentName: env, Success: true, Message: verb + "ed successfully",
			PodName: "worker-" + env + "-0", PodIP: "10.0.0." + strconv.Itoa(i+1), ResponseTime: time.Millisecond}
		if !c.mayDeploy {
			e.Success, e.Message = false, "You do not have permission to "+strings.ToLower(verb)
		} else if m, failing := c.p.failing[env]; failing {
			e.Success, e.Message = false, m
		}
		if !e.Success {
			r.Success, r.Message = false, verb+"ment failed in some environments"
		}
		r.EnvironmentResults = append(r.EnvironmentResults, e)
	}
	return r
}

// deploymentJSON writes a result in a shape: per environment (A, C), per
// pod (B, B flat), or per environment with "detail" (B′).
func deploymentJSON(r apinizer.DeploymentResult, sh shape) map[string]any {
	entries := make([]map[string]any, 0, len(r.EnvironmentResults))
	for _, e := range r.EnvironmentResults {
		var entry map[string]any
		switch sh {
		case shapeB, shapeBFlat:
			entry = map[string]any{"envName": e.EnvironmentName, "podName": e.PodName, "podIp": e.PodIP,
				"success": e.Success, "responseTime": e.ResponseTime.Milliseconds()}
			if !e.Success {
				entry["detail"] = e.Message
			}
		case shapeBPrime:
			entry = map[string]any{"envName": e.EnvironmentName, "success": e.Success, "detail": e.Message,
				"responseTime": e.ResponseTime.Milliseconds()}
		default:
			entry = map[string]any{"environmentName": e.EnvironmentName, "success": e.Success, "message": e.Message}
		}
		entries = append(entries, entry)
	}
	switch sh {
	case shapeB, shapeBPrime:
		return map[string]any{"success": r.Success, "responseTime": r.ResponseTime.Milliseconds(), "detailList": entries}
	case shapeBFlat:
		if len(entries) == 1 {
			flat := entries[0]
			flat["detailList"] = []any{}
			if _, failed := flat["detail"]; !failed {
				flat["detail"] = ""
			}
			return flat
		}
		return map[string]any{"success": r.Success, "responseTime": r.ResponseTime.Milliseconds(), "detailList": entries}
	case shapeC:
		return map[string]any{"success": r.Success, "deploymentResults": entries}
	case shapeCPrime:
		for _, e := range entries {
			delete(e, "message")
		}
		return map[string]any{"deploymentResults": entries}
	case shapeD:
		deployed, failed := []string{}, []string{}
		for _, e := range r.EnvironmentResults {
			if e.Success {
				deployed = append(deployed, e.EnvironmentName)
			} else {
				failed = append(failed, e.EnvironmentName)
			}
		}
		return map[string]any{"deployed": r.Success, "deployedEnvironments": deployed, "failedEnvironments": failed}
	}
	return map[string]any{"success": r.Success, "message": r.Message, "environmentResults": entries}
}

func (c *call) listProjects() reply {
	names := slices.Sorted(maps.Keys(c.s.projects))
	list := make([]apinizer.Project, 0, len(names))
	for _, name := range names {
		p := apinizer.Project{Name: name, Description: name + " project"}
		if c.s.dialect == Dialect2026 {
			p.ID, p.RelativePath, p.Tags = objectID("project/"+name), "/"+strings.ToLower(name), []string{}
		}
		list = append(list, p)
	}
	if c.s.dialect == Dialect2025 {
		return listOf(c, projects2025(list))
	}
	return listOf(c, list)
}

// projects2025 drops what 2025 Managers do not send.
func projects2025(list []apinizer.Project) []map[string]string {
	out := make([]map[string]string, len(list))
	for i, p := range list {
		out[i] = map[string]string{"name": p.Name, "description": p.Description}
	}
	return out
}

var (
	envTexts = pageTexts{
		unauthorized: [2]string{"", "Invalid or expired token"},
		projectMissing: [2]string{"Project not found for name: (%s) or user has not privilege to access it!",
			"Project (%s) is not found or user does not have privilege to access it!"},
	}
	allEnvTexts = pageTexts{unauthorized: [2]string{"Invalid token or insufficient permissions", "Admin role required"}}
)

// listEnvironments serves both environments-by-project paths.
func (c *call) listEnvironments() reply {
	return listOf(c, c.environments(c.p.environments))
}

// listAllEnvironments lists every environment of every project, once each.
func (c *call) listAllEnvironments() reply {
	var names []string
	for _, p := range c.s.projects {
		names = append(names, p.environments...)
	}
	slices.Sort(names)
	return listOf(c, c.environments(slices.Compact(names)))
}

func (c *call) environments(names []string) []apinizer.Environment {
	list := make([]apinizer.Environment, 0, len(names))
	for _, name := range names {
		e := apinizer.Environment{Name: name, Description: name + " environment", Type: "SANDBOX",
			Status: "PUBLISHED", AccessURL: "https://" + name + ".gateway.example"}
		switch {
		case strings.Contains(name, "prod"):
			e.Type = "PRODUCTION"
		case strings.Contains(name, "test"), strings.Contains(name, "dev"):
			e.Type = "TEST"
		}
		if c.s.dialect == Dialect2026 {
			e.ID = objectID("environment/" + name)
		}
		list = append(list, e)
	}
	return list
}

// objectID is a stable 24-hex-digit id, like the Manager's.
func objectID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:12])
}
