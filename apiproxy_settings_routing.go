package apinizer

import (
	"encoding/json"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The routing settings of an API proxy: how clients reach it (client
// route) and how it reaches its backend (addresses, status, connection,
// circuit breaker, custom message, gRPC, WebSocket). Every one of them but
// the client route touches classic routing, which an AI proxy (2026)
// refuses with a 400.

// ClientRoute is how requests are matched to an API proxy: every list
// given must match (paths, methods, hosts, headers). It is the body of
// Update Client Route, the "clientRoute" of the proxy create and update
// requests and of Get API Proxy, and OpenAPI's ClientRoute. The 2026 pages
// and OpenAPI call the hosts "hostList", the 2025 proxy pages
// "virtualHostList"; both fields are here, sent only when set.
type ClientRoute struct {
	RelativePaths  []string     `json:"relativePathList,omitempty"` // each at least 2 characters; case-sensitive
	Methods        []HTTPMethod `json:"methodList,omitempty"`
	Hosts          []string     `json:"hostList,omitempty"`        // matched against the Host header, case-insensitively
	VirtualHosts   []string     `json:"virtualHostList,omitempty"` // the 2025 proxy pages' name for the hosts
	Headers        []Header     `json:"headerList,omitempty"`      // every one must be present
	BufferRequest  *bool        `json:"bufferRequest,omitempty"`   // default true: policies can read the request body
	BufferResponse *bool        `json:"bufferResponse,omitempty"`  // default true: policies can read the response body
}

// ClientRouteSettings is a ClientRoute sent as a setting: page Update
// Client Route, path settings/client-route/. Convert with
// ClientRouteSettings(route), or write its fields directly. Give at least
// one of the lists (empty lists count as not given). The 2026 page wraps
// the fields in "clientRoute", the 2025 page and OpenAPI send them flat:
// both are sent. Changes reach the gateway with the next deployment.
type ClientRouteSettings ClientRoute

func (ClientRouteSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsClientRoute, wrapper: "clientRoute", union: true}
}

// SOAPType is the SOAP version of a routing address (EnumSoapApiPortType).
// Other values are sent as given.
type SOAPType string

// The documented SOAP types.
const (
	SOAP11   SOAPType = "SOAP11" // the API's default for SOAP proxies
	SOAP12   SOAPType = "SOAP12"
	SOAPHTTP SOAPType = "HTTP" // in OpenAPI's enum only
)

// RoutingAddressType is the role of a backend address
// (EnumRoutingAddressType, 2026). Other values are sent as given.
type RoutingAddressType string

// The documented address types.
const (
	AddressPrimary      RoutingAddressType = "PRIMARY" // normal traffic; the API's default
	AddressCanary       RoutingAddressType = "CANARY"  // a share of the traffic
	AddressMirror       RoutingAddressType = "MIRROR"  // a copy of the traffic
	AddressFailoverOnly RoutingAddressType = "FAILOVER_ONLY"
)

// RoutingAddress is one backend address of an API proxy: an item of
// "routingAddressList" in Update Routing Addresses, the proxy create and
// update requests and Get API Proxy. The 2025 pages know Address, Weight,
// SOAPType and (on the proxy pages) HealthCheckEnabled; the 2026 pages
// add Description, AddressType, HealthCheckPath and
// HealthMonitoringEnabled, which replaces HealthCheckEnabled.
type RoutingAddress struct {
	Address                 string             `json:"address"`                           // required; an http:// or https:// URL
	Weight                  *int               `json:"weight,omitempty"`                  // for the WEIGHTED algorithm; default 1 (the URL create pages say 100)
	SOAPType                SOAPType           `json:"soapType,omitempty"`                // SOAP proxies; default SOAP11
	Description             string             `json:"description,omitempty"`             // 2026
	AddressType             RoutingAddressType `json:"addressType,omitempty"`             // 2026; default PRIMARY
	HealthCheckPath         string             `json:"healthCheckPath,omitempty"`         // 2026; PRIMARY and FAILOVER_ONLY addresses only
	HealthMonitoringEnabled *bool              `json:"healthMonitoringEnabled,omitempty"` // 2026; HTTP addresses only
	HealthCheckEnabled      *bool              `json:"healthCheckEnabled,omitempty"`      // 2025 proxy pages' name of the health flag
}

// RoutingAddresses replaces every backend address of an API proxy: page
// Update Routing Addresses, path settings/addresses/, body
// {"routingAddressList": [...]} in both generations. It is the whole new
// list, not a change to it: a nil or empty RoutingAddresses is sent as []
// and removes every address (routing then fails).
type RoutingAddresses []RoutingAddress

func (RoutingAddresses) settings() settingsKind {
	return settingsKind{op: ops.SettingsRoutingAddresses, wrapper: "routingAddressList", classic: true}
}

// MarshalJSON writes the list, [] when there is none.
func (a RoutingAddresses) MarshalJSON() ([]byte, error) {
	if a == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]RoutingAddress(a))
}

