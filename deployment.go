package apinizer

import (
	"cmp"
	"encoding/json"
	"fmt"
	"time"
)

// DeploymentResponse is the answer of every write: the change is saved,
// then (un)deployed to the environments the call names or (for the
// identity writes and environment variables) to every environment of the
// project, each reporting on its own. Every documented envelope and every
// documented deployment-result shape decodes to it alike.
type DeploymentResponse struct {
	Success          bool   // "success": true, "status": "SUCCESS" or "result": {"success": true}
	Message          string // "resultMessage", when sent
	DeploymentResult DeploymentResult
}

// DeploymentResult is the outcome of the (un)deployment. A write answered
// without one (or with null or {}) is a success with a zero
// DeploymentResult.
type DeploymentResult struct {
	Success            bool
	Message            string
	ResponseTime       time.Duration       // shape B's "responseTime", else 0
	EnvironmentResults []EnvironmentResult // per environment, or per pod (shape B: an environment may appear once per pod)
}

// EnvironmentResult is the outcome in one environment, or in one pod of
// an environment (shape B).
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

// wireDeployment is a "deploymentResult" in any documented shape:
//
//	A   {"success", "message", "environmentResults": [{"environmentName", "success", "message"}]}
//	B   {"success", "responseTime", "detailList": [{"envName", "podName", "podIp", "success", "detail", "responseTime"}]}
//	B′  B whose entries carry "detail" and no pod fields
//	Bf  B flat: one entry's "envName", "podName", "podIp", "detail" at the top, "detailList" empty
//	C   {"success", "deploymentResults": [{"environmentName", "success", "message"}]}
//	C′  C without "success" and with entries without "message"
//	D   {"deployed", "deployedEnvironments": [names], "failedEnvironments": [names]}
type wireDeployment struct {
	Success            optionalBool    `json:"success"`
	Message            string          `json:"message"`
	ResponseTime       float64         `json:"responseTime"`
	EnvironmentResults []wireEnvResult `json:"environmentResults"` // A
	DetailList         []wireEnvResult `json:"detailList"`         // B, B′
	DeploymentResults  []wireEnvResult `json:"deploymentResults"`  // C, C′

	EnvName string `json:"envName"` // B flat
	PodName string `json:"podName"`
	PodIP   string `json:"podIp"`
	Detail  string `json:"detail"`

	Deployed             optionalBool `json:"deployed"`             // D
	DeployedEnvironments envNames     `json:"deployedEnvironments"` // D
	FailedEnvironments   envNames     `json:"failedEnvironments"`   // D

	FirstFromAPIResultList json.RawMessage `json:"firstFromApiResultList"` // OpenAPI's schema; no page shows it
}

// known reports whether the result has at least one documented member
// with a value. One that has none is empty ({}) or in no known shape:
// emptyResult tells them apart, from the body, on that rare path only.
func (w *wireDeployment) known() bool {
	return w.Success.set || w.Message != "" || w.ResponseTime != 0 ||
		w.EnvironmentResults != nil || w.DetailList != nil || w.DeploymentResults != nil ||
		w.EnvName != "" || w.PodName != "" || w.PodIP != "" || w.Detail != "" ||
		w.Deployed.set || w.DeployedEnvironments != nil || w.FailedEnvironments != nil || w.FirstFromAPIResultList != nil
}

// emptyResult reports whether body's "deploymentResult" is an object
// without members, or holds only nulls.
func emptyResult(body []byte) bool {
	var w struct {
		D map[string]json.RawMessage `json:"deploymentResult"`
	}
	if json.Unmarshal(body, &w) != nil {
		return false
	}
	for _, v := range w.D {
		if string(v) != "null" {
			return false
		}
	}
	return true
}

// wireEnvResult is one entry of shapes A, B and C.
type wireEnvResult struct {
	EnvironmentName string       `json:"environmentName"`
	EnvName         string       `json:"envName"`
	Success         optionalBool `json:"success"`
	Message         string       `json:"message"`
	Detail          string       `json:"detail"`
	PodName         string       `json:"podName"`
	PodIP           string       `json:"podIp"`
	ResponseTime    float64      `json:"responseTime"`
}

// envNames is shape D's list: environment names, or entries.
type envNames []wireEnvResult

// UnmarshalJSON reads each item as a name or as an entry object.
func (n *envNames) UnmarshalJSON(b []byte) error {
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil || items == nil {
		return err
	}
	*n = make(envNames, 0, len(items))
	for _, item := range items {
		var e wireEnvResult
		if err := json.Unmarshal(item, &e.EnvironmentName); err != nil {
			if err := json.Unmarshal(item, &e); err != nil {
				return fmt.Errorf("want an environment name or entry: %w", err)
			}
		}
		*n = append(*n, e)
	}
	return nil
}

// result converts any shape into the one DeploymentResult callers see.
// Every documented entry says "success"; one that does not is taken for a
// failure, never for a silent success. A result without "success" (C′, D)
// succeeded when it has entries and none failed.
func (w *wireDeployment) result() DeploymentResult {
	r := DeploymentResult{Message: cmp.Or(w.Message, w.Detail), ResponseTime: millis(w.ResponseTime)}
	add := func(e wireEnvResult, success bool) {
		r.EnvironmentResults = append(r.EnvironmentResults, EnvironmentResult{
			EnvironmentName: cmp.Or(e.EnvironmentName, e.EnvName),
			Success:         success,
			Message:         cmp.Or(e.Message, e.Detail),
			PodName:         e.PodName,
			PodIP:           e.PodIP,
			ResponseTime:    millis(e.ResponseTime),
		})
	}
	flat := w.EnvName != "" && len(w.DetailList) == 0 // B flat: the top is the one entry
	n := len(w.EnvironmentResults) + len(w.DetailList) + len(w.DeploymentResults) + len(w.DeployedEnvironments) + len(w.FailedEnvironments)
	if flat {
		n++
	}
	if n > 0 {
		r.EnvironmentResults = make([]EnvironmentResult, 0, n) // the exact length: no spare entry
	}
	for _, list := range [3][]wireEnvResult{w.EnvironmentResults, w.DetailList, w.DeploymentResults} {
		for _, e := range list {
			add(e, e.Success.value)
		}
	}
	if flat {
		add(wireEnvResult{EnvName: w.EnvName, PodName: w.PodName, PodIP: w.PodIP, Detail: w.Detail,
			ResponseTime: w.ResponseTime}, w.Success.value)
	}
	for _, e := range w.DeployedEnvironments {
		add(e, true)
	}
	for _, e := range w.FailedEnvironments {
		add(e, false)
	}
	switch {
	case w.Success.set:
		r.Success = w.Success.value
	case w.Deployed.set:
		r.Success = w.Deployed.value && len(w.FailedEnvironments) == 0
	default:
		r.Success = len(r.EnvironmentResults) > 0 && len(r.Failed()) == 0
	}
	return r
}

// millis converts the API's milliseconds to a Duration.
func millis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }
