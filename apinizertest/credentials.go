package apinizertest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/apinizer-go/apinizer"
)

// credential is one credential's state.
type credential struct {
	apinizer.Credential
	password string
	assigned map[Use]string // slot → JWK name
	access   []apinizer.Access
}

// AddCredential adds a credential to a project, with placeholder e-mail
// and full name and a password equal to its username. It panics if the
// project was not added.
func (s *Server) AddCredential(project, username string) {
	s.AddCredentialFrom(project, apinizer.CredentialRequest{
		Username: username, Email: username + "@example.com", FullName: username, Password: apinizer.Secret(username),
	})
}

// AddCredentialFrom adds a credential to a project as CreateCredential
// would, or replaces the one of that username (keeping its grants and JWK
// assignments). It panics if the project was not added.
func (s *Server) AddCredentialFrom(project string, cred apinizer.CredentialRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddCredentialFrom", project)
	c := p.credentials[cred.Username]
	if c == nil {
		c = &credential{assigned: make(map[Use]string)}
		p.credentials[cred.Username] = c
	}
	c.set(cred)
}

// set stores what a create or update request says.
func (c *credential) set(r apinizer.CredentialRequest) {
	enabled := r.Enabled == nil || *r.Enabled
	c.Credential = apinizer.Credential{Username: r.Username, Email: r.Email, FullName: r.FullName,
		Description: r.Description, RoleNames: slices.Clone(r.RoleNames), Enabled: enabled,
		IPList: slices.Clone(r.IPList), ExpireDate: cloneTime(r.ExpireDate), Metadata: slices.Clone(r.Metadata)}
	c.password = string(r.Password)
}

// cloneTime copies a time the fake keeps or hands out, so that neither
// side can change the other's.
func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// cloneAccess copies grants, their expiry times included.
func cloneAccess(list []apinizer.Access) []apinizer.Access {
	if list == nil {
		return nil
	}
	out := make([]apinizer.Access, len(list))
	for i, a := range list {
		a.ExpireTime = cloneTime(a.ExpireTime)
		out[i] = a
	}
	return out
}

// Credential reads a credential back as List Credentials shows it (secret
// metadata values empty; the password never).
func (s *Server) Credential(project, username string) (apinizer.Credential, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[project]; p != nil && p.credentials[username] != nil {
		return p.credentials[username].listed(true), true
	}
	return apinizer.Credential{}, false
}

// Password reports the password a credential holds, so that tests of
// CreateCredential or ChangeCredentialPassword can check it arrived.
func (s *Server) Password(project, username string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[project]; p != nil && p.credentials[username] != nil {
		return p.credentials[username].password, true
	}
	return "", false
}

// Access returns a credential's access grants, in the order granted.
func (s *Server) Access(project, username string) []apinizer.Access {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[project]; p != nil && p.credentials[username] != nil {
		return cloneAccess(p.credentials[username].access)
	}
	return nil
}

// listed is the credential as the API lists it: 2025 Managers send no
// metadata, and a secret value never comes back.
func (c *credential) listed(withMetadata bool) apinizer.Credential {
	out := c.Credential
	out.RoleNames, out.IPList = nonNil(slices.Clone(out.RoleNames)), nonNil(slices.Clone(out.IPList))
	out.ExpireDate = cloneTime(out.ExpireDate)
	out.Metadata = nil
	if withMetadata {
		out.Metadata = make([]apinizer.CredentialMetadata, len(c.Metadata))
		for i, m := range c.Metadata {
			if m.Secret {
				m.Value = ""
			}
			out.Metadata[i] = m
		}
	}
	return out
}

// credentialJSON is a listed credential on the wire: the password is
// always null, metadata only when there is some.
type credentialJSON struct {
	apinizer.Credential
	Password *string                       `json:"password"`
	Metadata []apinizer.CredentialMetadata `json:"metadata,omitempty"`
}

// credential finds the credential named in the path, or answers the
// documented 400.
func (c *call) credential() (*credential, *reply) {
	name := c.r.PathValue("username")
	if cred := c.p.credentials[name]; cred != nil {
		return cred, nil
	}
	rep := fail(http.StatusBadRequest, "Credential (username: %s) was not found!", name)
	return nil, &rep
}

func (c *call) listCredentials() reply {
	projects := []*project{c.p}
	if c.r.PathValue("projectName") == "admin" { // the admin project lists every credential
		projects = slices.Collect(maps.Values(c.s.projects))
	}
	var list []credentialJSON
	for _, p := range projects {
		for _, cred := range p.credentials {
			l := cred.listed(c.s.dialect == Dialect2026)
			list = append(list, credentialJSON{Credential: l, Metadata: l.Metadata})
		}
	}
	slices.SortFunc(list, func(a, b credentialJSON) int { return strings.Compare(a.Username, b.Username) })
	return listOf(c, list)
}

// checkRequest answers the documented 400 for a credential missing what
// Create and Update require, in the API's order.
func checkRequest(r *apinizer.CredentialRequest) *reply {
	for _, f := range [][2]string{{r.Username, "username"}, {string(r.Password), "password"}, {r.FullName, "full name"}, {r.Email, "email"}} {
		if f[0] == "" {
			rep := fail(http.StatusBadRequest, "Credential %s can not be empty!", f[1])
			return &rep
		}
	}
	return nil
}

