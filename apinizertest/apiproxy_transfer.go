package apinizertest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/apinizer-go/apinizer"
)

// An export package is a ZIP holding <name>.json, the proxy's proxyDoc.
// An encrypted one is encryptedMagic, a nonce and the ZIP sealed with
// AES-GCM under SHA-256 of the passphrase: the fake's own format, which
// only it reads (the Manager's is not documented; it is no protection).
const encryptedMagic = "APINIZERTEST-ENCRYPTED-PACKAGE\n"

// The passphrase texts of the export and import pages.
const (
	noPassphrase    = "Package encryption requested but no passphrase was supplied."
	needPassphrase  = "Package is encrypted; a passphrase is required."
	wrongPassphrase = "Package could not be decrypted with the given passphrase."
)

// passphrase is the decoded X-Apinizer-Package-Passphrase, or "".
func (c *call) passphrase() (string, *reply) {
	v := c.r.Header.Get("X-Apinizer-Package-Passphrase")
	if v == "" {
		return "", nil
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		rep := fail(http.StatusBadRequest, "X-Apinizer-Package-Passphrase must be Base64!")
		return "", &rep
	}
	return string(b), nil
}

// pack zips docs, one <name>.json each, and encrypts the ZIP when asked.
func (c *call) pack(docs map[string]any) ([]byte, *reply) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		w, _ := zw.Create(name + ".json")
		_ = json.NewEncoder(w).Encode(docs[name])
	}
	_ = zw.Close()
	if c.r.URL.Query().Get("encrypt") != "true" {
		return buf.Bytes(), nil
	}
	pass, rep := c.passphrase()
	if rep == nil && pass == "" {
		r := fail(http.StatusBadRequest, noPassphrase)
		rep = &r
	}
	if rep != nil {
		return nil, rep
	}
	gcm := packageCipher(pass)
	nonce := make([]byte, gcm.NonceSize())
	_, _ = rand.Read(nonce)
	return append(append([]byte(encryptedMagic), nonce...), gcm.Seal(nil, nonce, buf.Bytes(), nil)...), nil
}

func packageCipher(pass string) cipher.AEAD {
	key := sha256.Sum256([]byte(pass))
	block, _ := aes.NewCipher(key[:])
	gcm, _ := cipher.NewGCM(block)
	return gcm
}

// unpack reads a package back into its documents by file name (without
// ".json"), decrypting it with the call's passphrase when it is encrypted.
func (c *call) unpack(data []byte) (map[string][]byte, *reply) {
	if rest, ok := bytes.CutPrefix(data, []byte(encryptedMagic)); ok {
		pass, rep := c.passphrase()
		if rep != nil {
			return nil, rep
		}
		if pass == "" {
			r := fail(http.StatusBadRequest, needPassphrase)
			return nil, &r
		}
		gcm := packageCipher(pass)
		if len(rest) < gcm.NonceSize() {
			r := fail(http.StatusBadRequest, "Encrypted package could not be read.")
			return nil, &r
		}
		plain, err := gcm.Open(nil, rest[:gcm.NonceSize()], rest[gcm.NonceSize():], nil)
		if err != nil {
			r := fail(http.StatusBadRequest, wrongPassphrase)
			return nil, &r
		}
		data = plain
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		r := fail(http.StatusBadRequest, "Package could not be read: it is not a ZIP file!")
		return nil, &r
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".json") || len(out) >= 64 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(rc, 16<<20))
		rc.Close()
		if err == nil {
			out[strings.TrimSuffix(path.Base(f.Name), ".json")] = b
		}
	}
	return out, nil
}

// exportName is the file name of an export: 2025 Managers send
// "apiProxyExportFile.zip", 2026 ones "<apiProxyName>.zip", sanitised.
func (c *call) exportName(name string) string {
	if c.s.dialect == Dialect2025 {
		return "apiProxyExportFile.zip"
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name) + ".zip"
}

func (c *call) exportAPIProxy() reply {
	p, rep := c.apiProxy(proxyNotFoundName, 0)
	if rep != nil {
		return *rep
	}
	data, rep := c.pack(map[string]any{p.doc.Name: p.doc})
	if rep != nil {
		return *rep
	}
	return reply{file: &fileAnswer{name: c.exportName(p.doc.Name), data: data}}
}

