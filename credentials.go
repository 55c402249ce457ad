package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// Credential is one credential of a project as List Credentials returns it.
// The API always sends its password as null; it is not kept.
type Credential struct {
	Username    string               `json:"username"`
	Email       string               `json:"email"`
	FullName    string               `json:"fullName"`
	Description string               `json:"description"`
	RoleNames   []string             `json:"roleNameList"`
	Enabled     bool                 `json:"enabled"`
	IPList      []string             `json:"ipList"`
	ExpireDate  *time.Time           `json:"expireDate"` // nil when the credential never expires
	Metadata    []CredentialMetadata `json:"metadata"`   // 2026 Managers; secret values come back empty
}

// LogValue logs the credential with secret metadata values redacted.
func (c Credential) LogValue() slog.Value { return redactedLog(c) }

// Format prints the credential with secret metadata values redacted, for
// every verb.
func (c Credential) Format(f fmt.State, verb rune) {
	type credential Credential
	formatRedacted(f, verb, credential(c), c)
}

// CredentialMetadata is one metadata entry of a credential (2026 Managers).
// A Secret entry's value cannot be read back.
type CredentialMetadata struct {
	Key                    string `json:"key"`
	Value                  Secret `json:"value"`
	Secret                 bool   `json:"secret"`
	IncludeInJWT           bool   `json:"includeInJwt"`
	IncludeInTokenResponse bool   `json:"includeInTokenResponse"`
	JWTClaimName           string `json:"jwtClaimName,omitempty"`
}

// LogValue logs the entry with its value redacted.
func (m CredentialMetadata) LogValue() slog.Value { return redactedLog(m) }

// Format prints the entry with its value redacted, for every verb.
func (m CredentialMetadata) Format(f fmt.State, verb rune) {
	type credentialMetadata CredentialMetadata
	formatRedacted(f, verb, credentialMetadata(m), m)
}

// CredentialRequest is the credential CreateCredential and UpdateCredential
// send. Username, Email, FullName and Password are required by both (an
// update replaces the whole credential, password included).
type CredentialRequest struct {
	Username    string               `json:"username"`
	Email       string               `json:"email"`
	FullName    string               `json:"fullName"`
	Description string               `json:"description"`
	Password    Secret               `json:"password"`
	RoleNames   []string             `json:"roleNameList"`
	Enabled     *bool                `json:"enabled"`    // nil: the API's default (true)
	IPList      []string             `json:"ipList"`     // IPs or CIDR ranges; empty: no restriction
	ExpireDate  *time.Time           `json:"expireDate"` // nil: never expires (sent as null)
	Metadata    []CredentialMetadata `json:"metadata"`   // omitted when empty
}

// MarshalJSON writes the credential as the API reads it: lists as [] rather
// than null, the expiry as "2024-12-31T23:59:59.000Z" or null, Enabled and
// Metadata left out when not set, and the real password.
func (r CredentialRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Username    string               `json:"username"`
		Email       string               `json:"email"`
		FullName    string               `json:"fullName"`
		Description string               `json:"description"`
		Password    Secret               `json:"password"`
		RoleNames   []string             `json:"roleNameList"`
		Enabled     *bool                `json:"enabled,omitempty"`
		IPList      []string             `json:"ipList"`
		ExpireDate  apiTime              `json:"expireDate"`
		Metadata    []CredentialMetadata `json:"metadata,omitempty"`
	}{r.Username, r.Email, r.FullName, r.Description, r.Password, nonNil(r.RoleNames),
		r.Enabled, nonNil(r.IPList), apiTime{r.ExpireDate}, r.Metadata})
}

// LogValue logs the request with the password redacted.
func (r CredentialRequest) LogValue() slog.Value { return redactedLog(r) }

// Format prints the request with the password and secret metadata values
// redacted, for every verb.
func (r CredentialRequest) Format(f fmt.State, verb rune) {
	type credentialRequest CredentialRequest
	formatRedacted(f, verb, credentialRequest(r), r)
}

// check refuses a request without what the API requires.
func (r *CredentialRequest) check() error {
	switch {
	case r == nil:
		return invalidArgument("cred", "is nil")
	case r.Username == "":
		return invalidArgument("CredentialRequest.Username", "is empty")
	case r.Email == "":
		return invalidArgument("CredentialRequest.Email", "is empty")
	case r.FullName == "":
		return invalidArgument("CredentialRequest.FullName", "is empty")
	case r.Password == "":
		return invalidArgument("CredentialRequest.Password", "is empty")
	}
	for i, m := range r.Metadata {
		if m.Key == "" {
			return invalidArgument(fmt.Sprintf("CredentialRequest.Metadata[%d].Key", i), "is empty")
		}
	}
	return nil
}

// AccessType says what an access grant names.
type AccessType string

// The documented access types. Others are sent as given.
const (
	AccessAPIProxy      AccessType = "API_PROXY"
	AccessAPIProxyGroup AccessType = "API_PROXY_GROUP"
)

// Access is one access grant of a credential: an API proxy or a group of
// them, optionally until ExpireTime (the API revokes expired grants).
type Access struct {
	Name       string     `json:"name"`
	Type       AccessType `json:"type"`
	ExpireTime *time.Time `json:"expireTime,omitempty"` // nil: never expires
}

// MarshalJSON writes the grant as the API reads it, the expiry as
// "2024-12-31T23:59:59.000Z" and left out when nil.
func (a Access) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name       string     `json:"name"`
		Type       AccessType `json:"type"`
		ExpireTime *apiTime   `json:"expireTime,omitempty"`
	}{a.Name, a.Type, timeOf(a.ExpireTime)})
}

