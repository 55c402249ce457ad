package apinizer

import (
	"context"
	"net/http"
)

// RemoveJWKValidation takes away the JWK a credential uses for validation
// and signing (the JWK itself is not deleted), then the API redeploys the
// credential to every environment.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/jwk/validation/.
// A credential with no validation JWK assigned answers 400 (ErrBadRequest);
// an unknown credential ErrCredentialNotFound; an unknown project
// ErrProjectNotFound. When some environment failed to deploy, it returns
// the response and a *DeploymentError: the removal was saved.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Remove JWK Validation)
func (c *Client) RemoveJWKValidation(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, http.MethodDelete, c.jwkPath(projectName, username, "validation"))
}

// SetJWKValidation assigns the JWK named jwkName (of the project or of the
// admin project) to a credential for validation and signing, replacing any
// earlier one, then the API redeploys the credential.
//
// It sends PUT /apiops/projects/{projectName}/credentials/{username}/jwk/validation/{jwkName}/.
// An unknown JWK gives ErrJWKNotFound; otherwise as RemoveJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Set JWK Validation)
func (c *Client) SetJWKValidation(ctx context.Context, projectName, username, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, http.MethodPut, c.jwkPath(projectName, username, "validation").param("jwkName", jwkName))
}

// RemoveJWKEncryption takes away the JWK a credential uses for decryption
// and encryption, then the API redeploys the credential.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/jwk/encryption/.
// Errors as RemoveJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Remove JWK Encryption)
func (c *Client) RemoveJWKEncryption(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, http.MethodDelete, c.jwkPath(projectName, username, "encryption"))
}

// SetJWKEncryption assigns the JWK named jwkName to a credential for
// decryption and encryption, replacing any earlier one, then the API
// redeploys the credential.
//
// It sends PUT /apiops/projects/{projectName}/credentials/{username}/jwk/encryption/{jwkName}/.
// Errors as SetJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Set JWK Encryption)
func (c *Client) SetJWKEncryption(ctx context.Context, projectName, username, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, http.MethodPut, c.jwkPath(projectName, username, "encryption").param("jwkName", jwkName))
}

// jwkPath is projects/{projectName}/credentials/{username}/jwk/{use}/.
func (c *Client) jwkPath(projectName, username, use string) apiPath {
	return c.path().lit("projects").param("projectName", projectName).
		lit("credentials").param("username", username).lit("jwk").lit(use)
}

// deploy runs a JWK-settings call. A saved change that some environment
// did not deploy returns the response and a *DeploymentError; every other
// error returns a nil response.
func (c *Client) deploy(ctx context.Context, method string, p apiPath) (*DeploymentResponse, error) {
	resp := new(DeploymentResponse)
	if err := c.do(ctx, method, p, "", resp); err != nil {
		return nil, err
	}
	if !resp.DeploymentResult.Success || len(resp.DeploymentResult.Failed()) > 0 {
		return resp, &DeploymentError{Response: resp}
	}
	return resp, nil
}

func (r *DeploymentResponse) succeeded() bool { return r.Success }
