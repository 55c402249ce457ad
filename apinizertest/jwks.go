package apinizertest

import (
	"cmp"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apinizer-go/apinizer"
)

// AddJWK adds a JWK to a project: an RSA signature key (random bytes, not
// a real key) whose kid is its name. JWKs of the project "admin" can be
// assigned in every project, as in Apinizer. It panics if the project was
// not added (admin always is).
func (s *Server) AddJWK(project, name string) {
	s.AddJWKFrom(project, apinizer.JWK{Name: name, SourceType: apinizer.JWKSourceGenerate, Type: apinizer.KeyTypeRSA, KID: name,
		Material: apinizer.NewKeyMaterial(keyMaterial(apinizer.KeyTypeRSA, 2048, "", name, apinizer.KeyUseSignature))})
}

// AddJWKFrom adds a JWK as given, key material included, replacing any of
// that name. It panics if the project was not added.
func (s *Server) AddJWKFrom(project string, jwk apinizer.JWK) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mustProject("AddJWKFrom", project)
	jwk.ProjectID = objectID("project/" + project)
	p.jwks[jwk.Name] = &jwk
}

// JWK reads a JWK back, key material included.
func (s *Server) JWK(project, name string) (apinizer.JWK, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.projects[project]; p != nil && p.jwks[name] != nil {
		return *p.jwks[name], true
	}
	return apinizer.JWK{}, false
}

// AddCertificate, AddKey and AddKeystore add the sources CreateJWK can
// name (CERTIFICATE; PUBLIC_KEY and PRIVATE_KEY; KEYSTORE). They panic if
// the project was not added.
func (s *Server) AddCertificate(project, name string) {
	s.addSource("AddCertificate", project, "Certificate", name)
}

// AddKey adds a public or private key CreateJWK can name; see AddCertificate.
func (s *Server) AddKey(project, name string) { s.addSource("AddKey", project, "Key", name) }

// AddKeystore adds a keystore CreateJWK can name; see AddCertificate.
func (s *Server) AddKeystore(project, name string) {
	s.addSource("AddKeystore", project, "Keystore", name)
}

func (s *Server) addSource(helper, project, kind, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustProject(helper, project).sources[kind+"/"+name] = true
}

// AssignJWK puts a JWK in a credential's slot directly, as if it had been
// set earlier. It panics if the project or credential was not added.
func (s *Server) AssignJWK(project, username string, use Use, jwkName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustCredential("AssignJWK", project, username).assigned[use] = jwkName
}

// Assigned reports the JWK in a credential's slot, if any.
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

// jwkJSON is a JWK on the wire; key material only where the route sends it.
type jwkJSON struct {
	apinizer.JWK
	SourceID *string         `json:"sourceId"`
	RSA      json.RawMessage `json:"rsa,omitempty"`
	EC       json.RawMessage `json:"ec,omitempty"`
	OCT      json.RawMessage `json:"oct,omitempty"`
	OKP      json.RawMessage `json:"okp,omitempty"`
}

func wireJWK(j *apinizer.JWK, withMaterial bool) jwkJSON {
	w := jwkJSON{JWK: *j}
	if j.SourceID != "" {
		w.SourceID = &w.JWK.SourceID
	}
	if withMaterial {
		m := j.Material.JSON()
		switch j.Type {
		case apinizer.KeyTypeEC:
			w.EC = m
		case apinizer.KeyTypeOCT:
			w.OCT = m
		case apinizer.KeyTypeOKP:
			w.OKP = m
		default:
			w.RSA = m
		}
	}
	return w
}

// jwk finds the JWK named in the path in the project (or, with admin,
// in the admin project), or answers the documented 400 with suffix.
func (c *call) jwk(admin bool, suffix string) (*apinizer.JWK, *reply) {
	name := c.r.PathValue("jwkName")
	if j := c.p.jwks[name]; j != nil {
		return j, nil
	}
	if j := c.s.projects["admin"].jwks[name]; admin && j != nil {
		return j, nil
	}
	rep := fail(http.StatusBadRequest, "JWK (name: %s) is not found!%s", name, suffix)
	return nil, &rep
}

func (c *call) listJWKs() reply {
	list := make([]jwkJSON, 0, len(c.p.jwks))
	for _, name := range slices.Sorted(maps.Keys(c.p.jwks)) {
		list = append(list, wireJWK(c.p.jwks[name], false))
	}
	return listOf(c, list)
}

func (c *call) getJWK() reply {
	j, rep := c.jwk(false, "")
	if rep != nil {
		return *rep
	}
	return reply{list: []jwkJSON{wireJWK(j, true)}, count: 1}
}

// exists answers the documented 400 when name is taken in the project.
func (c *call) exists(name, suffix string) *reply {
	if c.p.jwks[name] == nil {
		return nil
	}
	rep := fail(http.StatusBadRequest, "JWK (name: %s) is already exist!%s", name, suffix)
	return &rep
}

const tryUpdate = " Try update operation if want to change its value."

func (c *call) createJWK() reply { return c.createJWKFrom("") }

