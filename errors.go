package apinizer

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Sentinels for errors.Is. A *Error matches the status sentinels by its
// status code and the not-found sentinels by the API's documented
// descriptions; see Error.Is.
var (
	// ErrBadRequest matches a *Error with status 400, except a missing
	// project or permission and the not-found texts other than the
	// credential and JWK ones (which 2025 Managers answer with 404 and 403
	// where 2026 Managers answer 400: both dialects give the same answers).
	ErrBadRequest = errors.New("apinizer: bad request")
	// ErrUnauthorized matches a *Error with status 401: the token is
	// missing, invalid, expired or revoked.
	ErrUnauthorized = errors.New("apinizer: unauthorized")
	// ErrForbidden matches a *Error with status 403, and the texts "User
	// does not have required permission for this operation!" (the 2026
	// dialect's 400), "User does not have required permission to
	// deploy/undeploy API Proxy!" and "User does not have required
	// EXPORT_IMPORT permission for ...".
	ErrForbidden = errors.New("apinizer: forbidden")
	// ErrNotFound matches a *Error with status 404, and every error whose
	// description says a thing is not found or does not exist, whatever
	// the status: those of ErrProjectNotFound, ErrCredentialNotFound,
	// ErrJWKNotFound and ErrAPIProxyNotFound, and the others the pages
	// document ("Deploy history with revision (12) is not found for
	// ApiProxy (X)!", "Environment variable (X) is not found!", "Endpoint
	// with name (/x) and HTTP method (GET) is not found!", ...).
	ErrNotFound = errors.New("apinizer: not found")
	// ErrConflict matches a *Error with status 409, and every error that
	// matches ErrAlreadyExists.
	ErrConflict = errors.New("apinizer: conflict")
	// ErrRateLimited matches a *Error with status 429.
	ErrRateLimited = errors.New("apinizer: rate limited")
	// ErrServer matches a *Error with any 5xx status.
	ErrServer = errors.New("apinizer: server error")

	// ErrProjectNotFound matches an error whose description says the
	// project is missing, whatever the status (2025: a 404 "Project(X) was
	// not found or user does not have privilege to access it!"; 2026: a
	// 400 "Project (X) is not found!"; also "Project not found for name:
	// (X)...").
	ErrProjectNotFound = errors.New("apinizer: project not found")
	// ErrCredentialNotFound matches an error whose description reads
	// "Credential (username: X) was not found!" (the API answers 400).
	ErrCredentialNotFound = errors.New("apinizer: credential not found")
	// ErrJWKNotFound matches an error whose description reads
	// "JWK (name: X) is not found!" (the API answers 400).
	ErrJWKNotFound = errors.New("apinizer: JWK not found")
	// ErrAPIProxyNotFound matches an error whose description says the API
	// proxy does not exist, in any of the pages' wordings, whatever the
	// status: "ApiProxy (name: X) was not found!", "ApiProxy with name (X)
	// is not found!", "ApiProxy (X) is not found or user does not have
	// privilege to access it!", "Api Proxy (X) is not found!", and the
	// deploy and re-parse texts that end "because it is not exist". It
	// also matches ErrNotFound.
	ErrAPIProxyNotFound = errors.New("apinizer: API proxy not found")
	// ErrAlreadyExists matches an error whose description says the thing
	// to create is already there: "JWK (name: X) is already exist! ...",
	// "There is already a credential has this name!", "This username is
	// already used by another credential...", "Credential (username:X) has
	// already access to ...", "Environment variable (name: X) already
	// exists!", "ApiProxyGroup: (X) is already created! ...". It also
	// matches ErrConflict.
	ErrAlreadyExists = errors.New("apinizer: already exists")
	// ErrNotAssigned matches a Remove JWK call's answer saying the slot was
	// already empty. The API's text is undocumented (its sibling reads
	// "Credential (username: X) does not have a Secret Key assigned!"), so
	// any description with the word "assigned" that is not a not-found
	// text matches.
	ErrNotAssigned = errors.New("apinizer: nothing assigned")

	// ErrInvalidArgument is returned, wrapped with the name of what was
	// wrong, when the caller's input is refused before any request is sent.
	ErrInvalidArgument = errors.New("apinizer: invalid argument")
	// ErrInsecureBaseURL is returned by NewClient for a plain http base URL
	// whose host is not loopback, unless WithAllowInsecureHTTP is given.
	ErrInsecureBaseURL = errors.New("apinizer: plain http to a non-loopback host")
	// ErrUnexpectedResponse matches a *Error for a redirect (never
	// followed) or a 2xx answer whose body is not the documented JSON, and
	// the error of a paged iterator whose Manager ignores the page.
	ErrUnexpectedResponse = errors.New("apinizer: unexpected response")
	// ErrDeploymentFailed matches a *DeploymentError: the change was saved
	// but at least one environment did not deploy it.
	ErrDeploymentFailed = errors.New("apinizer: deployment failed")
)

