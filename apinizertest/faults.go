package apinizertest

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Fault is an injected failure: the status to answer (with the API's
// error body for it, in the Server's dialect) and, when RetryAfter is
// positive, a Retry-After header of that many seconds (rounded up; the
// 2025 dialect also writes the body's "retry_after", as its rate-limit
// page does).
type Fault struct {
	Status     int
	RetryAfter time.Duration
}

// pendingFault is a Fault for the next n requests.
type pendingFault struct {
	n     int
	fault Fault
}

// take uses one of the pending faults, if any. The caller holds s.mu.
func (p *pendingFault) take() (Fault, bool) {
	if p.n <= 0 {
		return Fault{}, false
	}
	p.n--
	return p.fault, true
}

// FailNext makes the next n requests, whatever their route, answer status
// with the API's error body for that status in the Server's dialect (and
// no Retry-After). It replaces what FailNext had pending; FailNext(0, 0)
// or ClearFaults ends it.
func (s *Server) FailNext(n, status int) {
	s.failNext(n, Fault{Status: status})
}

func (s *Server) failNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next = pendingFault{n: n, fault: f}
}

// FailRoute makes the next n requests to one route answer status, as
// FailNext does. method and pattern name the route as the API's
// documentation writes it, e.g. "DELETE",
// "/apiops/projects/{projectName}/credentials/{username}/". It panics for
// a route the Server does not serve.
func (s *Server) FailRoute(method, pattern string, n, status int) {
	s.FailRouteWith(method, pattern, n, Fault{Status: status})
}

// FailRouteWith makes the next n requests to one route answer f: its
// status and, if set, a Retry-After, so a test can drive the caller's
// retry and rate-limit paths. With method and pattern both "", it is
// FailNext with f: the next n requests, whatever their route. It panics
// for a route the Server does not serve. ClearFaults ends it.
func (s *Server) FailRouteWith(method, pattern string, n int, f Fault) {
	if method == "" && pattern == "" {
		s.failNext(n, f)
		return
	}
	rt := s.routes[method+" "+pattern]
	if rt == nil {
		panic(fmt.Sprintf("apinizertest: FailRoute: no route %s %s", method, pattern))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rt.fault = pendingFault{n: n, fault: f}
}

// Delay makes every request to a route wait d before it is served, until
// ClearFaults: method and pattern name the route as FailRoute's do, and
// "" for either matches every method or every route (Delay("", "", d)
// slows the whole Server). A request whose client gives up while it
// waits gets no answer. A later Delay for the same method and pattern
// replaces the earlier; d <= 0 removes it. It panics for a route the
// Server does not serve.
func (s *Server) Delay(method, pattern string, d time.Duration) {
	if pattern != "" && !s.hasRoute(method, pattern) {
		panic(fmt.Sprintf("apinizertest: Delay: no route %s %s", method, pattern))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays = slices.DeleteFunc(s.delays, func(v delay) bool { return v.method == method && v.pattern == pattern })
	if d > 0 {
		s.delays = append(s.delays, delay{method, pattern, d})
	}
}

// delay is one Delay: "" for method or pattern matches any.
type delay struct {
	method, pattern string
	d               time.Duration
}

// covers reports whether the delay is for a request of method to rt (nil:
// a path no route has).
func (v delay) covers(method string, rt *route) bool {
	return (v.method == "" || v.method == method) && (v.pattern == "" || rt != nil && "/apiops/"+rt.op.Path == v.pattern)
}

// hasRoute reports whether the Server serves pattern, for method or (with
// method "") any.
func (s *Server) hasRoute(method, pattern string) bool {
	for _, rt := range s.table {
		if "/apiops/"+rt.op.Path == pattern && (method == "" || rt.op.Method == method) {
			return true
		}
	}
	return false
}

// ClearFaults ends every pending fault: FailNext's, every FailRoute's and
// FailRouteWith's, and every Delay. (FailEnvironment has its own end,
// RecoverEnvironment.)
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next = pendingFault{}
	for _, rt := range s.routes {
		rt.fault = pendingFault{}
	}
	s.delays = nil
}

// sleep waits out the Delays that match the request, without the lock;
// it reports false when the client gave up meanwhile.
func (s *Server) sleep(r *http.Request, rt *route) bool {
	var d time.Duration
	s.mu.Lock()
	for _, v := range s.delays {
		if v.covers(r.Method, rt) {
			d = max(d, v.d)
		}
	}
	s.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// faulty is the answer for an injected fault.
func (s *Server) faulty(rt *route, f Fault) reply {
	rep := s.failure(rt, f.Status)
	rep.retryAfter = f.RetryAfter
	return rep
}

// FailEnvironment makes (un)deployments of project to env fail with
// message ("Deployment failed" when it is ""), every one until
// RecoverEnvironment; the change itself is still saved, as in Apinizer.
// It panics if the project was not added.
func (s *Server) FailEnvironment(project, env, message string) {
	if message == "" {
		message = "Deployment failed"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustProject("FailEnvironment", project).failing[env] = message
}

// RecoverEnvironment ends FailEnvironment for project and env: its
// deployments succeed again. It panics if the project was not added.
func (s *Server) RecoverEnvironment(project, env string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.mustProject("RecoverEnvironment", project).failing, env)
}
