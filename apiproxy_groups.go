package apinizer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// APIProxyGroup is an API proxy group as the lists read it: the List page
// gives id, name and description; the OpenAPI file also the client
// route. The group's members are write-only on the Manager: no call
// lists them (apinizertest's Server.GroupMembers reads them back in
// tests).
type APIProxyGroup struct {
	ID          string       `json:"id,omitempty"`
	Name        string       `json:"name"`
	Description string       `json:"description,omitempty"`
	ClientRoute *ClientRoute `json:"clientRoute,omitempty"`
}

// APIProxyGroupRequest is the body of Create and Update Group; Update
// replaces the whole group, selected by Name (which cannot change).
type APIProxyGroupRequest struct {
	Name        string      `json:"name"` // unique in the project
	Description string      `json:"description,omitempty"`
	ClientRoute ClientRoute `json:"clientRoute"` // at least one relative path, each at least 2 characters
	// DeployTo, when set, deploys the group to this one environment after
	// the save ("environmentName", 2026 pages; not in the OpenAPI file).
	DeployTo string `json:"environmentName,omitempty"`
}

// check refuses what the pages answer with a 400, before anything is sent.
func (r *APIProxyGroupRequest) check() error {
	if r == nil {
		return invalidArgument("req", "is nil")
	}
	if err := checkSegment("APIProxyGroupRequest.Name", r.Name); err != nil {
		return err // a path segment in every later call
	}
	paths := r.ClientRoute.RelativePaths
	if len(paths) == 0 {
		return invalidArgument("APIProxyGroupRequest.ClientRoute.RelativePaths", "is empty (at least one path is required)")
	}
	for i, p := range paths {
		if len(p) < 2 {
			return invalidArgument(fmt.Sprintf("APIProxyGroupRequest.ClientRoute.RelativePaths[%d]", i), fmt.Sprintf("%q is shorter than 2 characters", p))
		}
	}
	return nil
}

// GroupEnvironment is one environment a group has a deploy record in.
// The 2025 pages send environmentName and deployed; the 2026 pages name,
// type, accessUrl, deployed and redeployRequired.
type GroupEnvironment struct {
	EnvironmentName  string
	Deployed         bool
	RedeployRequired bool   // 2026
	Type             string // 2026: PRODUCTION, SANDBOX (OpenAPI also TEST)
	AccessURL        string // 2026
}

