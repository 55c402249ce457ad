package apinizer_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/internal/ops"
)

// dialects are the fake's two dialects; fake-driven tests loop over them.
var dialects = []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026}

// world is a fake seeded so that every row of the endpoint table succeeds
// with the names below (which all need escaping). The proxy the rows'
// paths name is of proxyType ("" for REST).
func world(t *testing.T, d apinizertest.Dialect, e apinizer.EndpointRow) *apinizertest.Server {
	t.Helper()
	srv := apinizertest.NewServer(apinizertest.WithDialect(d))
	t.Cleanup(srv.Close)
	srv.AddProject(project)
	srv.AddCredential(project, user)
	srv.AddCredential(project, "api-user")
	srv.AddJWK(project, jwk)
	srv.AddJWK(project, "other-jwk")
	srv.AssignJWK(project, user, apinizertest.UseValidation, "other-jwk")
	srv.AssignJWK(project, user, apinizertest.UseEncryption, "other-jwk")
	srv.AddAPIProxy(project, "MyAPI")
	srv.AddAPIProxyGroup(project, "MyAPIGroup")
	// The API-proxy rows: their proxy, deployed to their environment
	// with revision 12 in its history; a second proxy the creates and the
	// promotion make anew are not there yet.
	srv.AddProject(project, "production", env)
	if !e.Creates {
		srv.AddAPIProxyFrom(project, apinizertest.APIProxySeed{Name: proxy, APIType: e.ProxyType, DeployedTo: []string{env},
			DeployHistory: []apinizertest.SeedDeployRecord{{Revision: 11, Environment: env, Deploy: true}},
			Endpoints:     []apinizertest.SeedEndpoint{{Name: "/pets", HTTPMethod: "GET"}},
			TrafficLogs:   map[string]json.RawMessage{env: json.RawMessage(`{"logBodyRequestFromClient":true}`)}})
	}
	srv.AddConnection(project, "my-elasticsearch-connection", "ELASTICSEARCH_INDEX", env)
	// The group and variable rows': a group holding the proxy, deployed to
	// the environment with revision 12 in its history; a variable with a
	// secret value there. Not there yet for the rows that create them.
	if e.Fresh != "group" {
		seed := apinizertest.APIProxyGroupSeed{Name: group, DeployedTo: []string{env},
			DeployHistory: []apinizertest.SeedDeployRecord{{Revision: 12, Environment: env, Deploy: true}}}
		if !e.Creates {
			seed.Members = []string{proxy}
		}
		srv.AddAPIProxyGroupFrom(project, seed)
	}
	if e.Fresh != "variable" {
		srv.AddEnvironmentVariable(project, apinizer.EnvironmentVariable{Name: variable,
			Values: []apinizer.EnvironmentValue{{EnvironmentName: env, Value: apinizer.Ptr(apinizer.Secret("s3cret")), Secret: true}}})
	}
	srv.AddAPIProxyFrom(project, apinizertest.APIProxySeed{Name: "petstore-api", APIType: apinizer.APITypeREST})
	srv.AddLLMProvider(project, "openai-prod")
	srv.AddSpec("https://petstore.swagger.io/v2/swagger.json", []byte(`{"swagger":"2.0","info":{"title":"Pets","version":"1"},"paths":{"/pets":{"get":{}}}}`))
	srv.AddSpec("https://petstore.swagger.io/v3/openapi.json", []byte(`{"openapi":"3.0.0","info":{"title":"Pets","version":"2"},"paths":{"/pets":{"get":{}, "post":{}}}}`))
	return srv
}

const project, user, jwk, proxy, env, group, variable = "My Project/ü", "a/b?c", "k#1&x=y", "pet store/v1", "prod;eu", "pay group/1", "API KEY#1"

var worldNames = apinizer.EndpointNames{Project: project, User: user, JWK: jwk, APIProxy: proxy, Environment: env, Group: group, Variable: variable}

func TestEveryEndpointIsServedByTheFakeInBothDialects(t *testing.T) {
	for _, d := range dialects {
		for _, e := range apinizer.EndpointRows() {
			t.Run(d.String()+"/"+e.Op.Name, func(t *testing.T) {
				srv := world(t, d, e)
				if _, err := e.Call(context.Background(), srv.Client(), worldNames); err != nil {
					t.Fatal(err)
				}
				reqs := srv.Requests()
				last := reqs[len(reqs)-1]
				want := strings.NewReplacer("{projectName}", url.PathEscape(project), "{username}", url.PathEscape(user),
					"{jwkName}", url.PathEscape(jwk), "{apiProxyName}", url.PathEscape(proxy), "{environmentName}", url.PathEscape(env),
					"{apiProxyGroupName}", url.PathEscape(group), "{name}", url.PathEscape(variable),
					"{revision}", "12", "{type}", "API_PROXY", "{specAccessType}", "AUTHENTICATED", "{hideSpecFile}", "true",
					"{connectorType}", "ELASTICSEARCH_INDEX").Replace("/apiops/" + e.Op.Path)
				if len(reqs) != 1 || last.Method != e.Op.Method || last.Path != want {
					t.Errorf("%d requests, last %s %s; want one, %s %s", len(reqs), last.Method, last.Path, e.Op.Method, want)
				}
			})
		}
	}
}

// TestEndpointTableIsComplete fails when an endpoint is added in one place
// and not the others. The catalog is the list: every operation the Client
// wraps has a row in the endpoint table, every exported call of the
// Client is such a row, the fake serves exactly the catalog, and the
// README's table has a row per wrapped call with its method and path.
func TestEndpointTableIsComplete(t *testing.T) {
	rows := apinizer.EndpointRows()
	tested := map[*ops.Op]bool{}
	var rowNames []string
	for _, e := range rows {
		tested[e.Op] = true
		if e.Older != nil {
			tested[e.Older] = true
		}
		rowNames = append(rowNames, e.Op.Name)
	}
	for _, op := range ops.All() {
		if !op.NotWrapped && !tested[op] {
			t.Errorf("%s (%s) has no row in the endpoint table", op.Name, op.Pattern())
		}
		if op.NotWrapped && tested[op] {
			t.Errorf("%s is marked NotWrapped but has a row in the endpoint table", op.Name)
		}
	}
	ct := reflect.TypeOf(&apinizer.Client{})
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		// Not endpoints: the fmt methods, and the iterators over the paged
		// lists (which call ListCredentials' row).
		if !slices.Contains([]string{"String", "GoString", "Format", "AllCredentials"}, m.Name) && !slices.Contains(rowNames, m.Name) {
			t.Errorf("Client.%s has no row in the endpoint table", m.Name)
		}
	}
	var catalog []string
	for _, op := range ops.All() {
		catalog = append(catalog, op.Pattern())
	}
	for _, r := range apinizertest.Routes() {
		if !slices.Contains(catalog, r) {
			t.Errorf("the fake serves %s, which is not in the catalog", r)
		}
	}
	for _, r := range catalog {
		if !slices.Contains(apinizertest.Routes(), r) {
			t.Errorf("the fake does not serve %s", r)
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rows {
		found := false
		for _, line := range strings.Split(string(readme), "\n") {
			found = found || strings.HasPrefix(line, "| `"+e.Op.Name+"(") && strings.Contains(line, "`"+e.Op.Pattern())
		}
		if !found {
			t.Errorf("README.md's table has no row `%s(...)` | `%s`", e.Op.Name, e.Op.Pattern())
		}
	}
}
