package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// PromotionProxy is an API proxy as promotion carries it from one project
// to another of the same installation (2026): List for Promotion reads
// it, Save for Promotion writes it. It keeps every field the Manager sent
// (the full object, which this type does not model), so a listed proxy
// saved elsewhere carries them all; the typed fields below are written
// over them.
type PromotionProxy struct {
	ID                     string                `json:"id"` // "" to create in the target; the target proxy's ID to overwrite it
	Name                   string                `json:"name"`
	Description            string                `json:"description"`
	Type                   CreationType          `json:"type"` // the creation type: REVERSE_PROXY, AI, MCP, A2A, ...
	ProtocolTransformation bool                  `json:"protocolTransformation"`
	RelativePath           string                `json:"relativePath"`
	ClientRoute            *ClientRoute          `json:"clientRoute"`
	Categories             []string              `json:"categoryList"`
	Deployments            []PromotionDeployment `json:"apiProxyDeployList"` // the source's, informational; Save ignores it

	raw map[string]json.RawMessage
}

// PromotionDeployment is a promoted proxy's state in one environment of
// the project it was read from.
type PromotionDeployment struct {
	EnvironmentSettingsID string `json:"environmentSettingsId"` // what SaveAPIProxyForPromotion deploys to
	EnvironmentName       string `json:"environmentName"`
	AccessURL             string `json:"accessUrl"`
	Deploy                bool   `json:"deploy"`
	RedeployRequired      bool   `json:"redeployRequired"`
	EnvironmentType       string `json:"environmentType"` // OpenAPI only
}

// UnmarshalJSON reads the typed fields and keeps the whole object.
func (p *PromotionProxy) UnmarshalJSON(b []byte) error {
	type plain PromotionProxy
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(b, (*plain)(p)); err != nil {
		return err
	}
	for k, v := range raw {
		var compact bytes.Buffer
		if json.Compact(&compact, v) == nil {
			raw[k] = compact.Bytes()
		}
	}
	p.raw = raw
	return nil
}

// MarshalJSON writes the object as it was read, with the typed fields
// over it; "id" is left out when empty.
func (p PromotionProxy) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(p.raw)+9)
	for k, v := range p.raw {
		out[k] = v
	}
	typed := map[string]any{"name": p.Name, "description": p.Description, "type": p.Type,
		"protocolTransformation": p.ProtocolTransformation, "relativePath": p.RelativePath,
		"categoryList": p.Categories, "apiProxyDeployList": p.Deployments}
	for k, v := range typed {
		out[k] = v
	}
	if p.ClientRoute != nil {
		out["clientRoute"] = p.ClientRoute
	}
	delete(out, "id")
	if p.ID != "" {
		out["id"] = p.ID
	}
	return json.Marshal(out)
}

// Field returns a field of the object as the Manager sent it, and
// whether it was there (e.g. "routing", which the type does not model).
func (p PromotionProxy) Field(name string) (json.RawMessage, bool) {
	v, ok := p.raw[name]
	return v, ok
}

// ListAPIProxiesForPromotion returns the API proxies of a project with
// their deployment there, to promote to another project (2026).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/forpromotion (no
// trailing slash).
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/promotion/list-api-proxies-for-promotion
func (c *Client) ListAPIProxiesForPromotion(ctx context.Context, projectName string) ([]PromotionProxy, error) {
	return list[PromotionProxy](ctx, c, request{op: ops.ListAPIProxiesForPromotion, args: []string{projectName}})
}

// PromotionOptions are Save for Promotion's query parameters.
type PromotionOptions struct {
	// DeployEnvironmentIDs are environment settings IDs (not names) of
	// the target to deploy to after saving. An unknown one is skipped, a
	// failure undoes nothing, and no result per environment comes back:
	// check GetAPIProxyDeployStatus.
	DeployEnvironmentIDs []string `url:"deployEnvironmentIds,comma,omitempty"`
}

// SaveAPIProxyForPromotion writes a promoted API proxy into a project
// (2026): without an ID it creates it (a taken name is a 400), with the
// target proxy's ID it overwrites that one. The environments are rebuilt
// from the target's: a created proxy starts undeployed everywhere, an
// overwritten one keeps its state. opts may be nil.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/promotion (no
// trailing slash) with the proxy, and returns the saved proxy when the
// answer holds it (its shape is not documented: a bare object or a
// one-item list is read; an answer without either gives nil).
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/promotion/save-api-proxy-for-promotion
func (c *Client) SaveAPIProxyForPromotion(ctx context.Context, projectName string, proxy *PromotionProxy, opts *PromotionOptions) (*PromotionProxy, error) {
	if proxy == nil {
		return nil, invalidArgument("proxy", "is nil")
	}
	if err := checkSegment("PromotionProxy.Name", proxy.Name); err != nil {
		return nil, err // a path segment in every later call
	}
	if opts != nil {
		for i, id := range opts.DeployEnvironmentIDs {
			if id == "" {
				return nil, invalidArgument(fmt.Sprintf("PromotionOptions.DeployEnvironmentIDs[%d]", i), "is empty")
			}
		}
	}
	return one[PromotionProxy](ctx, c, request{op: ops.SaveAPIProxyForPromotion, args: []string{projectName}, body: proxy, query: opts, bare: true}, false)
}