// parseJWK serves a parse-from-* route: Create JWK for one source type,
// which the route implies and the body leaves out. parse-from-key takes
// a public or a private key and records PUBLIC_KEY.
func parseJWK(source string) func(*call) reply {
	return func(c *call) reply { return c.createJWKFrom(source) }
}

// createJWKFrom creates a JWK from the body; source, when not "", is the
// source type the route implies.
func (c *call) createJWKFrom(source string) reply {
	var req struct {
		Name, Description, SourceType, URL, Kid                    string
		JwkStr                                                     string `json:"jwkStr"`
		CertificateName, KeyName, KeyStoreName, AliasName, UseType string
	}
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if source != "" {
		req.SourceType = source
	}
	from := map[string][2]string{"CERTIFICATE": {"Certificate", req.CertificateName}, "PUBLIC_KEY": {"Key", req.KeyName},
		"PRIVATE_KEY": {"Key", req.KeyName}, "KEYSTORE": {"Keystore", req.KeyStoreName}}[req.SourceType]
	switch {
	case req.Name == "":
		return fail(http.StatusBadRequest, "JWK name can not be empty!")
	case req.SourceType == "":
		return fail(http.StatusBadRequest, "Source type is required!")
	case c.exists(req.Name, tryUpdate) != nil:
		return *c.exists(req.Name, tryUpdate)
	case req.SourceType == "URL" && req.URL == "":
		return fail(http.StatusBadRequest, "URL is required for URL source type!")
	case req.SourceType == "COPY_PASTE" && !json.Valid([]byte(req.JwkStr)):
		return fail(http.StatusBadRequest, "JWK string is required for COPY_PASTE source type and must be JSON!")
	case from[0] != "" && !c.p.sources[from[0]+"/"+from[1]]:
		return fail(http.StatusBadRequest, "%s (name: %s) is not found!", from[0], from[1])
	case from[0] == "" && req.SourceType != "URL" && req.SourceType != "COPY_PASTE":
		return fail(http.StatusBadRequest, "Source type (%s) is not supported!", req.SourceType)
	}
	j := &apinizer.JWK{Name: req.Name, Description: req.Description, ProjectID: objectID("project/" + c.r.PathValue("projectName")),
		SourceType: apinizer.JWKSource(req.SourceType), SourceID: from[1], SourceURL: req.URL, Type: apinizer.KeyTypeRSA, KID: req.Kid}
	if req.SourceType == "COPY_PASTE" {
		j.Type, j.KID, j.Material = pasted(req.JwkStr, req.Kid)
	} else {
		j.Material = apinizer.NewKeyMaterial(keyMaterial(j.Type, 2048, "", req.Kid, apinizer.KeyUse(req.UseType)))
	}
	c.p.jwks[j.Name] = j
	return reply{deployment: c.deployed(false)}
}

// pasted reads a pasted JWK (or the key of a JWK Set that kid names, else
// its first) for its type, kid and material.
func pasted(s, kid string) (apinizer.KeyType, string, apinizer.KeyMaterial) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	raw := json.RawMessage(s)
	if json.Unmarshal(raw, &set) == nil && len(set.Keys) > 0 {
		raw = set.Keys[0]
		for _, k := range set.Keys {
			var key struct{ Kid string }
			if json.Unmarshal(k, &key) == nil && kid != "" && key.Kid == kid {
				raw = k
			}
		}
	}
	var key struct{ Kty, Kid string }
	_ = json.Unmarshal(raw, &key)
	return apinizer.KeyType(strings.ToUpper(key.Kty)), cmp.Or(kid, key.Kid), apinizer.NewKeyMaterial(raw)
}

func (c *call) generateJWK() reply {
	var req apinizer.GenerateJWKRequest
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	given, size, curve, use := keyParams(&req)
	switch {
	case req.Name == "":
		return fail(http.StatusBadRequest, "JWK name can not be empty!")
	case req.Type == "":
		return fail(http.StatusBadRequest, "JWK type can not be empty!")
	case c.exists(req.Name, tryUpdate) != nil:
		return *c.exists(req.Name, tryUpdate)
	case !slices.Contains([]apinizer.KeyType{apinizer.KeyTypeRSA, apinizer.KeyTypeEC, apinizer.KeyTypeOCT, apinizer.KeyTypeOKP}, req.Type):
		return fail(http.StatusBadRequest, "JWK type (%s) is not supported!", req.Type)
	case !given:
		return fail(http.StatusBadRequest, "%s parameters can not be empty!", strings.ToLower(string(req.Type)))
	case (req.Type == apinizer.KeyTypeRSA || req.Type == apinizer.KeyTypeOCT) && size <= 0:
		return fail(http.StatusBadRequest, "Key size can not be empty!")
	case (req.Type == apinizer.KeyTypeEC || req.Type == apinizer.KeyTypeOKP) && curve == "":
		return fail(http.StatusBadRequest, "Curve type can not be empty!")
	}
	kid := cmp.Or(req.KID, strconv.FormatInt(time.Now().UnixMilli(), 10))
	c.p.jwks[req.Name] = &apinizer.JWK{Name: req.Name, Description: req.Description, ProjectID: objectID("project/" + c.r.PathValue("projectName")),
		SourceType: apinizer.JWKSourceGenerate, Type: req.Type, KID: kid,
		Material: apinizer.NewKeyMaterial(keyMaterial(req.Type, size, curve, kid, use))}
	return reply{deployment: c.deployed(false)}
}

