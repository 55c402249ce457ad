package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// EnvironmentVariable is a project's variable, which API proxies read
// (${NAME}): Global with one GlobalValue for every environment, or one
// value per environment in Values. The same type is read and written.
//
// Values are *Secret. On a write, nil sends null, which keeps the stored
// value (the only way to keep a secret through an update), and a pointer
// to "" clears it. On a read, a secret value is never readable: it is nil
// with Secret true, never "" (a value the Manager sends anyway for a
// secret is dropped). Every value prints and logs as "[redacted]".
type EnvironmentVariable struct {
	Name        string
	Description string
	Global      bool
	GlobalValue *Secret // with Global
	Secret      bool    // the global value is a secret ("globalVisible": false)
	Values      []EnvironmentValue
	ProjectID   string // read-only
	ProjectName string // read-only
}

// EnvironmentValue is a variable's value in one environment.
type EnvironmentValue struct {
	EnvironmentName string // must be an environment of the project
	Value           *Secret
	Secret          bool // "visible": false
}

// wireVariable is the API's object; both visibility flags are always
// sent (the pages' defaults disagree: globalVisible true, visible false).
type wireVariable struct {
	Name                 string      `json:"name"`
	Description          string      `json:"description,omitempty"`
	Global               bool        `json:"global"`
	GlobalValue          *Secret     `json:"globalValue"`
	GlobalVisible        *bool       `json:"globalVisible"`
	EnvironmentValueList []wireValue `json:"environmentValueList"`
	ProjectID            string      `json:"projectId,omitempty"`
	ProjectName          string      `json:"projectName,omitempty"`
}

type wireValue struct {
	EnvironmentName string  `json:"environmentName"`
	Value           *Secret `json:"value"`
	Visible         *bool   `json:"visible"`
}

// MarshalJSON writes the API's object: null for nil values, and the
// visibility flags as the inverse of Secret.
func (v EnvironmentVariable) MarshalJSON() ([]byte, error) {
	w := wireVariable{Name: v.Name, Description: v.Description, Global: v.Global, GlobalValue: v.GlobalValue,
		GlobalVisible: Ptr(!v.Secret), ProjectID: v.ProjectID, ProjectName: v.ProjectName}
	for _, e := range v.Values {
		w.EnvironmentValueList = append(w.EnvironmentValueList, wireValue{EnvironmentName: e.EnvironmentName, Value: e.Value, Visible: Ptr(!e.Secret)})
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the API's object. A value marked not visible reads
// as nil whatever the Manager sent; a missing globalVisible means visible
// (the pages' default), a missing visible means secret (the table's).
func (v *EnvironmentVariable) UnmarshalJSON(b []byte) error {
	var w wireVariable
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*v = EnvironmentVariable{Name: w.Name, Description: w.Description, Global: w.Global, GlobalValue: w.GlobalValue,
		Secret: w.GlobalVisible != nil && !*w.GlobalVisible, ProjectID: w.ProjectID, ProjectName: w.ProjectName}
	if v.Secret {
		v.GlobalValue = nil
	}
	for _, e := range w.EnvironmentValueList {
		value := EnvironmentValue{EnvironmentName: e.EnvironmentName, Value: e.Value, Secret: e.Visible == nil || !*e.Visible}
		if value.Secret {
			value.Value = nil
		}
		v.Values = append(v.Values, value)
	}
	return nil
}

// Format prints the variable with every value that is set as
// "[redacted]" (and <nil> for one that is not), for every verb.
func (v EnvironmentVariable) Format(f fmt.State, verb rune) {
	// Local types of the same names, so that %#v names the real ones.
	type EnvironmentValue struct {
		EnvironmentName string
		Value           any
		Secret          bool
	}
	type EnvironmentVariable struct {
		Name, Description      string
		Global                 bool
		GlobalValue            any
		Secret                 bool
		Values                 []EnvironmentValue
		ProjectID, ProjectName string
	}
	shown := EnvironmentVariable{Name: v.Name, Description: v.Description, Global: v.Global, GlobalValue: redactedOrNil(v.GlobalValue),
		Secret: v.Secret, ProjectID: v.ProjectID, ProjectName: v.ProjectName}
	for _, e := range v.Values {
		shown.Values = append(shown.Values, EnvironmentValue{e.EnvironmentName, redactedOrNil(e.Value), e.Secret})
	}
	formatRedacted(f, verb, shown, v)
}

// Format prints the value redacted, for every verb.
func (e EnvironmentValue) Format(f fmt.State, verb rune) {
	type EnvironmentValue struct {
		EnvironmentName string
		Value           any
		Secret          bool
	}
	formatRedacted(f, verb, EnvironmentValue{e.EnvironmentName, redactedOrNil(e.Value), e.Secret}, e)
}

// LogValue logs the value redacted.
func (e EnvironmentValue) LogValue() slog.Value { return redactedLog(e) }

// redactedOrNil stands for a value in fmt output: a Secret (which prints
// "[redacted]") when set, nil when not.
func redactedOrNil(s *Secret) any {
	if s == nil {
		return nil
	}
	return Secret("")
}

// LogValue logs the variable with every value redacted.
func (v EnvironmentVariable) LogValue() slog.Value { return redactedLog(v) }

// check refuses a variable the pages answer with a 400, before anything
// is sent.
func (v *EnvironmentVariable) check() error {
	if v == nil {
		return invalidArgument("v", "is nil")
	}
	if err := checkSegment("EnvironmentVariable.Name (the path's {name})", v.Name); err != nil {
		return err // sent equal in the body
	}
	switch {
	case v.Global && len(v.Values) > 0:
		return invalidArgument("EnvironmentVariable.Values", "are set on a Global variable (give GlobalValue, or Global false)")
	case !v.Global && len(v.Values) == 0:
		return invalidArgument("EnvironmentVariable.Values", "are empty: a variable that is not Global needs a value per environment")
	}
	for i, e := range v.Values {
		if e.EnvironmentName == "" {
			return invalidArgument(fmt.Sprintf("EnvironmentVariable.Values[%d].EnvironmentName", i), "is empty")
		}
	}
	return nil
}

// ListEnvironmentVariables returns the project's environment variables,
// secret values nil.
//
// It sends GET /apiops/projects/{projectName}/environmentVariables/.
//
// API docs: https://docs.apinizer.com/api-reference/environment-variables/crud/list-environment-variables
func (c *Client) ListEnvironmentVariables(ctx context.Context, projectName string) ([]EnvironmentVariable, error) {
	return list[EnvironmentVariable](ctx, c, request{op: ops.ListEnvironmentVariables, args: []string{projectName}})
}

// GetEnvironmentVariable returns one environment variable, secret values
// nil. The 2025 pages say names match case-insensitively.
//
// It sends GET /apiops/projects/{projectName}/environmentVariables/{name}/.
// An unknown name gives ErrNotFound.
//
// API docs: https://docs.apinizer.com/api-reference/environment-variables/crud/get-environment-variable
func (c *Client) GetEnvironmentVariable(ctx context.Context, projectName, name string) (*EnvironmentVariable, error) {
	return get[EnvironmentVariable](ctx, c, request{op: ops.GetEnvironmentVariable, args: []string{projectName, name}})
}

// CreateEnvironmentVariable creates a variable and deploys it to every
// environment of the project. The name goes in the path and the body,
// equal (a page says a mismatch is a 400, another that the path wins).
//
// It sends POST /apiops/projects/{projectName}/environmentVariables/{name}/
// with the variable. A taken name gives ErrAlreadyExists; a variable
// saved but not deployed somewhere (the result's success false) the
// response and a *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/environment-variables/crud/create-environment-variable
func (c *Client) CreateEnvironmentVariable(ctx context.Context, projectName string, v *EnvironmentVariable) (*DeploymentResponse, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.CreateEnvironmentVariable, args: []string{projectName, v.Name}, body: v})
}

