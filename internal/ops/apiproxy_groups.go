package ops

// API proxy groups: the group CRUD (Update takes the name in the body),
// membership, deployment per environment and the 2026 deploy history.
// The promotion pair is documented only in the vendor's OpenAPI file (no
// trailing slash, as there), so its Doc is that file.
const openAPIFile = "https://github.com/apinizer/docs/blob/main/openapi.yaml"

var (
	ListAPIProxyGroups = def(Op{Name: "ListAPIProxyGroups", Method: "GET", Path: "projects/{projectName}/apiProxyGroups/",
		Doc: docs + "api-proxy-groups/crud/list-api-proxy-groups"})
	CreateAPIProxyGroup = def(Op{Name: "CreateAPIProxyGroup", Method: "POST", Path: "projects/{projectName}/apiProxyGroups/",
		Doc: docs + "api-proxy-groups/crud/create-api-proxy-group"})
	UpdateAPIProxyGroup = def(Op{Name: "UpdateAPIProxyGroup", Method: "PUT", Path: "projects/{projectName}/apiProxyGroups/",
		Doc: docs + "api-proxy-groups/crud/update-api-proxy-group"})
	DeleteAPIProxyGroup = def(Op{Name: "DeleteAPIProxyGroup", Method: "DELETE", Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/",
		Doc: docs + "api-proxy-groups/crud/delete-api-proxy-group"})
	AddAPIProxyToGroup = def(Op{Name: "AddAPIProxyToGroup", Method: "POST",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/apiProxies/{apiProxyName}/",
		Doc:  docs + "api-proxy-groups/api-proxies/add-api-proxy-to-group"})
	RemoveAPIProxyFromGroup = def(Op{Name: "RemoveAPIProxyFromGroup", Method: "DELETE",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/apiProxies/{apiProxyName}/",
		Doc:  docs + "api-proxy-groups/api-proxies/remove-api-proxy-from-group"})
	ListAPIProxyGroupEnvironments = def(Op{Name: "ListAPIProxyGroupEnvironments", Method: "GET",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/",
		Doc:  docs + "api-proxy-groups/deployment/list-environments"})
	DeployAPIProxyGroup = def(Op{Name: "DeployAPIProxyGroup", Method: "POST",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/{environmentName}/",
		Doc:  docs + "api-proxy-groups/deployment/deploy-api-proxy-group"})
	UndeployAPIProxyGroup = def(Op{Name: "UndeployAPIProxyGroup", Method: "DELETE",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/environments/{environmentName}/",
		Doc:  docs + "api-proxy-groups/deployment/undeploy-api-proxy-group"})
	ListAPIProxyGroupDeployHistory = def(Op{Name: "ListAPIProxyGroupDeployHistory", Method: "GET",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/",
		Doc:  docs + "api-proxy-groups/deployment/list-deploy-history"})
	GetAPIProxyGroupDeployHistory = def(Op{Name: "GetAPIProxyGroupDeployHistory", Method: "GET",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/{revision}/",
		Doc:  docs + "api-proxy-groups/deployment/get-deploy-history-detail"})
	DeleteAPIProxyGroupDeployHistory = def(Op{Name: "DeleteAPIProxyGroupDeployHistory", Method: "DELETE",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/deploy-histories/{revision}/",
		Doc:  docs + "api-proxy-groups/deployment/delete-deploy-history"})
	ListAPIProxyGroupProxiesForPromotion = def(Op{Name: "ListAPIProxyGroupProxiesForPromotion", Method: "GET",
		Path: "projects/{projectName}/apiProxyGroups/{apiProxyGroupName}/proxies/forpromotion", Doc: openAPIFile})
	SaveAPIProxyGroupForPromotion = def(Op{Name: "SaveAPIProxyGroupForPromotion", Method: "PUT",
		Path: "projects/{projectName}/apiProxyGroups/promotion", Doc: openAPIFile})
)
