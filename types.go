package apinizer

import "time"

// DeploymentResponse is the answer of every credential JWK-settings call:
// the change is saved, then the credential is redeployed to every
// environment, each reporting on its own.
type DeploymentResponse struct {
	Success          bool             `json:"success"`
	DeploymentResult DeploymentResult `json:"deploymentResult"`
}

// DeploymentResult is the outcome of the automatic redeployment.
type DeploymentResult struct {
	Success            bool                `json:"success"`
	Message            string              `json:"message"`
	EnvironmentResults []EnvironmentResult `json:"environmentResults"`
}

// EnvironmentResult is the outcome of the redeployment in one environment.
type EnvironmentResult struct {
	EnvironmentName string `json:"environmentName"`
	Success         bool   `json:"success"`
	Message         string `json:"message"`
}

// Failed returns the environments that did not deploy the change, in the
// order the API listed them, or nil when every environment succeeded.
func (r DeploymentResult) Failed() []EnvironmentResult {
	var failed []EnvironmentResult
	for _, env := range r.EnvironmentResults {
		if !env.Success {
			failed = append(failed, env)
		}
	}
	return failed
}

// Credential is one credential of a project as List Credentials returns it.
// The API always sends its password as null; it is not kept.
type Credential struct {
	Username    string     `json:"username"`
	Email       string     `json:"email"`
	FullName    string     `json:"fullName"`
	Description string     `json:"description"`
	RoleNames   []string   `json:"roleNameList"`
	Enabled     bool       `json:"enabled"`
	IPList      []string   `json:"ipList"`
	ExpireDate  *time.Time `json:"expireDate"` // nil when the credential never expires
}

// ListOptions are the common list parameters of the API. Zero fields are
// not sent; a nil *ListOptions sends no query string.
type ListOptions struct {
	Page int    `url:"page,omitempty"`
	Size int    `url:"size,omitempty"`
	Sort string `url:"sort,omitempty"` // e.g. "username,asc"
}
