package apinizer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// fullBackendServer sets every field of a BackendServer;
// fullBackendServerJSON is what it marshals to.
var fullBackendServer = BackendServer{
	ID: "bs-1", Name: "internal-mcp-server", Endpoint: "https://mcp.example.com/mcp", Transport: MCPTransportHTTPSSE,
	AuthScheme: BackendAuthOAuth2ClientCredentials, BearerToken: ptr(Secret("tok")), CredentialRef: "cred",
	TokenEndpoint: "https://idp.example.com/token", ClientID: "gw", ClientSecret: ptr(Secret("")), Scope: "a b",
	MTLSSettings: json.RawMessage(`{"keyStoreName":"ks"}`), DriftPolicy: DriftFailClosed,
	AllowPrivateNetworkEgress: ptr(false), Extra: map[string]json.RawMessage{"capabilityCacheEnabled": json.RawMessage(`true`)},
}

const fullBackendServerJSON = `{"id":"bs-1","name":"internal-mcp-server","endpoint":"https://mcp.example.com/mcp",
	"transport":"HTTP_SSE","authScheme":"OAUTH2_CLIENT_CREDENTIALS","bearerToken":"tok","credentialRef":"cred",
	"tokenEndpoint":"https://idp.example.com/token","clientId":"gw","clientSecret":"","scope":"a b",
	"mTLSSettings":{"keyStoreName":"ks"},"driftPolicy":"FAIL_CLOSED","allowPrivateNetworkEgress":false,
	"capabilityCacheEnabled":true}`

var (
	fullACL   = IdentityACLRule{PrincipalType: PrincipalRole, PrincipalName: "partner", Allow: []string{"search"}, Deny: []string{"x"}}
	fullRule  = ArgumentRule{ArgumentPath: "user.email", RuleType: ArgumentMaxLength, Value: "500"}
	fullQuota = CallQuota{Scope: CallQuotaPerCredential, Period: CallQuotaHour, Limit: ptr(0)}
)

const (
	fullACLJSON   = `{"principalType":"ROLE","principalName":"partner","allow":["search"],"deny":["x"]}`
	fullRuleJSON  = `{"argumentPath":"user.email","ruleType":"MAX_LENGTH","value":"500"}`
	fullQuotaJSON = `{"scope":"PER_CREDENTIAL","period":"HOUR","limit":0}`
)