// RoutingStatusSettings turns routing to the backend on or off: page
// Update Routing Status, path settings/routing-status/, flat body. The
// 2026 page has EchoEnabled (answer with the request itself), the 2025 page
// and OpenAPI MirrorEnabled (also send a copy to a mirror backend); send
// the one your Manager knows.
type RoutingStatusSettings struct {
	RoutingEnabled *bool `json:"routingEnabled,omitempty"`
	EchoEnabled    *bool `json:"echoEnabled,omitempty"`   // 2026
	MirrorEnabled  *bool `json:"mirrorEnabled,omitempty"` // 2025 and OpenAPI
}

func (RoutingStatusSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsRoutingStatus, classic: true}
}

// QueryEncodingMode is how query values are encoded towards the backend
// (EnumQueryEncodingMode, 2026). Other values are sent as given.
type QueryEncodingMode string

// The documented query encoding modes.
const (
	QueryEncodingStandard    QueryEncodingMode = "STANDARD" // form-style; the API's default
	QueryEncodingRFC3986     QueryEncodingMode = "RFC3986"  // keeps what RFC 3986 allows in a query
	QueryEncodingPassthrough QueryEncodingMode = "PASSTHROUGH"
)

// ConnectionPoolManagementType is how backend connections are pooled
// (EnumConnectionPoolManagementType). Other values are sent as given.
type ConnectionPoolManagementType string

// The documented pool types.
const (
	ConnectionPoolGeneral ConnectionPoolManagementType = "GENERAL" // the shared pool
	ConnectionPoolCustom  ConnectionPoolManagementType = "CUSTOM"  // needs CustomConnectionPoolSize
	ConnectionPoolNone    ConnectionPoolManagementType = "NONE"
)

// ConnectionSettings are the backend connection's timeouts, redirects,
// pooling and headers: page Update Connection Settings, path
// settings/connection/, flat body (the 2026 page documents no deploy
// fields for it). RetryCount and FailoverRetryCount are on the 2025 page
// and in OpenAPI only; ValidateAfterInactivity, IdleConnectionTimeout,
// QueryEncodingMode and the fields from HopByHopHeaders on are 2026 only.
type ConnectionSettings struct {
	ConnectionSettingsEnabled         *bool                        `json:"connectionSettingsEnabled,omitempty"`
	ConnectTimeout                    *int                         `json:"connectTimeout,omitempty"`           // seconds
	ReadTimeout                       *int                         `json:"readTimeout,omitempty"`              // seconds
	ConnectionRequestTimeout          *int                         `json:"connectionRequestTimeout,omitempty"` // seconds
	ValidateAfterInactivity           *int                         `json:"validateAfterInactivity,omitempty"`  // 2026; milliseconds, default 2000
	IdleConnectionTimeout             *int                         `json:"idleConnectionTimeout,omitempty"`    // 2026; seconds, default 30
	RedirectsEnabled                  *bool                        `json:"redirectsEnabled,omitempty"`
	MaxRedirects                      *int                         `json:"maxRedirects,omitempty"`
	RelativeRedirectsAllowed          *bool                        `json:"relativeRedirectsAllowed,omitempty"`
	DisableContentCompression         *bool                        `json:"disableContentCompression,omitempty"`
	EnableStreaming                   *bool                        `json:"enableStreaming,omitempty"`
	RetryCount                        *int                         `json:"retryCount,omitempty"`         // 2025 and OpenAPI
	FailoverRetryCount                *int                         `json:"failoverRetryCount,omitempty"` // 2025 and OpenAPI
	IgnoreRoutingError                *bool                        `json:"ignoreRoutingError,omitempty"` // true: backend errors pass through without the error template; default false
	QueryEncodingMode                 QueryEncodingMode            `json:"queryEncodingMode,omitempty"`  // 2026; default STANDARD
	ConnectionPoolManagementType      ConnectionPoolManagementType `json:"connectionPoolManagementType,omitempty"`
	CustomConnectionPoolSize          *int                         `json:"customConnectionPoolSize,omitempty"`          // required for ConnectionPoolCustom
	HopByHopHeaders                   []string                     `json:"hopByHopHeaders,omitempty"`                   // 2026; removed before forwarding
	SendUserAgentToBackend            *bool                        `json:"sendUserAgentToBackend,omitempty"`            // 2026
	UserAgentValue                    string                       `json:"userAgentValue,omitempty"`                    // 2026
	DoNotRouteZeroValueContentLength  *bool                        `json:"doNotRouteZeroValueContentLength,omitempty"`  // 2026
	EnableDownload                    *bool                        `json:"enableDownload,omitempty"`                    // 2026
	UseByteArrayForCompressedResponse *bool                        `json:"useByteArrayForCompressedResponse,omitempty"` // 2026
}

