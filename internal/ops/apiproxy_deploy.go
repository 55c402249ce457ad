package ops

// API proxy deployment: deploy, undeploy, status, route health, history,
// rollback.
var (
	DeployAPIProxy = def(Op{Name: "DeployAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/",
		Doc: docs + "api-proxies/deployment/deploy-api-proxy"})
	UndeployAPIProxy = def(Op{Name: "UndeployAPIProxy", Method: "DELETE", Path: "projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/",
		Doc: docs + "api-proxies/deployment/undeploy-api-proxy"})
	GetAPIProxyDeployStatus = def(Op{Name: "GetAPIProxyDeployStatus", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/deploy-status/",
		Doc: docs + "api-proxies/deployment/get-deploy-status"})
	GetAPIProxyRouteHealth = def(Op{Name: "GetAPIProxyRouteHealth", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/environments/{environmentName}/route-health/",
		Doc: docs + "api-proxies/deployment/get-route-health"})
	ListAPIProxyDeployHistory = def(Op{Name: "ListAPIProxyDeployHistory", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/",
		Doc: docs + "api-proxies/deployment/list-deploy-history"})
	GetAPIProxyDeployHistory = def(Op{Name: "GetAPIProxyDeployHistory", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/",
		Doc: docs + "api-proxies/deployment/get-deploy-history-detail"})
	DeleteAPIProxyDeployHistory = def(Op{Name: "DeleteAPIProxyDeployHistory", Method: "DELETE", Path: "projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/",
		Doc: docs + "api-proxies/deployment/delete-deploy-history"})
	RollbackAPIProxy = def(Op{Name: "RollbackAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/{apiProxyName}/deploy-histories/{revision}/rollback/",
		Doc: docs + "api-proxies/deployment/rollback-deploy-history"})
)
