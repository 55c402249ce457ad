package apinizer

import (
	"github.com/apinizer-go/apinizer/internal/ops"

	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
)

// The security settings of an API proxy: its keys, CORS, the forwarded
// client IP, and how it authenticates to its backend (mTLS, NTLM, a
// forward proxy). The three that hold a Secret print and log it redacted.

// APIKeySettings sets an API proxy's public key (API key) and secret key:
// page Update API Keys, path settings/keys/, flat body, the same in both
// generations. Send at least one; a key sent must not be blank, and the
// one not sent is kept.
type APIKeySettings struct {
	PublicKey string `json:"publicKey,omitempty"`
	SecretKey Secret `json:"secretKey,omitempty"` // stored encrypted
}

func (APIKeySettings) settings() settingsKind { return settingsKind{op: ops.SettingsKeys} }

// Format prints the settings with the secret key redacted, for every verb.
func (s APIKeySettings) Format(f fmt.State, verb rune) {
	type plain APIKeySettings
	formatRedacted(f, verb, plain(s), s)
}

// LogValue logs the settings with the secret key redacted.
func (s APIKeySettings) LogValue() slog.Value { return redactedLog(s) }

// CORSSettings is an API proxy's CORS configuration: page Update CORS
// Settings, path settings/cors/. The 2026 page wraps the fields in
// "corsSettings", the 2025 page and OpenAPI (CorsSettings) send them flat:
// both are sent. Name is required by the API. Origin, RequestMethod and
// RequestHeaders are in OpenAPI only.
type CORSSettings struct {
	Name          string       `json:"name,omitempty"` // required by the API
	Description   string       `json:"description,omitempty"`
	CORSActive    *bool        `json:"corsActive,omitempty"`       // default false
	AllowOrigins  []string     `json:"allowOriginList,omitempty"`  // ["*"]: every origin (not with AllowCredentials true)
	AllowMethods  []HTTPMethod `json:"allowMethodList,omitempty"`  //
	AllowHeaders  []string     `json:"allowHeaderList,omitempty"`  // ["*"]: every header
	ExposeHeaders []string     `json:"exposeHeaderList,omitempty"` // readable by the browser's scripts
	// AllowCredentials is sent as the string "true" or "false", the API's
	// type for it (default "false"); nil is not sent. Decoding accepts the
	// string or a JSON boolean.
	AllowCredentials *bool    `json:"allowCredentials,omitempty"`
	MaxAge           *int     `json:"maxAge,omitempty"`            // seconds a preflight answer is cached; default 3600
	Origin           string   `json:"origin,omitempty"`            // OpenAPI only
	RequestMethod    string   `json:"requestMethod,omitempty"`     // OpenAPI only
	RequestHeaders   []string `json:"requestHeaderList,omitempty"` // OpenAPI only
}

func (CORSSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsCORS, wrapper: "corsSettings", union: true}
}

