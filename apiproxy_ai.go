package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// AI, MCP and A2A API proxies (2026): made by their own create calls (the
// URL and file creates cannot make them), never deployed on creation.

// AIAPIProxyRequest creates an AI API proxy. RelativePath is required.
type AIAPIProxyRequest struct {
	RelativePath    string `json:"relativePath"`
	Description     string `json:"description,omitempty"`
	LLMProviderName string `json:"llmProviderName,omitempty"` // an LLM provider of the project, by name
	ModelID         string `json:"modelId,omitempty"`
	Streaming       *bool  `json:"streaming,omitempty"`
}

// MCPRoutingMode is how an MCP proxy serves its backend servers.
type MCPRoutingMode string

// The documented MCP routing modes. Others are sent as given.
const (
	MCPToolExpose  MCPRoutingMode = "TOOL_EXPOSE"
	MCPPassthrough MCPRoutingMode = "PASSTHROUGH" // not on create: set it with the MCP routing call afterwards
)

// MCPAPIProxyRequest creates an MCP API proxy. RelativePath and
// RoutingMode are required (there is no default), and PASSTHROUGH is
// refused on create: it needs backend servers, which only the routing
// call sets.
type MCPAPIProxyRequest struct {
	RelativePath      string         `json:"relativePath"`
	Description       string         `json:"description,omitempty"`
	RoutingMode       MCPRoutingMode `json:"routingMode"`
	ProtocolVersion   string         `json:"protocolVersion,omitempty"`   // "2024-11-05", "2025-06-18", "2026-07-28"
	BackendMCPRefName string         `json:"backendMcpRefName,omitempty"` // OpenAPI only
}

// A2ARoutingMode is how an A2A proxy serves its agents.
type A2ARoutingMode string

// The documented A2A routing modes. Others are sent as given.
const (
	A2AAgentExpose A2ARoutingMode = "AGENT_EXPOSE" // the default
	A2APassthrough A2ARoutingMode = "PASSTHROUGH"  // not on create: set it with the A2A routing call afterwards
)

// A2AAPIProxyRequest creates an A2A API proxy. RelativePath is required;
// PASSTHROUGH is refused on create, as for MCP.
type A2AAPIProxyRequest struct {
	RelativePath      string         `json:"relativePath"`
	Description       string         `json:"description,omitempty"`
	RoutingMode       A2ARoutingMode `json:"routingMode,omitempty"`
	ProtocolVersion   string         `json:"protocolVersion,omitempty"`
	BackendA2ARefName string         `json:"backendA2aRefName,omitempty"` // OpenAPI only
}

// CreateAIAPIProxy creates an AI API proxy named apiProxyName (2026). It
// is not deployed: the answer's result is empty and says success false,
// which is no failure here.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/ai/{apiProxyName}/
// with the request. A taken name gives ErrAlreadyExists; an unknown LLM
// provider ErrNotFound; an empty RelativePath ErrInvalidArgument before
// anything is sent.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/create-ai-api-proxy
func (c *Client) CreateAIAPIProxy(ctx context.Context, projectName, apiProxyName string, req *AIAPIProxyRequest) (*DeploymentResponse, error) {
	if req == nil {
		return nil, invalidArgument("req", "is nil")
	}
	if req.RelativePath == "" {
		return nil, invalidArgument("AIAPIProxyRequest.RelativePath", "is empty")
	}
	return c.deploy(ctx, request{op: ops.CreateAIAPIProxy, args: []string{projectName, apiProxyName}, body: req, saveOnly: true})
}

