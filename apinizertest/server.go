// Package apinizertest runs an in-memory fake of the Apinizer Management
// API on a loopback server, for tests of code that uses the apinizer
// package: point a real apinizer.Client at it (or take one from
// Server.Client), seed projects, credentials, JWKs and API proxies, inject
// faults per request or per route, and read back what it holds and what
// it received.
//
// It serves every endpoint the apinizer package calls, and answers as the
// API documents them, in the dialect chosen with WithDialect: the same
// statuses, envelopes and texts. Checks run in the API's order: token
// (401), project (404 in the 2025 dialect, 400 in 2026), permission (403,
// or 400 in 2026), then the resource's own checks. Each Server keeps its
// own state and is safe for concurrent use.
//
// Where the API's documentation is silent, the fake chooses, and keeps to
// its choice:
//   - Removing from an empty JWK slot is a 400 "Credential (username: X)
//     does not have a JWK assigned for validation and signing!" (or "for
//     decryption and encryption!"), the text inferred from its documented
//     sibling.
//   - Deleting a JWK still assigned to a credential is refused with a 400
//     "JWK (name: X) is in use by credential (username: Y)! ..."; remove it
//     from the credential first.
//   - Renaming a JWK renames it in the credential slots that hold it.
//   - Revoking a grant the credential does not have is a no-op; a Grant or
//     Revoke with one bad item changes nothing.
//   - Deleting a credential deletes its grants and JWK assignments.
//   - Both environments-by-project paths are served in both dialects.
//   - Keys made by Generate (and JWKs seeded with AddJWK) hold random bytes
//     in the members of their key type, not real keys.
//   - A body that is not JSON is a 400 "Request body is not valid JSON!";
//     an unknown path a 404 "No endpoint at METHOD PATH"; a known path with
//     another method a 405 "Request method 'METHOD' is not supported!"
//     (either with a hint when the path matches once a "/" is added or
//     removed); page and size that are not non-negative integers a 400
//     "page and size must be non-negative integers!"; a body over 128 MiB a
//     413; all in the server's dialect.
//   - The five Parse JWK routes (parse-from-url, -clipboard, -certificate,
//     -key, -keystore) create a JWK as Create JWK does, with the source
//     type the route implies (parse-from-key records PUBLIC_KEY).
//   - API proxies: a create from a spec URL the test did not register
//     (AddSpec) is a 400 "Spec could not be read from URL (X)!"; a spec
//     that does not parse, or a WSDL for a REST creation type (or the
//     other way round), a 400 saying so; an unknown deploy target a 400
//     "Environment (X) is not found or user does not have privilege to
//     access it!", checked before anything is written; deploying without
//     PermDeploy the inferred 400 "User does not have required permission
//     to deploy/undeploy API Proxy!". A proxy without a client route gets
//     "/<name>"; its routing address is the spec's first server.
//   - Re-parsing a proxy that does not exist is the documented 400 (not a
//     create); undeploying one that is not deployed is a success; every
//     deploy and undeploy adds a history record with the next revision,
//     also one that failed in its environment (FailEnvironment), whose
//     deploy status stays as it was; Get Deploy History Detail carries
//     the snapshot as "snapshot"; deleting a revision it does not have is
//     the Detail's 400; a rollback adds no record, restores the
//     snapshot's configuration (not the name, not the deployments) and
//     flags deployed environments redeployRequired.
//   - Exports are ZIPs holding <name>.json (the fake's own format); an
//     encrypted one is sealed with AES-GCM under the passphrase's SHA-256
//     (the fake's own format, no protection). Import as new renames a
//     taken name (and the relative path) with "-imported", then
//     "-imported-2", ...; a package the fake did not write is read by its
//     <name>.json entries. Promotion ids are the fake's own; a save whose
//     id the target does not know overwrites the target's proxy of the
//     same name.
//   - API proxy configuration: a settings write merges the fields sent
//     into what is stored (the addresses replace the list; the routing
//     PUTs the whole object) and flags deployed environments
//     redeployRequired, or deploys with "deploy": true. A 2025 fake reads
//     the seven settings that the 2026 pages wrap flat and ignores the
//     wrapper member; a 2026 fake reads the wrapper. The page's 400s are
//     given for what the page names (CORS credentials with the "*"
//     origin, an error template that is not JSON or XML once its #NAME#
//     placeholders stand for values, a required field left out); CORS
//     without a name is taken, as the page's own examples send it. On an
//     AI proxy the classic-routing settings are a 400 "Settings of
//     classic routing (X) can not be changed on an AI API Proxy!" (the
//     page documents a 400, not its text). Creating an endpoint that
//     exists is a 400 "Endpoint with name (X) and HTTP method (Y) is
//     already exist!". Traffic-log settings are created with every log
//     flag true; a method override names a method of the proxy by its
//     path.
//
// Requests are routed by their escaped path, segment by segment, as a
// Manager's router sees them: each parameter is one segment, decoded on
// its own, so every name the Client sends ("a/b" as "a%2Fb", "../x",
// "/") arrives whole. What remains a quirk: a raw (unescaped) "." or ".."
// segment matches no route, and a literal segment wins over a parameter
// ("apiProxies/url/" is Create from URL, not a proxy named "url"). A
// request's body is read before the Server's lock is taken, so a client
// that stalls mid-body holds up no other.
package apinizertest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	"github.com/apinizer-go/apinizer"
)

