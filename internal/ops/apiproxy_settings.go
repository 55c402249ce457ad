package ops

// The settings of an API proxy: one PATCH per setting, all sent by the
// Client's UpdateAPIProxySettings (each settings type names its row).
// Spec access type and the 2025 hide-spec-file carry their value in the
// path; the AI, MCP and A2A routings are whole-object PUTs. The 2025-only
// rows (hide-spec-file, the legacy traffic-log PATCH) link to the 2025
// repository's page.
const docs2025 = "https://github.com/apinizer/management-api-docs/blob/main/02-api-reference/04-api-proxies/settings/"

var (
	SettingsKeys = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/keys/",
		Doc: docs + "api-proxies/settings/update-api-keys"})
	SettingsCache = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/cache/",
		Doc: docs + "api-proxies/settings/update-cache-settings"})
	SettingsCircuitBreaker = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/circuit-breaker/",
		Doc: docs + "api-proxies/settings/update-circuit-breaker-settings"})
	SettingsClientRoute = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/client-route/",
		Doc: docs + "api-proxies/settings/update-client-route"})
	SettingsConnection = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/connection/",
		Doc: docs + "api-proxies/settings/update-connection-settings"})
	SettingsCORS = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/cors/",
		Doc: docs + "api-proxies/settings/update-cors-settings"})
	SettingsCustomMessage = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/custom-message/",
		Doc: docs + "api-proxies/settings/update-custom-message"})
	SettingsErrorHandling = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/error-handling/",
		Doc: docs + "api-proxies/settings/update-error-handling"})
	SettingsForwardedIPHeader = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/forwarded-ip-header/",
		Doc: docs + "api-proxies/settings/update-forwarded-ip-header"})
	SettingsGRPC = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/grpc/",
		Doc: docs + "api-proxies/settings/update-grpc-settings"})
	SettingsIdempotency = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/idempotency/",
		Doc: docs + "api-proxies/settings/update-idempotency-settings"})
	SettingsJSONErrorTemplate = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/json-error-template/",
		Doc: docs + "api-proxies/settings/update-json-error-template"})
	SettingsMaintenanceMode = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/maintenance-mode/",
		Doc: docs + "api-proxies/settings/update-maintenance-mode"})
	SettingsMetadata = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/metadata/",
		Doc: docs + "api-proxies/settings/update-metadata"})
	SettingsMTLS = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/mtls/",
		Doc: docs + "api-proxies/settings/update-mtls-settings"})
	SettingsNTLM = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/ntlm/",
		Doc: docs + "api-proxies/settings/update-ntlm-settings"})
	SettingsProxyServer = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/proxy-server/",
		Doc: docs + "api-proxies/settings/update-proxy-server-settings"})
	SettingsRoutingAddresses = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/addresses/",
		Doc: docs + "api-proxies/settings/update-routing-addresses"})
	SettingsRoutingStatus = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/routing-status/",
		Doc: docs + "api-proxies/settings/update-routing-status"})
	SettingsTrace = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/trace/",
		Doc: docs + "api-proxies/settings/update-trace-settings"})
	SettingsWebSocket = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/websocket/",
		Doc: docs + "api-proxies/settings/update-websocket-settings"})
	SettingsXMLErrorTemplate = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/xml-error-template/",
		Doc: docs + "api-proxies/settings/update-xml-error-template"})
	SettingsLegacyTrafficLog = def(Op{Name: "UpdateAPIProxySettings", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/traffic-log/",
		Doc: docs2025 + "update-traffic-log-settings.md"})
	UpdateAPIProxySpecAccessType = def(Op{Name: "UpdateAPIProxySpecAccessType", Method: "PATCH",
		Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/spec-access-type/{specAccessType}/",
		Doc:  docs + "api-proxies/settings/update-spec-access-type"})
	UpdateAPIProxyHideSpecFile = def(Op{Name: "UpdateAPIProxyHideSpecFile", Method: "PATCH",
		Path: "projects/{projectName}/apiProxies/{apiProxyName}/settings/hide-spec-file/{hideSpecFile}/",
		Doc:  docs2025 + "update-hide-spec-file.md"})
	UpdateAPIProxyAIRouting = def(Op{Name: "UpdateAPIProxyAIRouting", Method: "PUT", Path: "projects/{projectName}/apiProxies/{apiProxyName}/ai-routing/",
		Doc: docs + "api-proxies/settings/update-ai-routing"})
	UpdateAPIProxyMCPRouting = def(Op{Name: "UpdateAPIProxyMCPRouting", Method: "PUT", Path: "projects/{projectName}/apiProxies/{apiProxyName}/mcp-routing/",
		Doc: docs + "api-proxies/settings/update-mcp-routing"})
	UpdateAPIProxyA2ARouting = def(Op{Name: "UpdateAPIProxyA2ARouting", Method: "PUT", Path: "projects/{projectName}/apiProxies/{apiProxyName}/a2a-routing/",
		Doc: docs + "api-proxies/settings/update-a2a-routing"})
)
