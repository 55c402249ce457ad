package apinizer

import (
	"github.com/apinizer-go/apinizer/internal/ops"

	"encoding/json"
	"time"
)

// The settings of an API proxy: one type per setting, each sent by
// UpdateAPIProxySettings as PATCH .../apiProxies/{apiProxyName}/settings/{path}/.
// This file holds what they share and the general settings; the others are
// in apiproxy_settings_routing.go, apiproxy_settings_security.go,
// apiproxy_settings_errors.go, apiproxy_settings_cache.go and
// apiproxy_settings_variable.go.
//
// Every field is optional and a field left at its zero value is not sent:
// most pages say only the fields sent are updated. So booleans and numbers
// are pointers (nil: not sent, keep what is stored), strings are left out
// when empty unless "" is documented to mean something (then *string), and
// lists are left out when empty unless [] is documented to mean something
// (then a nil list is left out and an empty non-nil list is sent as []).
// Enum values are typed strings; the client checks none of them.

// settingsKind is how one setting is sent: its catalog row (PATCH
// .../apiProxies/{apiProxyName}/settings/<its path>/) and its body's form.
type settingsKind struct {
	op      *ops.Op // e.g. ops.SettingsCORS
	wrapper string  // the 2026 pages' wrapper object, e.g. "corsSettings"; "" when the 2026 body is flat
	union   bool    // the seven settings whose 2026 body is wrapped but whose 2025/OpenAPI body is flat: send both in one body
	classic bool    // touches classic routing: AI proxies answer 400 (the "AI" column of the table)
}

// Settings is one setting of an API proxy, for UpdateAPIProxySettings. Sealed.
type Settings interface{ settings() settingsKind }

// HTTPMethod is an HTTP method as the API names it (EnumHttpRequestMethod),
// ALL included. Other values are sent as given.
type HTTPMethod string

// The documented HTTP methods.
const (
	HTTPMethodGet     HTTPMethod = "GET"
	HTTPMethodPost    HTTPMethod = "POST"
	HTTPMethodPut     HTTPMethod = "PUT"
	HTTPMethodHead    HTTPMethod = "HEAD"
	HTTPMethodOptions HTTPMethod = "OPTIONS"
	HTTPMethodDelete  HTTPMethod = "DELETE"
	HTTPMethodPatch   HTTPMethod = "PATCH"
	HTTPMethodTrace   HTTPMethod = "TRACE"
	HTTPMethodAll     HTTPMethod = "ALL" // every method
)

// Header is one HTTP header name and value, as in a client route's
// "headerList" (OpenAPI's ApinizerBasicHeader).
type Header struct {
	Name  string `json:"name"`  // a client route matches it case-insensitively
	Value string `json:"value"` // a client route matches it exactly
}

// SharingType says who may see an API proxy (Update Metadata's
// EnumSharingType). Other values are sent as given.
type SharingType string

// The documented sharing types.
const (
	SharingBoth     SharingType = "BOTH"
	SharingNone     SharingType = "NONE"
	SharingExternal SharingType = "EXTERNAL"
	SharingInternal SharingType = "INTERNAL"
)

// BodyReadBehavior says when the gateway reads a request or response body
// (EnumBodyReadBehavior, 2026). Other values are sent as given.
type BodyReadBehavior string

// The documented body read behaviours.
const (
	BodyAlwaysRead         BodyReadBehavior = "ALWAYS_READ" // the API's default
	BodyReadIfPolicyExists BodyReadBehavior = "READ_IF_POLICY_EXISTS"
	BodyNeverRead          BodyReadBehavior = "NEVER_READ"
)

// ContractDirection is the direction of an API's contract
// (EnumContractDirection, 2026). Other values are sent as given.
type ContractDirection string

// The documented contract directions.
const (
	DirectionRequestResponse ContractDirection = "REQUEST_RESPONSE"
	DirectionRequestOnly     ContractDirection = "REQUEST_ONLY"  // fire and forget
	DirectionResponseOnly    ContractDirection = "RESPONSE_ONLY" // server push, event streams
)

// MetadataSettings renames an API proxy or changes its description,
// categories, sharing and (2026) body handling: page Update Metadata,
// path settings/metadata/, flat body. Send at least one field. The 2025
// page and OpenAPI know only Name, Description, Categories and
// SharingType; the rest is 2026. An AI proxy answers 400 only when
// FixSOAPAPIPortType is sent.
type MetadataSettings struct {
	Name        string  `json:"name,omitempty"`        // a new name for the proxy, unique in the project
	Description *string `json:"description,omitempty"` // nil: kept; a pointer to "": cleared
	// Categories: nil is not sent (kept); an empty non-nil list is sent as
	// [] and removes every category.
	Categories                    []string          `json:"categoryList,omitzero"`
	SharingType                   SharingType       `json:"sharingType,omitempty"`
	RequestBodyReadBehavior       BodyReadBehavior  `json:"requestBodyReadBehavior,omitempty"`       // 2026
	ResponseBodyReadBehavior      BodyReadBehavior  `json:"responseBodyReadBehavior,omitempty"`      // 2026
	Direction                     ContractDirection `json:"direction,omitempty"`                     // 2026
	DisableDirectAccessToGateways *bool             `json:"disableDirectAccessToGateways,omitempty"` // 2026; true: only through the API Portal
	GlobalAPIProxySettingName     string            `json:"globalApiProxySettingName,omitempty"`     // 2026; a Global API Proxy Setting of the same project, by name
	BackendProxyApplyPolicies     *bool             `json:"backendProxyApplyPolicies,omitempty"`     // 2026; apply policies when called as another proxy's backend
	FixSOAPAPIPortType            *bool             `json:"fixSoapApiPortType,omitempty"`            // 2026; SOAP proxies only
}

