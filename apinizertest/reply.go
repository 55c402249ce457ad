package apinizertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apinizer-go/apinizer"
)

// reply is a handler's answer, written in the Server's dialect.
type reply struct {
	status     int    // for an error; 0 is a success
	text       string // an error's text
	list       any    // a success's "resultList", when it has one
	count      int    // its length, for "resultCount"
	deployment *apinizer.DeploymentResult
	shape      *shape         // the deployment's shape, when not the route's
	message    string         // a success's "resultMessage"
	extra      map[string]any // more members of a success's body
	object     any            // a bare object: the whole body, no envelope
	file       *fileAnswer    // a file: the body is its bytes
	raw        map[string]any // the token endpoint's own body
	retryAfter time.Duration  // an injected fault's Retry-After
}

// fileAnswer is a download's answer.
type fileAnswer struct {
	name string // Content-Disposition's file name
	data []byte
}

// shape is a deployment result's form on the wire (the SDK's
// deployment.go lists them).
type shape int

const (
	shapeA      shape = iota // "environmentResults", per environment
	shapeB                   // "detailList", per pod
	shapeBFlat               // shape B with one entry's fields at the top ("Create from URL", 2026)
	shapeBPrime              // "detailList" entries with "detail" and no pods
	shapeC                   // "deploymentResults", per environment, no "message" at the top
	shapeCPrime              // shape C without "success", its entries without "message" (NTLM)
	shapeD                   // {"deployed", "deployedEnvironments", "failedEnvironments"} (client route, XML template)
)

func fail(status int, format string, args ...any) reply {
	return reply{status: status, text: fmt.Sprintf(format, args...)}
}

// failure is the API's answer for status in the Server's dialect, with the
// route's own text where its page has one.
func (s *Server) failure(rt *route, status int) reply {
	d := s.dialect
	switch status {
	case http.StatusUnauthorized:
		if rt != nil && rt.texts != nil && rt.texts.unauthorized[d] != "" {
			return fail(status, "%s", rt.texts.unauthorized[d])
		}
		return fail(status, "%s", [2]string{"Invalid token", "Token is not valid!"}[d])
	case http.StatusForbidden:
		if d == Dialect2026 {
			return fail(http.StatusBadRequest, "User does not have required permission for this operation!")
		}
		return fail(status, "You do not have permission to perform this action")
	case http.StatusTooManyRequests:
		return fail(status, "Rate limit exceeded. Please try again later.")
	}
	if status >= 500 {
		return fail(status, "An unexpected error occurred")
	}
	return fail(status, "%s", http.StatusText(status))
}

// projectMissing is the answer for a project that does not exist.
func (s *Server) projectMissing(rt *route, name string) reply {
	if rt.texts != nil && rt.texts.projectMissing[s.dialect] != "" {
		return fail(http.StatusBadRequest, rt.texts.projectMissing[s.dialect], name)
	}
	if s.dialect == Dialect2026 {
		return fail(http.StatusBadRequest, "Project (%s) is not found!", name)
	}
	return fail(http.StatusNotFound, "Project(%s) was not found or user does not have privilege to access it!", name)
}

// code2025 is the 2025 dialect's "error" code for a status.
func code2025(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized_client"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusConflict:
		return "conflict"
	case http.StatusTooManyRequests:
		return "rate_limit_exceeded"
	case http.StatusInternalServerError:
		return "internal_error"
	}
	if status >= 500 {
		return "server_error"
	}
	return "bad_request"
}

