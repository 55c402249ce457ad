package apinizertest

import (
	"net/http"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/internal/ops"
)

// route is one endpoint of the fake: its operation in the catalog (method
// and path as the API's documentation writes them), what it needs, and
// its handler.
type route struct {
	op       *ops.Op
	perm     Permission // PermManage for writes; 0: a valid token; noToken: none
	handle   func(*call) reply
	marker   marker   // the success marker, when it is not the dialect's
	shapes   [2]shape // the deployment result's shape, per dialect
	failFAIL bool     // in Dialect2026, errors are {"status": "FAIL", "message"} (the AI create pages)
	texts    *pageTexts
	segments []string // pattern split at "/"

	fault pendingFault // FailRoute's; guarded by Server.mu
}

// noToken marks the route that takes no token: the token endpoint.
const noToken Permission = -1

// marker is how a success says so.
type marker int

const (
	markDialect marker = iota // "success": true in 2025, "status": "SUCCESS" in 2026
	markStatus                // "status": "SUCCESS" in both (List Projects)
	markSuccess               // "success": true in both (the JWK resource's pages)
)

// pageTexts are a page's own texts where they differ from the dialect's.
type pageTexts struct {
	unauthorized   [2]string // per dialect
	projectMissing [2]string // per dialect, with %s for the name; always a 400
}

