package apinizer

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// The routing of MCP and A2A API proxies (2026); what they share with
// AIRouting (full replace, Extra, the defaults of fields not sent) is
// described in apiproxy_ai_routing_types.go.

// MCPRouting is the routing of an MCP API proxy (page Update MCP Routing):
// in TOOL_EXPOSE mode it publishes methods of Apinizer proxies as MCP
// tools (ExposedTools); in PASSTHROUGH mode it fronts up to 10 external
// MCP servers defined inline (BackendServers, at least one). The Manager
// validates the combination and answers 400 to a wrong one.
type MCPRouting struct {
	RoutingMode MCPRoutingMode `json:"routingMode,omitempty"`
	// ProtocolVersion is "2024-11-05", "2025-06-18" (the default) or
	// "2026-07-28".
	ProtocolVersion string           `json:"protocolVersion,omitempty"`
	ExposedTools    []MCPExposedTool `json:"exposedTools,omitempty"`   // TOOL_EXPOSE only
	BackendServers  []BackendServer  `json:"backendServers,omitempty"` // PASSTHROUGH only; at most 10
	// AllowedToolNames narrows the backend servers' tools to these
	// (PASSTHROUGH).
	AllowedToolNames []string `json:"allowedToolNames,omitempty"`
	// ToolOutputFilter filters tool results (PASSTHROUGH); no page lists
	// its fields.
	ToolOutputFilter json.RawMessage `json:"toolOutputFilter,omitempty"`
	// IdentityACL limits the tools by caller (enforced in PASSTHROUGH
	// only); once there is a rule, a caller no rule covers gets nothing.
	IdentityACL         []IdentityACLRule    `json:"identityAcl,omitempty"`
	ArgumentConstraints []ArgumentConstraint `json:"argumentConstraints,omitempty"` // checks of tool arguments
	CallQuota           *CallQuota           `json:"callQuota,omitempty"`
	// TokenForwardSettings opt in to forwarding the caller's own token to
	// the backend; no page lists their fields. (The older
	// "forwardClientToken" boolean does nothing.)
	TokenForwardSettings json.RawMessage `json:"tokenForwardSettings,omitempty"`

	// Extra is as AIRouting's.
	Extra map[string]json.RawMessage `json:"-"`
}

// MCPExposedTool publishes one method of an API proxy as an MCP tool (an
// item of MCPRouting.ExposedTools).
type MCPExposedTool struct {
	ProxyID         string `json:"proxyId,omitempty"` // the API proxy, by id
	ToolName        string `json:"toolName,omitempty"`
	ToolDescription string `json:"toolDescription,omitempty"`
	// OverrideSchema replaces the tool's input schema; sent as given.
	OverrideSchema      json.RawMessage `json:"overrideSchema,omitempty"`
	APIMethodHTTPMethod HTTPMethod      `json:"apiMethodHttpMethod,omitempty"` // with APIMethodPath: the one method
	APIMethodPath       string          `json:"apiMethodPath,omitempty"`       // e.g. "/orders/{id}"
	RequiredScopes      []string        `json:"requiredScopes,omitempty"`
	// ArgumentConstraints check this tool's arguments. The page names the
	// field only; the rules are taken to be those of ArgumentConstraint.
	ArgumentConstraints []ArgumentRule `json:"argumentConstraints,omitempty"`
}

// A2ARouting is the routing of an A2A API proxy (page Update A2A Routing):
// in AGENT_EXPOSE mode it serves an agent of its own, backed by the
// proxy's AI routing (required: 400 without it), described by AgentCard;
// in PASSTHROUGH mode it fronts up to 10 external agents defined inline
// (BackendServers, at least one). Several agents are merged for
// discovery only: sending a task needs exactly one.
type A2ARouting struct {
	RoutingMode     A2ARoutingMode `json:"routingMode,omitempty"`
	ProtocolVersion string         `json:"protocolVersion,omitempty"` // the gateway speaks "1.0" only
	AgentCard       *A2AAgentCard  `json:"agentCard,omitempty"`       // AGENT_EXPOSE only
	// PushSettings are the task update notification settings; no page
	// lists their fields.
	PushSettings   json.RawMessage `json:"pushSettings,omitempty"`
	BackendServers []BackendServer `json:"backendServers,omitempty"` // PASSTHROUGH only; at most 10
	// AllowedSkillNames narrows the backend agents' skills to these
	// (PASSTHROUGH).
	AllowedSkillNames []string `json:"allowedSkillNames,omitempty"`
	// IdentityACL limits the skills the agent card shows by caller
	// (PASSTHROUGH); it cannot stop a task.
	IdentityACL []IdentityACLRule `json:"identityAcl,omitempty"`
	CallQuota   *CallQuota        `json:"callQuota,omitempty"`
	// TokenForwardSettings are as MCPRouting's.
	TokenForwardSettings json.RawMessage `json:"tokenForwardSettings,omitempty"`

	// Extra is as AIRouting's.
	Extra map[string]json.RawMessage `json:"-"`
}

