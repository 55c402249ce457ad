package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// ListAPIProxyTrafficLogSettings returns an API proxy's traffic-log
// settings, one per environment that has some (2026). Connector keys are
// connection names.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/traffic-log-settings/get-all
func (c *Client) ListAPIProxyTrafficLogSettings(ctx context.Context, projectName, apiProxyName string) ([]TrafficLogSettings, error) {
	return list[TrafficLogSettings](ctx, c, request{op: ops.ListAPIProxyTrafficLogSettings, args: []string{projectName, apiProxyName}})
}

// GetAPIProxyTrafficLogSettings returns an API proxy's traffic-log
// settings in one environment (2026), or nil and no error when nothing is
// stored there yet (the page's empty list).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/.
// An unknown environment gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/traffic-log-settings/get-by-environment
func (c *Client) GetAPIProxyTrafficLogSettings(ctx context.Context, projectName, apiProxyName, environmentName string) (*TrafficLogSettings, error) {
	return one[TrafficLogSettings](ctx, c, request{op: ops.GetAPIProxyTrafficLogSettings, args: []string{projectName, apiProxyName, environmentName}}, false)
}

// UpdateAPIProxyTrafficLogSettings stores an API proxy's traffic-log
// settings for one environment, creating them if absent (2026): log flags
// left nil keep their stored value, and the legacy enable...Connector
// flags are ignored. The Manager then deploys to that environment by
// itself, so the answer is read as a deployment result. (The page's
// answer also echoes the stored object, keyed by connector ID rather than
// connection name, so it cannot be compared with a read: re-read with
// GetAPIProxyTrafficLogSettings.)
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/
// with the settings. A connection that is not a log recipient of the
// environment gives ErrNotFound ("Connection with name 'X' not found in
// the environment!").
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/traffic-log-settings/update
func (c *Client) UpdateAPIProxyTrafficLogSettings(ctx context.Context, projectName, apiProxyName, environmentName string, s *TrafficLogSettings) (*DeploymentResponse, error) {
	if s == nil {
		return nil, invalidArgument("s", "is nil")
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyTrafficLogSettings, args: []string{projectName, apiProxyName, environmentName}, body: s})
}

// methodQuery is the method overrides' required query.
type methodQuery struct {
	MethodName string `url:"methodName"`
}

// UpdateAPIProxyTrafficLogMethodOverride adds or replaces one method's
// override of a connector type's log settings in one environment (2026);
// the Manager deploys it by itself. The environment must have saved
// settings first: else the page's 500 "Traffic log settings not found for
// this API proxy and environment. ..." (ErrServer and ErrNotFound).
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/connectors/{connectorType}/methodOverride/?methodName=
// with the connector settings; methodName (a query parameter, so names
// with "/" work) is required. An unknown method gives ErrNotFound; an
// unknown connector type is a 400.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/traffic-log-settings/update-method-override
func (c *Client) UpdateAPIProxyTrafficLogMethodOverride(ctx context.Context, projectName, apiProxyName, environmentName string, connector ConnectorType, methodName string, s *ConnectorLogSettings) (*DeploymentResponse, error) {
	switch {
	case methodName == "":
		return nil, invalidArgument("methodName", "is empty (required)")
	case s == nil:
		return nil, invalidArgument("s", "is nil")
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyTrafficLogMethodOverride,
		args: []string{projectName, apiProxyName, environmentName, string(connector)}, query: methodQuery{methodName}, body: s})
}

// DeleteAPIProxyTrafficLogMethodOverride removes one method's override of
// a connector type's log settings in one environment (2026), a no-op when
// there is none; the Manager deploys the change by itself.
//
// It sends DELETE /apiops/projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/connectors/{connectorType}/methodOverride/?methodName=.
// An environment without saved settings is the page's 500 "Traffic log
// settings not found" (ErrServer and ErrNotFound).
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/traffic-log-settings/delete-method-override
func (c *Client) DeleteAPIProxyTrafficLogMethodOverride(ctx context.Context, projectName, apiProxyName, environmentName string, connector ConnectorType, methodName string) (*DeploymentResponse, error) {
	if methodName == "" {
		return nil, invalidArgument("methodName", "is empty (required)")
	}
	return c.deploy(ctx, request{op: ops.DeleteAPIProxyTrafficLogMethodOverride,
		args: []string{projectName, apiProxyName, environmentName, string(connector)}, query: methodQuery{methodName}})
}
