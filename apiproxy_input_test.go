package apinizer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestAPIProxyInputIsCheckedBeforeSending: what the pages mark required,
// and what could never be sent, is refused with ErrInvalidArgument naming
// it, and no request leaves.
func TestAPIProxyInputIsCheckedBeforeSending(t *testing.T) {
	ctx := context.Background()
	spec := func() File { return File{Name: "openapi.json", Content: bytes.NewReader(testSpec)} }
	route := &ClientRoute{RelativePaths: []string{"/x"}}
	cases := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"nil request", func(c *Client) error { _, err := c.CreateAPIProxy(ctx, "P", nil); return err }, "req"},
		{"no name", func(c *Client) error {
			_, err := c.CreateAPIProxy(ctx, "P", &APIProxyRequest{CreationType: CreationReverseProxy})
			return err
		}, "APIProxyRequest.Name"},
		{"a name no path can hold", func(c *Client) error {
			_, err := c.CreateAPIProxy(ctx, "P", &APIProxyRequest{Name: "..", CreationType: CreationReverseProxy})
			return err
		}, "APIProxyRequest.Name"},
		{"no creation type", func(c *Client) error { _, err := c.CreateAPIProxy(ctx, "P", &APIProxyRequest{Name: "x"}); return err }, "APIProxyRequest.CreationType"},
		{"no spec URL", func(c *Client) error {
			_, err := c.UpdateAPIProxy(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationOpenAPI})
			return err
		}, "APIProxyRequest.SpecURL"},
		{"an empty deploy target", func(c *Client) error {
			_, err := c.CreateAPIProxy(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationEmptyAPI, DeployTo: []string{""}})
			return err
		}, "APIProxyRequest.DeployTo[0]"},
		{"a spec credential without a name", func(c *Client) error {
			_, err := c.CreateAPIProxy(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationOpenAPI, SpecURL: "https://s",
				SpecAuthorization: []SpecAuthorization{{Value: "v"}}})
			return err
		}, "SpecAuthorization[0].Name"},
		{"file create without a client route", func(c *Client) error {
			_, err := c.CreateAPIProxyFromFile(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationOpenAPI}, spec())
			return err
		}, "APIProxyRequest.ClientRoute"},
		{"file create of an empty API", func(c *Client) error {
			_, err := c.CreateAPIProxyFromFile(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationEmptyAPI, ClientRoute: route}, spec())
			return err
		}, "EMPTY_API"},
		{"file create without a spec", func(c *Client) error {
			_, err := c.CreateAPIProxyFromFile(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationOpenAPI, ClientRoute: route}, File{Name: "a.json"})
			return err
		}, "spec.Content"},
		{"file update without a file name", func(c *Client) error {
			_, err := c.UpdateAPIProxyFromFile(ctx, "P", &APIProxyRequest{Name: "x", CreationType: CreationOpenAPI}, File{Content: bytes.NewReader(testSpec)})
			return err
		}, "spec.Name"},
		{"AI without a relative path", func(c *Client) error {
			_, err := c.CreateAIAPIProxy(ctx, "P", "ai", &AIAPIProxyRequest{})
			return err
		}, "AIAPIProxyRequest.RelativePath"},
		{"MCP without a routing mode", func(c *Client) error {
			_, err := c.CreateMCPAPIProxy(ctx, "P", "m", &MCPAPIProxyRequest{RelativePath: "/m"})
			return err
		}, "MCPAPIProxyRequest.RoutingMode"},
		{"MCP passthrough on create", func(c *Client) error {
			_, err := c.CreateMCPAPIProxy(ctx, "P", "m", &MCPAPIProxyRequest{RelativePath: "/m", RoutingMode: MCPPassthrough})
			return err
		}, "PASSTHROUGH"},
		{"A2A passthrough on create", func(c *Client) error {
			_, err := c.CreateA2AAPIProxy(ctx, "P", "a", &A2AAPIProxyRequest{RelativePath: "/a", RoutingMode: A2APassthrough})
			return err
		}, "PASSTHROUGH"},
		{"a negative revision", func(c *Client) error { _, err := c.GetAPIProxyDeployHistory(ctx, "P", "x", -1); return err }, "revision"},
		{"rollback to a negative revision", func(c *Client) error { _, err := c.RollbackAPIProxy(ctx, "P", "x", -3, nil); return err }, "revision"},
		{"no environment", func(c *Client) error { _, err := c.DeployAPIProxy(ctx, "P", "x", "", nil); return err }, "environmentName"},
		{"export to no writer", func(c *Client) error { _, err := c.ExportAPIProxy(ctx, "P", "x", nil, nil); return err }, "w"},
		{"encrypted export without a passphrase", func(c *Client) error {
			_, err := c.ExportAPIProxy(ctx, "P", "x", io.Discard, &ExportOptions{Encrypt: true})
			return err
		}, "ExportOptions.Passphrase"},
		{"import of no .zip", func(c *Client) error {
			_, err := c.ImportAPIProxy(ctx, "P", File{Name: "x.json", Content: strings.NewReader("{}")}, nil)
			return err
		}, "archive.Name"},
		{"override import of no .zip", func(c *Client) error {
			_, err := c.ImportAPIProxyOverride(ctx, "P", "x", File{Name: "x", Content: strings.NewReader("PK")}, nil)
			return err
		}, "archive.Name"},
		{"promotion without a proxy", func(c *Client) error { _, err := c.SaveAPIProxyForPromotion(ctx, "P", nil, nil); return err }, "proxy"},
		{"promotion without a name", func(c *Client) error {
			_, err := c.SaveAPIProxyForPromotion(ctx, "P", &PromotionProxy{}, nil)
			return err
		}, "PromotionProxy.Name"},
		{"promotion to an empty environment ID", func(c *Client) error {
			_, err := c.SaveAPIProxyForPromotion(ctx, "P", &PromotionProxy{Name: "x"}, &PromotionOptions{DeployEnvironmentIDs: []string{""}})
			return err
		}, "DeployEnvironmentIDs[0]"},
		{"export of no object", func(c *Client) error {
			_, err := c.ExportObjects(ctx, "P", "API_PROXY", &ExportObjectsRequest{}, io.Discard, nil)
			return err
		}, "ExportObjectsRequest.Names"},
		{"export of an empty name", func(c *Client) error {
			_, err := c.ExportObjects(ctx, "P", "API_PROXY", &ExportObjectsRequest{Names: []string{"a", ""}}, io.Discard, nil)
			return err
		}, "ExportObjectsRequest.Names[1]"},
		{"an empty type", func(c *Client) error { _, err := c.ListExportImportObjects(ctx, "P", "", nil); return err }, "type"},
		{"generic import of no .zip", func(c *Client) error {
			_, err := c.ImportObjects(ctx, "P", "API_PROXY", File{Name: "x.tgz", Content: strings.NewReader("x")}, nil)
			return err
		}, "archive.Name"},
	}
	for _, tt := range cases {
		c, seen := mockAnswer(t, 200, []byte(`{"success":true}`))
		err := tt.call(c)
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want ErrInvalidArgument naming %q", tt.name, err, tt.want)
		}
		if len(*seen) != 0 {
			t.Errorf("%s: a request was sent", tt.name)
		}
	}
}