// Error is the error for every answer of the API that is not a success:
// a non-2xx status, a redirect, or a 2xx whose body is not the documented
// JSON. Transport failures are not *Error; they come back wrapped and
// errors.As finds their *url.Error.
type Error struct {
	StatusCode       int           // HTTP status of the last attempt; never 0
	Code             string        // the body's "error" field, e.g. "bad_request"; empty in the 2026 dialect
	Description      string        // the body's "error_description", or the 2026 dialect's "resultMessage"
	ValidationErrors []FieldError  // the body's "validation_errors", when sent
	Method, Path     string        // request method and escaped path; never the token
	RetryAfter       time.Duration // from the Retry-After header or the body's "retry_after"
	Attempts         int           // attempts made, retries included
	Header           http.Header   // response headers of the last attempt
	Body             []byte        // raw body (at most 64 KiB) when it was not the API's JSON

	cause           error // why a 2xx was unexpected (a read or decode error), if any
	probablyApplied bool  // a retried write whose earlier attempt's outcome is unknown

	// matched holds the rows of errorTable the answer matched before its
	// secrets were scrubbed (bit i: row i), so a short secret that happens
	// to occur in a documented text cannot change the answer of Is.
	matched    uint64
	preMatched bool
}

// FieldError is one entry of a validation error's "validation_errors".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// maxErrorText bounds each free-text part of Error() so the whole line stays
// within a few hundred bytes whatever the server sent.
const maxErrorText = 160

// Error returns one line: method, path, status, code and description. Long
// parts are cut; a raw body is shown only as a short prefix.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("apinizer: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(clip(e.Path))
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.Code != "" {
		b.WriteString(": ")
		b.WriteString(clip(e.Code))
	}
	switch {
	case e.Description != "":
		b.WriteString(": ")
		b.WriteString(clip(e.Description))
	case e.cause != nil:
		b.WriteString(": ")
		b.WriteString(clip(e.cause.Error()))
	case len(e.Body) > 0:
		b.WriteString(": body: ")
		b.WriteString(clip(string(e.Body)))
	}
	if loc := e.Header.Get("Location"); e.StatusCode >= 300 && e.StatusCode < 400 {
		b.WriteString(": redirect to ")
		b.WriteString(clip(loc))
		b.WriteString(" not followed")
	}
	if e.Attempts > 1 {
		b.WriteString(" (after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		b.WriteString(" attempts)")
	}
	if e.probablyApplied {
		b.WriteString("; an earlier attempt whose answer was lost probably applied the change")
	}
	return b.String()
}

// Unwrap returns the read or decode error that made a 2xx answer
// unexpected, or nil.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether e belongs to the category target names, by the one
// table errorTable: status sentinels by status, text sentinels by the
// API's descriptions in either dialect, whatever the status.
func (e *Error) Is(target error) bool {
	for i, rule := range errorTable {
		if rule.sentinel != target && rule.parent != target {
			continue
		}
		if e.preMatched && e.matched&(1<<i) != 0 || !e.preMatched && rule.matches(e) {
			return true
		}
	}
	return false
}

// matchNow records the rows of errorTable e matches as it stands; Is
// answers from them from then on.
func (e *Error) matchNow() {
	e.matched = 0
	for i, rule := range errorTable {
		if rule.matches(e) {
			e.matched |= 1 << i
		}
	}
	e.preMatched = true
}

