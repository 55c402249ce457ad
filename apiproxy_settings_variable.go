package apinizer

// Variable is how the gateway takes one value out of a message or its
// context: a header, a parameter, part of the body, a context value or a
// script's result. It is an item of the cache's and idempotency's
// "variableList" (and of many policies'). The fields come from the
// variable definition page and OpenAPI (Variable, VariableDTO; ID,
// ProjectID and ProjectName are in Variable only); DataType is only in the
// cache pages' examples. Which fields a Type needs: HEADER HeaderName;
// PARAMETER ParamType and ParamName (PATH also ParamPath); BODY
// MessageContentType and XPathValue or JSONPathValue; CONTEXT_VALUES
// ContextValue (and ZoneID for the date and time values); CUSTOM a script
// when InitWithScript.
type Variable struct {
	ID                 string               `json:"id,omitempty"`          // OpenAPI's Variable only
	ProjectID          string               `json:"projectId,omitempty"`   // OpenAPI's Variable only
	ProjectName        string               `json:"projectName,omitempty"` // OpenAPI's Variable only
	Name               string               `json:"name,omitempty"`        // required by the API; unique in the project
	Description        string               `json:"description,omitempty"`
	Type               VariableType         `json:"type,omitempty"`     // required by the API
	DataType           VariableDataType     `json:"dataType,omitempty"` // in the cache pages' examples only
	HeaderName         string               `json:"headerName,omitempty"`
	ParamType          VariableParamType    `json:"paramType,omitempty"`
	ParamName          string               `json:"paramName,omitempty"`
	ParamPath          string               `json:"paramPath,omitempty"` // the path template, e.g. "/orders/{orderId}"
	FormName           string               `json:"formName,omitempty"`
	XPathValue         string               `json:"xpathValue,omitempty"`
	JSONPathValue      string               `json:"jsonPathValue,omitempty"`
	MessageContentType MessageContentType   `json:"messageContentType,omitempty"`
	ContextValue       VariableContextValue `json:"contextValue,omitempty"`
	ZoneID             string               `json:"zoneId,omitempty"`         // e.g. "Europe/Istanbul"
	InitWithScript     *bool                `json:"initWithScript,omitempty"` // default false
	ScriptLanguage     ScriptLanguage       `json:"scriptLanguage,omitempty"`
	ScriptBody         string               `json:"scriptBody,omitempty"`
}

// VariableType is where a variable's value comes from (EnumVariableType).
// Other values are sent as given.
type VariableType string

// The documented variable types.
const (
	VariableHeader        VariableType = "HEADER"
	VariableParameter     VariableType = "PARAMETER"
	VariableBody          VariableType = "BODY"
	VariableContextValues VariableType = "CONTEXT_VALUES"
	VariableCustom        VariableType = "CUSTOM" // a script's result
)

// VariableDataType is the type of a variable's value
// (EnumConditionVariableDataType). Other values are sent as given.
type VariableDataType string

// The documented data types.
const (
	VariableNumeric VariableDataType = "NUMERIC"
	VariableString  VariableDataType = "STRING"
	VariableDate    VariableDataType = "DATE"
)

// VariableParamType is the kind of parameter a PARAMETER variable reads
// (EnumVariableParameterType). Other values are sent as given.
type VariableParamType string

// The documented parameter types.
const (
	ParamQuery VariableParamType = "QUERY"
	ParamPath  VariableParamType = "PATH"
	ParamForm  VariableParamType = "FORM"
)

// MessageContentType is the body format a BODY variable reads
// (EnumMessageContentType). Other values are sent as given.
type MessageContentType string

// The documented content types. The enum page lists FORM where the
// variable page and OpenAPI list ALL_BODY; all four are here.
const (
	MessageContentXML     MessageContentType = "XML"
	MessageContentJSON    MessageContentType = "JSON"
	MessageContentAllBody MessageContentType = "ALL_BODY" // the raw body
	MessageContentForm    MessageContentType = "FORM"     // the enum page only
)

// ScriptLanguage is the language of a script (EnumScriptType). Other
// values are sent as given.
type ScriptLanguage string

// The documented script languages.
const (
	ScriptGroovy     ScriptLanguage = "GROOVY"
	ScriptJavaScript ScriptLanguage = "JAVASCRIPT"
)

// VariableContextValue is the context value a CONTEXT_VALUES variable
// reads (EnumVariableContextValue). The DATETIME_, DATE_ and TIME_ values
// need the variable's ZoneID. Other values are sent as given.
type VariableContextValue string

