package apinizer

import (
	"encoding/json"
	"time"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// settingsSamples holds one value of every Settings type, with every field
// set (false and 0 included, which must be sent), the JSON it marshals to
// and the kind it is sent as. TestEverySettingsTypeHasASample fails when a
// type is missing.
var settingsSamples = []struct {
	s    Settings
	json string
	kind settingsKind
}{
	{
		APIKeySettings{PublicKey: "ak_1", SecretKey: "sk_2"},
		`{"publicKey":"ak_1","secretKey":"sk_2"}`,
		settingsKind{op: ops.SettingsKeys},
	},
	{
		CacheSettings{
			Name: "c", Description: "d", CacheActive: ptr(true), CacheOnlyHTTPGetRequests: ptr(false),
			CacheKeyType: CacheKeyCustom, CacheStorageType: CacheStorageLocal, Capacity: ptr(1000), TTL: ptr(0),
			HandlingAction: CacheHandlingStop, InvalidationRequiresAuthn: ptr(true), CacheNullValue: ptr(false),
			Variables: []Variable{fullVariable},
		},
		`{"name":"c","description":"d","cacheActive":true,"cacheOnlyHttpGetRequests":false,"cacheKeyType":"CUSTOM",
		"cacheStorageType":"LOCAL","capacity":1000,"ttl":0,"handlingAction":"STOP","invalidationRequiresAuthn":true,
		"cacheNullValue":false,"variableList":[` + fullVariableJSON + `]}`,
		settingsKind{op: ops.SettingsCache, wrapper: "cacheSettings", union: true},
	},
	{
		CircuitBreakerSettings{
			CircuitBreakerEnabled: ptr(true), ErrorWindow: ptr(60), ErrorThresholdValue: ptr(5),
			ErrorThresholdType: ErrorThresholdCount, SleepWindow: ptr(30), HalfOpenEnabled: ptr(false),
		},
		`{"circuitBreakerEnabled":true,"errorWindow":60,"errorThresholdValue":5,"enumErrorThresholdType":"COUNT",
		"sleepWindow":30,"halfOpenEnabled":false}`,
		settingsKind{op: ops.SettingsCircuitBreaker, classic: true},
	},
	{
		ClientRouteSettings{
			RelativePaths: []string{"/v1"}, Methods: []HTTPMethod{HTTPMethodGet, HTTPMethodAll},
			Hosts: []string{"api.example.com"}, VirtualHosts: []string{"api.example.com"}, // one list under its two names
			Headers: []Header{{Name: "X-Version", Value: "1"}}, BufferRequest: ptr(true), BufferResponse: ptr(false),
		},
		`{"relativePathList":["/v1"],"methodList":["GET","ALL"],"hostList":["api.example.com"],
		"virtualHostList":["api.example.com"],"headerList":[{"name":"X-Version","value":"1"}],
		"bufferRequest":true,"bufferResponse":false}`,
		settingsKind{op: ops.SettingsClientRoute, wrapper: "clientRoute", union: true},
	},
	{
		ConnectionSettings{
			ConnectionSettingsEnabled: ptr(true), ConnectTimeout: ptr(30), ReadTimeout: ptr(60),
			ConnectionRequestTimeout: ptr(10), ValidateAfterInactivity: ptr(2000), IdleConnectionTimeout: ptr(30),
			RedirectsEnabled: ptr(true), MaxRedirects: ptr(5), RelativeRedirectsAllowed: ptr(false),
			DisableContentCompression: ptr(false), EnableStreaming: ptr(true), RetryCount: ptr(3),
			FailoverRetryCount: ptr(0), IgnoreRoutingError: ptr(false), QueryEncodingMode: QueryEncodingRFC3986,
			ConnectionPoolManagementType: ConnectionPoolCustom, CustomConnectionPoolSize: ptr(8),
			HopByHopHeaders: []string{"X-Internal"}, SendUserAgentToBackend: ptr(true), UserAgentValue: "ua/1",
			DoNotRouteZeroValueContentLength: ptr(false), EnableDownload: ptr(true),
			UseByteArrayForCompressedResponse: ptr(false),
		},
		`{"connectionSettingsEnabled":true,"connectTimeout":30,"readTimeout":60,"connectionRequestTimeout":10,
		"validateAfterInactivity":2000,"idleConnectionTimeout":30,"redirectsEnabled":true,"maxRedirects":5,
		"relativeRedirectsAllowed":false,"disableContentCompression":false,"enableStreaming":true,"retryCount":3,
		"failoverRetryCount":0,"ignoreRoutingError":false,"queryEncodingMode":"RFC3986",
		"connectionPoolManagementType":"CUSTOM","customConnectionPoolSize":8,"hopByHopHeaders":["X-Internal"],
		"sendUserAgentToBackend":true,"userAgentValue":"ua/1","doNotRouteZeroValueContentLength":false,
		"enableDownload":true,"useByteArrayForCompressedResponse":false}`,
		settingsKind{op: ops.SettingsConnection, classic: true},
	},
	{
		CORSSettings{
			Name: "cors", Description: "d", CORSActive: ptr(true), AllowOrigins: []string{"https://a.example"},
			AllowMethods: []HTTPMethod{HTTPMethodGet, HTTPMethodOptions}, AllowHeaders: []string{"*"},
			ExposeHeaders: []string{"X-Id"}, AllowCredentials: ptr(true), MaxAge: ptr(3600),
			Origin: "https://a.example", RequestMethod: "POST", RequestHeaders: []string{"Content-Type"},
		},
		`{"name":"cors","description":"d","corsActive":true,"allowOriginList":["https://a.example"],
		"allowMethodList":["GET","OPTIONS"],"allowHeaderList":["*"],"exposeHeaderList":["X-Id"],
		"allowCredentials":"true","maxAge":3600,"origin":"https://a.example","requestMethod":"POST",
		"requestHeaderList":["Content-Type"]}`,
		settingsKind{op: ops.SettingsCORS, wrapper: "corsSettings", union: true},
	},
	{
		CustomMessageSettings{
			BuildCustomMessage: ptr(true), CustomMessageTemplate: `{"ok":true}`,
			CustomMessageContentType: "application/json", CustomMessageHTTPStatusCode: ptr(200),
		},
		`{"buildCustomMessage":true,"customMessageTemplate":"{\"ok\":true}","customMessageContentType":"application/json",
		"customMessageHttpStatusCode":200}`,
		settingsKind{op: ops.SettingsCustomMessage, classic: true},
	},
	{
		ErrorHandlingSettings{
			ErrorHandlingType: ErrorHandlingStatusCodeList, StatusCodes: []int{500, 502},
			CustomizeErrorMessageEnabled: ptr(true),
			ErrorMessages: []ErrorMessage{{
				HTTPStatusCode: 500, CustomizedHTTPStatusCode: ptr(503), CustomizedErrorCode: "BACKEND",
				CustomizedMessage: "later", ID: "e1", ErrorType: "POLICY_ROUTING_TIMEOUT",
				ParentErrorType: "POLICY_ROUTING", ErrorCode: "E", OriginalMessage: "timeout", Customized: ptr(false),
			}},
		},
		`{"errorHandlingType":"STATUS_CODE_LIST","statusCodeList":[500,502],"customizeErrorMessageEnabled":true,
		"errorMessageList":[{"httpStatusCode":500,"customizedHttpStatusCode":503,"customizedErrorCode":"BACKEND",
		"customizedMessage":"later","id":"e1","errorType":"POLICY_ROUTING_TIMEOUT","parentErrorType":"POLICY_ROUTING",
		"errorCode":"E","originalMessage":"timeout","customized":false}]}`,
		settingsKind{op: ops.SettingsErrorHandling, classic: true},
	},
	{
		ForwardedIPHeaderSettings{ForwardedIPHeaderParamActive: ptr(false), Value: "X-Real-IP", XFFOrder: XFFLast},
		`{"forwardedIpHeaderParamActive":false,"value":"X-Real-IP","xffOrder":"LAST"}`,
		settingsKind{op: ops.SettingsForwardedIPHeader, wrapper: "forwardedIpHeaderParam", union: true},
	},
	{
		GRPCSettings{
			MaxInboundMessageSize: ptr(4194304), MaxInboundMetadataSize: ptr(8192), KeepAliveTime: ptr(60),
			KeepAliveTimeout: ptr(20), KeepAliveWithoutCalls: ptr(false), ChannelIdleTimeout: ptr(300),
			PerRPCBufferLimit: ptr(1048576), MaxRetryAttempts: ptr(5), MaxHedgedAttempts: ptr(2), MaxTraceEvents: ptr(0),
		},
		`{"maxInboundMessageSize":4194304,"maxInboundMetadataSize":8192,"keepAliveTime":60,"keepAliveTimeout":20,
		"keepAliveWithoutCalls":false,"channelIdleTimeout":300,"perRpcBufferLimit":1048576,"maxRetryAttempts":5,
		"maxHedgedAttempts":2,"maxTraceEvents":0}`,
		settingsKind{op: ops.SettingsGRPC, wrapper: "grpcSettings", classic: true},
	},
	{
		IdempotencySettings{
			Name: "i", Description: "d", IdempotencyActive: ptr(true), KeyType: IdempotencyKeyCustom,
			HeaderName: "Idempotency-Key", Variables: []Variable{{Name: "k", Type: VariableBody}},
			KeyRequired: ptr(false), MissingKeyHTTPStatus: ptr(400),
			ApplicableHTTPMethods: []HTTPMethod{HTTPMethodPost, HTTPMethodPatch}, PayloadHashEnabled: ptr(true),
			ProcessingTimeoutInSeconds: ptr(60), RetentionInDays: ptr(7), CacheStorageType: CacheStorageDistributed,
			HandlingAction: CacheHandlingContinue, CacheConnectionTimeoutInSeconds: ptr(3),
			ConflictHTTPStatus: ptr(409), MismatchHTTPStatus: ptr(422), ReplayCompletedResponse: ptr(false),
			ConflictMessage: "c", MismatchMessage: "m", MissingKeyMessage: "k", ErrorContentType: "application/json",
			MissingKeyBodyEnabled: ptr(true), ConflictBodyEnabled: ptr(false), MismatchBodyEnabled: ptr(true),
		},
		`{"name":"i","description":"d","idempotencyActive":true,"keyType":"CUSTOM","headerName":"Idempotency-Key",
		"variableList":[{"name":"k","type":"BODY"}],"keyRequired":false,"missingKeyHttpStatus":400,
		"applicableHttpMethods":["POST","PATCH"],"payloadHashEnabled":true,"processingTimeoutInSeconds":60,
		"retentionInDays":7,"cacheStorageType":"DISTRIBUTED","handlingAction":"CONTINUE",
		"cacheConnectionTimeoutInSeconds":3,"conflictHttpStatus":409,"mismatchHttpStatus":422,
		"replayCompletedResponse":false,"conflictMessage":"c","mismatchMessage":"m","missingKeyMessage":"k",
		"errorContentType":"application/json","missingKeyBodyEnabled":true,"conflictBodyEnabled":false,
		"mismatchBodyEnabled":true}`,
		settingsKind{op: ops.SettingsIdempotency, wrapper: "idempotencySettings"},
	},
	{
		JSONErrorTemplateSettings{
			JSONErrorResponseTemplateActive: ptr(true), JSONValue: `{"id":"` + TemplateCorrelationID + `"}`,
			ContentType: "application/json;charset=UTF-8", PermitSpecialChars: ptr(false),
		},
		`{"jsonErrorResponseTemplateActive":true,"jsonValue":"{\"id\":\"#CORRELATIONID#\"}",
		"contentType":"application/json;charset=UTF-8","permitSpecialChars":false}`,
		settingsKind{op: ops.SettingsJSONErrorTemplate, wrapper: "jsonErrorResponseTemplate", union: true},
	},
	{
		LegacyTrafficLogSettings{
			EnabledTraceLog: ptr(true), EnabledApplicationLog: ptr(false),
			Environments: []LegacyTrafficLogEnvironment{
				{
					EnvironmentName: "production", LogParamRequestFromClient: ptr(true), LogHeaderRequestFromClient: ptr(true),
					LogBodyRequestFromClient: ptr(false), LogParamRequestToTarget: ptr(true), LogHeaderRequestToTarget: ptr(false),
					LogBodyRequestToTarget: ptr(true), LogHeaderResponseFromTarget: ptr(false), LogBodyResponseFromTarget: ptr(true),
					LogHeaderResponseToClient: ptr(true), LogBodyResponseToClient: ptr(false),
					EnableDatabaseConnector: ptr(false), EnableElasticsearchConnector: ptr(true), EnableSyslogConnector: ptr(false),
					EnableWebhookConnector: ptr(true), EnableRabbitMQConnector: ptr(false), EnableActiveMQConnector: ptr(true),
					EnableKafkaConnector: ptr(false), EnableGraylogConnector: ptr(true), EnableLogbackConnector: ptr(false),
				},
				{EnvironmentName: "staging"},
			},
		},
		`{"enabledTraceLog":true,"enabledApplicationLog":false,"apiProxyTrafficLogSettingsList":[
		{"environmentName":"production","logParamRequestFromClient":true,"logHeaderRequestFromClient":true,
		"logBodyRequestFromClient":false,"logParamRequestToTarget":true,"logHeaderRequestToTarget":false,
		"logBodyRequestToTarget":true,"logHeaderResponseFromTarget":false,"logBodyResponseFromTarget":true,
		"logHeaderResponseToClient":true,"logBodyResponseToClient":false,"enableDatabaseConnector":false,
		"enableElasticsearchConnector":true,"enableSyslogConnector":false,"enableWebhookConnector":true,
		"enableRabbitMqConnector":false,"enableActiveMqConnector":true,"enableKafkaConnector":false,
		"enableGraylogConnector":true,"enableLogbackConnector":false},
		{"environmentName":"staging"}]}`,
		settingsKind{op: ops.SettingsLegacyTrafficLog},
	},
	{
		MaintenanceModeSettings{Enabled: ptr(true), HTTPStatusCode: ptr(503), ContentType: "text/plain", Message: "back soon"},
		`{"enabled":true,"httpStatusCode":503,"contentType":"text/plain","message":"back soon"}`,
		settingsKind{op: ops.SettingsMaintenanceMode},
	},
	{
		MetadataSettings{
			Name: "Orders", Description: ptr("orders API"), Categories: []string{"Payment"}, SharingType: SharingInternal,
			RequestBodyReadBehavior: BodyReadIfPolicyExists, ResponseBodyReadBehavior: BodyAlwaysRead,
			Direction: DirectionRequestOnly, DisableDirectAccessToGateways: ptr(false), GlobalAPIProxySettingName: "g",
			BackendProxyApplyPolicies: ptr(true), FixSOAPAPIPortType: ptr(false),
		},
		`{"name":"Orders","description":"orders API","categoryList":["Payment"],"sharingType":"INTERNAL",
		"requestBodyReadBehavior":"READ_IF_POLICY_EXISTS","responseBodyReadBehavior":"ALWAYS_READ",
		"direction":"REQUEST_ONLY","disableDirectAccessToGateways":false,"globalApiProxySettingName":"g",
		"backendProxyApplyPolicies":true,"fixSoapApiPortType":false}`,
		settingsKind{op: ops.SettingsMetadata},
	},
	{
		MTLSSettings{
			Enabled: ptr(true), KeyStoreID: "ks1", TrustStoreID: "ts1", KeyStoreName: "ks", TrustStoreName: "ts",
			SupportedProtocols: []TLSProtocol{ProtocolTLS12, ProtocolTLS13}, HostnameVerifierType: HostnameVerifierStrict,
			DisableSSLValidation: ptr(false),
		},
		`{"enabled":true,"keyStoreId":"ks1","trustStoreId":"ts1","keyStoreName":"ks","trustStoreName":"ts",
		"supportedProtocolList":["TLS_1_2","TLS_1_3"],"hostnameVerifierType":"STRICT","disableSslValidation":false}`,
		settingsKind{op: ops.SettingsMTLS, classic: true},
	},
	{
		NTLMSettings{Enabled: ptr(true), Domain: "EXAMPLE", Username: "svc", Password: "pw", Workstation: "WS01"},
		`{"enabled":true,"domain":"EXAMPLE","username":"svc","password":"pw","workstation":"WS01"}`,
		settingsKind{op: ops.SettingsNTLM, wrapper: "ntlmSettings", union: true, classic: true},
	},
	{
		ProxyServerSettings{
			ProxyEnabled: ptr(true), ProxyFromHeaderEnabled: ptr(false), ProxyHost: "proxy.example.com",
			ProxyPort: ptr(8080), ProxyAuthorizationNeeded: ptr(true), ProxyUsername: "u", ProxyPassword: "p",
		},
		`{"proxyEnabled":true,"proxyFromHeaderEnabled":false,"proxyHost":"proxy.example.com","proxyPort":8080,
		"proxyAuthorizationNeeded":true,"proxyUsername":"u","proxyPassword":"p"}`,
		settingsKind{op: ops.SettingsProxyServer, classic: true},
	},
	{
		RoutingAddresses{
			{
				Address: "https://a.example", Weight: ptr(100), SOAPType: SOAP12, Description: "main",
				AddressType: AddressPrimary, HealthCheckPath: "/health", HealthMonitoringEnabled: ptr(true),
				HealthCheckEnabled: ptr(true), // one flag under its two names
			},
			{Address: "https://b.example", AddressType: AddressFailoverOnly},
		},
		`[{"address":"https://a.example","weight":100,"soapType":"SOAP12","description":"main","addressType":"PRIMARY",
		"healthCheckPath":"/health","healthMonitoringEnabled":true,"healthCheckEnabled":true},
		{"address":"https://b.example","addressType":"FAILOVER_ONLY"}]`,
		settingsKind{op: ops.SettingsRoutingAddresses, wrapper: "routingAddressList", classic: true},
	},
	{
		RoutingStatusSettings{RoutingEnabled: ptr(true), EchoEnabled: ptr(false), MirrorEnabled: ptr(false)},
		`{"routingEnabled":true,"echoEnabled":false,"mirrorEnabled":false}`,
		settingsKind{op: ops.SettingsRoutingStatus, classic: true},
	},
	{
		TraceSettings{
			EnableTraceLog:  ptr(true),
			StartTime:       ptr(time.Date(2025, 1, 1, 3, 0, 0, 0, time.FixedZone("TRT", 3*60*60))),
			StopTime:        ptr(time.Date(2025, 1, 2, 0, 0, 0, 500_000_000, time.UTC)),
			EnvironmentName: "production", LogAPIProxy: json.RawMessage(`{"x":1}`),
		},
		`{"enableTraceLog":true,"startTime":"2025-01-01T00:00:00Z","stopTime":"2025-01-02T00:00:00.5Z",
		"environmentName":"production","logApiProxy":{"x":1}}`,
		settingsKind{op: ops.SettingsTrace},
	},
	{
		WebSocketSettings{
			ConnectionLostTimeout: ptr(60), ReuseAddr: ptr(true), ConnectTimeout: ptr(30), MaxRetries: ptr(3),
			RetryDelay: ptr(1000), AutoReconnect: ptr(false), AutoReconnectMaxRetries: ptr(5),
			AutoReconnectRetryDelay: ptr(2000),
		},
		`{"connectionLostTimeout":60,"reuseAddr":true,"connectTimeout":30,"maxRetries":3,"retryDelay":1000,
		"autoReconnect":false,"autoReconnectMaxRetries":5,"autoReconnectRetryDelay":2000}`,
		settingsKind{op: ops.SettingsWebSocket, wrapper: "websocketSettings", classic: true},
	},
	{
		XMLErrorTemplateSettings{
			XMLErrorResponseTemplateActive: ptr(false), XMLValue: "<f>" + TemplateFaultMessage + "</f>",
			ContentType: "text/xml;charset=UTF-8", PermitSpecialChars: ptr(true),
		},
		`{"xmlErrorResponseTemplateActive":false,"xmlValue":"<f>#FAULTMESSAGE#</f>",
		"contentType":"text/xml;charset=UTF-8","permitSpecialChars":true}`,
		settingsKind{op: ops.SettingsXMLErrorTemplate, wrapper: "xmlErrorResponseTemplate", union: true},
	},
}
