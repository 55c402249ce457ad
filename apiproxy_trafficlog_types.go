package apinizer

import "github.com/apinizer-go/apinizer/internal/ops"

// The traffic-log settings of an API proxy. The 2026 family stores one
// TrafficLogSettings per proxy and environment, under
// .../apiProxies/{apiProxyName}/trafficLogSettings/; the 2025 Managers
// have only LegacyTrafficLogSettings, a proxy setting sent by
// UpdateAPIProxySettings.
//
// As for the settings, booleans and numbers are pointers: nil is not sent.
// On the 2026 PUT a log flag not sent keeps what is stored; inside a
// ConnectorLogSettings a field not sent (or null) inherits the value of
// the level above.

// TrafficLogSettings is what one environment of an API proxy logs and
// where it sends it: the body of the 2026 Update (PUT
// .../trafficLogSettings/{environmentName}/) and the items of List and
// Get by Environment (OpenAPI's ApiProxyTrafficLogSettings). The PUT
// changes only what it is sent, creates the settings when the environment
// has none, and deploys them to that environment.
//
// In a read, the ConnectorSettings keys are connection names (legacy
// connector-type keys such as "ELASTICSEARCH_INDEX" may appear too); in
// the PUT's answer they are connector ids instead, so the two cannot be
// compared. The read-only fields are left out when empty, so a value read
// can be sent back as it is.
type TrafficLogSettings struct {
	// The ten log flags: true when the settings are first created; nil is
	// not sent and keeps the stored value.
	LogParamRequestFromClient   *bool `json:"logParamRequestFromClient,omitempty"`   // query parameters of the client's request
	LogHeaderRequestFromClient  *bool `json:"logHeaderRequestFromClient,omitempty"`  // headers of the client's request
	LogBodyRequestFromClient    *bool `json:"logBodyRequestFromClient,omitempty"`    // body of the client's request
	LogParamRequestToTarget     *bool `json:"logParamRequestToTarget,omitempty"`     // query parameters sent to the backend
	LogHeaderRequestToTarget    *bool `json:"logHeaderRequestToTarget,omitempty"`    // headers sent to the backend
	LogBodyRequestToTarget      *bool `json:"logBodyRequestToTarget,omitempty"`      // body sent to the backend
	LogHeaderResponseFromTarget *bool `json:"logHeaderResponseFromTarget,omitempty"` // headers of the backend's response
	LogBodyResponseFromTarget   *bool `json:"logBodyResponseFromTarget,omitempty"`   // body of the backend's response
	LogHeaderResponseToClient   *bool `json:"logHeaderResponseToClient,omitempty"`   // headers of the response to the client
	LogBodyResponseToClient     *bool `json:"logBodyResponseToClient,omitempty"`     // body of the response to the client

	// ConnectorSettings are the per-connector settings, keyed by the name
	// of a connection that is a log recipient of the environment (legacy
	// ConnectorType names are accepted too). Not sent when empty.
	ConnectorSettings map[string]ConnectorLogSettings `json:"connectorSettingsMap,omitempty"`
	// MethodOverrides hold the methods whose connector settings differ
	// from the proxy's. Reads leave the list out when it is empty; it is
	// not sent when empty.
	MethodOverrides []MethodLogOverride `json:"methodOverrideList,omitempty"`

	// The nine legacy connector switches. Reads may hold them; the 2026 PUT
	// ignores them (use ConnectorSettings). OpenAPI does not list them.
	EnableDatabaseConnector      *bool `json:"enableDatabaseConnector,omitempty"`
	EnableElasticsearchConnector *bool `json:"enableElasticsearchConnector,omitempty"`
	EnableSyslogConnector        *bool `json:"enableSyslogConnector,omitempty"`
	EnableWebhookConnector       *bool `json:"enableWebhookConnector,omitempty"`
	EnableRabbitMQConnector      *bool `json:"enableRabbitMqConnector,omitempty"`
	EnableActiveMQConnector      *bool `json:"enableActiveMqConnector,omitempty"`
	EnableKafkaConnector         *bool `json:"enableKafkaConnector,omitempty"`
	EnableGraylogConnector       *bool `json:"enableGraylogConnector,omitempty"`
	EnableLogbackConnector       *bool `json:"enableLogbackConnector,omitempty"`

	// Read only (OpenAPI and the pages' examples): set by the Manager.
	ID            string `json:"id,omitempty"`
	EnvironmentID string `json:"environmentId,omitempty"`
	APIProxyID    string `json:"apiProxyId,omitempty"`
	ProjectID     string `json:"projectId,omitempty"`
	// ConnectorLabelByKey maps the keys of ConnectorSettings to display
	// labels. Read only (OpenAPI).
	ConnectorLabelByKey map[string]string `json:"connectorLabelByKey,omitempty"`
}

