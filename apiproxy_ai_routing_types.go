package apinizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
)

// The routing of the 2026 AI, MCP and A2A API proxies: AIRouting,
// MCPRouting and A2ARouting (the last two in
// apiproxy_mcp_a2a_routing_types.go), each the whole body of its PUT
// (.../apiProxies/{apiProxyName}/ai-routing/, mcp-routing/, a2a-routing/)
// and the proxy's aiRouting, mcpRouting or a2aRouting when read. A proxy
// of another type answers 400.
//
// Each PUT replaces the whole object: what is not sent is not kept (the
// secrets excepted: a secret not sent, or sent blank, keeps the stored
// one). To change one field, read the object, change it and send it all
// back. OpenAPI describes none of these objects, so the fields here are the
// pages'. Extra carries the rest: decoding puts every member the type
// does not know in it, and encoding writes it back, so a value read and
// sent again loses nothing.
//
// Booleans and numbers are pointers and nil ones are not sent, nor are
// empty strings and lists; on a full replace, a field not sent is not
// kept. Objects whose fields no page lists are json.RawMessage, sent as
// given (a null read stays null when sent back).

// AIRouting is the routing of an AI API proxy: its LLM provider and model,
// timeouts, retries, failover, load balancing, conditional routes, circuit
// breaker, outbound proxy and anonymous traffic (page Update AI Routing).
// Providers are connections of the project, named by LLMProviderRefName
// (resolved to an id on save) or by id in LLMProviderRef. After the save
// every environment the proxy is deployed to needs a redeploy.
type AIRouting struct {
	LLMProviderRef     string `json:"llmProviderRef,omitempty"`     // the primary provider connection, by id
	LLMProviderRefName string `json:"llmProviderRefName,omitempty"` // the same by name; resolved to an id in the project
	ModelID            string `json:"modelId,omitempty"`            // a catalog model id, e.g. "gpt-4o-mini"
	Streaming          *bool  `json:"streaming,omitempty"`          // SSE responses; default false
	TimeoutSeconds     *int   `json:"timeoutSeconds,omitempty"`     // per LLM call; default 60

	ConnectTimeoutSeconds  *int             `json:"connectTimeoutSeconds,omitempty"` // DNS, TCP and TLS; default 10
	StreamTimeoutSeconds   *int             `json:"streamTimeoutSeconds,omitempty"`  // idle SSE stream; default 120
	MaxResponseBytes       *int64           `json:"maxResponseBytes,omitempty"`      // nil or 0 or less: no limit
	MaxChunks              *int64           `json:"maxChunks,omitempty"`             // SSE chunks; nil or 0 or less: no limit
	RetryCount             *int             `json:"retryCount,omitempty"`            // retries before the stream starts; default 0
	RetryDelayType         AIRetryDelayType `json:"retryDelayType,omitempty"`
	RetryFixedDelayMS      *int             `json:"retryFixedDelayMs,omitempty"`      // default 500
	RetryInitialDelayMS    *int             `json:"retryInitialDelayMs,omitempty"`    // default 500
	RetryMaxDelayMS        *int             `json:"retryMaxDelayMs,omitempty"`        // default 10000
	RetryBackoffMultiplier *float64         `json:"retryBackoffMultiplier,omitempty"` // default 2.0

	FailoverStrategy      AIFailoverStrategy `json:"failoverStrategy,omitempty"`
	ProviderFailoverChain []AIFailoverEntry  `json:"providerFailoverChain,omitempty"` // tried in order once the primary fails
	// FailoverStatusCodes are the backend statuses that fail over; empty:
	// 5xx, 408 and 429.
	FailoverStatusCodes           []int              `json:"failoverStatusCodeList,omitempty"`
	FailoverRetryCount            *int               `json:"failoverRetryCount,omitempty"`            // retries per failover entry; default 1
	ConditionalLatencyThresholdMS *int               `json:"conditionalLatencyThresholdMs,omitempty"` // for AIFailoverConditional
	PrimaryPool                   []AIPoolEntry      `json:"primaryPool,omitempty"`                   // equal primaries to balance over
	RoutingAlgorithm              AIRoutingAlgorithm `json:"enumAiRoutingAlgorithm,omitempty"`        // how PrimaryPool is balanced
	LeastCostOutputRatio          *float64           `json:"leastCostOutputRatio,omitempty"`          // for AIRoutingLeastCost; default 0.25
	AffinityKeyHeader             string             `json:"affinityKeyHeader,omitempty"`             // for AIRoutingPrefixAffinity; default "session_id"
	AffinityLoadFactor            *float64           `json:"affinityLoadFactor,omitempty"`            // for AIRoutingPrefixAffinity; default 1.25

	ConditionalRoutes            []AIConditionalRoute `json:"conditionalRoutes,omitempty"`            // the first that matches wins
	SemanticEmbeddingProviderRef string               `json:"semanticEmbeddingProviderRef,omitempty"` // embedding provider id, for utterances
	SemanticEmbeddingModelID     string               `json:"semanticEmbeddingModelId,omitempty"`     // default "text-embedding-3-small"

	CircuitBreakerEnabled *bool              `json:"circuitBreakerEnabled,omitempty"` // default false
	ErrorWindow           *int               `json:"errorWindow,omitempty"`           // seconds; default 10
	ErrorThresholdValue   *int               `json:"errorThresholdValue,omitempty"`   // default 1
	ErrorThresholdType    ErrorThresholdType `json:"enumErrorThresholdType,omitempty"`
	SleepWindow           *int               `json:"sleepWindow,omitempty"`     // seconds; default 10
	HalfOpenEnabled       *bool              `json:"halfOpenEnabled,omitempty"` // default false

	ProxyEnabled             *bool  `json:"proxyEnabled,omitempty"` // call the LLM through an HTTP proxy
	ProxyHost                string `json:"proxyHost,omitempty"`
	ProxyPort                *int   `json:"proxyPort,omitempty"`
	ProxyAuthorizationNeeded *bool  `json:"proxyAuthorizationNeeded,omitempty"`
	ProxyUsername            string `json:"proxyUsername,omitempty"`
	// ProxyPassword is stored encrypted; nil (not sent) or a pointer to ""
	// keeps the stored one.
	ProxyPassword *Secret `json:"proxyPassword,omitempty"`
	// MTLSSettings are the client certificate settings towards the
	// providers; no page lists their fields.
	MTLSSettings         json.RawMessage `json:"mTLSSettings,omitempty"`
	DisableSSLValidation *bool           `json:"disableSslValidation,omitempty"` // accept self-signed certificates

	BlockAnonymousRequests *bool `json:"blockAnonymousRequests,omitempty"` // 401 without authentication; default false
	// AnonymousBudget is the token and cost budget of anonymous requests;
	// no page lists its fields.
	AnonymousBudget           json.RawMessage `json:"anonymousBudget,omitempty"`
	TraceMode                 AITraceMode     `json:"traceMode,omitempty"`
	EnableAITrace             *bool           `json:"enableAiTrace,omitempty"`
	AITraceEnvironmentName    string          `json:"aiTraceEnvironmentName,omitempty"` // where the AI trace was started
	AITraceCustomQueryID      string          `json:"aiTraceCustomQueryId,omitempty"`
	AITraceMaxDurationSeconds *int            `json:"aiTraceMaxDurationSeconds,omitempty"` // default 300

	// Extra holds members the type lacks, sent as given: a member of Extra
	// replaces a field's member of the same name, and a nil value is sent
	// as null. Decoding fills it with every member the fields do not take.
	// It is printed as it is: put no secret in it.
	Extra map[string]json.RawMessage `json:"-"`
}

