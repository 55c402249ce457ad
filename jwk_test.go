package apinizer

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNilContextIsRefused(t *testing.T) {
	c, seen := mockAnswer(t, http.StatusOK, fixture(t, "2025/deployment_success.json"))
	//lint:ignore SA1012 the nil context is what is tested
	_, err := c.RemoveJWKValidation(nil, "MyProject", "api-user") //nolint:staticcheck
	if !errors.Is(err, ErrInvalidArgument) || len(*seen) != 0 {
		t.Errorf("nil ctx: %v, %d requests", err, len(*seen))
	}
}

func checkPartial(t *testing.T, resp *DeploymentResponse, err error) {
	t.Helper()
	var de *DeploymentError
	if !errors.As(err, &de) || resp == nil || de.Response != resp {
		t.Fatalf("partial deployment: resp %v, err %v; want the response and its *DeploymentError", resp, err)
	}
	failed := resp.DeploymentResult.Failed()
	if len(failed) != 1 || failed[0].EnvironmentName != "staging" {
		t.Errorf("Failed() = %+v", failed)
	}
	if msg := err.Error(); !strings.Contains(msg, "staging: Gateway unreachable") || strings.Contains(msg, "production") {
		t.Errorf("DeploymentError text %q does not name just the failed environment", msg)
	}
	var e *Error
	if errors.As(err, &e) {
		t.Error("a saved change came back as *Error")
	}
}

func TestValidationErrorsAreDecoded(t *testing.T) {
	c, _ := mockAnswer(t, 400, fixture(t, "2025/error_validation.json"))
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	want := []FieldError{{Field: "name", Message: "Name is required"}}
	if !reflect.DeepEqual(e.ValidationErrors, want) || e.Code != "validation_failed" {
		t.Errorf("got %+v", e)
	}
}

func TestRateLimitBodyRetryAfterIsRead(t *testing.T) {
	c, _ := mockAnswer(t, 429, fixture(t, "2025/error_rate_limit.json"))
	_, err := c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter.Seconds() != 60 {
		t.Fatalf("got %v; want RetryAfter 60s from the body", err)
	}
}

func TestPartialDeploymentInBothDialects(t *testing.T) {
	for _, d := range dialects {
		c, _ := mockAnswer(t, 200, fixture(t, d+"/deployment_partial.json"))
		resp, err := c.SetJWKValidation(context.Background(), "MyProject", "api-user", "my-jwk")
		checkPartial(t, resp, err)
	}
}

func TestDeploymentShapesDecode(t *testing.T) {
	c, _ := mockAnswer(t, 200, fixture(t, "2026/deployment_undeploy.json"))
	resp, err := c.DeleteCredential(context.Background(), "MyProject", "api-user")
	if err != nil {
		t.Fatal(err)
	}
	want := DeploymentResult{Success: true, ResponseTime: 120 * time.Millisecond, EnvironmentResults: []EnvironmentResult{
		{EnvironmentName: "production", Success: true, PodName: "worker-abc123", PodIP: "10.0.0.1", ResponseTime: 120 * time.Millisecond}}}
	if !reflect.DeepEqual(resp.DeploymentResult, want) {
		t.Errorf("shape B: %+v\nwant %+v", resp.DeploymentResult, want)
	}
	c, _ = mockAnswer(t, 200, fixture(t, "2026/deployment_partial.json"))
	resp, _ = c.DeleteCredential(context.Background(), "MyProject", "api-user")
	if f := resp.DeploymentResult.Failed(); len(f) != 1 || f[0].Message != "Gateway unreachable" || resp.Message == "" {
		t.Errorf("shape B failure: %+v", resp)
	}
	for _, body := range []string{`{"success":true}`, `{"status":"SUCCESS","deploymentResult":null}`} {
		c, _ = mockAnswer(t, 200, []byte(body))
		resp, err = c.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
		if err != nil || !resp.Success || len(resp.DeploymentResult.Failed()) != 0 {
			t.Errorf("%s: %+v, %v; want a success with an empty result", body, resp, err)
		}
	}
}