func (ConnectionSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsConnection, classic: true}
}

// ErrorThresholdType is how a circuit breaker's threshold counts
// (EnumErrorThresholdType). Other values are sent as given.
type ErrorThresholdType string

// The documented threshold types.
const (
	ErrorThresholdCount   ErrorThresholdType = "COUNT"   // a number of errors
	ErrorThresholdPercent ErrorThresholdType = "PERCENT" // a share of the requests
)

// CircuitBreakerSettings stop calls to a failing backend for a while: page
// Update Circuit Breaker Settings, path settings/circuit-breaker/, flat
// body, the same fields in both generations.
type CircuitBreakerSettings struct {
	CircuitBreakerEnabled *bool              `json:"circuitBreakerEnabled,omitempty"`
	ErrorWindow           *int               `json:"errorWindow,omitempty"`         // seconds in which errors are counted
	ErrorThresholdValue   *int               `json:"errorThresholdValue,omitempty"` // a count or a percentage, per ErrorThresholdType
	ErrorThresholdType    ErrorThresholdType `json:"enumErrorThresholdType,omitempty"`
	SleepWindow           *int               `json:"sleepWindow,omitempty"` // seconds the circuit stays open
	HalfOpenEnabled       *bool              `json:"halfOpenEnabled,omitempty"`
}

func (CircuitBreakerSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsCircuitBreaker, classic: true}
}

// CustomMessageSettings make the gateway answer with a fixed response
// instead of calling the backend: page Update Custom Message (2026 only),
// path settings/custom-message/, flat body.
type CustomMessageSettings struct {
	BuildCustomMessage          *bool  `json:"buildCustomMessage,omitempty"`          // default false
	CustomMessageTemplate       string `json:"customMessageTemplate,omitempty"`       // the body; may hold variables such as ${request_uri}
	CustomMessageContentType    string `json:"customMessageContentType,omitempty"`    // e.g. "application/json"
	CustomMessageHTTPStatusCode *int   `json:"customMessageHttpStatusCode,omitempty"` // default 200
}

func (CustomMessageSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsCustomMessage, classic: true}
}

// GRPCSettings tune a gRPC proxy's channel to its backend: page Update
// gRPC Settings (2026 only), path settings/grpc/, body {"grpcSettings":
// {...}} on the page and in OpenAPI (which describes no fields). Fields not
// set keep the system's defaults. Other proxy types answer 400.
type GRPCSettings struct {
	MaxInboundMessageSize  *int  `json:"maxInboundMessageSize,omitempty"`  // bytes
	MaxInboundMetadataSize *int  `json:"maxInboundMetadataSize,omitempty"` // bytes
	KeepAliveTime          *int  `json:"keepAliveTime,omitempty"`          // seconds between pings
	KeepAliveTimeout       *int  `json:"keepAliveTimeout,omitempty"`       // seconds
	KeepAliveWithoutCalls  *bool `json:"keepAliveWithoutCalls,omitempty"`
	ChannelIdleTimeout     *int  `json:"channelIdleTimeout,omitempty"` // seconds
	PerRPCBufferLimit      *int  `json:"perRpcBufferLimit,omitempty"`  // bytes
	MaxRetryAttempts       *int  `json:"maxRetryAttempts,omitempty"`
	MaxHedgedAttempts      *int  `json:"maxHedgedAttempts,omitempty"`
	MaxTraceEvents         *int  `json:"maxTraceEvents,omitempty"`
}

func (GRPCSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsGRPC, wrapper: "grpcSettings", classic: true}
}

// WebSocketSettings tune a WebSocket proxy's connection to its backend:
// page Update WebSocket Settings (2026 only), path settings/websocket/,
// body {"websocketSettings": {...}} on the page and in OpenAPI (which
// describes no fields). Fields not set keep the system's defaults. Other
// proxy types answer 400.
type WebSocketSettings struct {
	ConnectionLostTimeout   *int  `json:"connectionLostTimeout,omitempty"` // seconds without data
	ReuseAddr               *bool `json:"reuseAddr,omitempty"`             // SO_REUSEADDR
	ConnectTimeout          *int  `json:"connectTimeout,omitempty"`        // seconds
	MaxRetries              *int  `json:"maxRetries,omitempty"`            // first connection
	RetryDelay              *int  `json:"retryDelay,omitempty"`            // milliseconds
	AutoReconnect           *bool `json:"autoReconnect,omitempty"`
	AutoReconnectMaxRetries *int  `json:"autoReconnectMaxRetries,omitempty"`
	AutoReconnectRetryDelay *int  `json:"autoReconnectRetryDelay,omitempty"` // milliseconds
}

func (WebSocketSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsWebSocket, wrapper: "websocketSettings", classic: true}
}