// A2AAgentCard is what an AGENT_EXPOSE proxy publishes at
// /.well-known/agent-card.json; the agent's name is the proxy's.
type A2AAgentCard struct {
	DescriptionOverride string     `json:"descriptionOverride,omitempty"`
	InputModes          []string   `json:"inputModes,omitempty"`  // media types, e.g. "text/plain"
	OutputModes         []string   `json:"outputModes,omitempty"` // media types
	Skills              []A2ASkill `json:"skills,omitempty"`
}

// A2ASkill is one skill of an agent card (OpenAPI's A2aDiscoveredSkill
// has the same fields).
type A2ASkill struct {
	ID          string   `json:"id,omitempty"`
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
}

// BackendServerAuthScheme is how the gateway authenticates to an inline
// MCP server or A2A agent. Other values are sent as given.
type BackendServerAuthScheme string

// The routing pages' authentication schemes. (The MCP Call policy page
// spells the OAuth one "OAUTH".)
const (
	BackendAuthNone                    BackendServerAuthScheme = "NONE"
	BackendAuthBearer                  BackendServerAuthScheme = "BEARER"                    // BearerToken
	BackendAuthOAuth2ClientCredentials BackendServerAuthScheme = "OAUTH2_CLIENT_CREDENTIALS" // TokenEndpoint, ClientID, ClientSecret, Scope
	BackendAuthMTLS                    BackendServerAuthScheme = "MTLS"                      // MTLSSettings
)

// MCPTransport is how the gateway talks to an MCP server. Other values are
// sent as given.
type MCPTransport string

// The transport of the MCP routing page.
const MCPTransportHTTPSSE MCPTransport = "HTTP_SSE"

// DriftPolicy is what happens when a backend's tool or skill catalog no
// longer matches the one approved. Other values are sent as given.
type DriftPolicy string

// The documented drift policies.
const (
	DriftWarnOnly   DriftPolicy = "WARN_ONLY"   // logged and shown; the default
	DriftFailClosed DriftPolicy = "FAIL_CLOSED" // every call blocked until approved again
)

// BackendServer is one inline backend of a PASSTHROUGH proxy: an MCP
// server (an item of MCPRouting.BackendServers) or an A2A agent (of
// A2ARouting.BackendServers). Send an entry read back with its ID
// unchanged to update it and keep its server-managed state (discovered
// catalog, health, drift); an entry without a known ID is a new one.
//
// BearerToken and ClientSecret are never returned by reads. Nil (not
// sent) or a pointer to "" keeps the stored secret; a non-empty one
// replaces it.
//
// The server-managed members of a read (discovered tools or skills,
// health and drift state) are kept in Extra, and the API ignores them
// when they are sent back.
type BackendServer struct {
	ID       string `json:"id,omitempty"` // assigned by the Manager
	Name     string `json:"name,omitempty"`
	Endpoint string `json:"endpoint,omitempty"` // the server's URL; for an agent, where tasks go (its card is looked up there too)
	// Transport is MCP only.
	Transport     MCPTransport            `json:"transport,omitempty"`
	AuthScheme    BackendServerAuthScheme `json:"authScheme,omitempty"`
	BearerToken   *Secret                 `json:"bearerToken,omitempty"`   // for BEARER
	CredentialRef string                  `json:"credentialRef,omitempty"` // a stored credential instead of inline ones
	TokenEndpoint string                  `json:"tokenEndpoint,omitempty"` // for OAuth2 client credentials
	ClientID      string                  `json:"clientId,omitempty"`
	ClientSecret  *Secret                 `json:"clientSecret,omitempty"`
	Scope         string                  `json:"scope,omitempty"` // space-separated
	// MTLSSettings are the client certificate settings (for MTLS); no page
	// lists their fields.
	MTLSSettings json.RawMessage `json:"mTLSSettings,omitempty"`
	DriftPolicy  DriftPolicy     `json:"driftPolicy,omitempty"`
	// AllowPrivateNetworkEgress lets Endpoint be a private address;
	// metadata, loopback and link-local addresses stay refused. Default
	// false.
	AllowPrivateNetworkEgress *bool `json:"allowPrivateNetworkEgress,omitempty"`

	// Extra is as AIRouting's.
	Extra map[string]json.RawMessage `json:"-"`
}

// IdentityPrincipalType is what an identity rule matches the caller by.
// Other values are sent as given.
type IdentityPrincipalType string

// The documented principal types.
const (
	PrincipalCredential   IdentityPrincipalType = "CREDENTIAL"
	PrincipalRole         IdentityPrincipalType = "ROLE"
	PrincipalOrganization IdentityPrincipalType = "ORGANIZATION"
)