// MethodLogOverride gives one method of the proxy its own connector
// settings (OpenAPI's MethodLogOverride), an item of
// TrafficLogSettings.MethodOverrides.
type MethodLogOverride struct {
	// APIMethodID is required: the gateway matches the override to the
	// method by it. (The Get by Environment example leaves it out.)
	APIMethodID   string `json:"apiMethodId"`
	APIMethodName string `json:"apiMethodName,omitempty"` // the method's path, e.g. "/pets"; kept for display only
	// ConnectorSettings are keyed as TrafficLogSettings.ConnectorSettings.
	ConnectorSettings map[string]ConnectorLogSettings `json:"connectorSettingsMap,omitempty"`
}

// ConnectorLogSettings are what one log connector records, for the proxy
// (a value of TrafficLogSettings.ConnectorSettings) or for one method (a
// MethodLogOverride, or the body of Update Method Override). A field left
// nil is not sent and inherits the level above: the proxy's flags for a
// connector, the proxy's connector settings for a method. OpenAPI's
// ConnectorLogSettings lacks PrivacyRules.
type ConnectorLogSettings struct {
	Enabled *bool `json:"enabled,omitempty"` // the connector is used; default false

	// The ten log flags, overriding the proxy's.
	LogParamRequestFromClient   *bool `json:"logParamRequestFromClient,omitempty"`
	LogHeaderRequestFromClient  *bool `json:"logHeaderRequestFromClient,omitempty"`
	LogBodyRequestFromClient    *bool `json:"logBodyRequestFromClient,omitempty"`
	LogParamRequestToTarget     *bool `json:"logParamRequestToTarget,omitempty"`
	LogHeaderRequestToTarget    *bool `json:"logHeaderRequestToTarget,omitempty"`
	LogBodyRequestToTarget      *bool `json:"logBodyRequestToTarget,omitempty"`
	LogHeaderResponseFromTarget *bool `json:"logHeaderResponseFromTarget,omitempty"`
	LogBodyResponseFromTarget   *bool `json:"logBodyResponseFromTarget,omitempty"`
	LogHeaderResponseToClient   *bool `json:"logHeaderResponseToClient,omitempty"`
	LogBodyResponseToClient     *bool `json:"logBodyResponseToClient,omitempty"`

	// What else a record holds.
	EnableMetadataIdentification *bool `json:"enableMetadataIdentification,omitempty"` // who called
	EnableMetadataAPIProxy       *bool `json:"enableMetadataApiProxy,omitempty"`       // which proxy and method
	EnableMetadataRequest        *bool `json:"enableMetadataRequest,omitempty"`        // client address, method, path and the like
	EnableMetrics                *bool `json:"enableMetrics,omitempty"`                // timings, sizes, retries
	EnableMetadataResponse       *bool `json:"enableMetadataResponse,omitempty"`       // status code, error type
	EnableSentAddress            *bool `json:"enableSentAddress,omitempty"`            // the backend address used

	// Body size limits, in characters; each applies when its Enable flag
	// is true.
	EnableBodyFromClientSize *bool `json:"enableBodyFromClientSize,omitempty"`
	SizeBodyFromClient       *int  `json:"sizeBodyFromClient,omitempty"` // the client's request body
	EnableBodyToTargetSize   *bool `json:"enableBodyToTargetSize,omitempty"`
	SizeBodyToTarget         *int  `json:"sizeBodyToTarget,omitempty"` // the body sent to the backend
	EnableBodyFromTargetSize *bool `json:"enableBodyFromTargetSize,omitempty"`
	SizeBodyFromTarget       *int  `json:"sizeBodyFromTarget,omitempty"` // the backend's response body
	EnableBodyToClientSize   *bool `json:"enableBodyToClientSize,omitempty"`
	SizeBodyToClient         *int  `json:"sizeBodyToClient,omitempty"` // the response body to the client

	EnablePrivacy *bool `json:"enablePrivacy,omitempty"` // apply PrivacyRules; default false
	// PrivacyRules rewrite what is logged (never the traffic itself). Not
	// sent when empty.
	PrivacyRules []PrivacyRule `json:"privacyDefinitionList,omitempty"`
}

