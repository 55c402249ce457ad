package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// DeployTo asks a configuration write to deploy its change too (2026
// pages): "deploy": true and "deployTargetEnvironmentNameList". A nil
// *DeployTo saves only; the change reaches the gateways with the next
// deployment, and the Manager flags the environments the proxy is
// deployed to as needing one (ProxyDeployment.RedeployRequired).
type DeployTo struct {
	Environments []string // at least one
}

// check refuses a DeployTo without environments or with an empty name.
func (d *DeployTo) check() error {
	if d == nil {
		return nil
	}
	if len(d.Environments) == 0 {
		return invalidArgument("DeployTo.Environments", "is empty: give at least one environment, or a nil *DeployTo to save only")
	}
	for i, env := range d.Environments {
		if env == "" {
			return invalidArgument(fmt.Sprintf("DeployTo.Environments[%d]", i), "is empty")
		}
	}
	return nil
}

// fields are the deploy members a body carries, nil for none.
func (d *DeployTo) fields() map[string]any {
	if d == nil {
		return nil
	}
	return map[string]any{"deploy": true, "deployTargetEnvironmentNameList": d.Environments}
}

// path is the setting's part of its path, e.g. "cors".
func (k settingsKind) path() string {
	p := strings.TrimSuffix(k.op.Path, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// settingsChecker is a setting with fields its page marks required.
type settingsChecker interface{ check() error }

// settingsBody builds the body of a setting's PATCH: its fields flat, or
// inside its 2026 wrapper, or (the seven whose generations disagree) both
// in one body, which a Manager of either generation reads because its
// JSON reader ignores what it does not know; plus the deploy members.
func settingsBody(s Settings, deploy *DeployTo) (map[string]any, error) {
	k := s.settings()
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, invalidArgument(fmt.Sprintf("%T", s), err.Error())
	}
	body := map[string]any{}
	switch {
	case k.wrapper != "" && k.union:
		var flat map[string]json.RawMessage
		if err := json.Unmarshal(raw, &flat); err != nil {
			return nil, invalidArgument(fmt.Sprintf("%T", s), err.Error())
		}
		for name, v := range flat {
			body[name] = v
		}
		body[k.wrapper] = json.RawMessage(raw)
	case k.wrapper != "":
		body[k.wrapper] = json.RawMessage(raw)
	default:
		if err := json.Unmarshal(raw, &body); err != nil {
			return nil, invalidArgument(fmt.Sprintf("%T", s), err.Error())
		}
	}
	for name, v := range deploy.fields() {
		body[name] = v
	}
	return body, nil
}

// UpdateAPIProxySettings changes one setting of an API proxy: s is one of
// the settings types (CacheSettings, CORSSettings, CircuitBreakerSettings,
// ClientRouteSettings, ConnectionSettings, RoutingAddresses, MTLSSettings,
// ...), by value or by pointer; its zero fields are not sent, and most
// pages say only the fields sent change (RoutingAddresses replaces the
// whole list). With deploy it also deploys to those environments (2026
// pages); with nil it saves only, and the change reaches the gateways
// with the next deployment.
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/settings/<setting>/
// with the setting's body. For the seven settings whose 2026 page wraps
// the fields (cacheSettings, corsSettings, clientRoute,
// forwardedIpHeaderParam, ntlmSettings, jsonErrorResponseTemplate,
// xmlErrorResponseTemplate) while the 2025 page and OpenAPI send them
// flat, which form a Manager reads is not documented and the other is
// silently ignored, so the body holds both: the wrapper and the same
// fields at the top. A field a page marks required and left empty is
// ErrInvalidArgument before anything is sent; an unknown proxy gives
// ErrAPIProxyNotFound; an AI proxy refuses the settings of classic
// routing (a 400, ErrBadRequest). A failed deployment returns the
// response and a *DeploymentError: the setting was saved.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/settings
func (c *Client) UpdateAPIProxySettings(ctx context.Context, projectName, apiProxyName string, s Settings, deploy *DeployTo) (*DeploymentResponse, error) {
	if s == nil {
		return nil, invalidArgument("s", "is nil: give a settings value such as CORSSettings{...}")
	}
	if ch, ok := s.(settingsChecker); ok {
		if err := ch.check(); err != nil {
			return nil, err
		}
	}
	if err := deploy.check(); err != nil {
		return nil, err
	}
	body, err := settingsBody(s, deploy)
	if err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: s.settings().op, args: []string{projectName, apiProxyName}, body: body,
		secrets: secretsIn(s), saveOnly: deploy == nil})
}