// The documented context values (the variable definition page and
// OpenAPI list the same 88).
const (
	ContextRequestRemoteAddress                 VariableContextValue = "REQUEST_REMOTE_ADDRESS"
	ContextRequestHTTPMethod                    VariableContextValue = "REQUEST_HTTP_METHOD"
	ContextRequestContentType                   VariableContextValue = "REQUEST_CONTENT_TYPE"
	ContextRequestPathInfo                      VariableContextValue = "REQUEST_PATH_INFO"
	ContextRequestContextPath                   VariableContextValue = "REQUEST_CONTEXT_PATH"
	ContextRequestQueryString                   VariableContextValue = "REQUEST_QUERY_STRING"
	ContextRequestRemoteUser                    VariableContextValue = "REQUEST_REMOTE_USER"
	ContextRequestUsernameKey                   VariableContextValue = "REQUEST_USERNAME_KEY"
	ContextRequestRequestedSessionID            VariableContextValue = "REQUEST_REQUESTED_SESSION_ID"
	ContextRequestRequestURI                    VariableContextValue = "REQUEST_REQUEST_URI"
	ContextRequestCharacterEncoding             VariableContextValue = "REQUEST_CHARACTER_ENCODING"
	ContextRequestCharset                       VariableContextValue = "REQUEST_CHARSET"
	ContextRequestContentLength                 VariableContextValue = "REQUEST_CONTENT_LENGTH"
	ContextRequestProtocol                      VariableContextValue = "REQUEST_PROTOCOL"
	ContextRequestScheme                        VariableContextValue = "REQUEST_SCHEME"
	ContextRequestServerName                    VariableContextValue = "REQUEST_SERVER_NAME"
	ContextRequestServerPort                    VariableContextValue = "REQUEST_SERVER_PORT"
	ContextRequestRemoteHost                    VariableContextValue = "REQUEST_REMOTE_HOST"
	ContextRequestRemotePort                    VariableContextValue = "REQUEST_REMOTE_PORT"
	ContextRequestLocalName                     VariableContextValue = "REQUEST_LOCAL_NAME"
	ContextRequestLocalAddr                     VariableContextValue = "REQUEST_LOCAL_ADDR"
	ContextRequestLocalPort                     VariableContextValue = "REQUEST_LOCAL_PORT"
	ContextRequestXForwardedFor                 VariableContextValue = "REQUEST_XFORWARDED_FOR"
	ContextRequestIsSOAPToRest                  VariableContextValue = "REQUEST_IS_SOAP_TO_REST"
	ContextRequestIsAPIProxy                    VariableContextValue = "REQUEST_IS_APIPROXY"
	ContextRequestIsAPIProxyGroup               VariableContextValue = "REQUEST_IS_APIPROXYGROUP"
	ContextRequestIsXWWWFormURLEncoded          VariableContextValue = "REQUEST_IS_XWWW_FORM_URL_ENCODED"
	ContextRequestIsFormData                    VariableContextValue = "REQUEST_IS_FORM_DATA"
	ContextRequestIsByteArray                   VariableContextValue = "REQUEST_IS_BYTE_ARRAY"
	ContextRequestHasAttachment                 VariableContextValue = "REQUEST_HAS_ATTACHMENT"
	ContextRequestGzip                          VariableContextValue = "REQUEST_GZIP"
	ContextRequestDeflate                       VariableContextValue = "REQUEST_DEFLATE"
	ContextRequestBr                            VariableContextValue = "REQUEST_BR"
	ContextRequestZstd                          VariableContextValue = "REQUEST_ZSTD"
	ContextRequestIdentity                      VariableContextValue = "REQUEST_IDENTITY"
	ContextRequestCompress                      VariableContextValue = "REQUEST_COMPRESS"
	ContextRequestHTTPServlet                   VariableContextValue = "REQUEST_HTTP_SERVLET"
	ContextResponseIsByteArray                  VariableContextValue = "RESPONSE_IS_BYTE_ARRAY"
	ContextResponseGzip                         VariableContextValue = "RESPONSE_GZIP"
	ContextResponseDeflate                      VariableContextValue = "RESPONSE_DEFLATE"
	ContextResponseBr                           VariableContextValue = "RESPONSE_BR"
	ContextResponseZstd                         VariableContextValue = "RESPONSE_ZSTD"
	ContextResponseIdentity                     VariableContextValue = "RESPONSE_IDENTITY"
	ContextResponseCompress                     VariableContextValue = "RESPONSE_COMPRESS"
	ContextResponseStatusCode                   VariableContextValue = "RESPONSE_STATUS_CODE"
	ContextResponseHTTPServlet                  VariableContextValue = "RESPONSE_HTTP_SERVLET"
	ContextMessageCorrelationID                 VariableContextValue = "MESSAGE_CORRELATION_ID"
	ContextEnvironmentID                        VariableContextValue = "ENVIRONMENT_ID"
	ContextEnvironmentName                      VariableContextValue = "ENVIRONMENT_NAME"
	ContextEnvironmentCertificate               VariableContextValue = "ENVIRONMENT_CERTIFICATE"
	ContextEnvironmentPrivateKey                VariableContextValue = "ENVIRONMENT_PRIVATEKEY"
	ContextEnvironmentPublicKey                 VariableContextValue = "ENVIRONMENT_PUBLICKEY"
	ContextEnvironmentSecretKey                 VariableContextValue = "ENVIRONMENT_SECRETKEY"
	ContextEnvironmentKeyStore                  VariableContextValue = "ENVIRONMENT_KEYSTORE"
	ContextEnvironmentJWK                       VariableContextValue = "ENVIRONMENT_JWK"
	ContextAPIProxyGroupID                      VariableContextValue = "APIPROXYGROUP_ID"
	ContextAPIProxyGroupName                    VariableContextValue = "APIPROXYGROUP_NAME"
	ContextAPIProxyID                           VariableContextValue = "APIPROXY_ID"
	ContextAPIProxyName                         VariableContextValue = "APIPROXY_NAME"
	ContextAPIMethodID                          VariableContextValue = "APIMETHOD_ID"
	ContextAPIMethodName                        VariableContextValue = "APIMETHOD_NAME"
	ContextAPIMethodSOAPAction                  VariableContextValue = "APIMETHOD_SOAP_ACTION"
	ContextAPIMethodHTTPMethod                  VariableContextValue = "APIMETHOD_HTTPMETHOD"
	ContextAPIMethodEndpoint                    VariableContextValue = "APIMETHOD_ENDPOINT"
	ContextAPIMethodBackendHTTPMethod           VariableContextValue = "APIMETHOD_BACKEND_HTTPMETHOD"
	ContextAPIMethodBackendEndpoint             VariableContextValue = "APIMETHOD_BACKEND_ENDPOINT"
	ContextDateTimeYear                         VariableContextValue = "DATETIME_YEAR"
	ContextDateTimeMonth                        VariableContextValue = "DATETIME_MONTH"
	ContextDateTimeDayOfWeek                    VariableContextValue = "DATETIME_DAY_OF_WEEK"
	ContextDateTimeDayOfMonth                   VariableContextValue = "DATETIME_DAY_OF_MONTH"
	ContextDateTimeHour                         VariableContextValue = "DATETIME_HOUR"
	ContextDateTimeMinute                       VariableContextValue = "DATETIME_MINUTE"
	ContextDateTimeSecond                       VariableContextValue = "DATETIME_SECOND"
	ContextDateTimeEpochMillis                  VariableContextValue = "DATETIME_EPOCH_MILLIS"
	ContextDateTimeFormattedText                VariableContextValue = "DATETIME_FORMATTED_TEXT"
	ContextDateFormattedText                    VariableContextValue = "DATE_FORMATTED_TEXT"
	ContextTimeFormattedText                    VariableContextValue = "TIME_FORMATTED_TEXT"
	ContextCredentialUsername                   VariableContextValue = "CREDENTIAL_USERNAME"
	ContextCredentialEmail                      VariableContextValue = "CREDENTIAL_EMAIL"
	ContextCredentialFullName                   VariableContextValue = "CREDENTIAL_FULLNAME"
	ContextCredentialSecretKey                  VariableContextValue = "CREDENTIAL_SECRETKEY"
	ContextCredentialCertificate                VariableContextValue = "CREDENTIAL_CERTIFICATE"
	ContextCredentialPublicKey                  VariableContextValue = "CREDENTIAL_PUBLICKEY"
	ContextCredentialPrivateKey                 VariableContextValue = "CREDENTIAL_PRIVATEKEY"
	ContextCredentialKeyStore                   VariableContextValue = "CREDENTIAL_KEYSTORE"
	ContextCredentialTrustStore                 VariableContextValue = "CREDENTIAL_TRUSTSTORE"
	ContextCredentialJWKSignAndValidation       VariableContextValue = "CREDENTIAL_JWK_SIGNANDVALIDATION"
	ContextCredentialJWKEncryptionAndDecryption VariableContextValue = "CREDENTIAL_JWK_ENCRYPTIONANDDECRYPTION"
)
