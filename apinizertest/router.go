package apinizertest

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

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
		if f, ok := s.record(r, body); ok {
			s.write(w, nil, s.faulty(nil, f))
			return
		}
		rt, allowed := s.match(r)
		if !s.sleep(r, rt) {
			return // the client went away while the fake was slow
		}
		switch {
		case rt != nil:
			s.serve(rt, w, r, body)
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

// record notes the request, its secrets redacted, and returns the fault
// FailNext has pending, if any.
func (s *Server) record(r *http.Request, body []byte) (Fault, bool) {
	rec := Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: redactHeader(r.Header),
		Body: redactBody(r.Header.Get("Content-Type"), body)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, rec)
	return s.next.take()
}

// serve is the one wrapper every route goes through: FailRoute, then the
// checks in the API's order (token, project, permission), then the
// handler, all under the Server's lock. The body has been read already.
func (s *Server) serve(rt *route, w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.write(w, rt, s.check(rt, r, body))
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll()
	}
}

func (s *Server) check(rt *route, r *http.Request, body []byte) reply {
	if f, ok := rt.fault.take(); ok {
		return s.faulty(rt, f)
	}
	c := &call{s: s, r: r, rt: rt, body: body}
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