// TestRoutingMarshalEveryField: every field of the three routings and of
// their items is sent under the page's name, false and 0 included, with
// Extra's members merged in; the JSON decodes back to the value.
func TestRoutingMarshalEveryField(t *testing.T) {
	failover := AIFailoverEntry{
		LLMProviderRef: "id-2", LLMProviderRefName: "anthropic", ModelID: "m2", CredentialRef: "c",
		TimeoutMS: ptr(3000), OrderIndex: ptr(0), DisplayName: "backup",
	}
	pool := AIPoolEntry{LLMProviderRef: "id-3", LLMProviderRefName: "vllm", ModelID: "m3", Weight: ptr(2), DisplayName: "farm"}
	route := AIConditionalRoute{
		Name: "code", Condition: json.RawMessage(`{"conditionRuleList":[]}`), LLMProviderRef: "id-4",
		LLMProviderRefName: "deepseek", ModelID: "deepseek-chat", SemanticUtterances: []string{"write code"},
		SemanticThreshold: ptr(0.75),
	}
	ai := AIRouting{
		LLMProviderRef: "id-1", LLMProviderRefName: "openai-prod", ModelID: "gpt-4o-mini", Streaming: ptr(false),
		TimeoutSeconds: ptr(60), ConnectTimeoutSeconds: ptr(10), StreamTimeoutSeconds: ptr(120),
		MaxResponseBytes: ptr(int64(1 << 40)), MaxChunks: ptr(int64(0)), RetryCount: ptr(0),
		RetryDelayType: AIRetryExponentialBackoff, RetryFixedDelayMS: ptr(500), RetryInitialDelayMS: ptr(500),
		RetryMaxDelayMS: ptr(10000), RetryBackoffMultiplier: ptr(2.5), FailoverStrategy: AIFailoverConditional,
		ProviderFailoverChain: []AIFailoverEntry{failover}, FailoverStatusCodes: []int{429, 503},
		FailoverRetryCount: ptr(1), ConditionalLatencyThresholdMS: ptr(800), PrimaryPool: []AIPoolEntry{pool},
		RoutingAlgorithm: AIRoutingPrefixAffinity, LeastCostOutputRatio: ptr(0.25), AffinityKeyHeader: "session_id",
		AffinityLoadFactor: ptr(1.25), ConditionalRoutes: []AIConditionalRoute{route},
		SemanticEmbeddingProviderRef: "emb", SemanticEmbeddingModelID: "text-embedding-3-small",
		CircuitBreakerEnabled: ptr(true), ErrorWindow: ptr(10), ErrorThresholdValue: ptr(1),
		ErrorThresholdType: ErrorThresholdPercentage, SleepWindow: ptr(10), HalfOpenEnabled: ptr(false),
		ProxyEnabled: ptr(true), ProxyHost: "proxy", ProxyPort: ptr(3128), ProxyAuthorizationNeeded: ptr(true),
		ProxyUsername: "u", ProxyPassword: ptr(Secret("pw")), MTLSSettings: json.RawMessage(`null`),
		DisableSSLValidation: ptr(false), BlockAnonymousRequests: ptr(true), AnonymousBudget: json.RawMessage(`{"maxTokens":10}`),
		TraceMode: AITraceFull, EnableAITrace: ptr(false), AITraceEnvironmentName: "test", AITraceCustomQueryID: "q",
		AITraceMaxDurationSeconds: ptr(300), Extra: map[string]json.RawMessage{"perLegCostCap": json.RawMessage(`1.5`)},
	}
	aiJSON := `{"llmProviderRef":"id-1","llmProviderRefName":"openai-prod","modelId":"gpt-4o-mini","streaming":false,
	"timeoutSeconds":60,"connectTimeoutSeconds":10,"streamTimeoutSeconds":120,"maxResponseBytes":1099511627776,
	"maxChunks":0,"retryCount":0,"retryDelayType":"EXPONENTIAL_BACKOFF","retryFixedDelayMs":500,
	"retryInitialDelayMs":500,"retryMaxDelayMs":10000,"retryBackoffMultiplier":2.5,"failoverStrategy":"CONDITIONAL",
	"providerFailoverChain":[{"llmProviderRef":"id-2","llmProviderRefName":"anthropic","modelId":"m2",
	"credentialRef":"c","timeoutMs":3000,"orderIndex":0,"displayName":"backup"}],"failoverStatusCodeList":[429,503],
	"failoverRetryCount":1,"conditionalLatencyThresholdMs":800,"primaryPool":[{"llmProviderRef":"id-3",
	"llmProviderRefName":"vllm","modelId":"m3","weight":2,"displayName":"farm"}],
	"enumAiRoutingAlgorithm":"PREFIX_AFFINITY","leastCostOutputRatio":0.25,"affinityKeyHeader":"session_id",
	"affinityLoadFactor":1.25,"conditionalRoutes":[{"name":"code","condition":{"conditionRuleList":[]},
	"llmProviderRef":"id-4","llmProviderRefName":"deepseek","modelId":"deepseek-chat",
	"semanticUtterances":["write code"],"semanticThreshold":0.75}],"semanticEmbeddingProviderRef":"emb",
	"semanticEmbeddingModelId":"text-embedding-3-small","circuitBreakerEnabled":true,"errorWindow":10,
	"errorThresholdValue":1,"enumErrorThresholdType":"PERCENTAGE","sleepWindow":10,"halfOpenEnabled":false,
	"proxyEnabled":true,"proxyHost":"proxy","proxyPort":3128,"proxyAuthorizationNeeded":true,"proxyUsername":"u",
	"proxyPassword":"pw","mTLSSettings":null,"disableSslValidation":false,"blockAnonymousRequests":true,
	"anonymousBudget":{"maxTokens":10},"traceMode":"FULL","enableAiTrace":false,"aiTraceEnvironmentName":"test",
	"aiTraceCustomQueryId":"q","aiTraceMaxDurationSeconds":300,"perLegCostCap":1.5}`

	tool := MCPExposedTool{
		ProxyID: "665f1c2e8b3a4d0012ab34cd", ToolName: "order_lookup", ToolDescription: "d",
		OverrideSchema: json.RawMessage(`{"type":"object"}`), APIMethodHTTPMethod: HTTPMethodGet,
		APIMethodPath: "/orders/{id}", RequiredScopes: []string{"orders.read"}, ArgumentConstraints: []ArgumentRule{fullRule},
	}
	constraint := ArgumentConstraint{ToolName: "search", Rules: []ArgumentRule{fullRule}}
	mcp := MCPRouting{
		RoutingMode: MCPPassthrough, ProtocolVersion: "2025-06-18", ExposedTools: []MCPExposedTool{tool},
		BackendServers: []BackendServer{fullBackendServer}, AllowedToolNames: []string{"search"},
		ToolOutputFilter: json.RawMessage(`{"denyPatterns":[]}`), IdentityACL: []IdentityACLRule{fullACL},
		ArgumentConstraints: []ArgumentConstraint{constraint}, CallQuota: &fullQuota,
		TokenForwardSettings: json.RawMessage(`{"enabled":false}`), Extra: map[string]json.RawMessage{"z": json.RawMessage(`[]`)},
	}
	mcpJSON := `{"routingMode":"PASSTHROUGH","protocolVersion":"2025-06-18","exposedTools":[{
	"proxyId":"665f1c2e8b3a4d0012ab34cd","toolName":"order_lookup","toolDescription":"d",
	"overrideSchema":{"type":"object"},"apiMethodHttpMethod":"GET","apiMethodPath":"/orders/{id}",
	"requiredScopes":["orders.read"],"argumentConstraints":[` + fullRuleJSON + `]}],
	"backendServers":[` + fullBackendServerJSON + `],"allowedToolNames":["search"],
	"toolOutputFilter":{"denyPatterns":[]},"identityAcl":[` + fullACLJSON + `],
	"argumentConstraints":[{"toolName":"search","rules":[` + fullRuleJSON + `]}],"callQuota":` + fullQuotaJSON + `,
	"tokenForwardSettings":{"enabled":false},"z":[]}`

	skill := A2ASkill{ID: "answer-question", Name: "Answer Question", Description: "d", Tags: []string{"support"}}
	card := A2AAgentCard{
		DescriptionOverride: "support", InputModes: []string{"text/plain"}, OutputModes: []string{"application/json"},
		Skills: []A2ASkill{skill},
	}
	a2a := A2ARouting{
		RoutingMode: A2AAgentExpose, ProtocolVersion: "1.0", AgentCard: &card, PushSettings: json.RawMessage(`{}`),
		BackendServers:    []BackendServer{{Name: "partner-agent", BearerToken: ptr(Secret("t"))}},
		AllowedSkillNames: []string{"translate"}, IdentityACL: []IdentityACLRule{fullACL}, CallQuota: &fullQuota,
		TokenForwardSettings: json.RawMessage(`{}`), Extra: map[string]json.RawMessage{"y": json.RawMessage(`"v"`)},
	}
	a2aJSON := `{"routingMode":"AGENT_EXPOSE","protocolVersion":"1.0","agentCard":{"descriptionOverride":"support",
	"inputModes":["text/plain"],"outputModes":["application/json"],"skills":[{"id":"answer-question",
	"name":"Answer Question","description":"d","tags":["support"]}]},"pushSettings":{},
	"backendServers":[{"name":"partner-agent","bearerToken":"t"}],"allowedSkillNames":["translate"],
	"identityAcl":[` + fullACLJSON + `],"callQuota":` + fullQuotaJSON + `,"tokenForwardSettings":{},"y":"v"}`

	for _, v := range []any{ai, failover, pool, route, mcp, tool, constraint, fullBackendServer, fullACL, fullRule,
		fullQuota, a2a, card, skill} {
		everyFieldSet(t, v)
	}
	for _, tc := range []struct {
		v    any
		back any // a pointer to decode into
		json string
	}{
		{ai, new(AIRouting), aiJSON}, {mcp, new(MCPRouting), mcpJSON}, {a2a, new(A2ARouting), a2aJSON},
		{fullBackendServer, new(BackendServer), fullBackendServerJSON},
	} {
		marshalsTo(t, tc.v, tc.json)
		p := reflect.New(reflect.TypeOf(tc.v))
		p.Elem().Set(reflect.ValueOf(tc.v))
		marshalsTo(t, p.Interface(), tc.json)
		if err := json.Unmarshal([]byte(tc.json), tc.back); err != nil {
			t.Fatalf("%T: %v", tc.v, err)
		}
		if got := reflect.ValueOf(tc.back).Elem().Interface(); !reflect.DeepEqual(got, tc.v) {
			t.Errorf("%T decodes to\n%+v\nwant\n%+v", tc.v, got, tc.v)
		}
	}
}

