package ops

// Traffic-log settings per environment (2026). The method overrides take
// the method's name as the required query parameter methodName.
var (
	ListAPIProxyTrafficLogSettings = def(Op{Name: "ListAPIProxyTrafficLogSettings", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/",
		Doc: docs + "api-proxies/traffic-log-settings/get-all"})
	GetAPIProxyTrafficLogSettings = def(Op{Name: "GetAPIProxyTrafficLogSettings", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/",
		Doc: docs + "api-proxies/traffic-log-settings/get-by-environment"})
	UpdateAPIProxyTrafficLogSettings = def(Op{Name: "UpdateAPIProxyTrafficLogSettings", Method: "PUT", Path: "projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/",
		Doc: docs + "api-proxies/traffic-log-settings/update"})
	UpdateAPIProxyTrafficLogMethodOverride = def(Op{Name: "UpdateAPIProxyTrafficLogMethodOverride", Method: "PUT",
		Path: "projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/connectors/{connectorType}/methodOverride/",
		Doc:  docs + "api-proxies/traffic-log-settings/update-method-override"})
	DeleteAPIProxyTrafficLogMethodOverride = def(Op{Name: "DeleteAPIProxyTrafficLogMethodOverride", Method: "DELETE",
		Path: "projects/{projectName}/apiProxies/{apiProxyName}/trafficLogSettings/{environmentName}/connectors/{connectorType}/methodOverride/",
		Doc:  docs + "api-proxies/traffic-log-settings/delete-method-override"})
)
