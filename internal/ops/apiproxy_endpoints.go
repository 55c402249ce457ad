package ops

// The endpoints ("API methods") of an API proxy. Get, the two policy
// reads and Delete are POSTs with the endpoint's name and method in the
// body.
var (
	ListAPIProxyEndpoints = def(Op{Name: "ListAPIProxyEndpoints", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/",
		Doc: docs + "api-proxies/endpoints/list-endpoints"})
	ListAPIProxyMethods = def(Op{Name: "ListAPIProxyMethods", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/methods/",
		Doc: docs + "api-proxies/endpoints/list-methods"})
	GetAPIProxyEndpoint = def(Op{Name: "GetAPIProxyEndpoint", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/details/",
		Doc: docs + "api-proxies/endpoints/get-endpoint"})
	ListAPIProxyEndpointPolicies = def(Op{Name: "ListAPIProxyEndpointPolicies", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/policies/",
		Doc: docs + "api-proxies/endpoints/list-endpoint-policies"})
	GetAPIProxyMethodPolicies = def(Op{Name: "GetAPIProxyMethodPolicies", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/methods/policies/",
		Doc: docs + "api-proxies/endpoints/get-method-policies"})
	CreateAPIProxyEndpoint = def(Op{Name: "CreateAPIProxyEndpoint", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/",
		Doc: docs + "api-proxies/endpoints/create-endpoint"})
	UpdateAPIProxyEndpoint = def(Op{Name: "UpdateAPIProxyEndpoint", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/",
		Doc: docs + "api-proxies/endpoints/update-endpoint"})
	DeleteAPIProxyEndpoint = def(Op{Name: "DeleteAPIProxyEndpoint", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/delete/",
		Doc: docs + "api-proxies/endpoints/delete-endpoint"})
	UpdateAPIProxyEndpointStatus = def(Op{Name: "UpdateAPIProxyEndpointStatus", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/status/",
		Doc: docs + "api-proxies/endpoints/update-endpoint-status"})
	UpdateAPIProxyEndpointWSA = def(Op{Name: "UpdateAPIProxyEndpointWSA", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/wsa/",
		Doc: docs + "api-proxies/endpoints/update-endpoint-wsa"})
	UpdateAPIProxyEndpointCache = def(Op{Name: "UpdateAPIProxyEndpointCache", Method: "PATCH", Path: "projects/{projectName}/apiProxies/{apiProxyName}/endpoints/cache/",
		Doc: docs + "api-proxies/endpoints/update-endpoint-cache"})
)
