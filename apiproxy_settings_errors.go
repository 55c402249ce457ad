package apinizer

import "github.com/apinizer-go/apinizer/internal/ops"

// The error settings of an API proxy: how backend errors are handled and
// the templates error answers are written with.

// ErrorHandlingType is an error handling strategy (EnumErrorHandlingType,
// 2026; OpenAPI declares it as an object with no values). Other values are
// sent as given.
type ErrorHandlingType string

// The documented strategies.
const (
	ErrorHandlingDefault        ErrorHandlingType = "DEFAULT"          // backend errors pass through; the API's default
	ErrorHandlingAdvanced       ErrorHandlingType = "ADVANCED"         // every backend error is handled
	ErrorHandlingStatusCodeList ErrorHandlingType = "STATUS_CODE_LIST" // only the codes of StatusCodes
)

// ErrorHandlingSettings say which backend errors the proxy handles and
// what it answers instead: page Update Error Handling (2026 only), path
// settings/error-handling/, flat body (OpenAPI:
// ApiProxyErrorHandlingUpdateDTO).
type ErrorHandlingSettings struct {
	ErrorHandlingType            ErrorHandlingType `json:"errorHandlingType,omitempty"` // default DEFAULT
	StatusCodes                  []int             `json:"statusCodeList,omitempty"`    // backend statuses handled, for STATUS_CODE_LIST
	CustomizeErrorMessageEnabled *bool             `json:"customizeErrorMessageEnabled,omitempty"`
	ErrorMessages                []ErrorMessage    `json:"errorMessageList,omitempty"`
}

func (ErrorHandlingSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsErrorHandling, classic: true}
}

// ErrorType names one of the gateway's built-in errors (OpenAPI's
// ErrorMessage.errorType: 214 values such as "POLICY_ROUTING_TIMEOUT",
// not repeated here). The error handling page does not document it.
type ErrorType string

// ParentErrorType names the family of a built-in error (OpenAPI's
// ErrorMessage.parentErrorType: 58 values such as "POLICY_ROUTING", not repeated
// here). The error handling page does not document it.
type ParentErrorType string

// ErrorMessage replaces the answer to one backend status: an item of
// Update Error Handling's "errorMessageList". The page documents
// HTTPStatusCode and the three Customized fields; the others are
// OpenAPI's (its ErrorMessage is shared with the policies' error lists).
type ErrorMessage struct {
	HTTPStatusCode           int             `json:"httpStatusCode"`                     // required: the backend status matched
	CustomizedHTTPStatusCode *int            `json:"customizedHttpStatusCode,omitempty"` // the status answered instead
	CustomizedErrorCode      string          `json:"customizedErrorCode,omitempty"`
	CustomizedMessage        string          `json:"customizedMessage,omitempty"`
	ID                       string          `json:"id,omitempty"`              // OpenAPI only
	ErrorType                ErrorType       `json:"errorType,omitempty"`       // OpenAPI only
	ParentErrorType          ParentErrorType `json:"parentErrorType,omitempty"` // OpenAPI only
	ErrorCode                string          `json:"errorCode,omitempty"`       // OpenAPI only
	OriginalMessage          string          `json:"originalMessage,omitempty"` // OpenAPI only
	Customized               *bool           `json:"customized,omitempty"`      // OpenAPI only
}

// The placeholders an error template may hold, replaced in each answer.
const (
	TemplateCorrelationID   = "#CORRELATIONID#"
	TemplateFaultCode       = "#FAULTCODE#"
	TemplateFaultMessage    = "#FAULTMESSAGE#"
	TemplateFaultStatusCode = "#FAULTSTATUSCODE#"
	TemplateResponseFromAPI = "#RESPONSEFROMAPI#" // the backend's answer, when there is one
)

// JSONErrorTemplateSettings is the template of the proxy's JSON error
// answers: page Update JSON Error Template, path
// settings/json-error-template/. The 2026 page wraps the fields in
// "jsonErrorResponseTemplate", the 2025 page and OpenAPI
// (ErrorResponseTemplateJson) send them flat: both are sent.
type JSONErrorTemplateSettings struct {
	JSONErrorResponseTemplateActive *bool  `json:"jsonErrorResponseTemplateActive,omitempty"` // default false
	JSONValue                       string `json:"jsonValue,omitempty"`                       // JSON with the Template placeholders
	ContentType                     string `json:"contentType,omitempty"`                     // default "application/json;charset=UTF-8"
	PermitSpecialChars              *bool  `json:"permitSpecialChars,omitempty"`              // true: special characters are not escaped; default false
}

func (JSONErrorTemplateSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsJSONErrorTemplate, wrapper: "jsonErrorResponseTemplate", union: true}
}

// XMLErrorTemplateSettings is the template of the proxy's XML (SOAP)
// error answers: page Update XML Error Template, path
// settings/xml-error-template/. The 2026 page wraps the fields in
// "xmlErrorResponseTemplate", the 2025 page and OpenAPI
// (ErrorResponseTemplateXml) send them flat: both are sent.
type XMLErrorTemplateSettings struct {
	XMLErrorResponseTemplateActive *bool  `json:"xmlErrorResponseTemplateActive,omitempty"` // default false
	XMLValue                       string `json:"xmlValue,omitempty"`                       // XML with the Template placeholders
	ContentType                    string `json:"contentType,omitempty"`                    // default "text/xml;charset=UTF-8"
	PermitSpecialChars             *bool  `json:"permitSpecialChars,omitempty"`             // true: special characters are not escaped; default false
}

func (XMLErrorTemplateSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsXMLErrorTemplate, wrapper: "xmlErrorResponseTemplate", union: true}
}
