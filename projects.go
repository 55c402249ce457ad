package apinizer

import (
	"context"
	"errors"
	"net/http"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// Project is a project the caller is a member of. ID, RelativePath,
// EnableRelativePath and Tags come from 2026 Managers only.
type Project struct {
	Name               string   `json:"name"`
	Description        string   `json:"description"`
	ID                 string   `json:"id"`
	RelativePath       string   `json:"relativePath"`
	EnableRelativePath bool     `json:"enableRelativePath"`
	Tags               []string `json:"tags"`
}

// Environment is a gateway environment. Type ("PRODUCTION", "SANDBOX",
// "TEST"; older Managers "KUBERNETES", "DOCKER") and Status ("PUBLISHED",
// "UNPUBLISHED", "REPUBLISH_REQUIRED"; older "DRAFT") are open strings.
// Deployed and RedeployRequired are nil unless the Manager sets them.
type Environment struct {
	Name             string `json:"name"`
	Description      string `json:"description"`
	Type             string `json:"type"`
	Status           string `json:"status"`
	AccessURL        string `json:"accessUrl"`
	ID               string `json:"id"` // 2026 Managers only
	Deployed         *bool  `json:"deployed"`
	RedeployRequired *bool  `json:"redeployRequired"`
}

// ListProjects returns the projects the caller is a member of. Only a
// valid token is needed.
//
// It sends GET /apiops/projects/.
//
// API docs: https://docs.apinizer.com/ (Management API, Projects, List Projects)
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	return list[Project](ctx, c, request{op: ops.ListProjects})
}

// ListEnvironments returns the environments reachable from a project.
//
// It sends GET /apiops/projects/{projectName}/environments/ (the current
// path) and, when that answers 404 with an empty or non-API body (a
// Manager that predates it), the older GET /apiops/environments/{projectName}
// once. An unknown project gives ErrProjectNotFound (a 400 on both paths).
//
// API docs: https://docs.apinizer.com/ (Management API, Environments, List Environments by Project)
func (c *Client) ListEnvironments(ctx context.Context, projectName string) ([]Environment, error) {
	envs, err := list[Environment](ctx, c, request{op: ops.ListEnvironments, args: []string{projectName}})
	var e *Error
	if errors.As(err, &e) && e.StatusCode == http.StatusNotFound && e.Code == "" && e.Description == "" {
		return list[Environment](ctx, c, request{op: ops.ListEnvironmentsOlder, args: []string{projectName}})
	}
	return envs, err
}