// Dialect is which envelope the Server answers in.
type Dialect int

const (
	// Dialect2025 answers as the requirements document and the API's
	// documentation until mid-2026: "success": true, {"error",
	// "error_description"}, 404 for a missing project, 403 for a missing
	// permission.
	Dialect2025 Dialect = iota
	// Dialect2026 answers as the documentation since July 2026:
	// "status": "SUCCESS", {"status": "FAILURE", "resultMessage"}, 400 for
	// a missing project or permission, deployment shape B for Delete
	// Credential. As on the vendor's pages, the JWK resource's Get,
	// Create, Update, Delete and Generate still say "success": true.
	Dialect2026
)

// String returns "2025" or "2026".
func (d Dialect) String() string {
	switch d {
	case Dialect2025:
		return "2025"
	case Dialect2026:
		return "2026"
	}
	return fmt.Sprintf("Dialect(%d)", int(d))
}

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithDialect makes the Server answer in d; the default is Dialect2025.
func WithDialect(d Dialect) ServerOption {
	return func(s *Server) { s.dialect = d }
}

// WithListener makes the Server serve on l (which it closes on Close)
// instead of a new loopback port, e.g. to listen on a fixed address.
func WithListener(l net.Listener) ServerOption {
	return func(s *Server) { s.listener = l }
}

// WithLogger logs one Info record per request: method, escaped path and
// status (never a header, so never a token). Without it the Server is
// silent.
func WithLogger(l *slog.Logger) ServerOption {
	return func(s *Server) { s.logger = l }
}

// Use says which JWK slot of a credential is meant.
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

// Permission is a privilege a token holds in every project. Reads need
// only a valid token.
type Permission int

const (
	// PermManage is IDENTITY+MANAGE (and SECRETS+MANAGE): needed for
	// every write.
	PermManage Permission = iota + 1
	// PermDeploy is IDENTITY+DEPLOY_UNDEPLOY: without it a write is saved
	// but every environment reports a failed deployment.
	PermDeploy
)

// Request is one request the Server received: its method, escaped path,
// raw query, headers and body, with every secret replaced by "[redacted]":
// the Authorization and X-Apinizer-Package-Passphrase headers, and in the
// body each secret field's value (passwords, pasted JWKs, secret keys,
// spec and backend credentials, the token request's client_secret,
// secret metadata values, environment-variable values that are not
// visible), the rest kept.
type Request struct {
	Method string
	Path   string // escaped, as sent
	Query  string // raw, as sent
	Header http.Header
	Body   []byte // as sent, but for the secrets
}

// Server is a running fake Apinizer Manager.
type Server struct {
	srv     *httptest.Server
	token   string
	dialect Dialect
	routes  map[string]*route // by "METHOD pattern", for FailRoute
	table   []*route          // the same routes, in the table's order, for matching

	listener net.Listener // WithListener's; nil: a new loopback port
	logger   *slog.Logger // WithLogger's; nil: silent

	mu       sync.Mutex
	projects map[string]*project
	tokens   map[string][]Permission
	users    map[string]string // username → password
	specs    map[string][]byte // spec URL → document (AddSpec)
	next     pendingFault      // FailNext's
	delays   []delay           // Delay's
	requests []Request
}

// NewServer starts a Server on a loopback address (or WithListener's),
// seeded with nothing but the admin project (environments production and
// staging) and its own every-permission token. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := newServer(opts...)
	s.srv = httptest.NewUnstartedServer(s.handler())
	if s.listener != nil {
		s.srv.Listener.Close()
		s.srv.Listener = s.listener
	}
	s.srv.Start()
	return s
}

func newServer(opts ...ServerOption) *Server {
	s := &Server{
		token:    randomToken(),
		projects: make(map[string]*project),
		tokens:   make(map[string][]Permission),
		users:    make(map[string]string),
		specs:    make(map[string][]byte),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	s.tokens[s.token] = []Permission{PermManage, PermDeploy}
	s.projects["admin"] = newProject(nil)
	return s
}

// Close shuts the Server down and waits for its requests to finish.
func (s *Server) Close() { s.srv.Close() }

// URL is the base URL to give apinizer.NewClient.
func (s *Server) URL() string { return s.srv.URL }

// Token is a token with every permission.
func (s *Server) Token() string { return s.token }

// Dialect is the dialect the Server answers in.
func (s *Server) Dialect() Dialect { return s.dialect }

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

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = Request{Method: r.Method, Path: r.Path, Query: r.Query, Header: r.Header.Clone(), Body: slices.Clone(r.Body)}
	}
	return out
}

// mustProject returns the project, or panics naming the helper that was
// misused: only AddProject creates projects. The caller holds s.mu.
func (s *Server) mustProject(helper, name string) *project {
	p := s.projects[name]
	if p == nil {
		panic(fmt.Sprintf("apinizertest: %s: project %q was not added (call AddProject first)", helper, name))
	}
	return p
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "apinizertest-" + hex.EncodeToString(b)
}
