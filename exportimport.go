package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The type-generic export and import (2026): any kind of object by type,
// API proxies ("API_PROXY") and groups ("PROXY_GROUP") among them. Types
// are case-insensitive on the Manager.

// ExportObject is one object a type holds in a project.
type ExportObject struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // only for CERTIFICATE, API_CREATOR and IDENTITY_SERVICE
}

// ListExportImportTypes returns the types the generic export and import
// take, installation-wide.
//
// It sends GET /apiops/projects/{projectName}/export-import/types/.
//
// API docs: https://docs.apinizer.com/api-reference/export-import/list-supported-types
func (c *Client) ListExportImportTypes(ctx context.Context, projectName string) ([]string, error) {
	return list[string](ctx, c, request{op: ops.ListExportImportTypes, args: []string{projectName}})
}

// ListObjectsOptions are List Objects' query parameters.
type ListObjectsOptions struct {
	Filter string `url:"filter,omitempty"` // a substring of the names
}

// ListExportImportObjects returns the objects of a type in a project.
// opts may be nil.
//
// It sends GET /apiops/projects/{projectName}/export-import/{type}/objects/[?filter=].
// An unknown type is a 400 that lists the supported ones (ErrBadRequest).
//
// API docs: https://docs.apinizer.com/api-reference/export-import/list-objects
func (c *Client) ListExportImportObjects(ctx context.Context, projectName, objectType string, opts *ListObjectsOptions) ([]ExportObject, error) {
	return list[ExportObject](ctx, c, request{op: ops.ListExportImportObjects, args: []string{projectName, objectType}, query: opts})
}

// ExportObjectsRequest names what to export: at least one name.
type ExportObjectsRequest struct {
	Names []string `json:"names"`
	Kind  string   `json:"kind,omitempty"`
}

// ExportObjects writes a package of objects of a type to w: one JSON per
// object, in a ZIP named <name>.zip (one object) or <type>-export.zip.
// An unknown name fails the whole call, never skipped (ErrNotFound). opts
// may be nil; Encrypt needs a passphrase.
//
// It sends POST /apiops/projects/{projectName}/export-import/{type}/export/[?encrypt=true&withDependencies=true]
// with {"names", "kind"}. The download behaves as ExportAPIProxy's.
//
// API docs: https://docs.apinizer.com/api-reference/export-import/export-objects
func (c *Client) ExportObjects(ctx context.Context, projectName, objectType string, req *ExportObjectsRequest, w io.Writer, opts *ExportOptions) (*Download, error) {
	if req == nil || len(req.Names) == 0 {
		return nil, invalidArgument("ExportObjectsRequest.Names", "is empty: name at least one object")
	}
	for i, n := range req.Names {
		if n == "" {
			return nil, invalidArgument(fmt.Sprintf("ExportObjectsRequest.Names[%d]", i), "is empty")
		}
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	r := request{op: ops.ExportObjects, args: []string{projectName, objectType}, body: req, query: opts}
	if opts != nil {
		r.header, r.secrets = passphrase(opts.Passphrase)
	}
	return c.download(ctx, r, w)
}

// ImportObjectsOptions are the options of the generic import.
type ImportObjectsOptions struct {
	// Override replaces objects of the same name ("Replace Existing");
	// without it an object that exists fails the import ("Import as New").
	Override bool
	// EnvironmentMapping, without Override only: package environment to
	// target environment ("" drops it).
	EnvironmentMapping map[string]string
	// CertMergeMethod and CertUncoveredAction, with Override only.
	CertMergeMethod     CertMergeMethod
	CertUncoveredAction CertUncoveredAction
	Passphrase          Secret // for an encrypted package
}

// Format prints the options with the passphrase redacted.
func (o ImportObjectsOptions) Format(f fmt.State, verb rune) {
	type plain ImportObjectsOptions
	formatRedacted(f, verb, plain(o), o)
}

// LogValue logs the options with the passphrase redacted.
func (o ImportObjectsOptions) LogValue() slog.Value { return redactedLog(o) }

// ImportObjectsResult is what the generic import answered.
type ImportObjectsResult struct {
	// UnresolvedReferences are what could not be carried, e.g. "The
	// following imported objects are not deployed to any worker: ...".
	// Imported objects are never deployed.
	UnresolvedReferences []string `json:"unresolvedReferences"`
}

// ImportObjects imports a package of objects of a type into a project.
// opts may be nil.
//
// It sends POST /apiops/projects/{projectName}/export-import/{type}/import/
// as multipart/form-data: "exportFile" (name ending .zip), "override" and
// the parts that are set. (The OpenAPI file declares "exportFile" and
// "override" as query parameters instead; a Manager reading either finds
// the multipart fields.) A clash without Override is a 400
// (ErrAlreadyExists).
//
// API docs: https://docs.apinizer.com/api-reference/export-import/import-objects
func (c *Client) ImportObjects(ctx context.Context, projectName, objectType string, archive File, opts *ImportObjectsOptions) (*ImportObjectsResult, error) {
	if err := checkZip("archive", archive); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ImportObjectsOptions{}
	}
	f := &form{fields: []formField{{"override", strconv.FormatBool(opts.Override)}}, fileField: "exportFile", file: archive}
	if err := f.addJSON("environmentMapping", opts.EnvironmentMapping); err != nil {
		return nil, err
	}
	f.addText("certEnvironmentMergeMethod", string(opts.CertMergeMethod))
	f.addText("certEnvironmentUncoveredAction", string(opts.CertUncoveredAction))
	r := request{op: ops.ImportObjects, args: []string{projectName, objectType}, form: f}
	r.header, r.secrets = passphrase(opts.Passphrase)
	env, err := c.send(ctx, r, nil)
	if err != nil {
		return nil, err
	}
	var result ImportObjectsResult
	if err := json.Unmarshal(env.body, &result); err != nil {
		return nil, env.unexpected(fmt.Errorf("unresolvedReferences: %w", err), env.body)
	}
	return &result, nil
}