// routeTable lists every endpoint the fake serves, each by its row of
// the catalog. Handlers live in the file of their resource.
var routeTable = []route{
	{op: ops.IssueToken, perm: noToken, handle: (*call).issueToken},

	{op: ops.ListProjects, handle: (*call).listProjects, marker: markStatus},
	{op: ops.ListAllEnvironments, handle: (*call).listAllEnvironments, texts: &allEnvTexts},
	{op: ops.ListEnvironments, handle: (*call).listEnvironments, texts: &envTexts},
	{op: ops.ListEnvironmentsOlder, handle: (*call).listEnvironments, texts: &envTexts},

	{op: ops.ListCredentials, handle: (*call).listCredentials},
	{op: ops.CreateCredential, perm: PermManage, handle: (*call).createCredential},
	{op: ops.UpdateCredential, perm: PermManage, handle: (*call).updateCredential},
	{op: ops.ChangeCredentialPassword, perm: PermManage, handle: (*call).changePassword},
	{op: ops.DeleteCredential, perm: PermManage, handle: (*call).deleteCredential, shapes: [2]shape{shapeA, shapeB}},
	{op: ops.ListAccess, handle: (*call).listAccess},
	{op: ops.GrantAccess, perm: PermManage, handle: (*call).grantAccess},
	{op: ops.RevokeAccess, perm: PermManage, handle: (*call).revokeAccess},

	{op: ops.RemoveJWKValidation, perm: PermManage, handle: removeJWK(UseValidation)},
	{op: ops.SetJWKValidation, perm: PermManage, handle: setJWK(UseValidation)},
	{op: ops.RemoveJWKEncryption, perm: PermManage, handle: removeJWK(UseEncryption)},
	{op: ops.SetJWKEncryption, perm: PermManage, handle: setJWK(UseEncryption)},

	{op: ops.ListJWKs, handle: (*call).listJWKs},
	{op: ops.GetJWK, handle: (*call).getJWK, marker: markSuccess},
	{op: ops.CreateJWK, perm: PermManage, handle: (*call).createJWK, marker: markSuccess},
	{op: ops.GenerateJWK, perm: PermManage, handle: (*call).generateJWK, marker: markSuccess},
	{op: ops.ParseJWKFromURL, perm: PermManage, handle: parseJWK("URL"), marker: markSuccess},
	{op: ops.ParseJWKFromClipboard, perm: PermManage, handle: parseJWK("COPY_PASTE"), marker: markSuccess},
	{op: ops.ParseJWKFromCertificate, perm: PermManage, handle: parseJWK("CERTIFICATE"), marker: markSuccess},
	{op: ops.ParseJWKFromKey, perm: PermManage, handle: parseJWK("PUBLIC_KEY"), marker: markSuccess},
	{op: ops.ParseJWKFromKeystore, perm: PermManage, handle: parseJWK("KEYSTORE"), marker: markSuccess},
	{op: ops.UpdateJWK, perm: PermManage, handle: (*call).updateJWK, marker: markSuccess},
	{op: ops.DeleteJWK, perm: PermManage, handle: (*call).deleteJWK, marker: markSuccess},

	{op: ops.ListAPIProxies, handle: (*call).listAPIProxies, marker: markStatus},
	{op: ops.GetAPIProxy, handle: (*call).getAPIProxy, marker: markSuccess},
	{op: ops.GetAPIProxyInvokeInfo, handle: (*call).getInvokeInfo},
	{op: ops.CreateAPIProxy, perm: PermManage, handle: (*call).createFromURL, shapes: [2]shape{shapeC, shapeBFlat}},
	{op: ops.CreateAPIProxyFromFile, perm: PermManage, handle: (*call).createFromFile, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.UpdateAPIProxy, perm: PermManage, handle: (*call).updateFromURL, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.UpdateAPIProxyFromFile, perm: PermManage, handle: (*call).updateFromFile, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.CreateAIAPIProxy, perm: PermManage, handle: createAI(apinizer.APITypeAI), shapes: [2]shape{shapeB, shapeB}, failFAIL: true},
	{op: ops.CreateMCPAPIProxy, perm: PermManage, handle: createAI(apinizer.APITypeMCP), shapes: [2]shape{shapeB, shapeB}, failFAIL: true},
	{op: ops.CreateA2AAPIProxy, perm: PermManage, handle: createAI(apinizer.APITypeA2A), shapes: [2]shape{shapeB, shapeB}, failFAIL: true},
	{op: ops.DeleteAPIProxy, perm: PermManage, handle: (*call).deleteAPIProxy, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},

	{op: ops.DeployAPIProxy, perm: PermManage, handle: deployCall(true), marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.UndeployAPIProxy, perm: PermManage, handle: deployCall(false), marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.GetAPIProxyDeployStatus, handle: (*call).deployStatus},
	{op: ops.GetAPIProxyRouteHealth, handle: (*call).routeHealth},
	{op: ops.ListAPIProxyDeployHistory, handle: (*call).listHistory},
	{op: ops.GetAPIProxyDeployHistory, handle: (*call).getHistory},
	{op: ops.DeleteAPIProxyDeployHistory, perm: PermManage, handle: (*call).deleteHistory},
	{op: ops.RollbackAPIProxy, perm: PermManage, handle: (*call).rollback},

	{op: ops.ExportAPIProxy, handle: (*call).exportAPIProxy},
	{op: ops.ImportAPIProxy, perm: PermManage, handle: (*call).importAPIProxy, marker: markStatus},
	{op: ops.ImportAPIProxyOverride, perm: PermManage, handle: (*call).importAPIProxyOverride, marker: markStatus, shapes: [2]shape{shapeA, shapeA}},
	{op: ops.ListAPIProxiesForPromotion, handle: (*call).listForPromotion},
	{op: ops.SaveAPIProxyForPromotion, perm: PermManage, handle: (*call).saveForPromotion},
	{op: ops.ListExportImportTypes, handle: (*call).listExportTypes},
	{op: ops.ListExportImportObjects, handle: (*call).listExportObjects},
	{op: ops.ExportObjects, handle: (*call).exportObjects},
	{op: ops.ImportObjects, perm: PermManage, handle: (*call).importObjects},

	{op: ops.ListAPIProxyGroups, handle: (*call).listGroups},
	{op: ops.CreateAPIProxyGroup, perm: PermManage, handle: saveGroup(true), shapes: [2]shape{shapeB, shapeB}},
	{op: ops.UpdateAPIProxyGroup, perm: PermManage, handle: saveGroup(false), shapes: [2]shape{shapeB, shapeB}},
	{op: ops.DeleteAPIProxyGroup, perm: PermManage, handle: (*call).deleteGroup},
	{op: ops.AddAPIProxyToGroup, perm: PermManage, handle: membership(true)},
	{op: ops.RemoveAPIProxyFromGroup, perm: PermManage, handle: membership(false)},
	{op: ops.ListAPIProxyGroupEnvironments, handle: (*call).groupEnvironments},
	{op: ops.DeployAPIProxyGroup, perm: PermManage, handle: groupDeployCall(true), shapes: [2]shape{shapeA, shapeB}},
	{op: ops.UndeployAPIProxyGroup, perm: PermManage, handle: groupDeployCall(false), shapes: [2]shape{shapeA, shapeB}},
	{op: ops.ListAPIProxyGroupDeployHistory, handle: (*call).listGroupHistory},
	{op: ops.GetAPIProxyGroupDeployHistory, handle: (*call).getGroupHistory},
	{op: ops.DeleteAPIProxyGroupDeployHistory, perm: PermManage, handle: (*call).deleteGroupHistory},
	{op: ops.ListAPIProxyGroupProxiesForPromotion, handle: (*call).listGroupForPromotion},
	{op: ops.SaveAPIProxyGroupForPromotion, perm: PermManage, handle: (*call).saveGroupForPromotion},

	{op: ops.ListEnvironmentVariables, handle: (*call).listEnvVars},
	{op: ops.GetEnvironmentVariable, handle: (*call).getEnvVar},
	{op: ops.CreateEnvironmentVariable, perm: PermManage, handle: saveEnvVar(true), shapes: [2]shape{shapeA, shapeBPrime}},
	{op: ops.UpdateEnvironmentVariable, perm: PermManage, handle: saveEnvVar(false), shapes: [2]shape{shapeA, shapeBPrime}},
	{op: ops.DeleteEnvironmentVariable, perm: PermManage, handle: (*call).deleteEnvVar, shapes: [2]shape{shapeA, shapeBPrime}},
	{op: ops.ListAPIProxyEnvironmentVariables, handle: (*call).listProxyEnvVars},

	{op: ops.ListAPIProxyEndpoints, handle: (*call).listEndpoints, marker: markSuccess},
	{op: ops.ListAPIProxyMethods, handle: (*call).listMethods},
	{op: ops.GetAPIProxyEndpoint, handle: endpointRead(false)},
	{op: ops.ListAPIProxyEndpointPolicies, handle: endpointRead(true)},
	{op: ops.GetAPIProxyMethodPolicies, handle: endpointRead(true)},
	{op: ops.CreateAPIProxyEndpoint, perm: PermManage, handle: (*call).createEndpoint, marker: markSuccess},
	{op: ops.UpdateAPIProxyEndpoint, perm: PermManage, handle: updateEndpoint, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.DeleteAPIProxyEndpoint, perm: PermManage, handle: (*call).deleteEndpoint, marker: markSuccess},
	{op: ops.UpdateAPIProxyEndpointStatus, perm: PermManage, handle: updateEndpointStatus, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.UpdateAPIProxyEndpointWSA, perm: PermManage, handle: updateEndpointWSA, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.UpdateAPIProxyEndpointCache, perm: PermManage, handle: updateEndpointCache, marker: markSuccess, shapes: [2]shape{shapeC, shapeC}},
	{op: ops.SettingsKeys, perm: PermManage, handle: updateSetting("keys"), marker: markSuccess},
	{op: ops.SettingsCache, perm: PermManage, handle: updateSetting("cache"), marker: markSuccess},
	{op: ops.SettingsCircuitBreaker, perm: PermManage, handle: updateSetting("circuit-breaker"), marker: markSuccess},
	{op: ops.SettingsClientRoute, perm: PermManage, handle: updateSetting("client-route"), marker: markSuccess},
	{op: ops.SettingsConnection, perm: PermManage, handle: updateSetting("connection"), marker: markSuccess},
	{op: ops.SettingsCORS, perm: PermManage, handle: updateSetting("cors"), marker: markSuccess},
	{op: ops.SettingsCustomMessage, perm: PermManage, handle: updateSetting("custom-message"), marker: markSuccess},
	{op: ops.SettingsErrorHandling, perm: PermManage, handle: updateSetting("error-handling"), marker: markSuccess},
	{op: ops.SettingsForwardedIPHeader, perm: PermManage, handle: updateSetting("forwarded-ip-header"), marker: markSuccess},
	{op: ops.SettingsGRPC, perm: PermManage, handle: updateSetting("grpc"), marker: markSuccess},
	{op: ops.SettingsIdempotency, perm: PermManage, handle: updateSetting("idempotency"), marker: markSuccess},
	{op: ops.SettingsJSONErrorTemplate, perm: PermManage, handle: updateSetting("json-error-template"), marker: markSuccess},
	{op: ops.SettingsMaintenanceMode, perm: PermManage, handle: updateSetting("maintenance-mode"), marker: markSuccess},
	{op: ops.SettingsMetadata, perm: PermManage, handle: updateSetting("metadata"), marker: markSuccess},
	{op: ops.SettingsMTLS, perm: PermManage, handle: updateSetting("mtls"), marker: markSuccess},
	{op: ops.SettingsNTLM, perm: PermManage, handle: updateSetting("ntlm"), marker: markSuccess},
	{op: ops.SettingsProxyServer, perm: PermManage, handle: updateSetting("proxy-server"), marker: markSuccess},
	{op: ops.SettingsRoutingAddresses, perm: PermManage, handle: updateSetting("addresses"), marker: markSuccess},
	{op: ops.SettingsRoutingStatus, perm: PermManage, handle: updateSetting("routing-status"), marker: markSuccess},
	{op: ops.SettingsTrace, perm: PermManage, handle: updateSetting("trace"), marker: markSuccess},
	{op: ops.SettingsWebSocket, perm: PermManage, handle: updateSetting("websocket"), marker: markSuccess},
	{op: ops.SettingsXMLErrorTemplate, perm: PermManage, handle: updateSetting("xml-error-template"), marker: markSuccess},
	{op: ops.SettingsLegacyTrafficLog, perm: PermManage, handle: updateSetting("traffic-log"), marker: markSuccess},
	{op: ops.UpdateAPIProxySpecAccessType, perm: PermManage, handle: (*call).updateSpecAccessType, marker: markSuccess, shapes: [2]shape{shapeBPrime, shapeBPrime}},
	{op: ops.UpdateAPIProxyHideSpecFile, perm: PermManage, handle: (*call).updateHideSpecFile, marker: markSuccess},
	{op: ops.UpdateAPIProxyAIRouting, perm: PermManage, handle: updateRouting(apinizer.APITypeAI)},
	{op: ops.UpdateAPIProxyMCPRouting, perm: PermManage, handle: updateRouting(apinizer.APITypeMCP)},
	{op: ops.UpdateAPIProxyA2ARouting, perm: PermManage, handle: updateRouting(apinizer.APITypeA2A)},

	{op: ops.ListAPIProxyTrafficLogSettings, handle: (*call).listTrafficLogs},
	{op: ops.GetAPIProxyTrafficLogSettings, handle: (*call).getTrafficLog},
	{op: ops.UpdateAPIProxyTrafficLogSettings, perm: PermManage, handle: (*call).putTrafficLog},
	{op: ops.UpdateAPIProxyTrafficLogMethodOverride, perm: PermManage, handle: methodOverride(true)},
	{op: ops.DeleteAPIProxyTrafficLogMethodOverride, perm: PermManage, handle: methodOverride(false)},
}

// Routes lists the routes the Server serves, as "METHOD pattern" with the
// patterns as the API's documentation writes them.
func Routes() []string {
	out := make([]string, len(routeTable))
	for i, rt := range routeTable {
		out[i] = rt.op.Pattern()
	}
	return out
}

// call is one request being served: what the wrapper found, for a handler.
type call struct {
	s         *Server
	r         *http.Request
	body      []byte   // the request's body, read before the lock
	p         *project // nil on routes without {projectName}
	mayDeploy bool
	rt        *route
}
