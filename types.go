package apinizer

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/google/go-querystring/query"
)

// DeploymentResponse is the answer of every write: the change is saved,
// then (un)deployed to every environment of the project, each reporting on
// its own. Both dialects' envelopes and both deployment shapes decode to
// it alike.
type DeploymentResponse struct {
	Success          bool   // "success": true, or "status": "SUCCESS"
	Message          string // "resultMessage", when sent
	DeploymentResult DeploymentResult
}

// DeploymentResult is the outcome of the automatic (un)deployment. A
// write answered without one (or with null) is a success with a zero
// DeploymentResult.
type DeploymentResult struct {
	Success            bool
	Message            string
	ResponseTime       time.Duration       // shape B's "responseTime", else 0
	EnvironmentResults []EnvironmentResult // shape A's entries, or shape B's "detailList" entries
}

// EnvironmentResult is the outcome in one environment (shape A) or one pod
// of an environment (shape B: an environment may appear once per pod).
type EnvironmentResult struct {
	EnvironmentName string        // "environmentName" or "envName"
	Success         bool          //
	Message         string        // "message" or "detail"
	PodName, PodIP  string        // shape B only
	ResponseTime    time.Duration // shape B only
}

// Failed returns the entries that did not deploy the change, in the order
// the API listed them, or nil when every one succeeded.
func (r DeploymentResult) Failed() []EnvironmentResult {
	var failed []EnvironmentResult
	for _, env := range r.EnvironmentResults {
		if !env.Success {
			failed = append(failed, env)
		}
	}
	return failed
}

// wireDeployment is a "deploymentResult" in shape A (per environment,
// "environmentResults") or shape B (per pod, "detailList").
type wireDeployment struct {
	Success            bool            `json:"success"`
	Message            string          `json:"message"`
	ResponseTime       float64         `json:"responseTime"`
	EnvironmentResults []wireEnvResult `json:"environmentResults"`
	DetailList         []wireEnvResult `json:"detailList"`
}

// wireEnvResult is one entry of either shape.
type wireEnvResult struct {
	EnvironmentName string  `json:"environmentName"`
	EnvName         string  `json:"envName"`
	Success         bool    `json:"success"`
	Message         string  `json:"message"`
	Detail          string  `json:"detail"`
	PodName         string  `json:"podName"`
	PodIP           string  `json:"podIp"`
	ResponseTime    float64 `json:"responseTime"`
}

// result converts either shape into the one DeploymentResult callers see.
func (w *wireDeployment) result() DeploymentResult {
	r := DeploymentResult{Success: w.Success, Message: w.Message, ResponseTime: millis(w.ResponseTime)}
	if n := len(w.EnvironmentResults) + len(w.DetailList); n > 0 {
		r.EnvironmentResults = make([]EnvironmentResult, 0, n)
	}
	for _, list := range [2][]wireEnvResult{w.EnvironmentResults, w.DetailList} {
		for _, e := range list {
			r.EnvironmentResults = append(r.EnvironmentResults, EnvironmentResult{
				EnvironmentName: cmp.Or(e.EnvironmentName, e.EnvName),
				Success:         e.Success,
				Message:         cmp.Or(e.Message, e.Detail),
				PodName:         e.PodName,
				PodIP:           e.PodIP,
				ResponseTime:    millis(e.ResponseTime),
			})
		}
	}
	return r
}

// millis converts the API's milliseconds to a Duration.
func millis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// Secret is a string that never prints: String, GoString and Format give
// "[redacted]" for every fmt verb, and slog logs it as "[redacted]".
// MarshalJSON sends the real value, so it reaches the API and only the API.
// Convert it with string(s) where the value itself is needed.
type Secret string

const redacted = "[redacted]"

// String returns "[redacted]".
func (Secret) String() string { return redacted }

// GoString returns "[redacted]", for %#v.
func (Secret) GoString() string { return redacted }

// Format writes "[redacted]" for every verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue keeps the value out of slog records.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON sends the real value. (So slog's JSON handler, which
// marshals what it is given, would show a Secret held in a slice or map;
// the SDK's own types that hold secrets log themselves redacted.)
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(string(s)) }

// redactedLog is the slog value of a type that holds a Secret or
// KeyMaterial: its fmt form, in which those print "[redacted]".
func redactedLog(v any) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }

// ListOptions are the API's common list parameters. Zero fields are not
// sent; a nil *ListOptions sends no query string. Whether a Manager
// honours them is not documented.
type ListOptions struct {
	Page int    `url:"page,omitempty"`
	Size int    `url:"size,omitempty"`
	Sort string `url:"sort,omitempty"` // e.g. "username,asc"
}

// encode checks the options and returns their query string ("" for nil
// or zero options).
func (o *ListOptions) encode() (string, error) {
	if o == nil {
		return "", nil
	}
	switch {
	case o.Page < 0:
		return "", invalidArgument("ListOptions.Page", "must not be negative")
	case o.Size < 0:
		return "", invalidArgument("ListOptions.Size", "must not be negative")
	}
	v, err := query.Values(o)
	if err != nil {
		return "", invalidArgument("ListOptions", err.Error())
	}
	return v.Encode(), nil
}

// apiTime is a time as the API writes it: ISO 8601 in UTC with
// milliseconds, "2024-12-31T23:59:59.000Z"; a nil one is null.
type apiTime struct{ t *time.Time }

// MarshalJSON implements json.Marshaler.
func (a apiTime) MarshalJSON() ([]byte, error) {
	if a.t == nil {
		return []byte("null"), nil
	}
	return json.Marshal(a.t.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
}

// timeOf returns an apiTime for the encoders, or nil for omitempty.
func timeOf(t *time.Time) *apiTime {
	if t == nil {
		return nil
	}
	return &apiTime{t}
}
