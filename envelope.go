package apinizer

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
)

// envelope is what an answer's top-level object says, in any documented
// envelope: 2025 ("success", "error", "error_description"), 2026
// ("status", "resultMessage"), the AI routing pages' {"result":
// {"success"}} and the AI create pages' {"status": "FAIL", "message"}.
// Decoding is by content, never by a setting.
type envelope struct {
	success     optionalBool // "success", or "result": {"success"}
	status      string       // "status": "SUCCESS", "FAILURE" or "FAIL"
	message     string       // "resultMessage"
	failMessage string       // "message", read only beside "status": "FAIL"
	code        string       // "error"
	description string       // "error_description"
	validation  []FieldError
	retryAfter  float64         // "retry_after", seconds
	deployment  *wireDeployment // "deploymentResult"; nil when absent or null
	resultList  json.RawMessage // "resultList" of an answer read whole; nil when absent
	api         bool            // at least one envelope field was there

	body     []byte         // the answer's body when it was read whole
	download *Download      // what a download wrote
	resp     *http.Response // the answer and its call, for unexpected
	st       *callState
}

// wireEnvelope is the top-level object on the wire: the one place that
// names the envelope's fields.
type wireEnvelope struct {
	Success          optionalBool    `json:"success"`
	Status           string          `json:"status"`
	ResultMessage    string          `json:"resultMessage"`
	Error            string          `json:"error"`
	ErrorDescription string          `json:"error_description"`
	ValidationErrors []FieldError    `json:"validation_errors"`
	RetryAfter       any             `json:"retry_after"` // seconds, as a number or a string
	DeploymentResult *wireDeployment `json:"deploymentResult"`
	ResultList       json.RawMessage `json:"resultList"`
	Result           *struct {
		Success optionalBool `json:"success"`
	} `json:"result"` // the AI, MCP and A2A routing pages' success
	Message string `json:"message"` // beside "status": "FAIL" (the AI create pages)

	// A web framework's own error page ({"timestamp", "status": 404,
	// "error": "Not Found", "path"}), which a Manager sends for a path it
	// does not serve, has these two; no API body has them.
	Timestamp json.RawMessage `json:"timestamp"`
	Path      json.RawMessage `json:"path"`
}

// parseEnvelope reads an answer's top-level object (without its
// "resultList", which decodeStream streams). A field of the wrong type is
// skipped and the rest still read, so one odd field never hides the
// others; the first such problem is returned with what was read.
func parseEnvelope(body []byte) (envelope, error) {
	var w wireEnvelope
	err := json.Unmarshal(body, &w)
	if err != nil {
		if te := (*json.UnmarshalTypeError)(nil); !errors.As(err, &te) {
			return envelope{}, err // not a JSON object at all
		}
	}
	if w.Timestamp != nil && w.Path != nil && w.ResultMessage == "" && w.ErrorDescription == "" {
		return envelope{}, nil // not the API's body: kept raw
	}
	env := envelope{success: w.Success, status: w.Status, message: w.ResultMessage, code: w.Error,
		description: w.ErrorDescription, validation: w.ValidationErrors, retryAfter: parseSeconds(w.RetryAfter),
		deployment: w.DeploymentResult, resultList: w.ResultList}
	if w.Result != nil && !env.success.set {
		env.success = w.Result.Success
	}
	if strings.EqualFold(w.Status, "FAIL") {
		env.failMessage = w.Message
	}
	env.api = env.success.set || env.status != "" || env.message != "" || env.code != "" || env.description != ""
	return env, err
}

// optionalBool is a JSON boolean that may be absent: it tells "success":
// false from no "success" without allocating a *bool.
type optionalBool struct{ set, value bool }

// UnmarshalJSON reads true or false; anything else is a type error.
func (o *optionalBool) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "true", "false":
		o.set, o.value = true, string(b) == "true"
	case "null":
	default:
		return &json.UnmarshalTypeError{Value: string(b), Type: reflect.TypeOf(true)}
	}
	return nil
}

// succeeded reports whether the body says success in either dialect and
// not failure in the other.
func (e *envelope) succeeded() bool {
	return !e.failed() && (e.success.set && e.success.value || strings.EqualFold(e.status, "SUCCESS"))
}

// failed reports whether the body says failure in any envelope.
func (e *envelope) failed() bool {
	return strings.EqualFold(e.status, "FAILURE") || strings.EqualFold(e.status, "FAIL") ||
		e.success.set && !e.success.value || e.code != "" || e.description != ""
}

// text is the failure's description: "error_description", the 2026
// dialect's "resultMessage", or "message" beside "status": "FAIL".
func (e *envelope) text() string {
	return cmp.Or(e.description, e.message, e.failMessage)
}

// unexpected returns the *Error for a 2xx answer that could not be used,
// keeping body (at most maxErrorBody bytes of it) when it is not nil.
func (e *envelope) unexpected(cause error, body []byte) *Error {
	err := &Error{StatusCode: e.resp.StatusCode, Method: e.st.method, Path: e.st.path, Attempts: e.st.attempts,
		Header: e.resp.Header, Code: e.code, Description: clipText(e.text(), maxErrorBody), ValidationErrors: e.validation,
		Body: clipBody(body), cause: cause}
	e.st.secrets.error(err)
	return err
}