// sayGone reports whether e says the change is already in place: already
// exists, not assigned, or not found. After an attempt whose outcome is
// unknown, such an answer means that attempt probably applied a write.
func (e *Error) sayGone() bool {
	return e.Is(ErrAlreadyExists) || e.Is(ErrNotAssigned) || e.Is(ErrNotFound)
}

// errorRule is one row of errorTable: a *Error whose status is in the set
// and whose description matches the pattern is sentinel (and parent).
type errorRule struct {
	sentinel, parent error
	status           func(int) bool // nil: any status
	text             *regexp.Regexp // nil: any text
	not              *regexp.Regexp // a text that must not match
}

func (r errorRule) matches(e *Error) bool {
	return (r.status == nil || r.status(e.StatusCode)) &&
		(r.text == nil || r.text.MatchString(e.Description)) &&
		(r.not == nil || !r.not.MatchString(e.Description))
}

func statusIs(code int) func(int) bool { return func(s int) bool { return s == code } }

// The API's texts, in both dialects (REFERENCE.md and the resource pages).
var (
	projectNotFoundText    = regexp.MustCompile(`^Project ?\(.*\) (was|is) not found|^Project not found for name: \(`)
	credentialNotFoundText = regexp.MustCompile(`^Credential \(username: ?.*\) was not found!`)
	jwkNotFoundText        = regexp.MustCompile(`^JWK \(name: ?.*\) is not found!`)
	apiProxyNotFoundText   = regexp.MustCompile(`^(ApiProxy|Api Proxy) (\(|with name \().*\b(not found|is not exist)\b`)
	// The other not-found texts of the API-proxy, group, environment and
	// environment-variable pages (v0.3), matched whatever the status.
	notFoundText = regexp.MustCompile(apiProxyNotFoundText.String() +
		`|^Deploy history with revision \(.*\) is not found for ` +
		`|^Environment variable \((name: ?)?.*\) (is|was) not found!` +
		`|^Endpoint with name \(.*\) and HTTP method \(.*\) is not found!` +
		`|^API Proxy Group \(.*\) is not found or user does not have privilege` +
		`|^Environment \(.*\) is not found` +
		`|^LLM provider \(name: ?.*\) was not found` +
		`|\bobject\(s\) not found in this project\b` +
		`|^Connection with name '.*' not found in the environment` +
		`|^Method \(.*\) is not found in ApiProxy` +
		`|^Traffic log settings not found`)
	anyNotFoundText   = regexp.MustCompile(`(?i)\bnot found\b`)
	permissionText    = regexp.MustCompile(`^User does not have required\b.*\bpermission\b`)
	alreadyExistsText = regexp.MustCompile(`(?i)\bis already exist|^There is already a credential|\balready used by another\b|\bhas already access to\b|\balready exists\b|\bis already created\b`)
	// The text for removing from an empty JWK slot is undocumented; its
	// documented sibling says "does not have a Secret Key assigned!".
	notAssignedText = regexp.MustCompile(`(?i)\bassigned\b`)
	// The 400s that are not ErrBadRequest: a missing project or
	// permission and the not-found texts of v0.3's pages, which 2025
	// Managers send as 404 or 403 on some pages and 2026 Managers as 400.
	// (The credential and JWK not-found texts of v0.1 and v0.2 are 400s
	// in both dialects and stay ErrBadRequest.)
	movedTo400Text = regexp.MustCompile(projectNotFoundText.String() + "|" + permissionText.String() + "|" + notFoundText.String())
)