// keyParams is what the sub-object matching req.Type says; given is false
// when that sub-object is missing.
func keyParams(req *apinizer.GenerateJWKRequest) (given bool, size int, curve string, use apinizer.KeyUse) {
	switch {
	case req.Type == apinizer.KeyTypeRSA && req.RSA != nil:
		return true, req.RSA.KeySize, "", req.RSA.KeyUse
	case req.Type == apinizer.KeyTypeOCT && req.OCT != nil:
		return true, req.OCT.KeySize, "", req.OCT.KeyUse
	case req.Type == apinizer.KeyTypeEC && req.EC != nil:
		return true, 0, req.EC.CurveType, req.EC.KeyUse
	case req.Type == apinizer.KeyTypeOKP && req.OKP != nil:
		return true, 0, req.OKP.CurveType, req.OKP.KeyUse
	}
	return false, 0, "", ""
}

func (c *call) updateJWK() reply {
	j, rep := c.jwk(false, " Try create operation.")
	if rep != nil {
		return *rep
	}
	var req apinizer.UpdateJWKRequest
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if req.Name != "" && req.Name != j.Name {
		if rep := c.exists(req.Name, ""); rep != nil {
			return *rep
		}
		delete(c.p.jwks, j.Name)
		for _, cred := range c.p.credentials { // the slots follow the rename
			for use, name := range cred.assigned {
				if name == j.Name {
					cred.assigned[use] = req.Name
				}
			}
		}
		j.Name = req.Name
		c.p.jwks[j.Name] = j
	}
	if req.Description != "" {
		j.Description = req.Description
	}
	j.SourceID, j.SourceURL = "", "" // detached from its source
	return reply{deployment: c.deployed(false)}
}

func (c *call) deleteJWK() reply {
	j, rep := c.jwk(false, "")
	if rep != nil {
		return *rep
	}
	for _, username := range slices.Sorted(maps.Keys(c.p.credentials)) {
		if slices.Contains(slices.Collect(maps.Values(c.p.credentials[username].assigned)), j.Name) {
			return fail(http.StatusBadRequest, "JWK (name: %s) is in use by credential (username: %s)! Remove it from the credential first.", j.Name, username)
		}
	}
	delete(c.p.jwks, j.Name)
	return reply{deployment: c.deployed(true)}
}

func setJWK(use Use) func(*call) reply {
	return func(c *call) reply {
		cred, rep := c.credential()
		if rep == nil {
			_, rep = c.jwk(true, "")
		}
		if rep != nil {
			return *rep
		}
		cred.assigned[use] = c.r.PathValue("jwkName")
		return reply{deployment: c.deployed(false)}
	}
}

func removeJWK(use Use) func(*call) reply {
	return func(c *call) reply {
		cred, rep := c.credential()
		if rep != nil {
			return *rep
		}
		if _, ok := cred.assigned[use]; !ok {
			return fail(http.StatusBadRequest, "Credential (username: %s) does not have a JWK assigned for %s!", cred.Username, useText(use))
		}
		delete(cred.assigned, use)
		return reply{deployment: c.deployed(false)}
	}
}

func useText(u Use) string {
	if u == UseEncryption {
		return "decryption and encryption"
	}
	return "validation and signing"
}

// keyMaterial is plausible key JSON for a key type: the members a JWK of
// that type has, filled with random bytes of the right length. Not a key.
func keyMaterial(t apinizer.KeyType, size int, curve, kid string, use apinizer.KeyUse) json.RawMessage {
	m := map[string]string{"kid": kid, "use": "sig"}
	if use == apinizer.KeyUseEncryption {
		m["use"] = "enc"
	}
	switch t {
	case apinizer.KeyTypeEC:
		crv, n := map[string]string{"P384": "P-384", "P521": "P-521", "SECP256K1": "secp256k1"}[curve], map[string]int{"P384": 48, "P521": 66}[curve]
		m["kty"], m["crv"], m["x"], m["y"], m["d"] = "EC", cmp.Or(crv, "P-256"), random(cmp.Or(n, 32)), random(cmp.Or(n, 32)), random(cmp.Or(n, 32))
	case apinizer.KeyTypeOKP:
		m["kty"], m["crv"], m["x"], m["d"] = "OKP", cmp.Or(map[string]string{"X25519": "X25519"}[curve], "Ed25519"), random(32), random(32)
	case apinizer.KeyTypeOCT:
		m["kty"], m["k"] = "oct", random(cmp.Or(size, 256)/8)
	default:
		n := cmp.Or(size, 2048) / 8
		m["kty"], m["n"], m["e"], m["d"] = "RSA", random(n), "AQAB", random(n)
		m["p"], m["q"], m["dp"], m["dq"], m["qi"] = random(n/2), random(n/2), random(n/2), random(n/2), random(n/2)
	}
	b, _ := json.Marshal(m)
	return b
}

func random(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