func (c *call) createCredential() reply {
	var req apinizer.CredentialRequest
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if rep := checkRequest(&req); rep != nil {
		return *rep
	}
	for _, p := range c.s.projects { // usernames are unique across all projects
		if p.credentials[req.Username] != nil {
			if c.s.dialect == Dialect2026 {
				return fail(http.StatusBadRequest, "This username is already used by another credential. Credential usernames must be unique across ALL projects, not only this one, so the credential holding it may live in a different project. Choose a different username.")
			}
			return fail(http.StatusBadRequest, "There is already a credential has this name!")
		}
	}
	cred := &credential{assigned: make(map[Use]string)}
	cred.set(req)
	c.p.credentials[req.Username] = cred
	return reply{deployment: c.deployed(false)}
}

func (c *call) updateCredential() reply {
	var req apinizer.CredentialRequest
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if rep := checkRequest(&req); rep != nil {
		return *rep
	}
	cred := c.p.credentials[req.Username]
	if cred == nil {
		return fail(http.StatusBadRequest, "Credential (username: %s) was not found!", req.Username)
	}
	cred.set(req)
	return reply{deployment: c.deployed(false)}
}

func (c *call) changePassword() reply {
	cred, rep := c.credential()
	if rep != nil {
		return *rep
	}
	var req struct {
		Password string `json:"password"`
	}
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if req.Password == "" {
		return fail(http.StatusBadRequest, "Credential password can not be empty!")
	}
	cred.password = req.Password
	return reply{deployment: c.deployed(false)}
}

func (c *call) deleteCredential() reply {
	cred, rep := c.credential()
	if rep != nil {
		return *rep
	}
	delete(c.p.credentials, cred.Username) // its grants and JWK assignments go with it
	return reply{deployment: c.deployed(true)}
}

func (c *call) listAccess() reply {
	cred, rep := c.credential()
	if rep != nil {
		return *rep
	}
	return listOf(c, cloneAccess(cred.access))
}

// accessRequest reads and checks a Grant or Revoke body: every item must
// name an API proxy or group of the project. One bad item refuses all.
func (c *call) accessRequest() ([]apinizer.Access, *reply) {
	var req struct {
		List []apinizer.Access `json:"credentialAccessList"`
	}
	if rep := c.decodeBody(&req); rep != nil {
		return nil, rep
	}
	if len(req.List) == 0 {
		rep := fail(http.StatusBadRequest, "Credential access list can not be empty!")
		return nil, &rep
	}
	for _, a := range req.List {
		var rep reply
		switch {
		case a.Name == "":
			rep = fail(http.StatusBadRequest, "Credential access object name can not be empty!")
		case a.Type == "":
			rep = fail(http.StatusBadRequest, "Credential access object type can not be empty!")
		case !c.p.grantable(a):
			rep = fail(http.StatusBadRequest, "%s (name:%s) is not found or user does not have privilege to access it!", typeText(a.Type), a.Name)
		default:
			continue
		}
		return nil, &rep
	}
	return req.List, nil
}

// grantable reports whether the project holds what a grant names.
func (p *project) grantable(a apinizer.Access) bool {
	switch a.Type {
	case apinizer.AccessAPIProxy:
		return p.apiProxies[a.Name] != nil
	case apinizer.AccessAPIProxyGroup:
		return p.groups[a.Name] != nil
	}
	return false
}

func typeText(t apinizer.AccessType) string {
	if t == apinizer.AccessAPIProxyGroup {
		return "API Proxy Group"
	}
	return "API Proxy"
}

// granted reports where cred holds a grant of a's name and type, or -1.
func (cred *credential) granted(a apinizer.Access) int {
	return slices.IndexFunc(cred.access, func(g apinizer.Access) bool { return g.Name == a.Name && g.Type == a.Type })
}

// changeAccess serves Grant and Revoke: the credential, then the checked
// list, then apply, which may refuse; undeploy says which the answer reports.
func (c *call) changeAccess(undeploy bool, apply func(*credential, []apinizer.Access) *reply) reply {
	cred, rep := c.credential()
	if rep == nil {
		var list []apinizer.Access
		if list, rep = c.accessRequest(); rep == nil {
			rep = apply(cred, list)
		}
	}
	if rep != nil {
		return *rep
	}
	return reply{deployment: c.deployed(undeploy)}
}

func (c *call) grantAccess() reply {
	return c.changeAccess(false, func(cred *credential, list []apinizer.Access) *reply {
		for _, a := range list {
			if cred.granted(a) >= 0 {
				rep := fail(http.StatusBadRequest, "Credential (username:%s) has already access to %s (name:%s)!", cred.Username, typeText(a.Type), a.Name)
				return &rep
			}
		}
		cred.access = append(cred.access, list...)
		return nil
	})
}

func (c *call) revokeAccess() reply {
	return c.changeAccess(true, func(cred *credential, list []apinizer.Access) *reply {
		for _, a := range list {
			if i := cred.granted(a); i >= 0 { // revoking a grant it does not have is a no-op
				cred.access = slices.Delete(cred.access, i, i+1)
			}
		}
		return nil
	})
}

// AddAccess grants a credential access directly, as if GrantAccess had
// been called. It panics if the project or credential was not added.
func (s *Server) AddAccess(project, username string, access ...apinizer.Access) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cred := s.mustCredential("AddAccess", project, username)
	cred.access = append(cred.access, cloneAccess(access)...)
}

// mustCredential returns the credential or panics naming the helper.
func (s *Server) mustCredential(helper, project, username string) *credential {
	c := s.mustProject(helper, project).credentials[username]
	if c == nil {
		panic(fmt.Sprintf("apinizertest: %s: credential %q was not added to project %q", helper, username, project))
	}
	return c
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