func TestGetJWKKeepsTheKeyMaterial(t *testing.T) {
	c, _ := mockAnswer(t, 200, fixture(t, "2026/get_jwk.json"))
	j, err := c.GetJWK(context.Background(), "MyProject", "my-jwk")
	if err != nil {
		t.Fatal(err)
	}
	if j.Name != "my-jwk" || j.Type != KeyTypeRSA || j.SourceType != JWKSourceURL || j.KID != "key-id-1" || j.SourceID != "" {
		t.Errorf("JWK %+v", j)
	}
	if !jsonEqual(j.Material.JSON(), []byte(`{"n":"modulus-value","e":"AQAB","d":"private-exponent","p":"prime1","q":"prime2"}`)) {
		t.Errorf("material %s", j.Material.JSON())
	}
	c, _ = mockAnswer(t, 200, []byte(`{"success":true,"resultList":[]}`))
	if _, err := c.GetJWK(context.Background(), "MyProject", "my-jwk"); !errors.Is(err, ErrUnexpectedResponse) {
		t.Errorf("an empty resultList: %v", err)
	}
}

func TestJWKRequestsAreCheckedBeforeSending(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"nil create", func(c *Client) error { _, err := c.CreateJWK(ctx, "P", nil); return err }, "req"},
		{"no name", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{SourceType: JWKSourceURL, URL: "https://x"})
			return err
		}, "CreateJWKRequest.Name"},
		{"no source type", func(c *Client) error { _, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k"}); return err }, "CreateJWKRequest.SourceType"},
		{"URL without url", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceURL})
			return err
		}, "CreateJWKRequest.URL"},
		{"paste without JWK", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceCopyPaste})
			return err
		}, "CreateJWKRequest.JWK"},
		{"keystore without alias", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceKeystore, KeystoreName: "ks"})
			return err
		}, "CreateJWKRequest.AliasName"},
		{"certificate without environment", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceCertificate, CertificateName: "c"})
			return err
		}, "CreateJWKRequest.EnvironmentName"},
		{"negative timeout", func(c *Client) error {
			_, err := c.CreateJWK(ctx, "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceURL, URL: "https://x", URLReadTimeout: -1})
			return err
		}, "URL options"},
		{"nil generate", func(c *Client) error { _, err := c.GenerateJWK(ctx, "P", nil); return err }, "req"},
		{"generate without type", func(c *Client) error {
			_, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k"})
			return err
		}, "GenerateJWKRequest.Type"},
		{"RSA without rsa", func(c *Client) error {
			_, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k", Type: KeyTypeRSA})
			return err
		}, "exactly the RSA object"},
		{"RSA with ec too", func(c *Client) error {
			_, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k", Type: KeyTypeRSA, RSA: &GenerateRSA{KeySize: 2048}, EC: &GenerateEC{CurveType: "P256"}})
			return err
		}, "exactly the RSA object"},
		{"RSA without size", func(c *Client) error {
			_, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k", Type: KeyTypeRSA, RSA: &GenerateRSA{}})
			return err
		}, "RSA.KeySize"},
		{"OKP without curve", func(c *Client) error {
			_, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k", Type: KeyTypeOKP, OKP: &GenerateOKP{}})
			return err
		}, "OKP.CurveType"},
		{"nil update", func(c *Client) error { _, err := c.UpdateJWK(ctx, "P", "k", nil); return err }, "req"},
	}
	for _, tt := range cases {
		c, seen := mockAnswer(t, 200, fixture(t, "2025/deployment_success.json"))
		err := tt.call(c)
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.want) || len(*seen) != 0 {
			t.Errorf("%s: %v (%d requests); want ErrInvalidArgument naming %q, no request", tt.name, err, len(*seen), tt.want)
		}
	}
	// Enum values are not checked: a newer Manager may know more.
	c, seen := mockAnswer(t, 200, fixture(t, "2025/deployment_success.json"))
	if _, err := c.GenerateJWK(ctx, "P", &GenerateJWKRequest{Name: "k", Type: "ML-DSA"}); err != nil || len(*seen) != 1 {
		t.Errorf("an unknown key type: %v", err)
	}
}
