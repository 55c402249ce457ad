package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// DeployOptions are the optional body of a deploy or undeploy (2026): what
// the deploy history records. A nil *DeployOptions sends no body, as 2025
// Managers expect.
type DeployOptions struct {
	Description string `json:"description,omitempty"` // default "Deployed by APIOPS Api" / "Undeployed by APIOPS Api"
	Persistent  bool   `json:"persistent"`            // the record survives the history's retention limit
}

// body is the options as a request body: nil for nil options.
func (o *DeployOptions) body() any {
	if o == nil {
		return nil
	}
	return o
}

// DeployAPIProxy deploys an API proxy to one environment, or redeploys it
// there. Each deploy adds a deploy-history record (2026). A successful
// deploy does not promise that every worker has loaded the route yet:
// GetAPIProxyRouteHealth is the check. opts may be nil.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/,
// with a JSON body only when opts is not nil. An unknown proxy gives
// ErrAPIProxyNotFound; a failed deployment the response and a
// *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/deploy-api-proxy
func (c *Client) DeployAPIProxy(ctx context.Context, projectName, apiProxyName, environmentName string, opts *DeployOptions) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeployAPIProxy, args: []string{projectName, apiProxyName, environmentName}, body: opts.body()})
}

// UndeployAPIProxy removes an API proxy from one environment; it clears
// RedeployRequired there. Each undeploy adds a deploy-history record
// (2026). Whether undeploying a proxy that is not deployed is an error is
// not documented (apinizertest answers it as a success).
//
// It sends DELETE /apiops/projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/,
// with a JSON body only when opts is not nil. Errors as DeployAPIProxy.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/undeploy-api-proxy
func (c *Client) UndeployAPIProxy(ctx context.Context, projectName, apiProxyName, environmentName string, opts *DeployOptions) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.UndeployAPIProxy, args: []string{projectName, apiProxyName, environmentName}, body: opts.body()})
}

// DeployStatus is an API proxy's state in one environment, as the Manager
// records it. Revision and LastDeployTime are those of the latest
// successful deploy, nil when it was never deployed there.
type DeployStatus struct {
	Deployed         bool       `json:"deployed"`
	RedeployRequired bool       `json:"redeployRequired"` // changed since that deploy
	Revision         *int       `json:"revision"`
	LastDeployTime   *time.Time `json:"lastDeployTime"`
}

// GetAPIProxyDeployStatus returns an API proxy's deployment state in one
// environment (2026).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/deploy-status/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/get-deploy-status
func (c *Client) GetAPIProxyDeployStatus(ctx context.Context, projectName, apiProxyName, environmentName string) (*DeployStatus, error) {
	return get[DeployStatus](ctx, c, request{op: ops.GetAPIProxyDeployStatus, args: []string{projectName, apiProxyName, environmentName}})
}

// RouteHealth is what an environment's worker pods say of an API proxy's
// route: each pod's in-memory routing table is probed (never the
// backend).
type RouteHealth struct {
	RouteActive       bool             `json:"routeActive"` // every pod that answered has the route
	ServedPath        string           `json:"servedPath"`  // "" when no pod has it
	Methods           []string         `json:"methods"`
	RootContext       string           `json:"apinizerRootContext"`
	PodsResponded     int              `json:"podsResponded"`
	PodsActive        int              `json:"podsActive"`
	DeployedInManager bool             `json:"deployedInManager"` // not in OpenAPI's schema
	Inconsistent      bool             `json:"inconsistent"`      // DeployedInManager differs from RouteActive; not in OpenAPI's schema
	Pods              []PodRouteHealth `json:"pods"`
}

// PodRouteHealth is one worker pod's answer.
type PodRouteHealth struct {
	RouteActive bool     `json:"routeActive"`
	ServedPath  string   `json:"servedPath"`
	Methods     []string `json:"methods"`
	WorkerPodIP string   `json:"workerPodIp"` // e.g. "http://10.0.1.11:8091"
	RootContext string   `json:"apinizerRootContext"`
	Error       string   `json:"error"` // set when the pod could not be probed
}

// Orphaned reports whether workers still serve a route the Manager no
// longer has deployed.
func (h RouteHealth) Orphaned() bool { return h.RouteActive && !h.DeployedInManager }

// GetAPIProxyRouteHealth asks an environment's worker pods whether they
// serve an API proxy's route (2026): the documented check that a deploy
// (or an undeploy) reached the gateway.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/route-health/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/get-route-health
func (c *Client) GetAPIProxyRouteHealth(ctx context.Context, projectName, apiProxyName, environmentName string) (*RouteHealth, error) {
	return get[RouteHealth](ctx, c, request{op: ops.GetAPIProxyRouteHealth, args: []string{projectName, apiProxyName, environmentName}})
}

// DeployRecord is one deploy or undeploy in a deploy history (2026).
// Revisions count up per proxy (or group) with every deploy and undeploy.
type DeployRecord struct {
	Revision          int
	Username          string
	Time              *time.Time // "deploymentTime" (proxies) or "date" (groups)
	Description       string
	Environment       string
	Deploy            bool // false: an undeploy
	Persistent        bool // survives the history's retention limit
	BackendAPIVersion string
	// Snapshot is the proxy as it was deployed, where the answer carries
	// it: the page promises one, its example shows none, and its shape is
	// not documented. Kept as raw JSON.
	Snapshot json.RawMessage
}