// IdentityACLRule allows and denies tools (MCP) or skills (A2A), by name,
// to the callers it matches.
type IdentityACLRule struct {
	PrincipalType IdentityPrincipalType `json:"principalType,omitempty"`
	PrincipalName string                `json:"principalName,omitempty"`
	Allow         []string              `json:"allow,omitempty"`
	Deny          []string              `json:"deny,omitempty"`
}

// ArgumentConstraint holds the argument rules of one tool (an item of
// MCPRouting.ArgumentConstraints). A malformed rule is skipped.
type ArgumentConstraint struct {
	ToolName string         `json:"toolName,omitempty"`
	Rules    []ArgumentRule `json:"rules,omitempty"`
}

// ArgumentRuleType is the check of an argument rule. Other values are
// sent as given.
type ArgumentRuleType string

// The documented argument checks.
const (
	ArgumentRequired  ArgumentRuleType = "REQUIRED"
	ArgumentMaxLength ArgumentRuleType = "MAX_LENGTH" // Value is the length, e.g. "500"
	ArgumentEnum      ArgumentRuleType = "ENUM"       // Value lists the values, e.g. "eu,us,apac"
	ArgumentRegex     ArgumentRuleType = "REGEX"      // Value is the expression
)

// ArgumentRule checks one argument of a tool call.
type ArgumentRule struct {
	ArgumentPath string           `json:"argumentPath,omitempty"` // dot notation, e.g. "user.email"
	RuleType     ArgumentRuleType `json:"ruleType,omitempty"`
	Value        string           `json:"value,omitempty"`
}

// CallQuotaScope is what a call quota counts per. Other values are sent as
// given; the guides also describe per-tool and combined scopes without
// naming their values.
type CallQuotaScope string

// The documented scope.
const CallQuotaPerCredential CallQuotaScope = "PER_CREDENTIAL"

// CallQuotaPeriod is the window of a call quota. Other values are sent as
// given; the guides also describe a daily window without naming its value.
type CallQuotaPeriod string

// The documented periods.
const (
	CallQuotaMinute CallQuotaPeriod = "MINUTE"
	CallQuotaHour   CallQuotaPeriod = "HOUR"
)

// CallQuota caps the calls (MCP tool calls, A2A messages) per period. A
// call refused for another reason uses none.
type CallQuota struct {
	Scope  CallQuotaScope  `json:"scope,omitempty"`
	Period CallQuotaPeriod `json:"period,omitempty"`
	Limit  *int            `json:"limit,omitempty"`
}

// MarshalJSON writes the routing with Extra's members.
func (r MCPRouting) MarshalJSON() ([]byte, error) {
	type plain MCPRouting
	return marshalExtra(plain(r), r.Extra)
}

// UnmarshalJSON reads the routing, and every member it has no field for
// into Extra; null changes nothing.
func (r *MCPRouting) UnmarshalJSON(b []byte) error {
	type plain MCPRouting
	return decodeExtra(b, (*plain)(r), &r.Extra)
}

// Format prints the routing with the backend secrets redacted, for every
// verb.
func (r MCPRouting) Format(f fmt.State, verb rune) {
	type plain MCPRouting
	formatRedacted(f, verb, plain(r), r)
}

// LogValue logs the routing with the backend secrets redacted.
func (r MCPRouting) LogValue() slog.Value { return redactedLog(r) }

// MarshalJSON writes the routing with Extra's members.
func (r A2ARouting) MarshalJSON() ([]byte, error) {
	type plain A2ARouting
	return marshalExtra(plain(r), r.Extra)
}

// UnmarshalJSON reads the routing, and every member it has no field for
// into Extra; null changes nothing.
func (r *A2ARouting) UnmarshalJSON(b []byte) error {
	type plain A2ARouting
	return decodeExtra(b, (*plain)(r), &r.Extra)
}

// Format prints the routing with the backend secrets redacted, for every
// verb.
func (r A2ARouting) Format(f fmt.State, verb rune) {
	type plain A2ARouting
	formatRedacted(f, verb, plain(r), r)
}

// LogValue logs the routing with the backend secrets redacted.
func (r A2ARouting) LogValue() slog.Value { return redactedLog(r) }

// MarshalJSON writes the server with Extra's members.
func (s BackendServer) MarshalJSON() ([]byte, error) {
	type plain BackendServer
	return marshalExtra(plain(s), s.Extra)
}

// UnmarshalJSON reads the server, and every member it has no field for
// into Extra; null changes nothing.
func (s *BackendServer) UnmarshalJSON(b []byte) error {
	type plain BackendServer
	return decodeExtra(b, (*plain)(s), &s.Extra)
}

// Format prints the server with BearerToken and ClientSecret redacted, for
// every verb.
func (s BackendServer) Format(f fmt.State, verb rune) {
	type plain BackendServer
	formatRedacted(f, verb, plain(s), s)
}

// LogValue logs the server with BearerToken and ClientSecret redacted.
func (s BackendServer) LogValue() slog.Value { return redactedLog(s) }