// TestRoutingZeroValuesSendNothing: nothing set sends {}.
func TestRoutingZeroValuesSendNothing(t *testing.T) {
	for _, v := range []any{AIRouting{}, MCPRouting{}, A2ARouting{}, BackendServer{}, AIFailoverEntry{}, AIPoolEntry{},
		AIConditionalRoute{}, MCPExposedTool{}, A2AAgentCard{}, A2ASkill{}, IdentityACLRule{}, ArgumentConstraint{},
		ArgumentRule{}, CallQuota{}, &AIRouting{}, MCPRouting{Extra: map[string]json.RawMessage{}}} {
		if b, err := json.Marshal(v); err != nil || string(b) != "{}" {
			t.Errorf("zero %T marshals to %s (%v), want {}", v, b, err)
		}
	}
}

// TestRoutingExtra: Extra's members are sent, in place of a field's of the
// same name, nil as null; a member that is not JSON fails the marshal.
// Decoding keeps the members no field takes (case aside, as
// encoding/json matches them), at every level, and null changes nothing.
func TestRoutingExtra(t *testing.T) {
	marshalsTo(t, AIRouting{ModelID: "a", Streaming: ptr(true), Extra: map[string]json.RawMessage{
		"modelId": json.RawMessage(`"b"`), "newField": nil,
	}}, `{"modelId":"b","streaming":true,"newField":null}`)
	if b, err := json.Marshal(BackendServer{Extra: map[string]json.RawMessage{"x": json.RawMessage(`{`)}}); err == nil {
		t.Errorf("invalid Extra marshals to %s", b)
	}

	read := `{"routingMode":"PASSTHROUGH","forwardClientToken":true,"backendServers":[{"id":"bs-9","name":"gh",
	"endpoint":"https://mcp.example.com","authScheme":"BEARER","bearerToken":null,"healthStatus":"HEALTHY",
	"driftDetected":false,"discoveredTools":[{"name":"search"}],"lastHealthCheckAt":"2026-01-01T00:00:00Z"}]}`
	var r MCPRouting
	if err := json.Unmarshal([]byte(read), &r); err != nil {
		t.Fatal(err)
	}
	want := MCPRouting{
		RoutingMode: MCPPassthrough, Extra: map[string]json.RawMessage{"forwardClientToken": json.RawMessage(`true`)},
		BackendServers: []BackendServer{{
			ID: "bs-9", Name: "gh", Endpoint: "https://mcp.example.com", AuthScheme: BackendAuthBearer,
			Extra: map[string]json.RawMessage{
				"healthStatus": json.RawMessage(`"HEALTHY"`), "driftDetected": json.RawMessage(`false`),
				"discoveredTools":   json.RawMessage(`[{"name":"search"}]`),
				"lastHealthCheckAt": json.RawMessage(`"2026-01-01T00:00:00Z"`),
			},
		}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", r, want)
	}
	// Sent back, it loses nothing but the null secret (which keeps the
	// stored one either way).
	marshalsTo(t, r, strings.Replace(read, `"bearerToken":null,`, "", 1))

	var ai AIRouting
	if err := json.Unmarshal([]byte(`{"ModelId":"m","STREAMING":true}`), &ai); err != nil {
		t.Fatal(err)
	}
	if ai.ModelID != "m" || ai.Streaming == nil || !*ai.Streaming || ai.Extra != nil {
		t.Errorf("case-folded names decode to %+v", ai)
	}

	keep := A2ARouting{ProtocolVersion: "1.0"}
	s := BackendServer{Name: "keep"}
	if json.Unmarshal([]byte(`null`), &keep) != nil || json.Unmarshal([]byte(` null `), &s) != nil ||
		keep.ProtocolVersion != "1.0" || s.Name != "keep" {
		t.Errorf("null changed %+v / %+v", keep, s)
	}
	for _, bad := range []string{`[]`, `{"routingMode":1}`, `{"backendServers":[{"name":2}]}`} {
		if err := json.Unmarshal([]byte(bad), new(MCPRouting)); err == nil {
			t.Errorf("%s decodes without an error", bad)
		}
	}
}

// TestRoutingSecretsKeepOrReplace: a nil secret is not sent, a pointer to
// "" is sent blank (both keep the stored one), a value is sent as is.
func TestRoutingSecretsKeepOrReplace(t *testing.T) {
	marshalsTo(t, BackendServer{Name: "n"}, `{"name":"n"}`)
	marshalsTo(t, BackendServer{BearerToken: ptr(Secret("")), ClientSecret: ptr(Secret(""))}, `{"bearerToken":"","clientSecret":""}`)
	marshalsTo(t, BackendServer{BearerToken: ptr(Secret("b")), ClientSecret: ptr(Secret("c"))}, `{"bearerToken":"b","clientSecret":"c"}`)
	marshalsTo(t, AIRouting{ProxyPassword: ptr(Secret(""))}, `{"proxyPassword":""}`)
}

// TestRoutingDocumentedBodies: the pages' full examples decode into the
// types without leftovers in Extra.
func TestRoutingDocumentedBodies(t *testing.T) {
	var ai AIRouting
	err := json.Unmarshal([]byte(`{"llmProviderRefName": "openai-prod", "modelId": "gpt-4o-mini", "streaming": false,
		"timeoutSeconds": 60, "connectTimeoutSeconds": 10, "streamTimeoutSeconds": 120, "retryCount": 0,
		"failoverStrategy": "SEQUENTIAL", "providerFailoverChain": [], "conditionalRoutes": [], "primaryPool": [],
		"enumAiRoutingAlgorithm": "ROUND_ROBIN", "circuitBreakerEnabled": false, "proxyEnabled": false,
		"mTLSSettings": null, "blockAnonymousRequests": false, "anonymousBudget": null}`), &ai)
	wantAI := AIRouting{
		LLMProviderRefName: "openai-prod", ModelID: "gpt-4o-mini", Streaming: ptr(false), TimeoutSeconds: ptr(60),
		ConnectTimeoutSeconds: ptr(10), StreamTimeoutSeconds: ptr(120), RetryCount: ptr(0),
		FailoverStrategy: AIFailoverSequential, ProviderFailoverChain: []AIFailoverEntry{},
		ConditionalRoutes: []AIConditionalRoute{}, PrimaryPool: []AIPoolEntry{}, RoutingAlgorithm: AIRoutingRoundRobin,
		CircuitBreakerEnabled: ptr(false), ProxyEnabled: ptr(false), MTLSSettings: json.RawMessage(`null`),
		BlockAnonymousRequests: ptr(false), AnonymousBudget: json.RawMessage(`null`),
	}
	if err != nil || !reflect.DeepEqual(ai, wantAI) {
		t.Errorf("AI example decodes to %+v, %v", ai, err)
	}

	var mcp MCPRouting
	err = json.Unmarshal([]byte(`{"routingMode": "PASSTHROUGH", "backendServers": [{"name": "internal-mcp-server",
		"endpoint": "https://mcp.example.com/mcp", "transport": "HTTP_SSE", "authScheme": "BEARER",
		"bearerToken": "raw-token-in-transit-only", "driftPolicy": "WARN_ONLY"}],
		"allowedToolNames": ["search", "fetch_document"], "toolOutputFilter": null, "identityAcl": [], "callQuota": null}`), &mcp)
	wantMCP := MCPRouting{
		RoutingMode: MCPPassthrough, AllowedToolNames: []string{"search", "fetch_document"},
		ToolOutputFilter: json.RawMessage(`null`), IdentityACL: []IdentityACLRule{},
		BackendServers: []BackendServer{{
			Name: "internal-mcp-server", Endpoint: "https://mcp.example.com/mcp", Transport: MCPTransportHTTPSSE,
			AuthScheme: BackendAuthBearer, BearerToken: ptr(Secret("raw-token-in-transit-only")), DriftPolicy: DriftWarnOnly,
		}},
	}
	if err != nil || !reflect.DeepEqual(mcp, wantMCP) {
		t.Errorf("MCP example decodes to %+v, %v", mcp, err)
	}

	var a2a A2ARouting
	err = json.Unmarshal([]byte(`{"routingMode": "AGENT_EXPOSE", "agentCard": {"descriptionOverride": "Answers",
		"inputModes": ["text/plain"], "outputModes": ["text/plain"], "skills": [{"id": "answer-question",
		"name": "Answer Question", "description": "Answers a question", "tags": ["support"]}]},
		"pushSettings": null, "identityAcl": [], "callQuota": {"scope": "PER_CREDENTIAL", "period": "MINUTE", "limit": 30}}`), &a2a)
	wantA2A := A2ARouting{
		RoutingMode: A2AAgentExpose, PushSettings: json.RawMessage(`null`), IdentityACL: []IdentityACLRule{},
		AgentCard: &A2AAgentCard{DescriptionOverride: "Answers", InputModes: []string{"text/plain"},
			OutputModes: []string{"text/plain"}, Skills: []A2ASkill{{ID: "answer-question", Name: "Answer Question",
				Description: "Answers a question", Tags: []string{"support"}}}},
		CallQuota: &CallQuota{Scope: CallQuotaPerCredential, Period: CallQuotaMinute, Limit: ptr(30)},
	}
	if err != nil || !reflect.DeepEqual(a2a, wantA2A) {
		t.Errorf("A2A example decodes to %+v, %v", a2a, err)
	}
}

// TestRoutingFormatRedactsSecrets prints every routing type that holds a
// Secret, as a value, a pointer, in lists and in struct fields, with every
// verb and through slog: the secret never shows, the other fields do, and
// json.Marshal still sends it.
func TestRoutingFormatRedactsSecrets(t *testing.T) {
	const secret = "hunter2-never-printed"
	server := BackendServer{Name: "srv-visible", BearerToken: ptr(Secret(secret)), ClientSecret: ptr(Secret(secret))}
	cases := []struct {
		name  string
		value any
		shown string
	}{
		{"AIRouting", AIRouting{ModelID: "gpt-visible", ProxyPassword: ptr(Secret(secret))}, "gpt-visible"},
		{"BackendServer", server, "srv-visible"},
		{"MCPRouting", MCPRouting{RoutingMode: MCPPassthrough, BackendServers: []BackendServer{server, {Name: "no-secret"}}}, "srv-visible"},
		{"A2ARouting", A2ARouting{ProtocolVersion: "1.0", BackendServers: []BackendServer{server}}, "srv-visible"},
	}
	for _, tc := range cases {
		checkRedacted(t, tc.name, tc.value, secret, tc.shown)
		if got := secretsOf(tc.value); len(got) == 0 || got[0] != secret {
			t.Errorf("%s: the pipeline finds the secrets %q, want %q", tc.name, got, secret)
		}
	}
}