// write sends a reply in the Server's dialect.
func (s *Server) write(w http.ResponseWriter, rt *route, rep reply) {
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.file != nil && status == http.StatusOK {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", rep.file.name))
		w.Header().Set("Content-Length", strconv.Itoa(len(rep.file.data)))
		w.WriteHeader(status)
		_, _ = w.Write(rep.file.data)
		return
	}
	var body any
	switch {
	case rep.raw != nil:
		body = rep.raw
	case rep.object != nil && rep.status == 0:
		body = rep.object
	case rep.status != 0:
		body = s.errorBody(rt, rep)
	default:
		body = s.successBody(rt, rep)
	}
	if secs := int((rep.retryAfter + time.Second - 1) / time.Second); secs > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		if m, ok := body.(map[string]any); ok && s.dialect == Dialect2025 {
			m["retry_after"] = secs
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// errorBody is a failure in the Server's dialect (and the route's own
// envelope, where its page has one).
func (s *Server) errorBody(rt *route, rep reply) map[string]any {
	switch {
	case s.dialect == Dialect2026 && rt != nil && rt.failFAIL:
		return map[string]any{"status": "FAIL", "message": rep.text}
	case s.dialect == Dialect2026:
		return map[string]any{"status": "FAILURE", "resultMessage": rep.text}
	}
	return map[string]any{"error": code2025(rep.status), "error_description": rep.text}
}

// successBody is a success with the route's marker.
func (s *Server) successBody(rt *route, rep reply) map[string]any {
	body := map[string]any{}
	m := markDialect
	if rt != nil {
		m = rt.marker
	}
	if m == markSuccess || m == markDialect && s.dialect == Dialect2025 {
		body["success"] = true
	} else {
		body["status"] = "SUCCESS"
	}
	if rep.message != "" {
		body["resultMessage"] = rep.message
	}
	if rep.list != nil {
		body["resultList"] = rep.list
		if s.dialect == Dialect2026 || m == markStatus {
			body["resultCount"] = rep.count
		}
	}
	if rep.deployment != nil {
		sh := rt.shapes[s.dialect]
		if rep.shape != nil {
			sh = *rep.shape
		}
		body["deploymentResult"] = deploymentJSON(*rep.deployment, sh)
	}
	for k, v := range rep.extra {
		body[k] = v
	}
	return body
}

// listOf is a list reply of items, paged and ordered as the request's
// page, size and sort ask (items come sorted by name; ",desc" reverses).
func listOf[T any](c *call, items []T) reply {
	q := c.r.URL.Query()
	page, err1 := nonNegative(q.Get("page"))
	size, err2 := nonNegative(q.Get("size"))
	if err1 != nil || err2 != nil {
		return fail(http.StatusBadRequest, "page and size must be non-negative integers!")
	}
	if strings.HasSuffix(q.Get("sort"), ",desc") {
		slices.Reverse(items)
	}
	if size > 0 {
		if pages := (len(items) + size - 1) / size; page >= pages {
			items = items[:0]
		} else {
			items = items[page*size : min(page*size+size, len(items))]
		}
	}
	if items == nil {
		items = []T{}
	}
	return reply{list: items, count: len(items)}
}

// nonNegative parses a query number; absent is 0.
func nonNegative(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err == nil && n < 0 {
		err = fmt.Errorf("negative")
	}
	return n, err
}

// decodeBody reads the request's JSON body into v (at most 1 MiB).
func (c *call) decodeBody(v any) *reply {
	dec := json.NewDecoder(io.LimitReader(c.r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		rep := fail(http.StatusBadRequest, "Request body is not valid JSON!")
		return &rep
	}
	return nil
}

// decodeJSON reads a JSON text (a multipart part) into v.
func (c *call) decodeJSON(text string, v any) *reply {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(text), v); err != nil {
		rep := fail(http.StatusBadRequest, "metadata value is not valid JSON!")
		return &rep
	}
	return nil
}

// multipart parses the request's multipart/form-data body, all of it in
// memory (it was read, bounded, before the lock).
func (c *call) multipart() *reply {
	if c.r.MultipartForm != nil {
		return nil
	}
	if err := c.r.ParseMultipartForm(maxRequestBody); err != nil {
		rep := fail(http.StatusBadRequest, "Request body is not valid multipart/form-data!")
		return &rep
	}
	return nil
}

// form is a text part's value ("" when absent); a part sent as a file
// (curl -F 'metadata=@file.json') is read too.
func (c *call) form(name string) string {
	if v := c.r.MultipartForm.Value[name]; len(v) > 0 {
		return v[0]
	}
	return string(c.fileBytes(name))
}

// fileBytes is a file part's content, nil when absent or empty.
func (c *call) fileBytes(name string) []byte {
	files := c.r.MultipartForm.File[name]
	if len(files) == 0 {
		return nil
	}
	f, err := files[0].Open()
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil || len(b) == 0 {
		return nil
	}
	return b
}

// fileName is a file part's file name.
func (c *call) fileName(name string) string {
	if files := c.r.MultipartForm.File[name]; len(files) > 0 {
		return files[0].Filename
	}
	return ""
}
