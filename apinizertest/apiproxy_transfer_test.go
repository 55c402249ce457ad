package apinizertest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// seededProxy is a proxy with endpoints, routing and a setting.
var seededProxy = apinizertest.APIProxySeed{Name: "petstore-api", Description: "Pets", RelativePath: "/petstore",
	Backend: "https://petstore.example.com", DeployedTo: []string{"production"},
	Endpoints: []apinizertest.SeedEndpoint{{Name: "/pets", HTTPMethod: "GET"}, {Name: "/pets", HTTPMethod: "POST", Description: "Add a pet"}}}

// withoutDeployments is a proxy's configuration, for comparing an
// imported proxy with the exported one.
func withoutDeployments(p apinizer.APIProxy) apinizer.APIProxy {
	p.Deployments = nil
	for i := range p.Endpoints {
		p.Endpoints[i].ID = ""
	}
	return p
}

// TestExportDeleteImportGivesBackAnEqualProxy is the backup and restore a
// pipeline makes: the archive is a real ZIP holding <name>.json.
func TestExportDeleteImportGivesBackAnEqualProxy(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("MyProject", "production", "staging")
		s.AddAPIProxyFrom("MyProject", seededProxy)
		c, ctx := s.Client(), context.Background()
		before, _ := c.GetAPIProxy(ctx, "MyProject", "petstore-api", nil)

		var archive bytes.Buffer
		dl, err := c.ExportAPIProxy(ctx, "MyProject", "petstore-api", &archive, nil)
		if err != nil || dl.Size != int64(archive.Len()) || dl.Filename != map[apinizertest.Dialect]string{
			apinizertest.Dialect2025: "apiProxyExportFile.zip", apinizertest.Dialect2026: "petstore-api.zip"}[d] {
			t.Fatalf("export: %+v, %v", dl, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(archive.Bytes()), int64(archive.Len()))
		if err != nil || len(zr.File) != 1 || zr.File[0].Name != "petstore-api.json" {
			t.Fatalf("the archive is not a ZIP holding petstore-api.json: %v", err)
		}
		if _, err := c.DeleteAPIProxy(ctx, "MyProject", "petstore-api"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ImportAPIProxy(ctx, "MyProject", apinizer.File{Name: dl.Filename, Content: bytes.NewReader(archive.Bytes())}, nil); err != nil {
			t.Fatal(err)
		}
		after, err := c.GetAPIProxy(ctx, "MyProject", "petstore-api", nil)
		if err != nil || !reflect.DeepEqual(withoutDeployments(*after), withoutDeployments(*before)) || len(after.Deployments) != 0 {
			t.Errorf("imported:\n%+v\nexported:\n%+v", after, before)
		}

		// As new again: the name is taken, so the import renames.
		for _, want := range []string{"petstore-api-imported", "petstore-api-imported-2"} {
			if _, err := c.ImportAPIProxy(ctx, "MyProject", apinizer.File{Name: "x.ZIP", Content: bytes.NewReader(archive.Bytes())}, nil); err != nil {
				t.Fatal(err)
			}
			if p, ok := s.APIProxy("MyProject", want); !ok || p.ClientRoute.RelativePaths[0] != "/petstore"+strings.TrimPrefix(want, "petstore-api") {
				t.Errorf("want %s: %+v", want, p)
			}
		}

		// With override: replaces the configuration, keeps the deployment,
		// flagged; with DeployTo, deploys.
		if _, err := c.DeployAPIProxy(ctx, "MyProject", "petstore-api", "staging", nil); err != nil {
			t.Fatal(err)
		}
		s.AddAPIProxyFrom("MyProject", apinizertest.APIProxySeed{Name: "other", Endpoints: []apinizertest.SeedEndpoint{{Name: "/x", HTTPMethod: "DELETE"}}})
		var other bytes.Buffer
		if _, err := c.ExportAPIProxy(ctx, "MyProject", "other", &other, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ImportAPIProxyOverride(ctx, "MyProject", "petstore-api", apinizer.File{Name: "other.zip", Content: &other}, nil); err != nil {
			t.Fatal(err)
		}
		p, _ := s.APIProxy("MyProject", "petstore-api")
		if dep, _ := p.Deployment("staging"); !dep.Deployed || !dep.RedeployRequired || len(p.Endpoints) != 1 || p.Endpoints[0].Path != "/x" {
			t.Errorf("after the override: %+v", p)
		}
		resp, err := c.ImportAPIProxyOverride(ctx, "MyProject", "brand-new", apinizer.File{Name: "a.zip", Content: bytes.NewReader(archive.Bytes())},
			&apinizer.ImportOverrideOptions{DeployTo: []string{"staging"}})
		if err != nil || len(resp.DeploymentResult.EnvironmentResults) != 1 {
			t.Errorf("override that creates and deploys: %+v, %v", resp, err)
		}
		if p, ok := s.APIProxy("MyProject", "brand-new"); !ok || len(p.Deployments) != 1 {
			t.Errorf("brand-new: %+v", p)
		}
	})
}

// TestEncryptedPackages: the passphrase rules of the export and import
// pages.
func TestEncryptedPackages(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("MyProject")
		s.AddAPIProxyFrom("MyProject", seededProxy)
		c, ctx := s.Client(), context.Background()
		a := send(t, s, "GET", "/apiops/projects/MyProject/apiProxies/petstore-api/export/?encrypt=true", s.Token())
		if a.status != 400 || a.text != "Package encryption requested but no passphrase was supplied." {
			t.Errorf("encrypted without a passphrase: %d %v", a.status, a.body)
		}
		var sealed bytes.Buffer
		if _, err := c.ExportAPIProxy(ctx, "MyProject", "petstore-api", &sealed, &apinizer.ExportOptions{Encrypt: true, Passphrase: "open sesame"}); err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(sealed.Bytes(), []byte("PK")) || bytes.Contains(sealed.Bytes(), []byte("petstore")) {
			t.Error("an encrypted package shows its content")
		}
		for pass, want := range map[apinizer.Secret]string{"": "Package is encrypted; a passphrase is required.",
			"wrong": "Package could not be decrypted with the given passphrase."} {
			_, err := c.ImportAPIProxy(ctx, "MyProject", apinizer.File{Name: "p.zip", Content: bytes.NewReader(sealed.Bytes())}, &apinizer.ImportOptions{Passphrase: pass})
			var e *apinizer.Error
			if !errors.As(err, &e) || e.Description != want {
				t.Errorf("passphrase %q: %v; want %q", string(pass), err, want)
			}
		}
		if _, err := c.ImportAPIProxy(ctx, "MyProject", apinizer.File{Name: "p.zip", Content: bytes.NewReader(sealed.Bytes())},
			&apinizer.ImportOptions{Passphrase: "open sesame"}); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.APIProxy("MyProject", "petstore-api-imported"); !ok {
			t.Error("the decrypted package was not imported")
		}
		for _, r := range s.Requests() {
			if v := r.Header.Get("X-Apinizer-Package-Passphrase"); v != "" && v != "[redacted]" {
				t.Errorf("Requests() keeps the passphrase header: %q", v)
			}
		}
		if pass := base64.StdEncoding.EncodeToString([]byte("open sesame")); strings.Contains(strings.Join(requestLines(s), "\n"), pass) {
			t.Error("Requests() shows the encoded passphrase")
		}
	})
}

