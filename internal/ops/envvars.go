package ops

// Environment variables of a project; the variable's name is in the path
// of Create as well as in its body. The per-proxy list is documented only
// in the vendor's OpenAPI file.
var (
	ListEnvironmentVariables = def(Op{Name: "ListEnvironmentVariables", Method: "GET", Path: "projects/{projectName}/environmentVariables/",
		Doc: docs + "environment-variables/crud/list-environment-variables"})
	GetEnvironmentVariable = def(Op{Name: "GetEnvironmentVariable", Method: "GET", Path: "projects/{projectName}/environmentVariables/{name}/",
		Doc: docs + "environment-variables/crud/get-environment-variable"})
	CreateEnvironmentVariable = def(Op{Name: "CreateEnvironmentVariable", Method: "POST", Path: "projects/{projectName}/environmentVariables/{name}/",
		Doc: docs + "environment-variables/crud/create-environment-variable"})
	UpdateEnvironmentVariable = def(Op{Name: "UpdateEnvironmentVariable", Method: "PUT", Path: "projects/{projectName}/environmentVariables/{name}/",
		Doc: docs + "environment-variables/crud/update-environment-variable"})
	DeleteEnvironmentVariable = def(Op{Name: "DeleteEnvironmentVariable", Method: "DELETE", Path: "projects/{projectName}/environmentVariables/{name}/",
		Doc: docs + "environment-variables/crud/delete-environment-variable"})
	ListAPIProxyEnvironmentVariables = def(Op{Name: "ListAPIProxyEnvironmentVariables", Method: "GET",
		Path: "projects/{projectName}/apiProxies/{apiProxyName}/environment-variables/", Doc: openAPIFile})
)