func (MetadataSettings) settings() settingsKind { return settingsKind{op: ops.SettingsMetadata} }

// MaintenanceModeSettings turns maintenance mode on or off, and sets the
// answer clients get meanwhile: page Update Maintenance Mode (2026 only),
// path settings/maintenance-mode/, flat body. The change applies after a
// redeploy.
type MaintenanceModeSettings struct {
	Enabled        *bool  `json:"enabled,omitempty"`        // default false
	HTTPStatusCode *int   `json:"httpStatusCode,omitempty"` // default 403
	ContentType    string `json:"contentType,omitempty"`    // default "application/json; charset=utf-8"
	Message        string `json:"message,omitempty"`        // the response body; default: a built-in message
}

func (MaintenanceModeSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsMaintenanceMode}
}

// TraceSettings turns trace logging on for one environment, optionally
// only between two times: page Update Trace Settings (2026 only), path
// settings/trace/, flat body. OpenAPI documents instead a single
// "logApiProxy" object with no fields (LogAPIProxy).
type TraceSettings struct {
	EnableTraceLog  *bool      `json:"enableTraceLog,omitempty"`  // default false
	StartTime       *time.Time `json:"startTime,omitempty"`       // sent in UTC, RFC 3339 ("2025-01-01T00:00:00Z")
	StopTime        *time.Time `json:"stopTime,omitempty"`        // sent in UTC, RFC 3339
	EnvironmentName string     `json:"environmentName,omitempty"` // the one environment traced
	// LogAPIProxy is OpenAPI's only field of this body, an object it does
	// not describe; sent as given when set. The 2026 page does not know it.
	LogAPIProxy json.RawMessage `json:"logApiProxy,omitempty"`
}

func (TraceSettings) settings() settingsKind { return settingsKind{op: ops.SettingsTrace} }

// MarshalJSON writes the times in UTC as RFC 3339 with "Z", as the page's
// examples do, and leaves out what is not set.
func (s TraceSettings) MarshalJSON() ([]byte, error) {
	type plain TraceSettings
	return json.Marshal(struct {
		plain
		StartTime string `json:"startTime,omitempty"` // these shadow plain's fields of the same name
		StopTime  string `json:"stopTime,omitempty"`
	}{plain(s), rfc3339UTC(s.StartTime), rfc3339UTC(s.StopTime)})
}

// rfc3339UTC formats t in UTC as RFC 3339 (fractional seconds only when
// set), or "" for nil.
func rfc3339UTC(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// WSAMustUnderstand is the mustUnderstand attribute of the WS-Addressing
// headers (EnumSoapWsaMustUnderstand). Other values are sent as given.
type WSAMustUnderstand string

// The documented mustUnderstand values.
const (
	WSAMustUnderstandNone  WSAMustUnderstand = "NONE" // no attribute; the API's default
	WSAMustUnderstandTrue  WSAMustUnderstand = "TRUE"
	WSAMustUnderstandFalse WSAMustUnderstand = "FALSE"
)

// WSAVersion is a WS-Addressing version (EnumSoapWsaVersion). Other values
// are sent as given.
type WSAVersion string

// The documented WS-Addressing versions.
const (
	WSAVersion200408 WSAVersion = "V200408" // http://schemas.xmlsoap.org/ws/2004/08/addressing
	WSAVersion200508 WSAVersion = "V200508" // http://www.w3.org/2005/08/addressing; the API's default
)

// WSASettings is the WS-Addressing configuration of one SOAP endpoint, the
// "wsaSettings" object of Update Endpoint WSA (PATCH .../endpoints/wsa/;
// OpenAPI's SoapApiMethodWsaSettings). It is not a proxy setting. The
// 2025 and 2026 pages document the same fields; neither says whether
// fields left out are kept.
type WSASettings struct {
	WSAEnabled           *bool             `json:"wsaEnabled,omitempty"` // default false
	WSAMustUnderstand    WSAMustUnderstand `json:"wsaMustUnderstand,omitempty"`
	WSAVersion           WSAVersion        `json:"wsaVersion,omitempty"`
	WSAAddDefaultAction  *bool             `json:"wsaAddDefaultAction,omitempty"` // true: Action from the method's SOAP action; default false
	WSAAction            string            `json:"wsaAction,omitempty"`           // the Action URI when not the default
	WSAAddDefaultTo      *bool             `json:"wsaAddDefaultTo,omitempty"`     // true: To is the target address; default false
	WSATo                string            `json:"wsaTo,omitempty"`
	WSAReplyTo           string            `json:"wsaReplyTo,omitempty"`
	WSAGenerateMessageID *bool             `json:"wsaGenerateMessageId,omitempty"` // true: a generated "urn:uuid:..." MessageID; default false
	WSAMessageID         string            `json:"wsaMessageId,omitempty"`
	WSAFrom              string            `json:"wsaFrom,omitempty"`
	WSAFaultTo           string            `json:"wsaFaultTo,omitempty"`
	WSARelatesTo         string            `json:"wsaRelatesTo,omitempty"`
	WSARelationshipType  string            `json:"wsaRelationShipType,omitempty"` // the API's spelling, capital S
}