// requestLines is every request the fake recorded, as text.
func requestLines(s *apinizertest.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		out = append(out, r.Method+" "+r.Path+" "+strings.Join(headerValues(r.Header), " "))
	}
	return out
}

func headerValues(h http.Header) []string {
	var out []string
	for _, v := range h {
		out = append(out, v...)
	}
	return out
}

// TestPromotionAndTheGenericExportImport move a proxy between projects.
func TestPromotionAndTheGenericExportImport(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddProject("MyProject", "production")
		s.AddProject("TargetProject", "prod")
		s.AddAPIProxyFrom("MyProject", seededProxy)
		c, ctx := s.Client(), context.Background()

		listed, err := c.ListAPIProxiesForPromotion(ctx, "MyProject")
		if err != nil || len(listed) != 1 || len(listed[0].Deployments) != 1 || !listed[0].Deployments[0].Deploy {
			t.Fatalf("list for promotion: %+v, %v", listed, err)
		}
		promoted := listed[0]
		promoted.ID = "" // a create in the target
		target, err := c.SaveAPIProxyForPromotion(ctx, "TargetProject", &promoted, nil)
		if err != nil || target == nil || target.ID == "" || target.Deployments[0].Deploy {
			t.Fatalf("save for promotion: %+v, %v", target, err)
		}
		p, _ := s.APIProxy("TargetProject", "petstore-api")
		if src, _ := s.APIProxy("MyProject", "petstore-api"); !reflect.DeepEqual(withoutDeployments(p), withoutDeployments(src)) {
			t.Errorf("promoted:\n%+v\nsource:\n%+v", p, src)
		}
		if _, err := c.SaveAPIProxyForPromotion(ctx, "TargetProject", &promoted, nil); !errors.Is(err, apinizer.ErrAlreadyExists) {
			t.Errorf("promoting twice as new: %v", err)
		}
		promoted.ID, promoted.Description = target.ID, "changed"
		if _, err := c.SaveAPIProxyForPromotion(ctx, "TargetProject", &promoted,
			&apinizer.PromotionOptions{DeployEnvironmentIDs: []string{target.Deployments[0].EnvironmentSettingsID, "unknown-id"}}); err != nil {
			t.Fatal(err)
		}
		if p, _ := s.APIProxy("TargetProject", "petstore-api"); p.Description != "changed" || len(p.Deployments) != 1 || !p.Deployments[0].Deployed {
			t.Errorf("overwritten and deployed: %+v", p)
		}

		// The generic calls: types, objects, export from one project, import into another.
		types, err := c.ListExportImportTypes(ctx, "MyProject")
		if err != nil || len(types) != 31 || types[0] != "API_PROXY" {
			t.Errorf("types: %v, %v", types, err)
		}
		objs, err := c.ListExportImportObjects(ctx, "MyProject", "api_proxy", &apinizer.ListObjectsOptions{Filter: "pet"})
		if err != nil || len(objs) != 1 || objs[0].Name != "petstore-api" {
			t.Errorf("objects: %+v, %v", objs, err)
		}
		if _, err := c.ListExportImportObjects(ctx, "MyProject", "LLM_PROVIDERS", nil); !errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("an unknown type: %v", err)
		}
		var pkg bytes.Buffer
		if _, err := c.ExportObjects(ctx, "MyProject", "API_PROXY", &apinizer.ExportObjectsRequest{Names: []string{"none"}}, &pkg, nil); !errors.Is(err, apinizer.ErrNotFound) || pkg.Len() != 0 {
			t.Errorf("an unknown object: %v", err)
		}
		dl, err := c.ExportObjects(ctx, "MyProject", "API_PROXY", &apinizer.ExportObjectsRequest{Names: []string{"petstore-api"}}, &pkg, nil)
		if err != nil || dl.Filename != "petstore-api.zip" {
			t.Fatalf("export objects: %+v, %v", dl, err)
		}
		s.AddProject("Third")
		if _, err := c.ImportObjects(ctx, "Third", "API_PROXY", apinizer.File{Name: dl.Filename, Content: bytes.NewReader(pkg.Bytes())}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ImportObjects(ctx, "Third", "API_PROXY", apinizer.File{Name: dl.Filename, Content: bytes.NewReader(pkg.Bytes())}, nil); !errors.Is(err, apinizer.ErrAlreadyExists) {
			t.Errorf("importing as new twice: %v", err)
		}
		if _, err := c.ImportObjects(ctx, "Third", "IP_GROUP", apinizer.File{Name: dl.Filename, Content: bytes.NewReader(pkg.Bytes())}, nil); !errors.Is(err, apinizer.ErrBadRequest) {
			t.Errorf("a package of another type: %v", err)
		}
		if _, err := c.ImportObjects(ctx, "Third", "API_PROXY", apinizer.File{Name: dl.Filename, Content: bytes.NewReader(pkg.Bytes())},
			&apinizer.ImportObjectsOptions{Override: true}); err != nil {
			t.Errorf("with override: %v", err)
		}
		if p, ok := s.APIProxy("Third", "petstore-api"); !ok || len(p.Deployments) != 0 {
			t.Errorf("imported objects are not deployed: %+v", p)
		}
	})
}