// accessList is the body of Grant and Revoke Access.
type accessList struct {
	List []Access `json:"credentialAccessList"`
}

// checkAccess refuses an empty list or a grant without name or type.
func checkAccess(access []Access) error {
	if len(access) == 0 {
		return invalidArgument("access", "is empty: give at least one grant")
	}
	for i, a := range access {
		switch {
		case a.Name == "":
			return invalidArgument(fmt.Sprintf("access[%d].Name", i), "is empty")
		case a.Type == "":
			return invalidArgument(fmt.Sprintf("access[%d].Type", i), "is empty")
		}
	}
	return nil
}

// ListCredentials returns the credentials of a project, disabled and
// expired ones included (in the admin project, global ones too). opts may
// be nil; its zero fields are not sent.
//
// It sends GET /apiops/projects/{projectName}/credentials/[?page=&size=&sort=].
// An unknown project gives ErrProjectNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, List Credentials)
func (c *Client) ListCredentials(ctx context.Context, projectName string, opts *ListOptions) ([]Credential, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	return list[Credential](ctx, c, request{op: ops.ListCredentials, args: []string{projectName}, query: opts})
}

// CreateCredential creates a credential (usernames are unique across all
// projects; one created in the admin project is global), then the API
// deploys it to every environment.
//
// It sends POST /apiops/projects/{projectName}/credentials/ with the
// credential. A taken username gives ErrAlreadyExists; a missing required
// field ErrInvalidArgument before anything is sent.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Create Credential)
func (c *Client) CreateCredential(ctx context.Context, projectName string, cred *CredentialRequest) (*DeploymentResponse, error) {
	if err := cred.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.CreateCredential, args: []string{projectName}, body: cred})
}

// UpdateCredential replaces the credential cred.Username names with cred
// (every field, password included), then the API redeploys it. The
// username selects the credential and cannot change.
//
// It sends PUT /apiops/projects/{projectName}/credentials/ with the
// credential: the username is in the body, not the path. An unknown
// username gives ErrCredentialNotFound where the Manager says so (its
// answer is not documented).
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Update Credential)
func (c *Client) UpdateCredential(ctx context.Context, projectName string, cred *CredentialRequest) (*DeploymentResponse, error) {
	if err := cred.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.UpdateCredential, args: []string{projectName}, body: cred})
}

// ChangeCredentialPassword sets a credential's password, then the API
// redeploys it.
//
// It sends PATCH /apiops/projects/{projectName}/credentials/{username}/
// with {"password": ...}. An unknown credential gives
// ErrCredentialNotFound; an empty password ErrInvalidArgument.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Change Password)
func (c *Client) ChangeCredentialPassword(ctx context.Context, projectName, username string, password Secret) (*DeploymentResponse, error) {
	if password == "" {
		return nil, invalidArgument("password", "is empty")
	}
	body := struct {
		Password Secret `json:"password"`
	}{password}
	return c.deploy(ctx, request{op: ops.ChangeCredentialPassword, args: []string{projectName, username}, body: body})
}

// DeleteCredential deletes a credential for good, with its access grants,
// after undeploying it from every environment.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/.
// An unknown credential gives ErrCredentialNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Delete Credential)
func (c *Client) DeleteCredential(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeleteCredential, args: []string{projectName, username}})
}

// ListAccess returns the access grants of a credential in the project's
// scope (outside the admin project, global grants may be missing).
//
// It sends GET /apiops/projects/{projectName}/credentials/{username}/access/.
// An unknown credential gives ErrCredentialNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Get Granted Access List)
func (c *Client) ListAccess(ctx context.Context, projectName, username string) ([]Access, error) {
	return list[Access](ctx, c, request{op: ops.ListAccess, args: []string{projectName, username}})
}

// GrantAccess gives a credential access to API proxies or groups (a group
// grant covers every API in it), then the API redeploys it.
//
// It sends PUT /apiops/projects/{projectName}/credentials/{username}/access/
// with {"credentialAccessList": [...]}. An API proxy that does not exist
// is a 400 (ErrBadRequest); a grant that exists ErrAlreadyExists; an empty
// list or a grant without name or type ErrInvalidArgument.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Grant Access)
func (c *Client) GrantAccess(ctx context.Context, projectName, username string, access ...Access) (*DeploymentResponse, error) {
	if err := checkAccess(access); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.GrantAccess, args: []string{projectName, username}, body: accessList{access}})
}

// RevokeAccess takes grants away from a credential (revoking a group grant
// keeps direct API grants), then the API redeploys it.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/access/
// with a JSON body shaped as GrantAccess's. Errors as GrantAccess.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Revoke Access)
func (c *Client) RevokeAccess(ctx context.Context, projectName, username string, access ...Access) (*DeploymentResponse, error) {
	if err := checkAccess(access); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.RevokeAccess, args: []string{projectName, username}, body: accessList{access}})
}

// nonNil returns s, or an empty slice for nil, so JSON gets [] not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// lend and keep let a listed credential's roles and IPs borrow from the
// list's arena (arena.go).
func (c *Credential) lend(a *listArena) {
	c.RoleNames, c.IPList = a.fields[0].lend(), a.fields[1].lend()
}

func (c *Credential) keep(a *listArena) {
	c.RoleNames, c.IPList = a.fields[0].keep(c.RoleNames), a.fields[1].keep(c.IPList)
}
