package apinizertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/internal/ops"
)

// route is one endpoint of the fake: its operation in the catalog (method
// and path as the API's documentation writes them), what it needs, and
// its handler.
type route struct {
	op       *ops.Op
	perm     Permission // PermManage for writes; 0: a valid token; noToken: none
	handle   func(*call) reply
	marker   marker // the success marker, when it is not the dialect's
	shapeB   bool   // in Dialect2026, the deployment result is shape B
	texts    *pageTexts
	segments []string // pattern split at "/"

	failCount, failStatus int // FailRoute; guarded by Server.mu
}

// noToken marks the route that takes no token: the token endpoint.
const noToken Permission = -1

// marker is how a success says so.
type marker int

const (
	markDialect marker = iota // "success": true in 2025, "status": "SUCCESS" in 2026
	markStatus                // "status": "SUCCESS" in both (List Projects)
	markSuccess               // "success": true in both (the JWK resource's pages)
)

// pageTexts are a page's own texts where they differ from the dialect's.
type pageTexts struct {
	unauthorized   [2]string // per dialect
	projectMissing [2]string // per dialect, with %s for the name; always a 400
}

// routeTable lists every endpoint the fake serves, each by its row of
// the catalog. Handlers live in the file of their resource.
var routeTable = []route{
	{op: ops.IssueToken, perm: noToken, handle: (*call).issueToken},

	{op: ops.ListProjects, handle: (*call).listProjects, marker: markStatus},
	{op: ops.ListAllEnvironments, handle: (*call).listAllEnvironments, texts: &allEnvTexts},
	{op: ops.ListEnvironments, handle: (*call).listEnvironments, texts: &envTexts},
	{op: ops.ListEnvironmentsOlder, handle: (*call).listEnvironments, texts: &envTexts},

	{op: ops.ListCredentials, handle: (*call).listCredentials},
	{op: ops.CreateCredential, perm: PermManage, handle: (*call).createCredential},
	{op: ops.UpdateCredential, perm: PermManage, handle: (*call).updateCredential},
	{op: ops.ChangeCredentialPassword, perm: PermManage, handle: (*call).changePassword},
	{op: ops.DeleteCredential, perm: PermManage, handle: (*call).deleteCredential, shapeB: true},
	{op: ops.ListAccess, handle: (*call).listAccess},
	{op: ops.GrantAccess, perm: PermManage, handle: (*call).grantAccess},
	{op: ops.RevokeAccess, perm: PermManage, handle: (*call).revokeAccess},

	{op: ops.RemoveJWKValidation, perm: PermManage, handle: removeJWK(UseValidation)},
	{op: ops.SetJWKValidation, perm: PermManage, handle: setJWK(UseValidation)},
	{op: ops.RemoveJWKEncryption, perm: PermManage, handle: removeJWK(UseEncryption)},
	{op: ops.SetJWKEncryption, perm: PermManage, handle: setJWK(UseEncryption)},

	{op: ops.ListJWKs, handle: (*call).listJWKs},
	{op: ops.GetJWK, handle: (*call).getJWK, marker: markSuccess},
	{op: ops.CreateJWK, perm: PermManage, handle: (*call).createJWK, marker: markSuccess},
	{op: ops.GenerateJWK, perm: PermManage, handle: (*call).generateJWK, marker: markSuccess},
	{op: ops.ParseJWKFromURL, perm: PermManage, handle: parseJWK("URL"), marker: markSuccess},
	{op: ops.ParseJWKFromClipboard, perm: PermManage, handle: parseJWK("COPY_PASTE"), marker: markSuccess},
	{op: ops.ParseJWKFromCertificate, perm: PermManage, handle: parseJWK("CERTIFICATE"), marker: markSuccess},
	{op: ops.ParseJWKFromKey, perm: PermManage, handle: parseJWK("PUBLIC_KEY"), marker: markSuccess},
	{op: ops.ParseJWKFromKeystore, perm: PermManage, handle: parseJWK("KEYSTORE"), marker: markSuccess},
	{op: ops.UpdateJWK, perm: PermManage, handle: (*call).updateJWK, marker: markSuccess},
	{op: ops.DeleteJWK, perm: PermManage, handle: (*call).deleteJWK, marker: markSuccess},
}