// UnmarshalJSON reads a record: the revision as a number (the pages) or a
// string (the OpenAPI file), the time as either generation names it.
func (r *DeployRecord) UnmarshalJSON(b []byte) error {
	var w struct {
		Revision          json.RawMessage `json:"revision"`
		Username          string          `json:"username"`
		DeploymentTime    *time.Time      `json:"deploymentTime"`
		Date              *time.Time      `json:"date"`
		Description       string          `json:"description"`
		Environment       string          `json:"environment"`
		Deploy            bool            `json:"deploy"`
		Persistent        bool            `json:"persistent"`
		BackendAPIVersion string          `json:"backendApiVersion"`
		Snapshot          json.RawMessage `json:"snapshot"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	rev, err := revisionOf(w.Revision)
	if err != nil {
		return err
	}
	*r = DeployRecord{Revision: rev, Username: w.Username, Time: w.DeploymentTime, Description: w.Description,
		Environment: w.Environment, Deploy: w.Deploy, Persistent: w.Persistent, BackendAPIVersion: w.BackendAPIVersion,
		Snapshot: w.Snapshot}
	if r.Time == nil {
		r.Time = w.Date
	}
	return nil
}

// revisionOf reads a revision written as a number or a string.
func revisionOf(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	var n int
	if err := json.Unmarshal(raw, &n); err == nil {
		return n, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("revision: want a number, got %s", raw)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("revision: want a number, got %q", s)
	}
	return n, nil
}

// revisionArg checks a revision and writes it as its path segment.
func revisionArg(revision int) (string, error) {
	if revision < 0 {
		return "", invalidArgument("revision", "must not be negative")
	}
	return strconv.Itoa(revision), nil
}

// ListAPIProxyDeployHistory returns an API proxy's deploy history (2026),
// in the order the Manager gives (newest first on the page).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/.
// An unknown proxy gives ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/list-deploy-history
func (c *Client) ListAPIProxyDeployHistory(ctx context.Context, projectName, apiProxyName string) ([]DeployRecord, error) {
	return list[DeployRecord](ctx, c, request{op: ops.ListAPIProxyDeployHistory, args: []string{projectName, apiProxyName}})
}

// GetAPIProxyDeployHistory returns one revision of an API proxy's deploy
// history (2026), with its snapshot where the Manager sends it.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/.
// An unknown revision gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/get-deploy-history-detail
func (c *Client) GetAPIProxyDeployHistory(ctx context.Context, projectName, apiProxyName string, revision int) (*DeployRecord, error) {
	rev, err := revisionArg(revision)
	if err != nil {
		return nil, err
	}
	return get[DeployRecord](ctx, c, request{op: ops.GetAPIProxyDeployHistory, args: []string{projectName, apiProxyName, rev}})
}

// DeleteAPIProxyDeployHistory deletes one revision of an API proxy's
// deploy history, persistent ones too (2026); it can no longer be rolled
// back to. What a Manager answers for a revision it does not have is not
// documented (apinizertest: the Get Detail text, ErrNotFound).
//
// It sends DELETE /apiops/projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/delete-deploy-history
func (c *Client) DeleteAPIProxyDeployHistory(ctx context.Context, projectName, apiProxyName string, revision int) error {
	rev, err := revisionArg(revision)
	if err != nil {
		return err
	}
	_, err = c.send(ctx, request{op: ops.DeleteAPIProxyDeployHistory, args: []string{projectName, apiProxyName, rev}}, nil)
	return err
}

// RollbackOptions are Rollback's query parameters.
type RollbackOptions struct {
	// EnvironmentName, when set, deploys the restored proxy there right
	// after; "" restores it only.
	EnvironmentName string `url:"environmentName,omitempty"`
}

// RollbackResult is what a rollback answered.
type RollbackResult struct {
	Message string // e.g. "API Proxy rolled back successfully to deploy history revision (12)."
}

// rollbackDeployFailed is the documented text of a rollback that stands
// but whose deployment failed.
var rollbackDeployFailed = regexp.MustCompile(`(?i)\bbut deployment failed\b:?\s*(.*)`)

// RollbackAPIProxy restores an API proxy's routing, policies and settings
// from a deploy-history revision (2026); the environments it may deploy
// to stay as they are. With opts.EnvironmentName it deploys there right
// after.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/rollback/[?environmentName=].
// An answer that says the rollback stands but the deployment failed
// ("... rolled back successfully but deployment failed: ...", still a
// 200) returns the result and a *DeploymentError (ErrDeploymentFailed)
// naming the environment: the rollback was made. An unknown revision or
// environment gives the documented 400 "Rollback failed for deploy
// history revision (N)!" (ErrBadRequest). Whether a rollback adds a
// history record is not documented (apinizertest adds none).
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/deployment/rollback-deploy-history
func (c *Client) RollbackAPIProxy(ctx context.Context, projectName, apiProxyName string, revision int, opts *RollbackOptions) (*RollbackResult, error) {
	rev, err := revisionArg(revision)
	if err != nil {
		return nil, err
	}
	deploys := opts != nil && opts.EnvironmentName != ""
	resp, err := c.deploy(ctx, request{op: ops.RollbackAPIProxy, args: []string{projectName, apiProxyName, rev}, query: opts, saveOnly: !deploys})
	if resp == nil {
		return nil, err
	}
	result := &RollbackResult{Message: resp.Message}
	if m := rollbackDeployFailed.FindStringSubmatch(resp.Message); err == nil && m != nil {
		env := ""
		if deploys {
			env = opts.EnvironmentName
		}
		resp.DeploymentResult = DeploymentResult{Message: resp.Message,
			EnvironmentResults: []EnvironmentResult{{EnvironmentName: env, Message: m[1]}}}
		err = &DeploymentError{Response: resp}
	}
	return result, err
}