// errorTable is how every *Error is matched against the sentinels.
var errorTable = []errorRule{
	// The 2026 dialect answers a missing project, permission or API proxy
	// with 400 where the 2025 dialect says 404 or 403; both dialects must
	// give the same sentinels, so those texts are not ErrBadRequest.
	{sentinel: ErrBadRequest, status: statusIs(http.StatusBadRequest), not: movedTo400Text},
	{sentinel: ErrUnauthorized, status: statusIs(http.StatusUnauthorized)},
	{sentinel: ErrForbidden, status: statusIs(http.StatusForbidden)},
	{sentinel: ErrForbidden, text: permissionText},
	{sentinel: ErrNotFound, status: statusIs(http.StatusNotFound)},
	{sentinel: ErrNotFound, text: notFoundText},
	{sentinel: ErrConflict, status: statusIs(http.StatusConflict)},
	{sentinel: ErrRateLimited, status: statusIs(http.StatusTooManyRequests)},
	{sentinel: ErrServer, status: func(s int) bool { return s >= 500 && s < 600 }},
	{sentinel: ErrUnexpectedResponse, status: func(s int) bool { return s < 400 }},
	{sentinel: ErrProjectNotFound, parent: ErrNotFound, text: projectNotFoundText},
	{sentinel: ErrCredentialNotFound, parent: ErrNotFound, text: credentialNotFoundText},
	{sentinel: ErrJWKNotFound, parent: ErrNotFound, text: jwkNotFoundText},
	{sentinel: ErrAPIProxyNotFound, parent: ErrNotFound, text: apiProxyNotFoundText},
	{sentinel: ErrAlreadyExists, parent: ErrConflict, text: alreadyExistsText},
	{sentinel: ErrNotAssigned, text: notAssignedText, not: anyNotFoundText},
}

// DeploymentError reports a 200 answer in which at least one environment
// failed to deploy the change. The change itself was saved. The methods
// that return it also return the decoded Response.
type DeploymentError struct {
	Response *DeploymentResponse
}

// Error names each failed environment and its message, in one bounded line.
func (e *DeploymentError) Error() string {
	var b strings.Builder
	b.WriteString("apinizer: change saved but deployment failed")
	if e.Response == nil {
		return b.String()
	}
	failed := e.Response.DeploymentResult.Failed()
	if len(failed) == 0 {
		b.WriteString(": ")
		b.WriteString(clip(cmp.Or(e.Response.DeploymentResult.Message, e.Response.Message)))
		return b.String()
	}
	b.WriteString(" in ")
	b.WriteString(strconv.Itoa(len(failed)))
	b.WriteString(" of ")
	b.WriteString(strconv.Itoa(len(e.Response.DeploymentResult.EnvironmentResults)))
	b.WriteString(" environments")
	const shown = 5
	for i, env := range failed {
		if i == shown {
			b.WriteString("; and ")
			b.WriteString(strconv.Itoa(len(failed) - shown))
			b.WriteString(" more")
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(clip(env.EnvironmentName))
		b.WriteString(": ")
		b.WriteString(clip(env.Message))
	}
	return b.String()
}

// Is reports whether target is ErrDeploymentFailed.
func (e *DeploymentError) Is(target error) bool { return target == ErrDeploymentFailed }

// clip makes s one clean line of at most about maxErrorText bytes: every
// control character, line or paragraph separator, bidirectional override
// and invalid byte is escaped (so a server's text cannot break a log line,
// move a terminal's cursor or hide what follows), and a long text is cut
// on a rune boundary.
func clip(s string) string {
	s = oneLine(s)
	if len(s) > maxErrorText {
		s = clipText(s, maxErrorText) + "…"
	}
	return s
}

// oneLine makes s one line: line breaks (CR, LF, NEL, VT, FF, tab, the
// line and paragraph separators) become spaces; other controls, the
// bidirectional controls and invalid bytes are escaped, \xNN or \uNNNN.
func oneLine(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || mustEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case lineBreak(r):
			b.WriteByte(' ')
		case r < 0x80 && mustEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case mustEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// mustEscape reports whether r may not appear raw in an error line:
// controls (C0, DEL, C1 such as U+0085), line and paragraph separators,
// and the bidirectional embedding, override and isolate characters.
func mustEscape(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// lineBreak reports whether r breaks or spaces a line.
func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\t', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// clipText cuts s to at most n bytes on a rune boundary.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// argumentError is what ErrInvalidArgument wraps: which input was refused
// and why. It never holds a token's value.
type argumentError struct {
	what, why string
}

// Error names the argument and what is wrong with it.
func (e *argumentError) Error() string {
	return "apinizer: invalid argument: " + e.what + ": " + e.why
}

// Is reports whether target is ErrInvalidArgument.
func (e *argumentError) Is(target error) bool { return target == ErrInvalidArgument }

func invalidArgument(what, why string) error { return &argumentError{what: what, why: why} }