// archive reads the multipart upload of an import: its file part, which
// must be named *.zip, decrypted and unzipped.
func (c *call) archive(part, emptyText string) (map[string][]byte, *reply) {
	if rep := c.multipart(); rep != nil {
		return nil, rep
	}
	data, name := c.fileBytes(part), c.fileName(part)
	var rep reply
	switch {
	case data == nil:
		rep = fail(http.StatusBadRequest, "%s", emptyText)
	case !strings.EqualFold(path.Ext(name), ".zip"):
		rep = fail(http.StatusBadRequest, "%s parameter must be in zip file format and must end with zip extension!", part)
	default:
		if mapping := c.form("environmentMapping"); mapping != "" && json.Unmarshal([]byte(mapping), new(map[string]string)) != nil {
			rep = fail(http.StatusBadRequest, `environmentMapping must be a JSON object of "package environment name":"target environment name" pairs (an empty value means "do not transfer this environment"). Received: %s`, mapping)
			break
		}
		return c.unpack(data)
	}
	return nil, &rep
}

// importedDoc is the one proxy document of an API-proxy package: the
// fake's own export, or any ZIP whose JSON entry names the proxy by its
// file name (<name>.json), a package the fake did not write included.
func importedDoc(docs map[string][]byte) (proxyDoc, *reply) {
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		var doc proxyDoc
		_ = json.Unmarshal(docs[name], &doc)
		doc.Name = cmp.Or(doc.Name, name)
		return doc, nil
	}
	rep := fail(http.StatusBadRequest, "Package holds no API Proxy!")
	return proxyDoc{}, &rep
}

// importSuffix is what Import API Proxy adds to a name (and the relative
// path) that is taken: "-imported", then "-imported-2", "-imported-3", ...
const importSuffix = "-imported"

func (c *call) importAPIProxy() reply {
	docs, rep := c.archive("apiProxyExportFile", "apiProxyExportFile value can not be empty!")
	if rep != nil {
		return *rep
	}
	doc, rep := importedDoc(docs)
	if rep != nil {
		return *rep
	}
	if c.p.apiProxies[doc.Name] != nil {
		base, suffix := doc.Name, importSuffix
		for n := 2; c.p.apiProxies[base+suffix] != nil; n++ {
			suffix = fmt.Sprintf("%s-%d", importSuffix, n)
		}
		doc.Name = base + suffix
		for i, rp := range doc.ClientRoute.RelativePaths {
			doc.ClientRoute.RelativePaths[i] = rp + suffix
		}
	}
	c.p.apiProxies[doc.Name] = newAPIProxy(doc) // undeployed everywhere
	return reply{}
}

// overrideMetadata is the "metadata" part of Import with override.
type overrideMetadata struct {
	Deploy          bool     `json:"deploy"`
	DeployTo        []string `json:"deployTargetEnvironmentNameList"`
	MaintenanceMode *bool    `json:"maintenanceMode"`
	Routing         *struct {
		Algorithm apinizer.LoadBalanceAlgorithm `json:"algorithm"`
		Addresses []apinizer.RoutingAddress     `json:"addressList"`
	} `json:"routing"`
}

func (c *call) importAPIProxyOverride() reply {
	name := c.r.PathValue("apiProxyName")
	docs, rep := c.archive("apiProxyExportFile", "apiProxyExportFile parameter can not be empty!")
	if rep != nil {
		return *rep
	}
	var meta overrideMetadata
	if rep := c.decodeJSON(c.form("metadata"), &meta); rep != nil {
		return *rep
	}
	if rep := c.checkTargets(meta.Deploy, meta.DeployTo); rep != nil {
		return *rep
	}
	doc, rep := importedDoc(docs)
	if rep != nil {
		return *rep
	}
	doc.Name = name
	if meta.Routing != nil {
		doc.Routing = apinizer.Routing{LoadBalanceAlgorithm: meta.Routing.Algorithm, Addresses: meta.Routing.Addresses}
	}
	if p := c.p.apiProxies[name]; p != nil { // replaced: its deployments stay, flagged
		p.doc = newAPIProxy(doc).doc
		p.redeployRequired()
	} else {
		c.p.apiProxies[name] = newAPIProxy(doc)
	}
	if !meta.Deploy {
		return reply{}
	}
	return reply{deployment: c.deployProxy(c.p.apiProxies[name], meta.DeployTo, true, "", false)}
}

// promotionJSON is a proxy as promotion carries it.
type promotionJSON struct {
	ID                     string                `json:"id,omitempty"`
	Name                   string                `json:"name"`
	Description            string                `json:"description"`
	Type                   apinizer.CreationType `json:"type"`
	ProtocolTransformation bool                  `json:"protocolTransformation"`
	RelativePath           string                `json:"relativePath"`
	ClientRoute            apinizer.ClientRoute  `json:"clientRoute"`
	Routing                struct {
		APIRoutingList []struct {
			URL string `json:"url"`
		} `json:"apiRoutingList"`
	} `json:"routing"`
	Categories  []string          `json:"categoryList"`
	Deployments []promotionDeploy `json:"apiProxyDeployList"`
	// Config is the fake's own member: the proxy's whole configuration,
	// which a real Manager's object spreads over its many fields. The SDK
	// keeps members it does not model, so a listed proxy saved elsewhere
	// carries it back.
	Config json.RawMessage `json:"apinizertestConfig,omitempty"`
}

