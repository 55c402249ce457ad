package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// JWKSource says where a JWK's key comes from.
type JWKSource string

// The documented JWK sources. Others are sent as given.
const (
	JWKSourceURL         JWKSource = "URL"
	JWKSourceCopyPaste   JWKSource = "COPY_PASTE"
	JWKSourceCertificate JWKSource = "CERTIFICATE"
	JWKSourcePublicKey   JWKSource = "PUBLIC_KEY"
	JWKSourcePrivateKey  JWKSource = "PRIVATE_KEY"
	JWKSourceKeystore    JWKSource = "KEYSTORE"
	JWKSourceGenerate    JWKSource = "GENERATE" // made by GenerateJWK; not for CreateJWK
)

// KeyType is a JWK's key type.
type KeyType string

// The documented key types. Others are sent as given.
const (
	KeyTypeRSA KeyType = "RSA"
	KeyTypeEC  KeyType = "EC"
	KeyTypeOCT KeyType = "OCT"
	KeyTypeOKP KeyType = "OKP"
)

// KeyUse is what a key is for.
type KeyUse string

// The documented key uses.
const (
	KeyUseSignature  KeyUse = "SIGNATURE"
	KeyUseEncryption KeyUse = "ENCRYPTION"
)

// JWK is a JSON Web Key of a project. ListJWKs leaves Material empty;
// GetJWK fills it with the key, private parts included.
type JWK struct {
	Name        string      `json:"name"`
	Description string      `json:"description"`
	ProjectID   string      `json:"projectId"`
	ID          string      `json:"id"`
	SourceType  JWKSource   `json:"sourceType"`
	SourceID    string      `json:"sourceId"`
	SourceURL   string      `json:"sourceUrl"`
	Type        KeyType     `json:"type"`
	KID         string      `json:"kid"`
	Material    KeyMaterial `json:"-"` // the "rsa", "ec", "oct" or "okp" object, as sent
}