// AIFailoverEntry is one provider of AIRouting.ProviderFailoverChain.
type AIFailoverEntry struct {
	LLMProviderRef     string `json:"llmProviderRef,omitempty"`     // by id
	LLMProviderRefName string `json:"llmProviderRefName,omitempty"` // by name; resolved to an id
	ModelID            string `json:"modelId,omitempty"`            // empty: the primary's
	CredentialRef      string `json:"credentialRef,omitempty"`
	TimeoutMS          *int   `json:"timeoutMs,omitempty"`
	OrderIndex         *int   `json:"orderIndex,omitempty"`
	DisplayName        string `json:"displayName,omitempty"`
}

// AIPoolEntry is one provider of AIRouting.PrimaryPool.
type AIPoolEntry struct {
	LLMProviderRef     string `json:"llmProviderRef,omitempty"`     // by id
	LLMProviderRefName string `json:"llmProviderRefName,omitempty"` // by name; resolved to an id
	ModelID            string `json:"modelId,omitempty"`
	Weight             *int   `json:"weight,omitempty"` // for AIRoutingWeighted
	DisplayName        string `json:"displayName,omitempty"`
}

// AIConditionalRoute sends the requests it matches to its own provider
// and model (AIRouting.ConditionalRoutes). It matches by Condition, by
// meaning (SemanticUtterances), or both. A provider or model left empty
// is the primary's.
type AIConditionalRoute struct {
	Name string `json:"name,omitempty"` // a label
	// Condition is a rule of the Manager's condition editor; no page lists
	// its fields. Empty: the rule side always matches.
	Condition          json.RawMessage `json:"condition,omitempty"`
	LLMProviderRef     string          `json:"llmProviderRef,omitempty"`
	LLMProviderRefName string          `json:"llmProviderRefName,omitempty"` // resolved to an id
	ModelID            string          `json:"modelId,omitempty"`
	SemanticUtterances []string        `json:"semanticUtterances,omitempty"` // example prompts; ${VARIABLE} allowed
	SemanticThreshold  *float64        `json:"semanticThreshold,omitempty"`  // minimum cosine similarity; default 0.75
}

