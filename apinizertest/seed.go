package apinizertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/apinizer-go/apinizer"
)

// seed is the JSON document LoadSeed reads. Unknown fields are errors.
//
//	{
//	  "projects": [{
//	    "name": "MyProject",
//	    "environments": ["production", "staging"],
//	    "failingEnvironments": {"staging": "Gateway unreachable"},
//	    "apiProxies": ["PaymentAPI"], "apiProxyGroups": ["Payments"],
//	    "certificates": [], "keys": [], "keystores": [],
//	    "jwks": [{"name": "my-jwk", "type": "RSA", "kid": "my-jwk"}],
//	    "credentials": [{
//	      "username": "api-user", "email": "api@example.com", "fullName": "API user", "password": "secret",
//	      "access": [{"name": "PaymentAPI", "type": "API_PROXY"}],
//	      "jwk": {"validation": "my-jwk"}
//	    }]
//	  }],
//	  "tokens": [{"token": "ci-token", "permissions": ["MANAGE", "DEPLOY"]}],
//	  "users": [{"username": "ci-bot", "password": "ci-password"}]
//	}
type seed struct {
	Projects []seedProject `json:"projects"`
	Tokens   []struct {
		Token       string   `json:"token"`
		Permissions []string `json:"permissions"`
	} `json:"tokens"`
	Users []struct {
		Username string `json:"username"`
		Password string `json:"password"`
	} `json:"users"`
	// Specs are what a create from a spec URL reads: URL → the document,
	// a JSON object or a string holding YAML or WSDL.
	Specs map[string]json.RawMessage `json:"specs"`
}

type seedProject struct {
	Name                string              `json:"name"`
	Environments        []string            `json:"environments"`
	FailingEnvironments map[string]string   `json:"failingEnvironments"`
	APIProxies          []APIProxySeed      `json:"apiProxies"`     // names or objects
	APIProxyGroups      []APIProxyGroupSeed `json:"apiProxyGroups"` // names or objects
	EnvVars             []envVarJSON        `json:"environmentVariables"`
	Objects             map[string][]string `json:"objects"`      // generic export/import type → names
	LLMProviders        []string            `json:"llmProviders"` // what AI proxies may name
	Connections         []connection        `json:"connections"`  // what traffic-log settings may log to
	Certificates        []string            `json:"certificates"`
	Keys                []string            `json:"keys"`
	Keystores           []string            `json:"keystores"`
	JWKs                []seedJWK           `json:"jwks"`
	Credentials         []struct {
		apinizer.CredentialRequest
		Access []apinizer.Access `json:"access"`
		JWK    struct {
			Validation string `json:"validation"`
			Encryption string `json:"encryption"`
		} `json:"jwk"`
	} `json:"credentials"`
}

type seedJWK struct {
	Name        string           `json:"name"`
	Description string           `json:"description"`
	Type        apinizer.KeyType `json:"type"` // RSA (default), EC, OCT, OKP
	KID         string           `json:"kid"`  // default: the name
}

// permissionNames are the seed's names for the Permissions.
var permissionNames = map[string]Permission{"MANAGE": PermManage, "DEPLOY": PermDeploy}

// LoadSeed adds what a JSON seed document describes: projects with their
// environments, failing environments, API proxies, groups with members,
// environment variables, log connections, certificate,
// key and keystore names, JWKs, and credentials with their grants and JWK
// slots; tokens with permissions ("MANAGE", "DEPLOY"); users for the token
// endpoint. The format is in the package's README and in
// cmd/apinizer-fake/testdata/seed.json.
//
// The whole document is checked before anything is added: an error names
// the line and the field, e.g. `seed line 14: projects[0].credentials[0].jwk.validation:
// JWK "nope" is not in project "MyProject" or admin`. Unknown fields,
// unknown permissions, grants of API proxies and assignments of JWKs the
// seed does not declare, and taken usernames are refused.
func (s *Server) LoadSeed(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	var doc seed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return decodeError(data, dec, err)
	}
	if off := dec.InputOffset(); dec.More() || trailing(data[off:]) {
		return fmt.Errorf("seed line %d: something follows the document (one JSON object per seed)", lineOf(data, off+leadingSpace(data[off:])))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkSeed(&doc); err != nil {
		return err.withLine(data)
	}
	s.applySeed(&doc)
	return nil
}

// seedError is a problem at a field of the seed, by its path.
type seedError struct {
	path, msg string
}

func (e *seedError) withLine(data []byte) error {
	return fmt.Errorf("seed line %d: %s: %s", lineOf(data, offsets(data)[e.path]), e.path, e.msg)
}

func bad(path, format string, args ...any) *seedError {
	return &seedError{path: path, msg: fmt.Sprintf(format, args...)}
}

