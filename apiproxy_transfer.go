package apinizer

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// passphraseHeader carries an encrypted package's passphrase, Base64 of
// its UTF-8 bytes.
const passphraseHeader = "X-Apinizer-Package-Passphrase"

// ExportOptions are the options of the exports (2026).
type ExportOptions struct {
	Encrypt          bool   `url:"encrypt,omitempty"`          // encrypt the whole package; needs Passphrase
	WithDependencies bool   `url:"withDependencies,omitempty"` // also pack every object the proxy refers to
	Passphrase       Secret `url:"-"`                          // sent Base64-encoded in X-Apinizer-Package-Passphrase; never printed
}

// Format prints the options with the passphrase redacted.
func (o ExportOptions) Format(f fmt.State, verb rune) {
	type plain ExportOptions
	formatRedacted(f, verb, plain(o), o)
}

// LogValue logs the options with the passphrase redacted.
func (o ExportOptions) LogValue() slog.Value { return redactedLog(o) }

// check refuses Encrypt without a passphrase: the Manager answers 400.
func (o *ExportOptions) check() error {
	if o != nil && o.Encrypt && o.Passphrase == "" {
		return invalidArgument("ExportOptions.Passphrase", "is empty: an encrypted package needs one")
	}
	return nil
}

// passphrase returns the header and the secrets of a passphrase, or nils.
func passphrase(p Secret) (http.Header, []Secret) {
	if p == "" {
		return nil, nil
	}
	return http.Header{passphraseHeader: {base64.StdEncoding.EncodeToString([]byte(p))}}, []Secret{p}
}

// ExportAPIProxy writes an API proxy's export package, a ZIP holding
// <apiProxyName>.json (endpoints, policies, settings, routing), to w, as
// it arrives: no size cap, no copy in memory. opts may be nil.
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/export/[?encrypt=true&withDependencies=true],
// with the passphrase header when opts has one. The Download names the
// file the Manager gave ("apiProxyExportFile.zip" on 2025 Managers,
// "<apiProxyName>.zip" on 2026 ones) and the bytes written. An error
// answer writes nothing; an unknown proxy gives ErrAPIProxyNotFound. A
// body that breaks off is an error that says how many bytes were written
// (the Download says it too): never a success. Encrypt without a
// passphrase is ErrInvalidArgument before anything is sent.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/export-api-proxy
func (c *Client) ExportAPIProxy(ctx context.Context, projectName, apiProxyName string, w io.Writer, opts *ExportOptions) (*Download, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	r := request{op: ops.ExportAPIProxy, args: []string{projectName, apiProxyName}, query: opts}
	if opts != nil {
		r.header, r.secrets = passphrase(opts.Passphrase)
	}
	return c.download(ctx, r, w)
}

// ImportOptions are the options of Import API Proxy (as new).
type ImportOptions struct {
	// WithDependencies binds the package's dependencies to same-named
	// objects of the project and creates the rest (2026).
	WithDependencies bool
	// EnvironmentMapping maps a package environment to a target one
	// (2026); a "" target drops it. Without it same-named environments
	// match and the rest are dropped.
	EnvironmentMapping map[string]string
	Passphrase         Secret // for an encrypted package
}

// importQuery is the import calls' query.
type importQuery struct {
	WithDependencies bool `url:"withDependencies,omitempty"`
}

// Format prints the options with the passphrase redacted.
func (o ImportOptions) Format(f fmt.State, verb rune) {
	type plain ImportOptions
	formatRedacted(f, verb, plain(o), o)
}

// LogValue logs the options with the passphrase redacted.
func (o ImportOptions) LogValue() slog.Value { return redactedLog(o) }

// ImportAPIProxy imports an export package as a new API proxy. It never
// overrides: on a name clash the Manager adds a suffix to the name and
// the relative path (its text is not documented; apinizertest adds
// "-imported", then "-imported-2", ...), and the answer does not say the
// new name: list the proxies afterwards. The imported proxy starts
// undeployed. opts may be nil.
//
// It sends POST /apiops/projects/{projectName}/apiProxies/import/ as
// multipart/form-data: "apiProxyExportFile" (archive, whose name must end
// in .zip, checked before anything is sent) and, when given,
// "environmentMapping" as JSON text. A seekable archive is streamed and,
// on a retry, sent again from the same place.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/import-api-proxy
func (c *Client) ImportAPIProxy(ctx context.Context, projectName string, archive File, opts *ImportOptions) (*DeploymentResponse, error) {
	if err := checkZip("archive", archive); err != nil {
		return nil, err
	}
	f := &form{fileField: "apiProxyExportFile", file: archive}
	r := request{op: ops.ImportAPIProxy, args: []string{projectName}, form: f, saveOnly: true}
	if opts != nil {
		r.query = importQuery{opts.WithDependencies}
		if err := f.addJSON("environmentMapping", opts.EnvironmentMapping); err != nil {
			return nil, err
		}
		r.header, r.secrets = passphrase(opts.Passphrase)
	}
	return c.deploy(ctx, r)
}

