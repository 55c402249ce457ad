package apinizertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// handler routes the documented endpoints. Patterns end in {$} so a path
// without its trailing slash is a 404, as on a real Manager.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	const cred = "/apiops/projects/{project}/credentials/{username}/jwk/"
	mux.HandleFunc("DELETE "+cred+"validation/{$}", s.removeJWK(UseValidation))
	mux.HandleFunc("DELETE "+cred+"encryption/{$}", s.removeJWK(UseEncryption))
	mux.HandleFunc("PUT "+cred+"validation/{jwk}/{$}", s.setJWK(UseValidation))
	mux.HandleFunc("PUT "+cred+"encryption/{jwk}/{$}", s.setJWK(UseEncryption))
	mux.HandleFunc("GET /apiops/projects/{project}/credentials/{$}", s.listCredentials)
	mux.HandleFunc("POST /apiops/auth/token", s.issueToken)
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "No endpoint at "+r.Method+" "+r.URL.EscapedPath())
	}
	mux.HandleFunc("/", notFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status, ok := s.record(r); ok {
			writeError(w, status, codeFor(status), http.StatusText(status))
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/") && r.URL.Path != "/apiops/auth/token" {
			// ServeMux would redirect to the path with a slash; the
			// Manager answers 404.
			notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
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

// apiError is an answer of the fake that is not a success.
type apiError struct {
	status            int
	code, description string
}

// authorizeLocked runs the checks every credential call shares, in the API's
// order: token (401), project (404), PermManage (403). It returns the
// project and whether the token may deploy. The caller holds s.mu.
func (s *Server) authorizeLocked(r *http.Request, needManage bool) (*project, bool, *apiError) {
	perms, ok := s.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	if !ok || !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		return nil, false, &apiError{http.StatusUnauthorized, "unauthorized_client", "Invalid token"}
	}
	name := r.PathValue("project")
	p := s.projects[name]
	if p == nil {
		return nil, false, &apiError{http.StatusNotFound, "not_found",
			fmt.Sprintf("Project(%s) was not found or user does not have privilege to access it!", name)}
	}
	if needManage && !slices.Contains(perms, PermManage) {
		return nil, false, &apiError{http.StatusForbidden, "forbidden", "You do not have permission to perform this action"}
	}
	return p, slices.Contains(perms, PermDeploy), nil
}

// credentialIn finds the credential named in the path (400 if absent).
func credentialIn(p *project, r *http.Request) (*credential, *apiError) {
	name := r.PathValue("username")
	c := p.credentials[name]
	if c == nil {
		return nil, &apiError{http.StatusBadRequest, "bad_request", fmt.Sprintf("Credential (username: %s) was not found!", name)}
	}
	return c, nil
}

// jwkChange serves a JWK-settings route: the shared checks (token,
// project, PermManage, credential) in the API's order, then change, which
// answers an *apiError or nil to save the change and report the
// redeployment. It holds s.mu throughout.
func (s *Server) jwkChange(change func(p *project, c *credential, r *http.Request) *apiError) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p, deploy, e := s.authorizeLocked(r, true)
		var c *credential
		if e == nil {
			c, e = credentialIn(p, r)
		}
		if e == nil {
			e = change(p, c, r)
		}
		if e != nil {
			writeError(w, e.status, e.code, e.description)
			return
		}
		writeJSON(w, http.StatusOK, deployment(p, deploy))
	}
}

func (s *Server) removeJWK(use Use) http.HandlerFunc {
	return s.jwkChange(func(_ *project, c *credential, r *http.Request) *apiError {
		if _, ok := c.assigned[use]; !ok {
			return &apiError{http.StatusBadRequest, "bad_request",
				fmt.Sprintf("No JWK is assigned to credential %s for %s", r.PathValue("username"), useText(use))}
		}
		delete(c.assigned, use)
		return nil
	})
}

func (s *Server) setJWK(use Use) http.HandlerFunc {
	return s.jwkChange(func(p *project, c *credential, r *http.Request) *apiError {
		jwk := r.PathValue("jwk")
		if admin := s.projects["admin"]; !p.jwks[jwk] && (admin == nil || !admin.jwks[jwk]) {
			return &apiError{http.StatusBadRequest, "bad_request", fmt.Sprintf("JWK (name: %s) is not found!", jwk)}
		}
		c.assigned[use] = jwk
		return nil
	})
}

func useText(u Use) string {
	if u == UseEncryption {
		return "decryption and encryption"
	}
	return "validation and signing"
}

// deployment reports the redeployment to every environment of p: failed
// where FailEnvironment says so, or everywhere without PermDeploy.
func deployment(p *project, mayDeploy bool) map[string]any {
	results := make([]map[string]any, 0, len(p.environments))
	all := true
	for _, env := range p.environments {
		ok, msg := true, "Deployed successfully"
		if !mayDeploy {
			ok, msg = false, "You do not have permission to deploy"
		} else if m, failing := p.failing[env]; failing {
			ok, msg = false, m
		}
		all = all && ok
		results = append(results, map[string]any{"environmentName": env, "success": ok, "message": msg})
	}
	msg := "Deployment completed successfully"
	if !all {
		msg = "Deployment failed in some environments"
	}
	return map[string]any{
		"success":          true,
		"deploymentResult": map[string]any{"success": all, "message": msg, "environmentResults": results},
	}
}

func (s *Server) listCredentials(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, _, e := s.authorizeLocked(r, false)
	if e != nil {
		writeError(w, e.status, e.code, e.description)
		return
	}
	q := r.URL.Query()
	page, err1 := atoiOr(q.Get("page"), 0)
	size, err2 := atoiOr(q.Get("size"), 0)
	if err1 != nil || err2 != nil || page < 0 || size < 0 {
		writeError(w, http.StatusBadRequest, "invalid_parameter", "page and size must be non-negative integers")
		return
	}
	names := make([]string, 0, len(p.credentials))
	for name := range p.credentials {
		names = append(names, name)
	}
	slices.Sort(names)
	if strings.HasSuffix(q.Get("sort"), ",desc") {
		slices.Reverse(names)
	}
	if size > 0 {
		start := min(page*size, len(names))
		names = names[start:min(start+size, len(names))]
	}
	list := make([]map[string]any, 0, len(names))
	for _, name := range names {
		list = append(list, map[string]any{
			"username": name, "email": "", "fullName": "", "description": "",
			"password": nil, "roleNameList": []string{}, "enabled": true,
			"ipList": []string{}, "expireDate": nil,
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "resultList": list})
}

func atoiOr(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

// issueToken is the token endpoint: client_credentials in the form body.
func (s *Server) issueToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_parameter", "The form body could not be read")
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		writeError(w, http.StatusBadRequest, "unsupported_grant_type", "GrantType value must be client_credentials!")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pw, ok := s.users[r.PostForm.Get("client_id")]
	if !ok || pw != r.PostForm.Get("client_secret") {
		writeError(w, http.StatusUnauthorized, "unauthorized_client", "Bad credentials")
		return
	}
	tok := randomToken()
	s.tokens[tok] = []Permission{PermManage, PermDeploy}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600})
}

// codeFor is the documented "error" code FailNext answers with.
func codeFor(status int) string {
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
	}
	if status >= 500 {
		return "server_error"
	}
	return "error"
}

func writeError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
