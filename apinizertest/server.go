// Package apinizertest runs an in-memory fake of the Apinizer Management
// API's credential JWK endpoints on a loopback server, for tests of code
// that uses the apinizer package: point a real apinizer.Client at it (or
// take one from Server.Client), seed projects, credentials and JWKs,
// inject faults and inspect the requests it received.
//
// It answers as the API documents: the same statuses, "error" codes and
// "error_description" texts. Each Server keeps its own state and is safe
// for concurrent use.
//
// Routing is done by net/http's ServeMux, so names are decoded from the
// escaped path as a Go server would: "a/b" arrives as "a%2Fb" and works.
// One quirk of the mux remains: a name that is exactly "/" is not routed
// (404), though the client sends it correctly.
package apinizertest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	"github.com/apinizer-go/apinizer"
)

// Use says which JWK assignment of a credential is meant.
type Use int

const (
	// UseValidation is the JWK for validation and signing.
	UseValidation Use = iota + 1
	// UseEncryption is the JWK for decryption and encryption.
	UseEncryption
)

// String returns "validation" or "encryption", as in the API's paths.
func (u Use) String() string {
	switch u {
	case UseValidation:
		return "validation"
	case UseEncryption:
		return "encryption"
	}
	return fmt.Sprintf("Use(%d)", int(u))
}

// Permission is a privilege a token holds in every project.
type Permission int

const (
	// PermManage is IDENTITY+MANAGE: needed to change a credential.
	PermManage Permission = iota + 1
	// PermDeploy is IDENTITY+DEPLOY_UNDEPLOY: without it a change is saved
	// but every environment reports a failed deployment.
	PermDeploy
)

// Request is one request the Server received. Path is the escaped path as
// sent; the Authorization header's value is replaced by "[redacted]".
type Request struct {
	Method string
	Path   string
	Header http.Header
}

// Server is a running fake Apinizer Manager.
type Server struct {
	srv   *httptest.Server
	token string

	mu         sync.Mutex
	projects   map[string]*project
	tokens     map[string][]Permission
	users      map[string]string // username → password
	failCount  int
	failStatus int
	requests   []Request
}

type project struct {
	environments []string
	failing      map[string]string // environment → failure message
	credentials  map[string]*credential
	jwks         map[string]bool
}

type credential struct {
	assigned map[Use]string // use → JWK name
}

// NewServer starts a Server on a loopback address, seeded with nothing but
// its own every-permission token. Close it when done.
func NewServer() *Server {
	s := &Server{
		token:    randomToken(),
		projects: make(map[string]*project),
		tokens:   make(map[string][]Permission),
		users:    make(map[string]string),
	}
	s.tokens[s.token] = []Permission{PermManage, PermDeploy}
	s.srv = httptest.NewServer(s.handler())
	return s
}

// Close shuts the Server down and waits for its requests to finish.
func (s *Server) Close() { s.srv.Close() }

// URL is the base URL to give apinizer.NewClient.
func (s *Server) URL() string { return s.srv.URL }

// Token is a token with every permission.
func (s *Server) Token() string { return s.token }

// Client returns an apinizer.Client for this Server, authenticated with
// Token and with retry waits of a few milliseconds; opts are applied after
// those and must not add another authentication option. It panics if
// NewClient fails, as only a test's own options can make it.
func (s *Server) Client(opts ...apinizer.Option) *apinizer.Client {
	all := append([]apinizer.Option{
		apinizer.WithToken(s.token),
		apinizer.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := apinizer.NewClient(s.URL(), all...)
	if err != nil {
		panic("apinizertest: " + err.Error())
	}
	return c
}

// AddProject adds a project with the given environments (production and
// staging when none are given). Adding an existing project replaces its
// environments and keeps everything else.
func (s *Server) AddProject(name string, environments ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projectLocked(name)
	if len(environments) > 0 {
		p.environments = slices.Clone(environments)
	}
}

// AddCredential adds a credential to a project, adding the project if it
// does not exist yet.
func (s *Server) AddCredential(project, username string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.credentialLocked(project, username)
}

// AddJWK adds a JWK to a project. JWKs of the project "admin" can be
// assigned in every project, as in Apinizer.
func (s *Server) AddJWK(project, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.projectLocked(project).jwks[name] = true
}

// AssignJWK assigns a JWK to a credential directly, as if it had been set
// earlier, adding the project and credential if needed.
func (s *Server) AssignJWK(project, username string, use Use, jwkName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.credentialLocked(project, username).assigned[use] = jwkName
}

// AddToken makes token valid, holding perms in every project.
func (s *Server) AddToken(token string, perms ...Permission) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = slices.Clone(perms)
}

// AddUser lets username and password get every-permission tokens from the
// token endpoint, POST /apiops/auth/token.
func (s *Server) AddUser(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[username] = password
}

// Assigned reports the JWK assigned to a credential for use, if any.
func (s *Server) Assigned(project, username string, use Use) (jwkName string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.projects[project]
	if p == nil || p.credentials[username] == nil {
		return "", false
	}
	jwkName, ok = p.credentials[username].assigned[use]
	return jwkName, ok
}

// FailNext makes the next n requests, whatever their route, answer status
// with the API's error body for that status (and no Retry-After).
func (s *Server) FailNext(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failCount, s.failStatus = n, status
}

// FailEnvironment makes deployments of project to env fail with message;
// the change itself is still saved, as in Apinizer.
func (s *Server) FailEnvironment(project, env, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.projectLocked(project).failing[env] = message
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = Request{Method: r.Method, Path: r.Path, Header: r.Header.Clone()}
	}
	return out
}

func (s *Server) projectLocked(name string) *project {
	p := s.projects[name]
	if p == nil {
		p = &project{
			environments: []string{"production", "staging"}, // the default
			failing:      make(map[string]string),
			credentials:  make(map[string]*credential),
			jwks:         make(map[string]bool),
		}
		s.projects[name] = p
	}
	return p
}

func (s *Server) credentialLocked(project, username string) *credential {
	p := s.projectLocked(project)
	c := p.credentials[username]
	if c == nil {
		c = &credential{assigned: make(map[Use]string)}
		p.credentials[username] = c
	}
	return c
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "apinizertest-" + hex.EncodeToString(b)
}