// UnmarshalJSON decodes a JWK and keeps its "rsa", "ec", "oct" or "okp"
// object as Material.
func (j *JWK) UnmarshalJSON(b []byte) error {
	type plain JWK
	var w struct {
		plain
		RSA json.RawMessage `json:"rsa"`
		EC  json.RawMessage `json:"ec"`
		OCT json.RawMessage `json:"oct"`
		OKP json.RawMessage `json:"okp"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*j = JWK(w.plain)
	for _, m := range [...]json.RawMessage{w.RSA, w.EC, w.OCT, w.OKP} {
		if len(m) > 0 && !bytes.Equal(m, []byte("null")) {
			j.Material = KeyMaterial{raw: m}
			break
		}
	}
	return nil
}

// KeyMaterial holds a key's JSON (private parts included). It never
// prints: String, GoString, Format and LogValue give "[redacted]", and
// json.Marshal writes {}. Only JSON gives the key.
type KeyMaterial struct{ raw json.RawMessage }

// NewKeyMaterial returns key material holding a copy of raw.
func NewKeyMaterial(raw json.RawMessage) KeyMaterial {
	return KeyMaterial{raw: bytes.Clone(raw)}
}

// JSON returns a copy of the key's JSON object, or nil when there is none.
func (k KeyMaterial) JSON() json.RawMessage { return bytes.Clone(k.raw) }

// IsZero reports whether there is no key material.
func (k KeyMaterial) IsZero() bool { return len(k.raw) == 0 }

// String returns "[redacted]" (or "" when empty).
func (k KeyMaterial) String() string {
	if k.IsZero() {
		return ""
	}
	return redacted
}

// GoString returns String, for %#v.
func (k KeyMaterial) GoString() string { return k.String() }

// Format writes String for every verb.
func (k KeyMaterial) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, k.String()) }

// LogValue keeps the key out of slog records.
func (k KeyMaterial) LogValue() slog.Value { return slog.StringValue(k.String()) }

// CreateJWKRequest creates a JWK from one source. Name and SourceType are
// required, and per source: URL for URL; JWK for COPY_PASTE;
// CertificateName for CERTIFICATE; KeyName for PUBLIC_KEY and PRIVATE_KEY;
// KeystoreName and AliasName for KEYSTORE; and for those last four also
// EnvironmentName, UseType and Algorithm (a JOSE name such as "RS256").
type CreateJWKRequest struct {
	Name, Description string
	SourceType        JWKSource
	URL               string
	URLConnectTimeout time.Duration // sent in ms; 0: the API's 5s
	URLReadTimeout    time.Duration // sent in ms; 0: the API's 10s
	URLSizeLimit      int64         // bytes; 0: the API's 1 MiB
	JWK               Secret        // "jwkStr": the pasted JWK or JWK Set
	CertificateName   string
	KeyName           string
	KeystoreName      string
	AliasName         string
	EnvironmentName   string
	KID               string // which key of a JWK Set, for URL and COPY_PASTE
	UseType           KeyUse
	Algorithm         string
}

// MarshalJSON writes the request as the API reads it.
func (r CreateJWKRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name              string    `json:"name"`
		Description       string    `json:"description,omitempty"`
		SourceType        JWKSource `json:"sourceType"`
		URL               string    `json:"url,omitempty"`
		URLConnectTimeout int64     `json:"urlOptionConnectTimeout,omitempty"`
		URLReadTimeout    int64     `json:"urlOptionReadTimeout,omitempty"`
		URLSizeLimit      int64     `json:"urlOptionSizeLimit,omitempty"`
		JWK               Secret    `json:"jwkStr,omitempty"`
		CertificateName   string    `json:"certificateName,omitempty"`
		KeyName           string    `json:"keyName,omitempty"`
		KeystoreName      string    `json:"keyStoreName,omitempty"`
		AliasName         string    `json:"aliasName,omitempty"`
		EnvironmentName   string    `json:"environmentName,omitempty"`
		KID               string    `json:"kid,omitempty"`
		UseType           KeyUse    `json:"useType,omitempty"`
		Algorithm         string    `json:"algorithm,omitempty"`
	}{r.Name, r.Description, r.SourceType, r.URL, r.URLConnectTimeout.Milliseconds(),
		r.URLReadTimeout.Milliseconds(), r.URLSizeLimit, r.JWK, r.CertificateName, r.KeyName,
		r.KeystoreName, r.AliasName, r.EnvironmentName, r.KID, r.UseType, r.Algorithm})
}

// LogValue logs the request with the pasted JWK redacted.
func (r CreateJWKRequest) LogValue() slog.Value { return redactedLog(r) }

// LogValue logs the JWK with its key material redacted.
func (j JWK) LogValue() slog.Value { return redactedLog(j) }

// check refuses a request without what its source type requires.
func (r *CreateJWKRequest) check() error {
	if r == nil {
		return invalidArgument("req", "is nil")
	}
	required := [][2]string{{"Name", r.Name}, {"SourceType", string(r.SourceType)}}
	switch r.SourceType {
	case JWKSourceURL:
		required = append(required, [2]string{"URL", r.URL})
	case JWKSourceCopyPaste:
		required = append(required, [2]string{"JWK", string(r.JWK)})
	case JWKSourceCertificate:
		required = append(required, [2]string{"CertificateName", r.CertificateName})
	case JWKSourcePublicKey, JWKSourcePrivateKey:
		required = append(required, [2]string{"KeyName", r.KeyName})
	case JWKSourceKeystore:
		required = append(required, [2]string{"KeystoreName", r.KeystoreName}, [2]string{"AliasName", r.AliasName})
	}
	switch r.SourceType {
	case JWKSourceCertificate, JWKSourcePublicKey, JWKSourcePrivateKey, JWKSourceKeystore:
		required = append(required, [2]string{"EnvironmentName", r.EnvironmentName},
			[2]string{"UseType", string(r.UseType)}, [2]string{"Algorithm", r.Algorithm})
	}
	for _, f := range required {
		if f[1] == "" {
			return invalidArgument("CreateJWKRequest."+f[0], fmt.Sprintf("is empty (required for source type %q)", r.SourceType))
		}
	}
	if r.URLConnectTimeout < 0 || r.URLReadTimeout < 0 || r.URLSizeLimit < 0 {
		return invalidArgument("CreateJWKRequest", "URL options must not be negative")
	}
	return nil
}

// GenerateJWKRequest has the Manager generate a key. Name and Type are
// required, with exactly the sub-object matching Type: RSA and OCT need a
// KeySize (RSA 2048, 3072, 4096; OCT 128, 192, 256), EC and OKP a
// CurveType (EC P256, P384, P521, SECP256K1; OKP ED25519, X25519).
// Algorithms here are enum-style ("RSA256", "RSA_OAEP_256"), not JOSE names.
type GenerateJWKRequest struct {
	Name        string       `json:"name"`
	Description string       `json:"description,omitempty"`
	KID         string       `json:"kid,omitempty"` // generated when empty
	Type        KeyType      `json:"type"`
	RSA         *GenerateRSA `json:"rsa,omitempty"`
	EC          *GenerateEC  `json:"ec,omitempty"`
	OCT         *GenerateOCT `json:"oct,omitempty"`
	OKP         *GenerateOKP `json:"okp,omitempty"`
}

// GenerateRSA is the "rsa" object of a GenerateJWKRequest.
type GenerateRSA struct {
	KeySize    int        `json:"keySize"`
	KeyUse     KeyUse     `json:"keyUseType,omitempty"` // 0: SIGNATURE
	Algorithm  string     `json:"algorithm,omitempty"`
	KeyIDType  string     `json:"keyIdType,omitempty"`      // TIMESTAMP (default), SHA256, SHA1, ISO_DATE, NONE
	NotBefore  *time.Time `json:"notBeforeTime,omitempty"`  // nil: now
	Expiration *time.Time `json:"expirationTime,omitempty"` // nil: a year after NotBefore
}

// GenerateEC is the "ec" object of a GenerateJWKRequest.
type GenerateEC struct {
	CurveType  string     `json:"curveType"`
	KeyUse     KeyUse     `json:"keyUseType,omitempty"` // 0: SIGNATURE
	Algorithm  string     `json:"algorithm,omitempty"`
	KeyIDType  string     `json:"keyIdType,omitempty"`      // TIMESTAMP (default), SHA256, SHA1, ISO_DATE, NONE
	NotBefore  *time.Time `json:"notBeforeTime,omitempty"`  // nil: now
	Expiration *time.Time `json:"expirationTime,omitempty"` // nil: a year after NotBefore
}

// GenerateOKP is the "okp" object of a GenerateJWKRequest.
type GenerateOKP struct {
	CurveType  string     `json:"curveType"`
	KeyUse     KeyUse     `json:"keyUseType,omitempty"` // 0: SIGNATURE
	Algorithm  string     `json:"algorithm,omitempty"`
	KeyIDType  string     `json:"keyIdType,omitempty"`      // TIMESTAMP (default), SHA256, SHA1, ISO_DATE, NONE
	NotBefore  *time.Time `json:"notBeforeTime,omitempty"`  // nil: now
	Expiration *time.Time `json:"expirationTime,omitempty"` // nil: a year after NotBefore
}

// GenerateOCT is the "oct" object of a GenerateJWKRequest.
type GenerateOCT struct {
	KeySize                int        `json:"keySize"`
	PasswordSaltLength     int        `json:"passwordSaltLength,omitempty"`     // 0: the API's 8
	PasswordIterationCount int        `json:"passwordIterationCount,omitempty"` // 0: the API's 1000
	KeyUse                 KeyUse     `json:"keyUseType,omitempty"`             // 0: SIGNATURE
	Algorithm              string     `json:"algorithm,omitempty"`
	KeyIDType              string     `json:"keyIdType,omitempty"`      // TIMESTAMP (default), SHA256, SHA1, ISO_DATE, NONE
	NotBefore              *time.Time `json:"notBeforeTime,omitempty"`  // nil: now
	Expiration             *time.Time `json:"expirationTime,omitempty"` // nil: a year after NotBefore
}

// check refuses a request without name, type, or the matching sub-object.
func (r *GenerateJWKRequest) check() error {
	switch {
	case r == nil:
		return invalidArgument("req", "is nil")
	case r.Name == "":
		return invalidArgument("GenerateJWKRequest.Name", "is empty")
	case r.Type == "":
		return invalidArgument("GenerateJWKRequest.Type", "is empty")
	}
	given := map[KeyType]bool{KeyTypeRSA: r.RSA != nil, KeyTypeEC: r.EC != nil, KeyTypeOCT: r.OCT != nil, KeyTypeOKP: r.OKP != nil}
	if _, known := given[r.Type]; !known {
		return nil // a newer Manager's type: the server decides
	}
	for t, ok := range given {
		if ok != (t == r.Type) {
			return invalidArgument("GenerateJWKRequest", fmt.Sprintf("type %s wants exactly the %s object", r.Type, r.Type))
		}
	}
	switch {
	case r.RSA != nil && r.RSA.KeySize <= 0:
		return invalidArgument("GenerateJWKRequest.RSA.KeySize", "is not set")
	case r.OCT != nil && r.OCT.KeySize <= 0:
		return invalidArgument("GenerateJWKRequest.OCT.KeySize", "is not set")
	case r.EC != nil && r.EC.CurveType == "":
		return invalidArgument("GenerateJWKRequest.EC.CurveType", "is empty")
	case r.OKP != nil && r.OKP.CurveType == "":
		return invalidArgument("GenerateJWKRequest.OKP.CurveType", "is empty")
	}
	return nil
}

// UpdateJWKRequest renames a JWK or changes its description; empty fields
// are not sent.
type UpdateJWKRequest struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// jwksPath is projects/{projectName}/jwks/.
func (c *Client) jwksPath(projectName string) apiPath {
	return c.projectPath(projectName).lit("jwks")
}

// jwkPath is projects/{projectName}/jwks/{jwkName}/.
func (c *Client) jwkPath(projectName, jwkName string) apiPath {
	return c.jwksPath(projectName).param("jwkName", jwkName)
}

// ListJWKs returns the JWKs of a project, without key material.
//
// It sends GET /apiops/projects/{projectName}/jwks/. An unknown project
// gives ErrProjectNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, List JWKs)
func (c *Client) ListJWKs(ctx context.Context, projectName string) ([]JWK, error) {
	return list[JWK](ctx, c, request{method: http.MethodGet, path: c.jwksPath(projectName)})
}

// GetJWK returns one JWK with its key material (private parts included)
// in Material, which never prints.
//
// It sends GET /apiops/projects/{projectName}/jwks/{jwkName}/. An unknown
// JWK gives ErrJWKNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Get JWK)
func (c *Client) GetJWK(ctx context.Context, projectName, jwkName string) (*JWK, error) {
	return get[JWK](ctx, c, request{method: http.MethodGet, path: c.jwkPath(projectName, jwkName)})
}

// CreateJWK creates a JWK from the source req.SourceType names, then the
// API deploys it to every environment. (The API's five parse-from-*
// endpoints do the same job per source and are not wrapped.)
//
// It sends POST /apiops/projects/{projectName}/jwks/ with the request. A
// taken name gives ErrAlreadyExists; a field the source type requires
// missing, ErrInvalidArgument before anything is sent.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Create JWK)
func (c *Client) CreateJWK(ctx context.Context, projectName string, req *CreateJWKRequest) (*DeploymentResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{method: http.MethodPost, path: c.jwksPath(projectName), body: req})
}

// GenerateJWK has the Manager generate a key of req.Type and store it as
// a JWK, then the API deploys it.
//
// It sends POST /apiops/projects/{projectName}/jwks/generate (no trailing
// slash). A taken name gives ErrAlreadyExists.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Generate JWK)
func (c *Client) GenerateJWK(ctx context.Context, projectName string, req *GenerateJWKRequest) (*DeploymentResponse, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	return c.deploy(ctx, request{method: http.MethodPost, path: c.jwksPath(projectName).lit("generate").leaf(), body: req})
}

// UpdateJWK renames a JWK or changes its description, then the API
// redeploys it. A JWK made from a URL, certificate, key or keystore is
// detached from that source. References to the old name are the caller's
// to update.
//
// It sends PUT /apiops/projects/{projectName}/jwks/{jwkName}/ with the
// request. An unknown JWK gives ErrJWKNotFound; a taken new name
// ErrAlreadyExists.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Update JWK)
func (c *Client) UpdateJWK(ctx context.Context, projectName, jwkName string, req *UpdateJWKRequest) (*DeploymentResponse, error) {
	if req == nil {
		return nil, invalidArgument("req", "is nil")
	}
	return c.deploy(ctx, request{method: http.MethodPut, path: c.jwkPath(projectName, jwkName), body: req})
}

// DeleteJWK undeploys a JWK from every environment, then deletes it.
//
// It sends DELETE /apiops/projects/{projectName}/jwks/{jwkName}/. An
// unknown JWK gives ErrJWKNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Delete JWK)
func (c *Client) DeleteJWK(ctx context.Context, projectName, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{method: http.MethodDelete, path: c.jwkPath(projectName, jwkName)})
}

// jwkSlotPath is projects/{projectName}/credentials/{username}/jwk/{use}/.
func (c *Client) jwkSlotPath(projectName, username, use string) apiPath {
	return c.credentialPath(projectName, username).lit("jwk").lit(use)
}

// RemoveJWKValidation empties the slot of the JWK a credential uses for
// validation and signing (the JWK itself is not deleted), then the API
// redeploys the credential to every environment.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/jwk/validation/.
// An empty slot gives ErrNotAssigned (a 400; older Managers answer 200);
// an unknown credential ErrCredentialNotFound; an unknown project
// ErrProjectNotFound. When some environment failed to deploy, it returns
// the response and a *DeploymentError: the removal was saved.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Remove JWK Validation)
func (c *Client) RemoveJWKValidation(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{method: http.MethodDelete, path: c.jwkSlotPath(projectName, username, "validation")})
}

// SetJWKValidation assigns the JWK named jwkName (of the project or of the
// admin project) to a credential for validation and signing, replacing any
// earlier one, then the API redeploys the credential.
//
// It sends PUT /apiops/projects/{projectName}/credentials/{username}/jwk/validation/{jwkName}/.
// An unknown JWK gives ErrJWKNotFound; otherwise as RemoveJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Set JWK Validation)
func (c *Client) SetJWKValidation(ctx context.Context, projectName, username, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{method: http.MethodPut, path: c.jwkSlotPath(projectName, username, "validation").param("jwkName", jwkName)})
}

// RemoveJWKEncryption empties the slot of the JWK a credential uses for
// decryption and encryption, then the API redeploys the credential.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/jwk/encryption/.
// Errors as RemoveJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Remove JWK Encryption)
func (c *Client) RemoveJWKEncryption(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{method: http.MethodDelete, path: c.jwkSlotPath(projectName, username, "encryption")})
}

// SetJWKEncryption assigns the JWK named jwkName to a credential for
// decryption and encryption, replacing any earlier one, then the API
// redeploys the credential.
//
// It sends PUT /apiops/projects/{projectName}/credentials/{username}/jwk/encryption/{jwkName}/.
// Errors as SetJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Set JWK Encryption)
func (c *Client) SetJWKEncryption(ctx context.Context, projectName, username, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{method: http.MethodPut, path: c.jwkSlotPath(projectName, username, "encryption").param("jwkName", jwkName)})
}