// checkSeed checks the document against itself and the Server's state.
// The caller holds s.mu.
func (s *Server) checkSeed(doc *seed) *seedError {
	users := map[string]bool{}
	for _, p := range s.projects {
		for u := range p.credentials {
			users[u] = true
		}
	}
	names := map[string]bool{}
	for i, p := range doc.Projects {
		at := "projects[" + strconv.Itoa(i) + "]"
		if p.Name == "" {
			return bad(at+".name", "is empty")
		}
		if names[p.Name] {
			return bad(at+".name", "project %q is in the seed twice", p.Name)
		}
		names[p.Name] = true
		envs := p.Environments
		if len(envs) == 0 {
			envs = []string{"production", "staging"}
			if have := s.projects[p.Name]; have != nil {
				envs = have.environments
			}
		}
		for env := range p.FailingEnvironments {
			if !slices.Contains(envs, env) {
				return bad(at+".failingEnvironments."+env, "environment %q is not among the project's environments %q", env, envs)
			}
		}
		for j := range p.APIProxies {
			if err := checkProxySeed(&p.APIProxies[j], envs); err != nil {
				err.path = fmt.Sprintf("%s.apiProxies[%d].%s", at, j, err.path)
				return err
			}
		}
		hasProxy := func(name string) bool {
			have := s.projects[p.Name]
			return slices.ContainsFunc(p.APIProxies, func(a APIProxySeed) bool { return a.Name == name }) || have != nil && have.apiProxies[name] != nil
		}
		for j := range p.APIProxyGroups {
			if err := checkGroupSeed(&p.APIProxyGroups[j], envs, hasProxy); err != nil {
				err.path = fmt.Sprintf("%s.apiProxyGroups[%d].%s", at, j, err.path)
				return err
			}
		}
		for j := range p.EnvVars {
			if err := checkEnvVarSeed(&p.EnvVars[j], envs); err != nil {
				err.path = fmt.Sprintf("%s.environmentVariables[%d].%s", at, j, err.path)
				return err
			}
		}
		jwks := map[string]bool{}
		for j, k := range p.JWKs {
			if k.Name == "" {
				return bad(fmt.Sprintf("%s.jwks[%d].name", at, j), "is empty")
			}
			jwks[k.Name] = true
		}
		for j, c := range p.Credentials {
			cat := fmt.Sprintf("%s.credentials[%d]", at, j)
			if c.Username == "" {
				return bad(cat+".username", "is empty")
			}
			if users[c.Username] {
				return bad(cat+".username", "username %q is taken (usernames are unique across all projects)", c.Username)
			}
			users[c.Username] = true
			for k, a := range c.Access {
				want := slices.ContainsFunc(p.APIProxies, func(ap APIProxySeed) bool { return ap.Name == a.Name }) && a.Type == apinizer.AccessAPIProxy ||
					slices.ContainsFunc(p.APIProxyGroups, func(g APIProxyGroupSeed) bool { return g.Name == a.Name }) && a.Type == apinizer.AccessAPIProxyGroup
				if !want {
					return bad(fmt.Sprintf("%s.access[%d]", cat, k), "%s %q is not among the project's apiProxies or apiProxyGroups", a.Type, a.Name)
				}
			}
			for use, name := range map[string]string{"validation": c.JWK.Validation, "encryption": c.JWK.Encryption} {
				if name != "" && !jwks[name] && !s.hasJWK(p.Name, name) && !(p.Name != "admin" && seedHasJWK(doc, "admin", name)) {
					return bad(cat+".jwk."+use, "JWK %q is not in project %q or admin", name, p.Name)
				}
			}
		}
	}
	for i, t := range doc.Tokens {
		if t.Token == "" {
			return bad(fmt.Sprintf("tokens[%d].token", i), "is empty")
		}
		for j, perm := range t.Permissions {
			if _, ok := permissionNames[perm]; !ok {
				return bad(fmt.Sprintf("tokens[%d].permissions[%d]", i, j), "unknown permission %q (want MANAGE or DEPLOY)", perm)
			}
		}
	}
	for i, u := range doc.Users {
		if u.Username == "" || u.Password == "" {
			return bad(fmt.Sprintf("users[%d]", i), "username and password are required")
		}
	}
	for url, raw := range doc.Specs {
		if _, err := parseSpec(specBytes(raw)); err != nil {
			return bad("specs."+url, "%s", err.Error())
		}
	}
	return nil
}

// specBytes is a seed's spec: a string's text (YAML, WSDL) or the JSON
// object itself.
func specBytes(raw json.RawMessage) []byte {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return []byte(text)
	}
	return raw
}

// hasJWK reports whether the Server holds a JWK usable in project.
func (s *Server) hasJWK(project, name string) bool {
	for _, p := range []string{project, "admin"} {
		if s.projects[p] != nil && s.projects[p].jwks[name] != nil {
			return true
		}
	}
	return false
}

func seedHasJWK(doc *seed, project, name string) bool {
	for _, p := range doc.Projects {
		if p.Name == project && slices.ContainsFunc(p.JWKs, func(k seedJWK) bool { return k.Name == name }) {
			return true
		}
	}
	return false
}

