package ops

// API proxies: list, read, the creates and re-parses, delete.
var (
	ListAPIProxies = def(Op{Name: "ListAPIProxies", Method: "GET", Path: "projects/{projectName}/apiProxies/",
		Doc: docs + "api-proxies/crud/list-api-proxies"})
	GetAPIProxy = def(Op{Name: "GetAPIProxy", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/",
		Doc: docs + "api-proxies/crud/get-api-proxy"})
	GetAPIProxyInvokeInfo = def(Op{Name: "GetAPIProxyInvokeInfo", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/invoke-info/",
		Doc: docs + "api-proxies/crud/get-invoke-info"})
	CreateAPIProxy = def(Op{Name: "CreateAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/url/",
		Doc: docs + "api-proxies/crud/create-api-proxy-from-url"})
	CreateAPIProxyFromFile = def(Op{Name: "CreateAPIProxyFromFile", Method: "POST", Path: "projects/{projectName}/apiProxies/file/",
		Doc: docs + "api-proxies/crud/create-api-proxy-from-file"})
	UpdateAPIProxy = def(Op{Name: "UpdateAPIProxy", Method: "PUT", Path: "projects/{projectName}/apiProxies/url/",
		Doc: docs + "api-proxies/crud/update-api-proxy-from-url"})
	UpdateAPIProxyFromFile = def(Op{Name: "UpdateAPIProxyFromFile", Method: "PUT", Path: "projects/{projectName}/apiProxies/file/",
		Doc: docs + "api-proxies/crud/update-api-proxy-from-file"})
	CreateAIAPIProxy = def(Op{Name: "CreateAIAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/ai/{apiProxyName}/",
		Doc: docs + "api-proxies/crud/create-ai-api-proxy"})
	CreateMCPAPIProxy = def(Op{Name: "CreateMCPAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/mcp/{apiProxyName}/",
		Doc: docs + "api-proxies/crud/create-mcp-api-proxy"})
	CreateA2AAPIProxy = def(Op{Name: "CreateA2AAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/a2a/{apiProxyName}/",
		Doc: docs + "api-proxies/crud/create-a2a-api-proxy"})
	DeleteAPIProxy = def(Op{Name: "DeleteAPIProxy", Method: "DELETE", Path: "projects/{projectName}/apiProxies/{apiProxyName}/",
		Doc: docs + "api-proxies/crud/delete-api-proxy"})
)