// TestRouteHealthIsConfigurable: what the workers serve can differ from
// the Manager's record, as the page's "inconsistent" describes.
func TestRouteHealthIsConfigurable(t *testing.T) {
	s := apinizertest.NewServer(apinizertest.WithDialect(apinizertest.Dialect2026))
	defer s.Close()
	s.AddProject("P", "production", "staging")
	s.AddAPIProxyFrom("P", seededProxy) // deployed to production
	c, ctx := s.Client(), context.Background()
	check := func(env string, active, inManager, inconsistent bool, pods int) {
		t.Helper()
		h, err := c.GetAPIProxyRouteHealth(ctx, "P", "petstore-api", env)
		if err != nil || h.RouteActive != active || h.DeployedInManager != inManager || h.Inconsistent != inconsistent || h.PodsResponded != pods || len(h.Pods) != pods {
			t.Errorf("%s: %+v, %v", env, h, err)
		}
	}
	check("production", true, true, false, 2)
	s.SetRouteState("P", "petstore-api", "production", apinizertest.RouteMissing)
	check("production", false, true, true, 2)
	s.SetRouteState("P", "petstore-api", "staging", apinizertest.RouteOrphaned)
	check("staging", true, false, true, 2)
	if h, _ := c.GetAPIProxyRouteHealth(ctx, "P", "petstore-api", "staging"); !h.Orphaned() {
		t.Error("an orphan route is not Orphaned()")
	}
	s.SetWorkerPods("P", "staging", 5)
	check("staging", true, false, true, 5)
	s.SetRouteState("P", "petstore-api", "staging", apinizertest.RouteUnreachable)
	check("staging", false, false, false, 0)
}