// secretsIn lists the Secret values a setting holds, which the body map
// hides from the pipeline's own search.
func secretsIn(s Settings) []Secret {
	var out []Secret
	for _, v := range secretsOf(s) {
		out = append(out, Secret(v))
	}
	return out
}

// SpecAccessType is who may read an API proxy's spec (2026).
type SpecAccessType string

// The documented spec access types. Others are sent as given.
const (
	SpecAccessPublic        SpecAccessType = "PUBLIC"
	SpecAccessAuthenticated SpecAccessType = "AUTHENTICATED"
	SpecAccessHidden        SpecAccessType = "HIDDEN"
	SpecAccessBackendProxy  SpecAccessType = "BACKEND_PROXY"
)

// SpecAccessOptions are Update Spec Access Type's query parameters.
type SpecAccessOptions struct {
	// CheckAPIProxyPermission, with AUTHENTICATED, also checks the
	// caller's permission on the proxy.
	CheckAPIProxyPermission bool `url:"checkApiProxyPermission,omitempty"`
}

// UpdateAPIProxySpecAccessType sets who may read an API proxy's spec
// (2026). opts may be nil; with deploy it also deploys.
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/settings/spec-access-type/{specAccessType}/[?checkApiProxyPermission=true],
// with a JSON body (the deploy members) only when deploy is not nil. An
// unknown proxy or value is a 400.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/settings/update-spec-access-type
func (c *Client) UpdateAPIProxySpecAccessType(ctx context.Context, projectName, apiProxyName string, access SpecAccessType, opts *SpecAccessOptions, deploy *DeployTo) (*DeploymentResponse, error) {
	if err := deploy.check(); err != nil {
		return nil, err
	}
	var body any
	if f := deploy.fields(); f != nil {
		body = f
	}
	return c.deploy(ctx, request{op: ops.UpdateAPIProxySpecAccessType, args: []string{projectName, apiProxyName, string(access)},
		query: opts, body: body, saveOnly: deploy == nil})
}

// UpdateAPIProxyHideSpecFile hides an API proxy's spec file, or shows it
// again (2025 pages; 2026 Managers have UpdateAPIProxySpecAccessType).
//
// It sends PATCH /apiops/projects/{projectName}/apiProxies/{apiProxyName}/settings/hide-spec-file/{hideSpecFile}/
// with "true" or "false" in the path and no body.
//
// API docs: https://github.com/apinizer/management-api-docs (API Proxies, Settings, Update Hide Spec File)
func (c *Client) UpdateAPIProxyHideSpecFile(ctx context.Context, projectName, apiProxyName string, hide bool) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.UpdateAPIProxyHideSpecFile, args: []string{projectName, apiProxyName, strconv.FormatBool(hide)}, saveOnly: true})
}

// The fields the settings pages mark required, checked before a request.

func (s CacheSettings) check() error {
	switch {
	case s.Name == "":
		return invalidArgument("CacheSettings.Name", "is empty (required)")
	case s.HandlingAction == "":
		return invalidArgument("CacheSettings.HandlingAction", "is empty (required: CONTINUE or STOP)")
	}
	return nil
}

func (s CORSSettings) check() error {
	if s.Name == "" {
		return invalidArgument("CORSSettings.Name", "is empty (required)")
	}
	return nil
}

func (s APIKeySettings) check() error {
	if strings.TrimSpace(s.PublicKey) == "" && strings.TrimSpace(string(s.SecretKey)) == "" {
		return invalidArgument("APIKeySettings", "give PublicKey or SecretKey (at least one, not blank)")
	}
	return nil
}

func (s RoutingAddresses) check() error {
	for i, a := range s {
		if a.Address == "" {
			return invalidArgument(fmt.Sprintf("RoutingAddresses[%d].Address", i), "is empty (required)")
		}
	}
	return nil
}

func (s ClientRouteSettings) check() error {
	if len(s.RelativePaths)+len(s.Methods)+len(s.Hosts)+len(s.VirtualHosts)+len(s.Headers) == 0 {
		return invalidArgument("ClientRouteSettings", "give at least one of RelativePaths, Methods, Hosts, Headers")
	}
	return nil
}

func (s MetadataSettings) check() error {
	if b, _ := json.Marshal(s); string(b) == "{}" {
		return invalidArgument("MetadataSettings", "give at least one field")
	}
	return nil
}