type promotionDeploy struct {
	EnvironmentSettingsID string `json:"environmentSettingsId"`
	EnvironmentName       string `json:"environmentName"`
	AccessURL             string `json:"accessUrl"`
	Deploy                bool   `json:"deploy"`
	RedeployRequired      bool   `json:"redeployRequired"`
}

// promotion is a proxy as List for Promotion shows it.
func (c *call) promotion(p *apiProxy) promotionJSON {
	d := p.doc
	w := promotionJSON{ID: objectID("proxy/" + c.r.PathValue("projectName") + "/" + d.Name), Name: d.Name, Description: d.Description,
		Type: cmp.Or(d.CreationType, apinizer.CreationType(d.APIType)), RelativePath: d.ClientRoute.RelativePaths[0],
		ClientRoute: d.ClientRoute, Categories: d.Categories}
	raw, _ := json.Marshal(d)
	w.Config = raw
	for _, a := range d.Routing.Addresses {
		w.Routing.APIRoutingList = append(w.Routing.APIRoutingList, struct {
			URL string `json:"url"`
		}{a.Address})
	}
	for _, env := range c.p.environments {
		dep := promotionDeploy{EnvironmentSettingsID: objectID("envsettings/" + c.r.PathValue("projectName") + "/" + env),
			EnvironmentName: env, AccessURL: gatewayURL(env) + "/apigateway" + w.RelativePath}
		if s := p.deployments[env]; s != nil {
			dep.Deploy, dep.RedeployRequired = s.deployed, s.redeployRequired
		}
		w.Deployments = append(w.Deployments, dep)
	}
	return w
}

func (c *call) listForPromotion() reply {
	list := make([]promotionJSON, 0, len(c.p.apiProxies))
	for _, name := range slices.Sorted(maps.Keys(c.p.apiProxies)) {
		list = append(list, c.promotion(c.p.apiProxies[name]))
	}
	return listOf(c, list)
}

// saveForPromotion creates the proxy (no id; a taken name is a 400) or
// overwrites the one whose id it carries (an id the target does not
// know overwrites the target's proxy of the same name, as a promotion
// between installations whose ids differ would; neither: a 400); the
// deployments are the
// target's (none for a new proxy). deployEnvironmentIds deploys to those
// environment settings IDs, skipping unknown ones, reporting nothing. The
// answer is the saved proxy: bare in the 2026 dialect (the OpenAPI file's
// ApiProxy), a one-item list in 2025.
func (c *call) saveForPromotion() reply {
	var req promotionJSON
	if rep := c.decodeBody(&req); rep != nil {
		return *rep
	}
	if req.Name == "" {
		return fail(http.StatusBadRequest, "name value can not be empty!")
	}
	doc := proxyDoc{Name: req.Name, Description: req.Description, APIType: apinizer.APITypeREST, CreationType: req.Type,
		ClientRoute: req.ClientRoute, Categories: req.Categories}
	if req.Config != nil {
		_ = json.Unmarshal(req.Config, &doc)
		doc.Name, doc.Description = req.Name, req.Description
	}
	p := c.p.apiProxies[req.Name]
	if req.ID != "" {
		for _, cand := range c.p.apiProxies {
			if c.promotion(cand).ID == req.ID {
				p = cand
			}
		}
		if p == nil {
			return fail(http.StatusBadRequest, "ApiProxy (id: %s) is not found!", req.ID)
		}
		delete(c.p.apiProxies, p.doc.Name)
		p.doc = newAPIProxy(doc).doc
		p.redeployRequired()
	} else {
		if p != nil {
			return fail(http.StatusBadRequest, proxyExists, req.Name)
		}
		p = newAPIProxy(doc)
	}
	c.p.apiProxies[p.doc.Name] = p
	for _, id := range strings.Split(c.r.URL.Query().Get("deployEnvironmentIds"), ",") {
		for _, env := range c.p.environments {
			if id != "" && id == objectID("envsettings/"+c.r.PathValue("projectName")+"/"+env) && c.mayDeploy {
				c.deployProxy(p, []string{env}, true, "", false)
			}
		}
	}
	saved := c.promotion(p)
	if c.s.dialect == Dialect2026 {
		return reply{object: saved}
	}
	return reply{list: []promotionJSON{saved}, count: 1}
}