// UnmarshalJSON reads either generation's item.
func (e *GroupEnvironment) UnmarshalJSON(b []byte) error {
	var w struct {
		EnvironmentName  string `json:"environmentName"`
		Name             string `json:"name"`
		Deployed         bool   `json:"deployed"`
		RedeployRequired bool   `json:"redeployRequired"`
		Type             string `json:"type"`
		AccessURL        string `json:"accessUrl"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	name := w.EnvironmentName
	if name == "" {
		name = w.Name
	}
	*e = GroupEnvironment{EnvironmentName: name, Deployed: w.Deployed, RedeployRequired: w.RedeployRequired, Type: w.Type, AccessURL: w.AccessURL}
	return nil
}

// ListAPIProxyGroups returns the project's API proxy groups, without their
// members (no call reads those).
//
// It sends GET /apiops/projects/{projectName}/apiProxyGroups/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/crud/list-api-proxy-groups
func (c *Client) ListAPIProxyGroups(ctx context.Context, projectName string) ([]APIProxyGroup, error) {
	return list[APIProxyGroup](ctx, c, request{op: ops.ListAPIProxyGroups, args: []string{projectName}})
}

// CreateAPIProxyGroup creates an API proxy group; with req.DeployTo it
// also deploys it there (2026) and a failed deployment is the response
// and a *DeploymentError (the group was saved).
//
// It sends POST /apiops/projects/{projectName}/apiProxyGroups/ with the
// group. A taken name gives ErrAlreadyExists ("... is already created!").
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/crud/create-api-proxy-group
func (c *Client) CreateAPIProxyGroup(ctx context.Context, projectName string, req *APIProxyGroupRequest) (*DeploymentResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.CreateAPIProxyGroup, args: []string{projectName}, body: req, saveOnly: req.DeployTo == ""})
}

// UpdateAPIProxyGroup replaces an API proxy group, selected by req.Name:
// every field is sent, and its deployments and members are kept.
//
// It sends PUT /apiops/projects/{projectName}/apiProxyGroups/ (no name in
// the path). An unknown group gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/crud/update-api-proxy-group
func (c *Client) UpdateAPIProxyGroup(ctx context.Context, projectName string, req *APIProxyGroupRequest) (*DeploymentResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyGroup, args: []string{projectName}, body: req, saveOnly: req.DeployTo == ""})
}

// DeleteAPIProxyGroup deletes an API proxy group; its proxies are released,
// not deleted. Whether a deployed group is undeployed first is not
// documented.
//
// It sends DELETE /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/.
// An unknown group gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/crud/delete-api-proxy-group
func (c *Client) DeleteAPIProxyGroup(ctx context.Context, projectName, apiProxyGroupName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeleteAPIProxyGroup, args: []string{projectName, apiProxyGroupName}, saveOnly: true})
}

// AddAPIProxyToGroup makes an API proxy a member of a group; adding a
// member again succeeds. Whether the group needs a redeploy afterwards is
// not documented.
//
// It sends POST /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/apiProxies/{apiProxyName}/
// with no body. An unknown group gives ErrNotFound; an unknown proxy
// ErrAPIProxyNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/api-proxies/add-api-proxy-to-group
func (c *Client) AddAPIProxyToGroup(ctx context.Context, projectName, apiProxyGroupName, apiProxyName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.AddAPIProxyToGroup, args: []string{projectName, apiProxyGroupName, apiProxyName}, saveOnly: true})
}

// RemoveAPIProxyFromGroup releases an API proxy from a group; removing a
// proxy that is not a member succeeds.
//
// It sends DELETE /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/apiProxies/{apiProxyName}/.
// Errors as AddAPIProxyToGroup.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/api-proxies/remove-api-proxy-from-group
func (c *Client) RemoveAPIProxyFromGroup(ctx context.Context, projectName, apiProxyGroupName, apiProxyName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.RemoveAPIProxyFromGroup, args: []string{projectName, apiProxyGroupName, apiProxyName}, saveOnly: true})
}

// ListAPIProxyGroupEnvironments returns the environments a group has a
// deploy record in (not every environment of the project).
//
// It sends GET /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/.
// An unknown group gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/list-environments
func (c *Client) ListAPIProxyGroupEnvironments(ctx context.Context, projectName, apiProxyGroupName string) ([]GroupEnvironment, error) {
	return list[GroupEnvironment](ctx, c, request{op: ops.ListAPIProxyGroupEnvironments, args: []string{projectName, apiProxyGroupName}})
}

// DeployAPIProxyGroup deploys every member of a group and the group's own
// settings to one environment; each deploy adds a group deploy-history
// record (2026). opts may be nil.
//
// It sends POST /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/{environmentName}/,
// with a JSON body only when opts is not nil. An unknown group or
// environment gives ErrNotFound; a failed deployment the response and a
// *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/deploy-api-proxy-group
func (c *Client) DeployAPIProxyGroup(ctx context.Context, projectName, apiProxyGroupName, environmentName string, opts *DeployOptions) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeployAPIProxyGroup, args: []string{projectName, apiProxyGroupName, environmentName}, body: opts.body()})
}

// UndeployAPIProxyGroup removes every member of a group and the group's
// settings from one environment. opts may be nil.
//
// It sends DELETE /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/{environmentName}/,
// with a JSON body only when opts is not nil. Errors as
// DeployAPIProxyGroup.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/undeploy-api-proxy-group
func (c *Client) UndeployAPIProxyGroup(ctx context.Context, projectName, apiProxyGroupName, environmentName string, opts *DeployOptions) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.UndeployAPIProxyGroup, args: []string{projectName, apiProxyGroupName, environmentName}, body: opts.body()})
}

// ListAPIProxyGroupDeployHistory returns a group's deploy history (2026).
//
// It sends GET /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/.
// An unknown group gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/list-deploy-history
func (c *Client) ListAPIProxyGroupDeployHistory(ctx context.Context, projectName, apiProxyGroupName string) ([]DeployRecord, error) {
	return list[DeployRecord](ctx, c, request{op: ops.ListAPIProxyGroupDeployHistory, args: []string{projectName, apiProxyGroupName}})
}

// GetAPIProxyGroupDeployHistory returns one revision of a group's deploy
// history (2026).
//
// It sends GET /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/{revision}/.
// An unknown revision gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/get-deploy-history-detail
func (c *Client) GetAPIProxyGroupDeployHistory(ctx context.Context, projectName, apiProxyGroupName string, revision int) (*DeployRecord, error) {
	rev, err := revisionArg(revision)
	if err != nil {
		return nil, err
	}
	return get[DeployRecord](ctx, c, request{op: ops.GetAPIProxyGroupDeployHistory, args: []string{projectName, apiProxyGroupName, rev}})
}

// DeleteAPIProxyGroupDeployHistory deletes one revision of a group's
// deploy history, persistent ones too (2026). What a Manager answers for
// a revision it does not have is not documented (apinizertest: the Get
// text, ErrNotFound).
//
// It sends DELETE /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/{revision}/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxy-groups/deployment/delete-deploy-history
func (c *Client) DeleteAPIProxyGroupDeployHistory(ctx context.Context, projectName, apiProxyGroupName string, revision int) error {
	rev, err := revisionArg(revision)
	if err != nil {
		return err
	}
	_, err = c.send(ctx, request{op: ops.DeleteAPIProxyGroupDeployHistory, args: []string{projectName, apiProxyGroupName, rev}}, nil)
	return err
}

// ListAPIProxyGroupProxiesForPromotion returns a group's API proxies in
// the promotion form (as ListAPIProxiesForPromotion does for a project).
// Documented only in the vendor's OpenAPI file: no page describes it.
//
// It sends GET /apiops/projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/proxies/forpromotion
// (no trailing slash).
//
// API docs: https://github.com/apinizer/docs/blob/main/openapi.yaml (operation getAllAPIProxiesProxiesForpromotionGet)
func (c *Client) ListAPIProxyGroupProxiesForPromotion(ctx context.Context, projectName, apiProxyGroupName string) ([]PromotionProxy, error) {
	return list[PromotionProxy](ctx, c, request{op: ops.ListAPIProxyGroupProxiesForPromotion, args: []string{projectName, apiProxyGroupName}})
}

// SaveAPIProxyGroupForPromotion writes a promoted group (name,
// description, client route) into a project. Documented only in the
// vendor's OpenAPI file: whether it creates, overwrites or both is not
// described (apinizertest creates or replaces by name, keeping members).
//
// It sends PUT /apiops/projects/{projectName}/apiProxyGroups/promotion (no
// trailing slash) and returns the saved group: the OpenAPI file's answer
// is the bare object; a one-item list is read too, an answer without
// either gives nil.
//
// API docs: https://github.com/apinizer/docs/blob/main/openapi.yaml (operation saveProxyGroupForApiproxygroupsPromotionPut)
func (c *Client) SaveAPIProxyGroupForPromotion(ctx context.Context, projectName string, group *APIProxyGroup) (*APIProxyGroup, error) {
	if group == nil {
		return nil, invalidArgument("group", "is nil")
	}
	if err := checkSegment("APIProxyGroup.Name", group.Name); err != nil {
		return nil, err
	}
	return one[APIProxyGroup](ctx, c, request{op: ops.SaveAPIProxyGroupForPromotion, args: []string{projectName}, body: group, bare: true}, false)
}