// PrivacyOperation is what a privacy rule does to a match. Other values
// are sent as given.
type PrivacyOperation string

// The documented privacy operations.
const (
	PrivacyMask    PrivacyOperation = "MASK"    // replaced as MaskMode says
	PrivacyDelete  PrivacyOperation = "DELETE"  // removed
	PrivacyEncrypt PrivacyOperation = "ENCRYPT" // replaced by a reversible encryption
	PrivacyHash    PrivacyOperation = "HASH"    // replaced by a one-way hash
	PrivacyDetect  PrivacyOperation = "DETECT"  // reported, left unchanged
)

// PrivacyPatternType is how a privacy rule finds what it rewrites. Other
// values are sent as given.
type PrivacyPatternType string

// The documented pattern types.
const (
	// PatternElementName matches a JSON or XML field, header or form
	// parameter by name (PrivacyRule.ElementName); the only type that also
	// covers logged headers and parameters. The API's default.
	PatternElementName PrivacyPatternType = "ELEMENT_NAME"
	// PatternRegex matches the body text with a Java regular expression
	// (PrivacyRule.RegexPattern).
	PatternRegex PrivacyPatternType = "REGEX"
	// PatternBuiltIn matches one of the built-in personal data types
	// (PrivacyRule.BuiltInPIIType).
	PatternBuiltIn PrivacyPatternType = "BUILTIN"
)

// BuiltInPIIType is a kind of personal data the gateway recognises by
// itself. Other values are sent as given.
type BuiltInPIIType string

// The documented built-in types. TCKN, IBAN_TR and CREDIT_CARD matches are
// checked (check digits, mod 97, Luhn), and a value failing the check is
// not rewritten.
const (
	PIITCKN       BuiltInPIIType = "TCKN"    // Turkish national id number
	PIIIBANTR     BuiltInPIIType = "IBAN_TR" // Turkish IBAN
	PIIPhoneTR    BuiltInPIIType = "PHONE_TR"
	PIIEmail      BuiltInPIIType = "EMAIL"
	PIICreditCard BuiltInPIIType = "CREDIT_CARD"
)

// MaskMode is the shape of a MASK rewrite. Other values are sent as given.
type MaskMode string

// The documented mask modes. In the partial ones the first character of
// MaskPattern is the mask character and MaskVisibleCharCount the count.
const (
	MaskFixed     MaskMode = "FIXED"      // the whole value becomes MaskPattern; the API's default
	MaskKeepFirst MaskMode = "KEEP_FIRST" // the first count characters stay
	MaskKeepLast  MaskMode = "KEEP_LAST"  // the last count characters stay
	MaskMaskFirst MaskMode = "MASK_FIRST" // only the first count characters are masked
)

// PrivacyRule is one item of ConnectorLogSettings.PrivacyRules: what to
// find (PatternType with ElementName, RegexPattern or BuiltInPIIType) and
// what to do with it (Operation, required). The rules apply to the logged
// bodies, and element-name rules to logged headers and parameters too.
type PrivacyRule struct {
	Enabled        *bool              `json:"enabled,omitempty"` // false keeps the rule without applying it; default true
	Operation      PrivacyOperation   `json:"operation"`         // required
	PatternType    PrivacyPatternType `json:"patternType,omitempty"`
	ElementName    string             `json:"elementName,omitempty"`    // for PatternElementName
	RegexPattern   string             `json:"regexPattern,omitempty"`   // for PatternRegex
	BuiltInPIIType BuiltInPIIType     `json:"builtInPiiType,omitempty"` // for PatternBuiltIn
	MaskMode       MaskMode           `json:"maskMode,omitempty"`       // for PrivacyMask; default FIXED
	MaskPattern    string             `json:"maskPattern,omitempty"`    // default "***"
	// MaskVisibleCharCount is the count of the partial mask modes; default
	// 4. A count not shorter than the value masks all of it.
	MaskVisibleCharCount *int `json:"maskVisibleCharCount,omitempty"`
}