// UpdateEnvironmentVariable replaces a variable, selected by v.Name, and
// deploys it to every environment of the project. A nil value keeps the
// stored one (so a secret survives an update it is not sent in); a
// pointer to "" clears it. Renaming is not offered: the 2026 pages forbid
// it.
//
// It sends PUT /apiops/projects/{projectName}/environmentVariables/{name}/
// with the variable. An unknown name gives a 400 (text not documented);
// a failed deployment the response and a *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/environment-variables/crud/update-environment-variable
func (c *Client) UpdateEnvironmentVariable(ctx context.Context, projectName string, v *EnvironmentVariable) (*DeploymentResponse, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{op: ops.UpdateEnvironmentVariable, args: []string{projectName, v.Name}, body: v})
}

// DeleteEnvironmentVariable deletes a variable and removes it from every
// environment of the project.
//
// It sends DELETE /apiops/projects/{projectName}/environmentVariables/{name}/.
// An unknown name gives ErrNotFound; a failed undeployment the response
// and a *DeploymentError.
//
// API docs: https://docs.apinizer.com/api-reference/environment-variables/crud/delete-environment-variable
func (c *Client) DeleteEnvironmentVariable(ctx context.Context, projectName, name string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeleteEnvironmentVariable, args: []string{projectName, name}})
}

// ListAPIProxyEnvironmentVariables returns the environment variables an
// API proxy can read. Documented only in the vendor's OpenAPI file (its
// items are untyped there; they are read as the project's variables).
//
// It sends GET /apiops/projects/{projectName}/apiProxies/{apiProxyName}/environment-variables/.
//
// API docs: https://github.com/apinizer/docs/blob/main/openapi.yaml (operation findEnvironmentVariablesByEnvironment-variablesGet)
func (c *Client) ListAPIProxyEnvironmentVariables(ctx context.Context, projectName, apiProxyName string) ([]EnvironmentVariable, error) {
	return list[EnvironmentVariable](ctx, c, request{op: ops.ListAPIProxyEnvironmentVariables, args: []string{projectName, apiProxyName}})
}