// Routes lists the routes the Server serves, as "METHOD pattern" with the
// patterns as the API's documentation writes them.
func Routes() []string {
	out := make([]string, len(routeTable))
	for i, rt := range routeTable {
		out[i] = rt.op.Pattern()
	}
	return out
}

// call is one request being served: what the wrapper found, for a handler.
type call struct {
	s         *Server
	r         *http.Request
	p         *project // nil on routes without {projectName}
	mayDeploy bool
	rt        *route
}

// reply is a handler's answer, written in the Server's dialect.
type reply struct {
	status     int    // for an error; 0 is a success
	text       string // an error's text
	list       any    // a success's "resultList", when it has one
	count      int    // its length, for "resultCount"
	deployment *apinizer.DeploymentResult
	raw        map[string]any // the token endpoint's own body
}

func fail(status int, format string, args ...any) reply {
	return reply{status: status, text: fmt.Sprintf(format, args...)}
}

// handler serves the table. It reads a request's body before it takes
// the Server's lock (so one client stalling mid-body never holds up the
// others), records the request, applies FailNext, and routes it.
func (s *Server) handler() http.Handler {
	s.routes = make(map[string]*route, len(routeTable))
	s.table = make([]*route, 0, len(routeTable))
	for _, tmpl := range routeTable {
		rt := tmpl
		rt.segments = strings.Split("/apiops/"+rt.op.Path, "/")
		s.routes[rt.op.Pattern()] = &rt
		s.table = append(s.table, &rt)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.logger != nil {
			sw := &statusWriter{ResponseWriter: w}
			defer func() {
				s.logger.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method),
					slog.String("path", r.URL.EscapedPath()), slog.Int("status", sw.status))
			}()
			w = sw
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		switch {
		case err != nil:
			return // the client went away mid-body
		case len(body) > maxRequestBody:
			s.write(w, nil, fail(http.StatusRequestEntityTooLarge, "Request body is larger than %d bytes!", maxRequestBody))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if status, ok := s.record(r); ok {
			s.write(w, nil, s.failure(nil, status))
			return
		}
		rt, allowed := s.match(r)
		switch {
		case rt != nil:
			s.serve(rt, w, r)
		case len(allowed) > 0:
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			s.write(w, nil, fail(http.StatusMethodNotAllowed, "Request method '%s' is not supported!%s", r.Method, s.slashHint(r)))
		default:
			s.write(w, nil, fail(http.StatusNotFound, "No endpoint at %s %s%s", r.Method, r.URL.EscapedPath(), s.slashHint(r)))
		}
	})
}

// maxRequestBody bounds what the fake reads of a request's body.
const maxRequestBody = 128 << 20

// match finds the route for a request by its escaped path, segment by
// segment, as a Manager's router sees it: a parameter is one non-empty
// segment, percent-decoded on its own, so every name the Client sends
// escaped ("a%2Fb", "..%2Fx", "%2F") arrives whole; "." and ".." as a
// whole segment match nothing. Where patterns of one method both match, a
// literal segment beats a parameter at the first place they differ
// ("apiProxies/url/" over "apiProxies/{apiProxyName}/"). The parameters
// are set as r's path values. Without a route for the method, allowed
// lists the methods the path has.
func (s *Server) match(r *http.Request) (rt *route, allowed []string) {
	segs := strings.Split(r.URL.EscapedPath(), "/")
	var best []string
	for _, cand := range s.table {
		values, ok := cand.matches(segs)
		if !ok {
			continue
		}
		if cand.op.Method != r.Method {
			if !slices.Contains(allowed, cand.op.Method) {
				allowed = append(allowed, cand.op.Method)
			}
			continue
		}
		if rt == nil || cand.moreLiteral(rt) {
			rt, best = cand, values
		}
	}
	if rt == nil {
		return nil, allowed
	}
	for i, seg := range rt.segments {
		if name, ok := paramName(seg); ok {
			r.SetPathValue(name, best[i])
		}
	}
	return rt, nil
}