// MarshalJSON writes the settings with AllowCredentials as "true" or
// "false".
func (s CORSSettings) MarshalJSON() ([]byte, error) {
	type plain CORSSettings
	w := struct {
		plain
		AllowCredentials string `json:"allowCredentials,omitempty"` // shadows plain's field of the same name
	}{plain: plain(s)}
	if s.AllowCredentials != nil {
		w.AllowCredentials = strconv.FormatBool(*s.AllowCredentials)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the settings, AllowCredentials from "true" or
// "false" or from a JSON boolean; null or "" leaves it nil.
func (s *CORSSettings) UnmarshalJSON(b []byte) error {
	type plain CORSSettings
	var w struct {
		plain
		AllowCredentials any `json:"allowCredentials"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = CORSSettings(w.plain)
	switch v := w.AllowCredentials.(type) {
	case nil:
	case bool:
		s.AllowCredentials = &v
	case string:
		if v == "" {
			break
		}
		allow, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("apinizer: CORS allowCredentials %q is neither true nor false", v)
		}
		s.AllowCredentials = &allow
	default:
		return fmt.Errorf("apinizer: CORS allowCredentials is a JSON %T, not a string", v)
	}
	return nil
}

// XFFOrder says which address of an X-Forwarded-For list is the client's
// (EnumPolicyXFFOrder). Other values are sent as given.
type XFFOrder string

// The documented positions.
const (
	XFFFirst  XFFOrder = "FIRST" // the original client; the API's default
	XFFSecond XFFOrder = "SECOND"
	XFFThird  XFFOrder = "THIRD"
	XFFFourth XFFOrder = "FOURTH"
	XFFFifth  XFFOrder = "FIFTH"
	XFFLast   XFFOrder = "LAST" // the last proxy
)

// ForwardedIPHeaderSettings say which header carries the client's IP
// address and which of its entries to use: page Update Forwarded IP
// Header, path settings/forwarded-ip-header/. The 2026 page wraps the
// fields in "forwardedIpHeaderParam", the 2025 page and OpenAPI
// (ForwardedIpHeaderParam) send them flat: both are sent.
type ForwardedIPHeaderSettings struct {
	ForwardedIPHeaderParamActive *bool    `json:"forwardedIpHeaderParamActive,omitempty"` // default false
	Value                        string   `json:"value,omitempty"`                        // the header's name; default "X-Forwarded-For"
	XFFOrder                     XFFOrder `json:"xffOrder,omitempty"`                     // default FIRST
}

func (ForwardedIPHeaderSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsForwardedIPHeader, wrapper: "forwardedIpHeaderParam", union: true}
}

// TLSProtocol is an SSL/TLS protocol version (EnumSSLContextProtocolType).
// Other values are sent as given.
type TLSProtocol string

// The documented protocol versions.
const (
	ProtocolTLS13 TLSProtocol = "TLS_1_3"
	ProtocolTLS12 TLSProtocol = "TLS_1_2"
	ProtocolTLS11 TLSProtocol = "TLS_1_1"
	ProtocolTLS10 TLSProtocol = "TLS_1_0"
	ProtocolSSL30 TLSProtocol = "SSL_3_0"
)

// HostnameVerifierType is how the backend's certificate is matched to its
// host name (EnumHostnameVerifierType). Other values are sent as given.
type HostnameVerifierType string

// The documented verifiers.
const (
	HostnameVerifierNoop          HostnameVerifierType = "NOOP" // no check; the API's default
	HostnameVerifierDefault       HostnameVerifierType = "DEFAULT"
	HostnameVerifierStrict        HostnameVerifierType = "STRICT"
	HostnameVerifierBrowserCompat HostnameVerifierType = "BROWSER_COMPAT" // wildcards allowed
)

// MTLSSettings make the proxy present a client certificate to its backend:
// page Update mTLS Settings, path settings/mtls/, flat body. Both pages
// name the stores by id (KeyStoreID, TrustStoreID); OpenAPI names them by
// name (KeyStoreName, TrustStoreName); send the pair your Manager reads.
// DisableSSLValidation is 2026 only. Enabling mTLS turns connection
// pooling off.
type MTLSSettings struct {
	Enabled        *bool  `json:"enabled,omitempty"`        // default false
	KeyStoreID     string `json:"keyStoreId,omitempty"`     // required when enabled
	TrustStoreID   string `json:"trustStoreId,omitempty"`   // optional: validates the backend's certificate
	KeyStoreName   string `json:"keyStoreName,omitempty"`   // OpenAPI only
	TrustStoreName string `json:"trustStoreName,omitempty"` // OpenAPI only
	// SupportedProtocols: nil is not sent (kept); an empty non-nil list is
	// sent as [], which allows every protocol.
	SupportedProtocols   []TLSProtocol        `json:"supportedProtocolList,omitzero"`
	HostnameVerifierType HostnameVerifierType `json:"hostnameVerifierType,omitempty"` // default NOOP
	DisableSSLValidation *bool                `json:"disableSslValidation,omitempty"` // 2026; default false
}

func (MTLSSettings) settings() settingsKind { return settingsKind{op: ops.SettingsMTLS, classic: true} }

// NTLMSettings make the proxy authenticate to its backend with NTLM: page
// Update NTLM Settings, path settings/ntlm/. The 2026 page wraps the
// fields in "ntlmSettings", the 2025 page and OpenAPI (RoutingNTLMSettings)
// send them flat: both are sent. Domain, Username and Password are
// required when enabled.
type NTLMSettings struct {
	Enabled     *bool  `json:"enabled,omitempty"` // default false
	Domain      string `json:"domain,omitempty"`
	Username    string `json:"username,omitempty"`
	Password    Secret `json:"password,omitempty"` // stored encrypted
	Workstation string `json:"workstation,omitempty"`
}

func (NTLMSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsNTLM, wrapper: "ntlmSettings", union: true, classic: true}
}

// Format prints the settings with the password redacted, for every verb.
func (s NTLMSettings) Format(f fmt.State, verb rune) {
	type plain NTLMSettings
	formatRedacted(f, verb, plain(s), s)
}

// LogValue logs the settings with the password redacted.
func (s NTLMSettings) LogValue() slog.Value { return redactedLog(s) }

// ProxyServerSettings route the backend calls through a forward proxy:
// page Update Proxy Server Settings, path settings/proxy-server/, flat
// body, the same in both generations. ProxyHost and ProxyPort are required
// when enabled, unless ProxyFromHeaderEnabled takes them per request from
// X-Proxy-Host, X-Proxy-Port (and X-Proxy-Authorization).
type ProxyServerSettings struct {
	ProxyEnabled             *bool  `json:"proxyEnabled,omitempty"`
	ProxyFromHeaderEnabled   *bool  `json:"proxyFromHeaderEnabled,omitempty"`
	ProxyHost                string `json:"proxyHost,omitempty"`
	ProxyPort                *int   `json:"proxyPort,omitempty"`
	ProxyAuthorizationNeeded *bool  `json:"proxyAuthorizationNeeded,omitempty"`
	ProxyUsername            string `json:"proxyUsername,omitempty"` // required with ProxyAuthorizationNeeded
	ProxyPassword            Secret `json:"proxyPassword,omitempty"` // required with ProxyAuthorizationNeeded; stored encrypted
}

func (ProxyServerSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsProxyServer, classic: true}
}

// Format prints the settings with the proxy password redacted, for every
// verb.
func (s ProxyServerSettings) Format(f fmt.State, verb rune) {
	type plain ProxyServerSettings
	formatRedacted(f, verb, plain(s), s)
}

// LogValue logs the settings with the proxy password redacted.
func (s ProxyServerSettings) LogValue() slog.Value { return redactedLog(s) }