// CertMergeMethod is how an override import merges a package's
// certificates, keystores and keys with the target's (2026).
type CertMergeMethod string

// The documented merge methods.
const (
	CertMergeByName       CertMergeMethod = "MATCH_BY_NAME" // the default
	CertMergeOverwriteAll CertMergeMethod = "OVERWRITE_ALL"
)

// CertUncoveredAction is what an override import does with a target
// environment the package has no certificate data for (2026).
type CertUncoveredAction string

// The documented actions; one is required when the package does not
// cover every target environment.
const (
	CertFillFromPackage  CertUncoveredAction = "FILL_FROM_PACKAGE"
	CertRemoveFromTarget CertUncoveredAction = "REMOVE_FROM_TARGET"
)

// ImportRouting replaces the imported proxy's routing ("metadata"
// "routing" of Import with override).
type ImportRouting struct {
	Algorithm LoadBalanceAlgorithm `json:"algorithm,omitempty"`
	Addresses []ImportAddress      `json:"addressList,omitempty"`
}

// ImportAddress is one address of an ImportRouting.
type ImportAddress struct {
	Address  string   `json:"address"`
	Weight   *int     `json:"weight,omitempty"` // default 1
	SOAPType SOAPType `json:"soapType,omitempty"`
}

// ImportOverrideOptions are the options of Import API Proxy with
// override: the "metadata" part (all optional) and the 2026 parts.
type ImportOverrideOptions struct {
	DeployTo         []string       // deploy after the import ("deploy": true and the list)
	Routing          *ImportRouting // nil keeps the package's routing
	MaintenanceMode  *bool          // nil keeps it
	WithDependencies bool           // as ImportOptions' (2026)
	// CertMergeMethod and CertUncoveredAction: how packed certificates
	// meet the target's (2026).
	CertMergeMethod     CertMergeMethod
	CertUncoveredAction CertUncoveredAction
	EnvironmentMapping  map[string]string // accepted and checked, but without effect here (2026)
	Passphrase          Secret
}

// Format prints the options with the passphrase redacted.
func (o ImportOverrideOptions) Format(f fmt.State, verb rune) {
	type plain ImportOverrideOptions
	formatRedacted(f, verb, plain(o), o)
}

// LogValue logs the options with the passphrase redacted.
func (o ImportOverrideOptions) LogValue() slog.Value { return redactedLog(o) }

// ImportAPIProxyOverride imports an export package as the API proxy
// apiProxyName: it replaces the proxy of that name (its old configuration
// is lost) or creates it. A replaced proxy keeps its deployments, flagged
// RedeployRequired (2026); with opts.DeployTo it is deployed there.
//
// It sends PUT /apiops/projects/{projectName}/apiProxies/{apiProxyName}/import/
// as multipart/form-data: "metadata" (JSON text, at least {"deploy":
// false}), "apiProxyExportFile" (name ending .zip) and the 2026 parts that
// are set. Errors as ImportAPIProxy; a failed deployment the response and
// a *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/api-proxies/crud/import-api-proxy-and-override
func (c *Client) ImportAPIProxyOverride(ctx context.Context, projectName, apiProxyName string, archive File, opts *ImportOverrideOptions) (*DeploymentResponse, error) {
	if err := checkZip("archive", archive); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ImportOverrideOptions{}
	}
	metadata := struct {
		Deploy          bool           `json:"deploy"`
		DeployTo        []string       `json:"deployTargetEnvironmentNameList,omitempty"`
		Routing         *ImportRouting `json:"routing,omitempty"`
		MaintenanceMode *bool          `json:"maintenanceMode,omitempty"`
	}{len(opts.DeployTo) > 0, opts.DeployTo, opts.Routing, opts.MaintenanceMode}
	f := &form{fileField: "apiProxyExportFile", file: archive}
	for _, part := range []struct {
		name string
		v    any
	}{{"metadata", metadata}, {"environmentMapping", opts.EnvironmentMapping}} {
		if err := f.addJSON(part.name, part.v); err != nil {
			return nil, err
		}
	}
	f.addText("certEnvironmentMergeMethod", string(opts.CertMergeMethod))
	f.addText("certEnvironmentUncoveredAction", string(opts.CertUncoveredAction))
	r := request{op: ops.ImportAPIProxyOverride, args: []string{projectName, apiProxyName}, query: importQuery{opts.WithDependencies},
		form: f, saveOnly: len(opts.DeployTo) == 0}
	r.header, r.secrets = passphrase(opts.Passphrase)
	return c.deploy(ctx, r)
}

// addJSON adds a text part holding v as JSON; a nil map or pointer adds
// nothing.
func (f *form) addJSON(name string, v any) error {
	if m, ok := v.(map[string]string); ok && m == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return invalidArgument(name, err.Error())
	}
	f.fields = append(f.fields, formField{name, string(b)})
	return nil
}

// addText adds a text part unless value is "".
func (f *form) addText(name, value string) {
	if value != "" {
		f.fields = append(f.fields, formField{name, value})
	}
}
