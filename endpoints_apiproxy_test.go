package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"os"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The API proxies' rows of the endpoint table. A spec and an archive are
// uploaded from these bytes; downloads go to io.Discard.
var (
	testSpec    = []byte(`{"openapi":"3.0.0","info":{"title":"Pets","version":"1"},"paths":{"/pets":{"get":{"summary":"List pets"}}}}`)
	testArchive = mustRead("testdata/2025/export.zip") // a package the fake reads too
	testRoute   = &ClientRoute{RelativePaths: []string{"/petstore"}}
)

// mustRead reads a file of the repository for a table row.
func mustRead(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// done is what an error-only call returns when it succeeded.
type done struct{}

var apiProxyEndpoints = []endpoint{
	{op: ops.ListAPIProxies,
		call:    func(ctx context.Context, c *Client, n names) (any, error) { return c.ListAPIProxies(ctx, n.project) },
		answers: []string{"list_api_proxies", "error_project", "error_token", "error_server"}},
	{op: ops.GetAPIProxy, query: "withPolicies=true",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxy(ctx, n.project, n.proxy, &GetAPIProxyOptions{WithPolicies: true})
		},
		answers: []string{"get_api_proxy_policies", "get_api_proxy", "error_apiproxy_missing", "error_token", "error_server"}},
	{op: ops.GetAPIProxyInvokeInfo,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyInvokeInfo(ctx, n.project, n.proxy)
		},
		answers: []string{"invoke_info", "error_apiproxy_missing_with_name", "error_server"}},
	{op: ops.CreateAPIProxy,
		body: `{"apiProxyName":"orders-api","apiProxyDescription":"Pets","apiProxyCreationType":"SWAGGER","specUrl":"https://petstore.swagger.io/v2/swagger.json",` +
			`"specAuthorizationValueList":[{"keyName":"X-Key","value":"Pa55-never-printed","type":"header","headerName":"X-Key","headerValue":"Pa55-never-printed"}],` +
			`"clientRoute":{"relativePathList":["/petstore"]},"routingInfo":{"routingAddressList":[{"address":"https://petstore.example.com"}]},` +
			`"deploy":true,"deployTargetEnvironmentNameList":["production"]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateAPIProxy(ctx, n.project, &APIProxyRequest{Name: "orders-api", Description: "Pets", CreationType: CreationSwagger,
				SpecURL: "https://petstore.swagger.io/v2/swagger.json", SpecAuthorization: []SpecAuthorization{{Name: "X-Key", Value: testPassword}},
				ClientRoute: testRoute, Routing: &Routing{Addresses: []RoutingAddress{{Address: "https://petstore.example.com"}}}, DeployTo: []string{"production"}})
		},
		answers: []string{"deployment_b_flat", "deployment_null", "deployment_c_partial", "error_apiproxy_exists", "error_project", "error_permission_deploy", "error_server"}},
	{op: ops.CreateAPIProxyFromFile,
		parts: map[string]string{"metadata": `{"apiProxyName":"orders-api","apiProxyCreationType":"OPEN_API","clientRoute":{"relativePathList":["/petstore"]}}`,
			"specFile": string(testSpec)},
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateAPIProxyFromFile(ctx, n.project, &APIProxyRequest{Name: "orders-api", CreationType: CreationOpenAPI, ClientRoute: testRoute},
				File{Name: "openapi.json", Content: bytes.NewReader(testSpec)})
		},
		answers: []string{"deployment_c", "deployment_null", "error_apiproxy_exists", "error_server"}},
	{op: ops.UpdateAPIProxy,
		body: `{"apiProxyName":"petstore-api","apiProxyCreationType":"OPEN_API","specUrl":"https://petstore.swagger.io/v3/openapi.json","reParse":true}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxy(ctx, n.project, &APIProxyRequest{Name: "petstore-api", CreationType: CreationOpenAPI, SpecURL: "https://petstore.swagger.io/v3/openapi.json"})
		},
		answers: []string{"deployment_c", "error_apiproxy_reparse_missing", "error_server"}},
	{op: ops.UpdateAPIProxyFromFile,
		parts: map[string]string{"metadata": `{"apiProxyName":"petstore-api","apiProxyCreationType":"OPEN_API","reParse":true,"deploy":true,"deployTargetEnvironmentNameList":["production"]}`,
			"specFile": string(testSpec)},
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UpdateAPIProxyFromFile(ctx, n.project, &APIProxyRequest{Name: "petstore-api", CreationType: CreationOpenAPI, DeployTo: []string{"production"}},
				File{Name: "openapi.json", Content: bytes.NewReader(testSpec)})
		},
		answers: []string{"deployment_c", "deployment_c_partial", "error_apiproxy_reparse_missing"}},
	{op: ops.CreateAIAPIProxy, creates: true, body: `{"relativePath":"/ai","llmProviderName":"openai-prod","modelId":"gpt-4o"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateAIAPIProxy(ctx, n.project, n.proxy, &AIAPIProxyRequest{RelativePath: "/ai", LLMProviderName: "openai-prod", ModelID: "gpt-4o"})
		},
		answers: []string{"deployment_ai", "error_ai_llm_missing", "error_apiproxy_exists", "error_server"}},
	{op: ops.CreateMCPAPIProxy, creates: true, body: `{"relativePath":"/mcp","routingMode":"TOOL_EXPOSE"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateMCPAPIProxy(ctx, n.project, n.proxy, &MCPAPIProxyRequest{RelativePath: "/mcp", RoutingMode: MCPToolExpose})
		},
		answers: []string{"deployment_ai", "error_mcp_routing_mode", "error_apiproxy_exists"}},
	{op: ops.CreateA2AAPIProxy, creates: true, body: `{"relativePath":"/a2a"}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.CreateA2AAPIProxy(ctx, n.project, n.proxy, &A2AAPIProxyRequest{RelativePath: "/a2a"})
		},
		answers: []string{"deployment_ai", "error_apiproxy_exists"}},
	{op: ops.DeleteAPIProxy,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeleteAPIProxy(ctx, n.project, n.proxy)
		},
		answers: []string{"deployment_c_undeploy", "deployment_c_partial", "error_apiproxy_delete_missing", "error_permission_deploy", "error_server"}},

	{op: ops.DeployAPIProxy, body: `{"description":"v2.1 release","persistent":true}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.DeployAPIProxy(ctx, n.project, n.proxy, n.env, &DeployOptions{Description: "v2.1 release", Persistent: true})
		},
		answers: []string{"deployment_c", "deployment_c_partial", "deployment_d", "deployment_d_partial", "deployment_c_prime",
			"error_apiproxy_deploy_missing", "error_permission_deploy", "error_token", "error_server"}},
	{op: ops.UndeployAPIProxy,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.UndeployAPIProxy(ctx, n.project, n.proxy, n.env, nil)
		},
		answers: []string{"deployment_c_undeploy", "deployment_c_partial", "error_apiproxy_deploy_missing", "error_server"}},
	{op: ops.GetAPIProxyDeployStatus,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyDeployStatus(ctx, n.project, n.proxy, n.env)
		},
		answers: []string{"deploy_status", "deploy_status_never", "error_apiproxy_missing_with_name", "error_server"}},
	{op: ops.GetAPIProxyRouteHealth,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyRouteHealth(ctx, n.project, n.proxy, n.env)
		},
		answers: []string{"route_health", "error_apiproxy_missing_with_name", "error_server"}},
	{op: ops.ListAPIProxyDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxyDeployHistory(ctx, n.project, n.proxy)
		},
		answers: []string{"deploy_history", "error_apiproxy_missing_with_name", "error_server"}},
	{op: ops.GetAPIProxyDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.GetAPIProxyDeployHistory(ctx, n.project, n.proxy, 12)
		},
		answers: []string{"deploy_history_detail", "error_history_missing", "error_server"}},
	{op: ops.DeleteAPIProxyDeployHistory,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			if err := c.DeleteAPIProxyDeployHistory(ctx, n.project, n.proxy, 12); err != nil {
				return (*done)(nil), err
			}
			return &done{}, nil
		},
		answers: []string{"history_deleted", "error_history_missing", "error_server"}},
	{op: ops.RollbackAPIProxy, query: "environmentName=production",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.RollbackAPIProxy(ctx, n.project, n.proxy, 12, &RollbackOptions{EnvironmentName: "production"})
		},
		answers: []string{"rollback_deployed", "rollback", "rollback_deploy_failed", "error_rollback", "error_server"}},

	{op: ops.ExportAPIProxy, query: "encrypt=true&withDependencies=true",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ExportAPIProxy(ctx, n.project, n.proxy, io.Discard, &ExportOptions{Encrypt: true, WithDependencies: true, Passphrase: "my-passphrase"})
		},
		answers: []string{"export.zip", "error_apiproxy_missing", "error_export_project", "error_export_passphrase", "error_server"}},
	{op: ops.ImportAPIProxy, query: "withDependencies=true",
		parts: map[string]string{"apiProxyExportFile": string(testArchive), "environmentMapping": `{"UAT":"production"}`},
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ImportAPIProxy(ctx, n.project, File{Name: "my-api-export.zip", Content: bytes.NewReader(testArchive)},
				&ImportOptions{WithDependencies: true, EnvironmentMapping: map[string]string{"UAT": "production"}})
		},
		answers: []string{"status_success", "error_import_zip", "error_import_passphrase", "error_export_project", "error_server"}},
	{op: ops.ImportAPIProxyOverride,
		parts: map[string]string{"metadata": `{"deploy":true,"deployTargetEnvironmentNameList":["production"]}`, "apiProxyExportFile": string(testArchive),
			"certEnvironmentMergeMethod": "MATCH_BY_NAME"},
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ImportAPIProxyOverride(ctx, n.project, n.proxy, File{Name: "my-api-export.zip", Content: bytes.NewReader(testArchive)},
				&ImportOverrideOptions{DeployTo: []string{"production"}, CertMergeMethod: CertMergeByName})
		},
		answers: []string{"deployment_a_import", "status_success", "deployment_c_partial", "error_import_zip", "error_server"}},
	{op: ops.ListAPIProxiesForPromotion,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListAPIProxiesForPromotion(ctx, n.project)
		},
		answers: []string{"promotion_list", "error_project", "error_server"}},
	{op: ops.SaveAPIProxyForPromotion, query: "deployEnvironmentIds=66a1f0d25d4b2e7a91c04a02",
		body: `{"name":"orders-api","description":"Petstore reverse proxy","type":"REVERSE_PROXY","protocolTransformation":false,` +
			`"relativePath":"/petstore","clientRoute":{"relativePathList":["/petstore"]},"categoryList":null,"apiProxyDeployList":null}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.SaveAPIProxyForPromotion(ctx, n.project, &PromotionProxy{Name: "orders-api", Description: "Petstore reverse proxy",
				Type: CreationReverseProxy, RelativePath: "/petstore", ClientRoute: testRoute},
				&PromotionOptions{DeployEnvironmentIDs: []string{"66a1f0d25d4b2e7a91c04a02"}})
		},
		answers: []string{"promotion_saved", "error_apiproxy_exists", "error_server"}},
	{op: ops.ListExportImportTypes,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListExportImportTypes(ctx, n.project)
		},
		answers: []string{"export_types", "error_project", "error_server"}},
	{op: ops.ListExportImportObjects, query: "filter=pet",
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ListExportImportObjects(ctx, n.project, "API_PROXY", &ListObjectsOptions{Filter: "pet"})
		},
		answers: []string{"export_objects", "error_type_unknown", "error_server"}},
	{op: ops.ExportObjects, body: `{"names":["petstore-api"]}`,
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ExportObjects(ctx, n.project, "API_PROXY", &ExportObjectsRequest{Names: []string{"petstore-api"}}, io.Discard, nil)
		},
		answers: []string{"export_objects.zip", "error_objects_missing", "error_server"}},
	{op: ops.ImportObjects,
		parts: map[string]string{"exportFile": string(testArchive), "override": "true"},
		call: func(ctx context.Context, c *Client, n names) (any, error) {
			return c.ImportObjects(ctx, n.project, "API_PROXY", File{Name: "petstore-api.zip", Content: bytes.NewReader(testArchive)},
				&ImportObjectsOptions{Override: true})
		},
		answers: []string{"import_objects", "status_success", "error_import_clash", "error_server"}},
}

// answerFixture is a documented answer's file: name.json, or the file
// itself when the name has its own extension (a ZIP).
func answerFixture(t testing.TB, dialect, name string) []byte {
	t.Helper()
	if !strings.Contains(name, ".") {
		name += ".json"
	}
	return fixture(t, dialect+"/"+name)
}

// checkParts wants the multipart/form-data body r sent to hold exactly
// the parts want names, JSON parts compared as JSON.
func checkParts(t *testing.T, r recorded, want map[string]string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(r.contentType)
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("sent Content-Type %q, want multipart/form-data", r.contentType)
	}
	mr := multipart.NewReader(bytes.NewReader(r.body), params["boundary"])
	got := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		got[p.FormName()] = string(b)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok || g != w && !(json.Valid([]byte(w)) && jsonEqual([]byte(g), []byte(w))) {
			t.Errorf("part %q = %q, want %q", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("sent an unexpected part %q", name)
		}
	}
}