// ConnectorType names a kind of log connector (the API's
// EnumExecutableType) in the path of Update and Delete Method Override,
// and as a legacy key of the connector settings maps. Other values are
// sent as given; the API answers 400 to an unknown one.
type ConnectorType string

// The documented connector types.
const (
	ConnectorElasticsearch ConnectorType = "ELASTICSEARCH_INDEX"
	ConnectorDatabase      ConnectorType = "DB_INSERT_UPDATE_DELETE"
	ConnectorSyslog        ConnectorType = "SYSLOG_SEND"
	ConnectorWebhook       ConnectorType = "WEBHOOK_SEND"
	ConnectorRabbitMQ      ConnectorType = "RABBITMQ_SEND"
	ConnectorActiveMQ      ConnectorType = "ACTIVEMQ_SEND"
	ConnectorKafka         ConnectorType = "KAFKA_SEND"
	ConnectorGraylog       ConnectorType = "GRAYLOG_SEND"
	ConnectorLogback       ConnectorType = "LOGBACK_APPEND"
)

// LegacyTrafficLogSettings is the 2025 traffic-log setting: page Update
// Traffic Log Settings of the 2025 site (OpenAPI's
// ApiProxyTrafficLogSettingsUpdateDTO), path settings/traffic-log/, flat
// body. Only the fields sent are changed. The 2026 pages replace it with
// the trafficLogSettings family (TrafficLogSettings) and no longer
// document it, while OpenAPI still lists it.
type LegacyTrafficLogSettings struct {
	EnabledTraceLog       *bool `json:"enabledTraceLog,omitempty"`
	EnabledApplicationLog *bool `json:"enabledApplicationLog,omitempty"`
	// Environments holds one item per environment changed; not sent when
	// empty.
	Environments []LegacyTrafficLogEnvironment `json:"apiProxyTrafficLogSettingsList,omitempty"`
}

func (LegacyTrafficLogSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsLegacyTrafficLog}
}

// LegacyTrafficLogEnvironment is one environment's item of
// LegacyTrafficLogSettings (OpenAPI's ApiProxyTrafficLogSettingItemDTO).
// EnvironmentName is required; the API answers 400 without it.
type LegacyTrafficLogEnvironment struct {
	EnvironmentName string `json:"environmentName"` // required

	// The ten log flags; default true.
	LogParamRequestFromClient   *bool `json:"logParamRequestFromClient,omitempty"`
	LogHeaderRequestFromClient  *bool `json:"logHeaderRequestFromClient,omitempty"`
	LogBodyRequestFromClient    *bool `json:"logBodyRequestFromClient,omitempty"`
	LogParamRequestToTarget     *bool `json:"logParamRequestToTarget,omitempty"`
	LogHeaderRequestToTarget    *bool `json:"logHeaderRequestToTarget,omitempty"`
	LogBodyRequestToTarget      *bool `json:"logBodyRequestToTarget,omitempty"`
	LogHeaderResponseFromTarget *bool `json:"logHeaderResponseFromTarget,omitempty"`
	LogBodyResponseFromTarget   *bool `json:"logBodyResponseFromTarget,omitempty"`
	LogHeaderResponseToClient   *bool `json:"logHeaderResponseToClient,omitempty"`
	LogBodyResponseToClient     *bool `json:"logBodyResponseToClient,omitempty"`

	// The nine connector switches; default false. Each connector must
	// exist before it is switched on.
	EnableDatabaseConnector      *bool `json:"enableDatabaseConnector,omitempty"`
	EnableElasticsearchConnector *bool `json:"enableElasticsearchConnector,omitempty"`
	EnableSyslogConnector        *bool `json:"enableSyslogConnector,omitempty"`
	EnableWebhookConnector       *bool `json:"enableWebhookConnector,omitempty"`
	EnableRabbitMQConnector      *bool `json:"enableRabbitMqConnector,omitempty"`
	EnableActiveMQConnector      *bool `json:"enableActiveMqConnector,omitempty"`
	EnableKafkaConnector         *bool `json:"enableKafkaConnector,omitempty"`
	EnableGraylogConnector       *bool `json:"enableGraylogConnector,omitempty"`
	EnableLogbackConnector       *bool `json:"enableLogbackConnector,omitempty"`
}
