package ops

// Moving API proxies: export, the two imports, promotion (no trailing
// slash), and the type-generic export and import.
var (
	ExportAPIProxy = def(Op{Name: "ExportAPIProxy", Method: "GET", Path: "projects/{projectName}/apiProxies/{apiProxyName}/export/",
		Doc: docs + "api-proxies/crud/export-api-proxy"})
	ImportAPIProxy = def(Op{Name: "ImportAPIProxy", Method: "POST", Path: "projects/{projectName}/apiProxies/import/",
		Doc: docs + "api-proxies/crud/import-api-proxy"})
	ImportAPIProxyOverride = def(Op{Name: "ImportAPIProxyOverride", Method: "PUT", Path: "projects/{projectName}/apiProxies/{apiProxyName}/import/",
		Doc: docs + "api-proxies/crud/import-api-proxy-and-override"})
	ListAPIProxiesForPromotion = def(Op{Name: "ListAPIProxiesForPromotion", Method: "GET", Path: "projects/{projectName}/apiProxies/forpromotion",
		Doc: docs + "api-proxies/promotion/list-api-proxies-for-promotion"})
	SaveAPIProxyForPromotion = def(Op{Name: "SaveAPIProxyForPromotion", Method: "PUT", Path: "projects/{projectName}/apiProxies/promotion",
		Doc: docs + "api-proxies/promotion/save-api-proxy-for-promotion"})
	ListExportImportTypes = def(Op{Name: "ListExportImportTypes", Method: "GET", Path: "projects/{projectName}/export-import/types/",
		Doc: docs + "export-import/list-supported-types"})
	ListExportImportObjects = def(Op{Name: "ListExportImportObjects", Method: "GET", Path: "projects/{projectName}/export-import/{type}/objects/",
		Doc: docs + "export-import/list-objects"})
	ExportObjects = def(Op{Name: "ExportObjects", Method: "POST", Path: "projects/{projectName}/export-import/{type}/export/",
		Doc: docs + "export-import/export-objects"})
	ImportObjects = def(Op{Name: "ImportObjects", Method: "POST", Path: "projects/{projectName}/export-import/{type}/import/",
		Doc: docs + "export-import/import-objects"})
)