// matches reports whether the escaped path segments fit the route's
// pattern, and the decoded value of each segment.
func (rt *route) matches(segs []string) ([]string, bool) {
	if len(segs) != len(rt.segments) {
		return nil, false
	}
	values := make([]string, len(segs))
	for i, seg := range rt.segments {
		if _, isParam := paramName(seg); !isParam {
			if segs[i] != seg {
				return nil, false
			}
			continue
		}
		v, err := url.PathUnescape(segs[i])
		if err != nil || segs[i] == "" || segs[i] == "." || segs[i] == ".." {
			return nil, false
		}
		values[i] = v
	}
	return values, true
}

// moreLiteral reports whether rt has a literal segment where other has a
// parameter, at the first segment where they differ in kind.
func (rt *route) moreLiteral(other *route) bool {
	for i, seg := range rt.segments {
		_, p1 := paramName(seg)
		_, p2 := paramName(other.segments[i])
		if p1 != p2 {
			return !p1
		}
	}
	return false
}

// paramName returns the name of a "{name}" pattern segment.
func paramName(seg string) (string, bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// slashHint is what a 404 or 405 adds when the path would match a route
// of its method with a "/" added or removed: Manager paths end in "/",
// but for the few the documentation writes without.
func (s *Server) slashHint(r *http.Request) string {
	p := r.URL.EscapedPath()
	alt := p + "/"
	if strings.HasSuffix(p, "/") {
		alt = strings.TrimSuffix(p, "/")
	}
	for _, rt := range s.table {
		if _, ok := rt.matches(strings.Split(alt, "/")); ok && rt.op.Method == r.Method {
			return fmt.Sprintf(` (did you mean %s? API paths end in "/", but for a few documented without)`, alt)
		}
	}
	return ""
}

// statusWriter notes the status a handler writes, for WithLogger.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader notes the status and writes it.
func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// record notes the request and reports whether FailNext wants it failed.
func (s *Server) record(r *http.Request) (status int, fail bool) {
	h := r.Header.Clone()
	if h.Get("Authorization") != "" {
		h.Set("Authorization", "[redacted]")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.EscapedPath(), Header: h})
	if s.failCount > 0 {
		s.failCount--
		return s.failStatus, true
	}
	return 0, false
}

// serve is the one wrapper every route goes through: FailRoute, then the
// checks in the API's order (token, project, permission), then the
// handler, all under the Server's lock. The body has been read already.
func (s *Server) serve(rt *route, w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.write(w, rt, s.check(rt, r))
}

func (s *Server) check(rt *route, r *http.Request) reply {
	if rt.failCount > 0 {
		rt.failCount--
		return s.failure(rt, rt.failStatus)
	}
	c := &call{s: s, r: r, rt: rt}
	if rt.perm == noToken {
		return rt.handle(c)
	}
	auth := r.Header.Get("Authorization")
	perms, ok := s.tokens[strings.TrimPrefix(auth, "Bearer ")]
	if !ok || !strings.HasPrefix(auth, "Bearer ") {
		return s.failure(rt, http.StatusUnauthorized)
	}
	if strings.Contains(rt.op.Path, "{projectName}") {
		name := r.PathValue("projectName")
		if c.p = s.projects[name]; c.p == nil {
			return s.projectMissing(rt, name)
		}
	}
	if rt.perm != 0 && !slices.Contains(perms, rt.perm) {
		return s.failure(rt, http.StatusForbidden)
	}
	c.mayDeploy = slices.Contains(perms, PermDeploy)
	return rt.handle(c)
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
	body := map[string]any{}
	switch {
	case rep.raw != nil:
		body = rep.raw
	case rep.status != 0 && s.dialect == Dialect2026:
		body["status"], body["resultMessage"] = "FAILURE", rep.text
	case rep.status != 0:
		body["error"], body["error_description"] = code2025(rep.status), rep.text
	default:
		m := markDialect
		if rt != nil {
			m = rt.marker
		}
		if m == markSuccess || m == markDialect && s.dialect == Dialect2025 {
			body["success"] = true
		} else {
			body["status"] = "SUCCESS"
		}
		if rep.list != nil {
			body["resultList"] = rep.list
			if s.dialect == Dialect2026 || m == markStatus {
				body["resultCount"] = rep.count
			}
		}
		if rep.deployment != nil {
			body["deploymentResult"] = deploymentJSON(*rep.deployment, s.dialect == Dialect2026 && rt.shapeB)
		}
	}
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
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