// AIRetryDelayType is the wait between an AI proxy's retries. Other values
// are sent as given.
type AIRetryDelayType string

// The documented retry delay types.
const (
	AIRetryNoDelay            AIRetryDelayType = "NO_DELAY"
	AIRetryFixed              AIRetryDelayType = "FIXED"               // RetryFixedDelayMS
	AIRetryExponentialBackoff AIRetryDelayType = "EXPONENTIAL_BACKOFF" // from RetryInitialDelayMS to RetryMaxDelayMS
)

// AIFailoverStrategy is how an AI proxy walks its failover chain. Other
// values are sent as given.
type AIFailoverStrategy string

// The documented failover strategies.
const (
	AIFailoverSequential  AIFailoverStrategy = "SEQUENTIAL"
	AIFailoverRoundRobin  AIFailoverStrategy = "ROUND_ROBIN"
	AIFailoverConditional AIFailoverStrategy = "CONDITIONAL" // by the kind of failure
)

// AIRoutingAlgorithm is how an AI proxy picks a member of its primary
// pool. Other values are sent as given.
type AIRoutingAlgorithm string

// The documented algorithms.
const (
	AIRoutingRoundRobin     AIRoutingAlgorithm = "ROUND_ROBIN"
	AIRoutingWeighted       AIRoutingAlgorithm = "WEIGHTED"
	AIRoutingRandom         AIRoutingAlgorithm = "RANDOM"
	AIRoutingLeastCost      AIRoutingAlgorithm = "LEAST_COST"
	AIRoutingPrefixAffinity AIRoutingAlgorithm = "PREFIX_AFFINITY" // one conversation, one member
	AIRoutingLRU            AIRoutingAlgorithm = "LRU"
)

// ErrorThresholdPercentage is the Update AI Routing page's spelling of a
// percentage threshold; the circuit breaker setting's is
// ErrorThresholdPercent ("PERCENT").
const ErrorThresholdPercentage ErrorThresholdType = "PERCENTAGE"

// AITraceMode is how much an AI trace records. Other values are sent as
// given.
type AITraceMode string

// The documented trace modes (the page lists these two and more).
const (
	AITraceMetric AITraceMode = "METRIC"
	AITraceFull   AITraceMode = "FULL"
)

// MarshalJSON writes the routing with Extra's members.
func (r AIRouting) MarshalJSON() ([]byte, error) {
	type plain AIRouting
	return marshalExtra(plain(r), r.Extra)
}

// UnmarshalJSON reads the routing, and every member it has no field for
// into Extra; null changes nothing.
func (r *AIRouting) UnmarshalJSON(b []byte) error {
	type plain AIRouting
	return decodeExtra(b, (*plain)(r), &r.Extra)
}

// Format prints the routing with the proxy password redacted, for every
// verb.
func (r AIRouting) Format(f fmt.State, verb rune) {
	type plain AIRouting
	formatRedacted(f, verb, plain(r), r)
}

// LogValue logs the routing with the proxy password redacted.
func (r AIRouting) LogValue() slog.Value { return redactedLog(r) }

// marshalExtra marshals plain, a value converted to a type without
// methods, and sets extra's members in the object it makes, in place of
// members of the same name.
func marshalExtra(plain any, extra map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(plain)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	for k, v := range extra {
		obj[k] = v
	}
	return json.Marshal(obj)
}

// unmarshalExtra decodes b into plain, a pointer to a value of a type
// without methods, and returns the members of b that none of its fields
// take (matched as encoding/json matches them, ignoring case), or nil.
func unmarshalExtra(b []byte, plain any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(b, plain); err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	t := reflect.TypeOf(plain).Elem()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case name == "":
			name = f.Name
		}
		known[strings.ToLower(name)] = true
	}
	var extra map[string]json.RawMessage
	for k, v := range obj {
		if !known[strings.ToLower(k)] {
			if extra == nil {
				extra = map[string]json.RawMessage{}
			}
			extra[k] = v
		}
	}
	return extra, nil
}

// decodeExtra is every UnmarshalJSON with an Extra: b replaces *dst (a
// value of the type converted to one without methods) and the members
// no field names go to *extra; null changes nothing.
func decodeExtra[P any](b []byte, dst *P, extra *map[string]json.RawMessage) error {
	if isNull(b) {
		return nil
	}
	var p P
	e, err := unmarshalExtra(b, &p)
	if err != nil {
		return err
	}
	*dst, *extra = p, e
	return nil
}

// isNull reports whether b is the JSON null, which decodes to nothing.
func isNull(b []byte) bool { return string(bytes.TrimSpace(b)) == "null" }
