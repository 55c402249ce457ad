package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The rows of API proxy groups and environment variables. Bodies hold the
// escaping names' group and variable ("pay group/1", "API KEY#1"), as the
// path test sends them.

var (
	testGroupRoute = ClientRoute{RelativePaths: []string{"/payments"}}
	testGroupOpts  = &DeployOptions{Description: "v2.1 release", Persistent: true}
)

func testGroup(n names, deployTo string) *APIProxyGroupRequest {
	return &APIProxyGroupRequest{Name: n.group, Description: "Payments", ClientRoute: testGroupRoute, DeployTo: deployTo}
}

var groupRows = []endpoint{
	{op: ops.ListAPIProxyGroups,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyGroups(ctx, n.project)
		},
		answers: []string{"list_groups", "error_project", "error_server"}},
	{op: ops.CreateAPIProxyGroup, fresh: "group",
		body: `{"name":"pay group/1","description":"Payments","clientRoute":{"relativePathList":["/payments"]},"environmentName":"prod;eu"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateAPIProxyGroup(ctx, n.project, testGroup(n, n.env))
		},
		answers: []string{"group_created_deployed", "success", "error_group_exists", "error_group_route", "error_group_environment"}},
	{op: ops.UpdateAPIProxyGroup, body: `{"name":"pay group/1","description":"Payments","clientRoute":{"relativePathList":["/payments"]}}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyGroup(ctx, n.project, testGroup(n, ""))
		},
		answers: []string{"success", "error_group_missing", "error_group_route"}},
	{op: ops.DeleteAPIProxyGroup,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteAPIProxyGroup(ctx, n.project, n.group)
		},
		answers: []string{"success", "error_group_missing"}},
	{op: ops.AddAPIProxyToGroup,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.AddAPIProxyToGroup(ctx, n.project, n.group, n.proxy)
		},
		answers: []string{"success", "error_group_missing", "error_group_proxy_missing"}},
	{op: ops.RemoveAPIProxyFromGroup,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.RemoveAPIProxyFromGroup(ctx, n.project, n.group, n.proxy)
		},
		answers: []string{"success", "error_group_proxy_missing"}},
	{op: ops.ListAPIProxyGroupEnvironments,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyGroupEnvironments(ctx, n.project, n.group)
		},
		answers: []string{"group_environments", "error_group_missing"}},
	{op: ops.DeployAPIProxyGroup, body: `{"description":"v2.1 release","persistent":true}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeployAPIProxyGroup(ctx, n.project, n.group, n.env, testGroupOpts)
		},
		answers: []string{"group_deploy", "deployment_partial", "error_group_environment", "error_group_missing"}},
	{op: ops.UndeployAPIProxyGroup,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UndeployAPIProxyGroup(ctx, n.project, n.group, n.env, nil)
		},
		answers: []string{"group_undeploy", "error_group_missing"}},
	{op: ops.ListAPIProxyGroupDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyGroupDeployHistory(ctx, n.project, n.group)
		},
		answers: []string{"group_history", "error_group_missing"}},
	{op: ops.GetAPIProxyGroupDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyGroupDeployHistory(ctx, n.project, n.group, 12)
		},
		answers: []string{"group_history_detail", "error_group_history_missing"}},
	{op: ops.DeleteAPIProxyGroupDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			if err := c.DeleteAPIProxyGroupDeployHistory(ctx, n.project, n.group, 12); err != nil {
				return (*done)(nil), err
			}
			return &done{}, nil
		},
		answers: []string{"group_history_deleted", "error_group_history_missing"}},
	{op: ops.ListAPIProxyGroupProxiesForPromotion,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyGroupProxiesForPromotion(ctx, n.project, n.group)
		},
		answers: []string{"promotion_list", "error_group_missing"}},
	{op: ops.SaveAPIProxyGroupForPromotion, body: `{"name":"pay group/1","description":"Payments","clientRoute":{"relativePathList":["/payments"]}}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.SaveAPIProxyGroupForPromotion(ctx, n.project, &APIProxyGroup{Name: n.group, Description: "Payments", ClientRoute: &testGroupRoute})
		},
		answers: []string{"group_promotion_saved", "error_group_route"}},
}

// testVariable is a global variable; testSecretUpdate keeps a secret
// per-environment value (nil) while it changes the description.
func testVariable(n names) *EnvironmentVariable {
	return &EnvironmentVariable{Name: n.variable, Global: true, GlobalValue: Ptr(Secret("https://api.example.com"))}
}

func testSecretUpdate(n names) *EnvironmentVariable {
	return &EnvironmentVariable{Name: n.variable, Description: "kept secret",
		Values: []EnvironmentValue{{EnvironmentName: n.env, Secret: true}}}
}

var envVarRows = []endpoint{
	{op: ops.ListEnvironmentVariables,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListEnvironmentVariables(ctx, n.project)
		},
		answers: []string{"list_envvars", "error_project", "error_server"}},
	{op: ops.GetEnvironmentVariable,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetEnvironmentVariable(ctx, n.project, n.variable)
		},
		answers: []string{"get_envvar", "error_envvar_missing"}},
	{op: ops.CreateEnvironmentVariable, fresh: "variable",
		body: `{"name":"API KEY#1","global":true,"globalValue":"https://api.example.com","globalVisible":true,"environmentValueList":null}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateEnvironmentVariable(ctx, n.project, testVariable(n))
		},
		answers: []string{"envvar_deployed", "envvar_deploy_failed", "error_envvar_exists", "error_envvar_name_mismatch", "error_envvar_name_empty"}},
	{op: ops.UpdateEnvironmentVariable,
		body: `{"name":"API KEY#1","description":"kept secret","global":false,"globalValue":null,"globalVisible":true,
			"environmentValueList":[{"environmentName":"prod;eu","value":null,"visible":false}]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateEnvironmentVariable(ctx, n.project, testSecretUpdate(n))
		},
		answers: []string{"envvar_deployed", "envvar_deploy_failed", "error_envvar_missing"}},
	{op: ops.DeleteEnvironmentVariable,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteEnvironmentVariable(ctx, n.project, n.variable)
		},
		answers: []string{"envvar_undeployed", "error_envvar_missing"}},
	{op: ops.ListAPIProxyEnvironmentVariables,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyEnvironmentVariables(ctx, n.project, n.proxy)
		},
		answers: []string{"proxy_environment_variables", "error_apiproxy_missing"}},
}