// applySeed adds a checked document. The caller holds s.mu.
func (s *Server) applySeed(doc *seed) {
	for _, sp := range doc.Projects {
		p := s.projects[sp.Name]
		if p == nil {
			p = newProject(sp.Environments)
			s.projects[sp.Name] = p
		} else if len(sp.Environments) > 0 {
			p.environments = slices.Clone(sp.Environments)
		}
		for env, msg := range sp.FailingEnvironments {
			p.failing[env] = msg
		}
		for _, ap := range sp.APIProxies {
			s.addSeededProxy(p, ap)
		}
		for _, g := range sp.APIProxyGroups {
			s.addSeededGroup(p, g)
		}
		for _, v := range sp.EnvVars {
			p.addEnvVar(v)
		}
		for t, names := range sp.Objects {
			p.objects[t] = slices.Clone(names)
		}
		p.llmProviders = append(p.llmProviders, sp.LLMProviders...)
		p.connections = append(p.connections, sp.Connections...)
		for kind, names := range map[string][]string{"Certificate": sp.Certificates, "Key": sp.Keys, "Keystore": sp.Keystores} {
			for _, name := range names {
				p.sources[kind+"/"+name] = true
			}
		}
		for _, k := range sp.JWKs {
			t := k.Type
			if t == "" {
				t = apinizer.KeyTypeRSA
			}
			kid := k.KID
			if kid == "" {
				kid = k.Name
			}
			p.jwks[k.Name] = &apinizer.JWK{Name: k.Name, Description: k.Description, ProjectID: objectID("project/" + sp.Name),
				SourceType: apinizer.JWKSourceGenerate, Type: t, KID: kid,
				Material: apinizer.NewKeyMaterial(keyMaterial(t, 0, "", kid, apinizer.KeyUseSignature))}
		}
	}
	for _, sp := range doc.Projects { // after every project's JWKs, so admin's are there
		p := s.projects[sp.Name]
		for _, sc := range sp.Credentials {
			req := sc.CredentialRequest
			if req.Email == "" {
				req.Email = req.Username + "@example.com"
			}
			if req.FullName == "" {
				req.FullName = req.Username
			}
			c := &credential{assigned: make(map[Use]string), access: slices.Clone(sc.Access)}
			c.set(req)
			if sc.JWK.Validation != "" {
				c.assigned[UseValidation] = sc.JWK.Validation
			}
			if sc.JWK.Encryption != "" {
				c.assigned[UseEncryption] = sc.JWK.Encryption
			}
			p.credentials[req.Username] = c
		}
	}
	for _, t := range doc.Tokens {
		perms := make([]Permission, 0, len(t.Permissions))
		for _, name := range t.Permissions {
			perms = append(perms, permissionNames[name])
		}
		s.tokens[t.Token] = perms
	}
	for _, u := range doc.Users {
		s.users[u.Username] = u.Password
	}
	for url, raw := range doc.Specs {
		s.specs[url] = specBytes(raw)
	}
}

// decodeError names the line (and the field, where encoding/json knows
// it) of a document that does not decode.
func decodeError(data []byte, dec *json.Decoder, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("seed line %d: not valid JSON: %v", lineOf(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("seed line %d: %s: want %s, got JSON %s", lineOf(data, typ.Offset), typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return errors.New("seed: the document is empty")
	}
	return fmt.Errorf("seed line %d: %v", lineOf(data, dec.InputOffset()), err) // e.g. an unknown field
}

// trailing reports whether rest holds anything but white space.
func trailing(rest []byte) bool { return len(bytes.TrimSpace(rest)) > 0 }

// leadingSpace is the length of rest's leading white space.
func leadingSpace(rest []byte) int64 { return int64(len(rest) - len(bytes.TrimLeft(rest, " \t\r\n"))) }

// lineOf is the 1-based line of a byte offset.
func lineOf(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// offsets maps each value's path in a JSON document ("projects[0].name")
// to the offset where it starts, so a check made after decoding can name
// the line. The document has already decoded, so it is valid JSON.
func offsets(data []byte) map[string]int64 {
	type frame struct {
		path  string
		array bool
		index int    // in an array: the next item's
		key   string // in an object: the current key, "" when one is due
	}
	out := map[string]int64{}
	var stack []frame
	ended := func() { // a value ended: the next item, or the next key
		if n := len(stack); n > 0 {
			stack[n-1].index++
			stack[n-1].key = ""
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if tok == json.Delim('}') || tok == json.Delim(']') {
			stack = stack[:len(stack)-1]
			ended()
			continue
		}
		n := len(stack)
		if n > 0 && !stack[n-1].array && stack[n-1].key == "" {
			stack[n-1].key, _ = tok.(string)
			continue
		}
		here := ""
		switch {
		case n > 0 && stack[n-1].array:
			here = stack[n-1].path + "[" + strconv.Itoa(stack[n-1].index) + "]"
		case n > 0 && stack[n-1].path == "":
			here = stack[n-1].key
		case n > 0:
			here = stack[n-1].path + "." + stack[n-1].key
		}
		out[here] = start
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{path: here})
		case json.Delim('['):
			stack = append(stack, frame{path: here, array: true})
		default:
			ended()
		}
	}
}
