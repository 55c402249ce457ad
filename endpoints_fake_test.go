package apinizer_test

import (
	"context"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// dialects are the fake's two dialects; fake-driven tests loop over them.
var dialects = []apinizertest.Dialect{apinizertest.Dialect2025, apinizertest.Dialect2026}

// world is a fake seeded so that every row of the endpoint table succeeds
// with the names below (which all need escaping).
func world(t *testing.T, d apinizertest.Dialect) *apinizertest.Server {
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
	return srv
}

const project, user, jwk = "My Project/ü", "a/b?c", "k#1&x=y"

func TestEveryEndpointIsServedByTheFakeInBothDialects(t *testing.T) {
	for _, d := range dialects {
		for _, e := range apinizer.EndpointRows() {
			t.Run(d.String()+"/"+e.Name, func(t *testing.T) {
				srv := world(t, d)
				if _, err := e.Call(context.Background(), srv.Client(), project, user, jwk); err != nil {
					t.Fatal(err)
				}
				reqs := srv.Requests()
				last := reqs[len(reqs)-1]
				want := strings.NewReplacer("{projectName}", url.PathEscape(project), "{username}", url.PathEscape(user),
					"{jwkName}", url.PathEscape(jwk)).Replace(e.Path)
				if len(reqs) != 1 || last.Method != e.Method || last.Path != want {
					t.Errorf("%d requests, last %s %s; want one, %s %s", len(reqs), last.Method, last.Path, e.Method, want)
				}
			})
		}
	}
}

// TestEndpointTableIsComplete fails when an endpoint is added in one place
// and not the others: every exported call of the Client, every route of
// the fake and every row of the README's table must have its row.
func TestEndpointTableIsComplete(t *testing.T) {
	rows := apinizer.EndpointRows()
	var rowNames, rowRoutes []string
	for _, e := range rows {
		rowNames = append(rowNames, e.Name)
		rowRoutes = append(rowRoutes, e.Method+" "+e.Path)
		if e.Older != "" {
			rowRoutes = append(rowRoutes, e.Method+" "+e.Older)
		}
	}
	ct := reflect.TypeOf(&apinizer.Client{})
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		if !slices.Contains([]string{"String", "GoString", "Format"}, m.Name) && !slices.Contains(rowNames, m.Name) {
			t.Errorf("Client.%s has no row in the endpoint table", m.Name)
		}
	}
	// Served by the fake, not by a Client method: the token endpoint (used
	// by WithClientCredentials), List Environments of the installation
	// (admin only, and not wrapped; see the README) and the five Parse JWK
	// routes (CreateJWK covers them).
	notWrapped := []string{"POST /apiops/auth/token", "GET /apiops/environments/"}
	for _, from := range []string{"url", "clipboard", "certificate", "key", "keystore"} {
		notWrapped = append(notWrapped, "POST /apiops/projects/{projectName}/jwks/parse-from-"+from)
	}
	for _, r := range apinizertest.Routes() {
		if !slices.Contains(notWrapped, r) && !slices.Contains(rowRoutes, r) {
			t.Errorf("the fake serves %s, which no row of the endpoint table calls", r)
		}
	}
	for _, r := range rowRoutes {
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
			found = found || strings.HasPrefix(line, "| `"+e.Name+"(") && strings.Contains(line, "`"+e.Method+" "+e.Path)
		}
		if !found {
			t.Errorf("README.md's table has no row `%s(...)` | `%s %s`", e.Name, e.Method, e.Path)
		}
	}
}