// CreateMCPAPIProxy creates an MCP API proxy named apiProxyName (2026),
// not deployed.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/mcp/{apiProxyName}/
// with the request. An empty RelativePath or RoutingMode, or PASSTHROUGH,
// gives ErrInvalidArgument before anything is sent; otherwise as
// CreateAIAPIProxy.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/create-mcp-api-proxy
func (c *Client) CreateMCPAPIProxy(ctx context.Context, projectName, apiProxyName string, req *MCPAPIProxyRequest) (*DeploymentResponse, error) {
	switch {
	case req == nil:
		return nil, invalidArgument("req", "is nil")
	case req.RelativePath == "":
		return nil, invalidArgument("MCPAPIProxyRequest.RelativePath", "is empty")
	case req.RoutingMode == "":
		return nil, invalidArgument("MCPAPIProxyRequest.RoutingMode", "is empty: give TOOL_EXPOSE")
	case req.RoutingMode == MCPPassthrough:
		return nil, invalidArgument("MCPAPIProxyRequest.RoutingMode", "PASSTHROUGH always fails on create: create with TOOL_EXPOSE, then change the MCP routing")
	}
	return c.deploy(ctx, request{op: ops.CreateMCPAPIProxy, args: []string{projectName, apiProxyName}, body: req, saveOnly: true})
}

// CreateA2AAPIProxy creates an A2A API proxy named apiProxyName (2026),
// not deployed.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/a2a/{apiProxyName}/
// with the request. An empty RelativePath, or PASSTHROUGH, gives
// ErrInvalidArgument before anything is sent; otherwise as
// CreateAIAPIProxy.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/create-a2a-api-proxy
func (c *Client) CreateA2AAPIProxy(ctx context.Context, projectName, apiProxyName string, req *A2AAPIProxyRequest) (*DeploymentResponse, error) {
	switch {
	case req == nil:
		return nil, invalidArgument("req", "is nil")
	case req.RelativePath == "":
		return nil, invalidArgument("A2AAPIProxyRequest.RelativePath", "is empty")
	case req.RoutingMode == A2APassthrough:
		return nil, invalidArgument("A2AAPIProxyRequest.RoutingMode", "PASSTHROUGH always fails on create: create with AGENT_EXPOSE, then change the A2A routing")
	}
	return c.deploy(ctx, request{op: ops.CreateA2AAPIProxy, args: []string{projectName, apiProxyName}, body: req, saveOnly: true})
}

// UpdateAPIProxyAIRouting replaces the whole AI routing of an AI API proxy
// (2026): not a partial update. Every environment the proxy is deployed
// to is then flagged RedeployRequired.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/ai-routing/
// with the routing; the page's answer is {"result": {"success": true}}.
// A proxy of another type is a 400.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/settings/update-ai-routing
func (c *Client) UpdateAPIProxyAIRouting(ctx context.Context, projectName, apiProxyName string, routing *AIRouting) (*DeploymentResponse, error) {
	if routing == nil {
		return nil, invalidArgument("routing", "is nil")
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyAIRouting, args: []string{projectName, apiProxyName}, body: routing, saveOnly: true})
}

// UpdateAPIProxyMCPRouting replaces the whole MCP routing of an MCP API
// proxy (2026), as UpdateAPIProxyAIRouting does. A backend server's
// secrets left nil keep the stored ones; an entry keeps its server-side
// state only when its ID is sent back unchanged; at most 10 servers.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/mcp-routing/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/settings/update-mcp-routing
func (c *Client) UpdateAPIProxyMCPRouting(ctx context.Context, projectName, apiProxyName string, routing *MCPRouting) (*DeploymentResponse, error) {
	if routing == nil {
		return nil, invalidArgument("routing", "is nil")
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyMCPRouting, args: []string{projectName, apiProxyName}, body: routing, saveOnly: true})
}

// UpdateAPIProxyA2ARouting replaces the whole A2A routing of an A2A API
// proxy (2026), as UpdateAPIProxyMCPRouting does.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/a2a-routing/.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/settings/update-a2a-routing
func (c *Client) UpdateAPIProxyA2ARouting(ctx context.Context, projectName, apiProxyName string, routing *A2ARouting) (*DeploymentResponse, error) {
	if routing == nil {
		return nil, invalidArgument("routing", "is nil")
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyA2ARouting, args: []string{projectName, apiProxyName}, body: routing, saveOnly: true})
}
