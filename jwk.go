package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/apinizer-go/apinizer/internal/ops"
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
			j.Material = KeyMaterial{k: &keyBytes{raw: m}}
			break
		}
	}
	return nil
}

// KeyMaterial holds a key's JSON (private parts included). It never
// prints: String, GoString, Format and LogValue give "[redacted]", and
// json.Marshal writes null. Only JSON gives the key. The bytes sit behind
// a pointer, so that even where fmt cannot call these methods (a
// KeyMaterial or JWK in an unexported field of the caller's struct) it
// prints an address, never the key.
type KeyMaterial struct{ k *keyBytes }

// keyBytes is what a KeyMaterial points to; it is never changed.
type keyBytes struct{ raw json.RawMessage }

// NewKeyMaterial returns key material holding a copy of raw.
func NewKeyMaterial(raw json.RawMessage) KeyMaterial {
	if len(raw) == 0 {
		return KeyMaterial{}
	}
	return KeyMaterial{k: &keyBytes{raw: bytes.Clone(raw)}}
}

// JSON returns a copy of the key's JSON object, or nil when there is none.
func (k KeyMaterial) JSON() json.RawMessage {
	if k.k == nil {
		return nil
	}
	return bytes.Clone(k.k.raw)
}

// IsZero reports whether there is no key material.
func (k KeyMaterial) IsZero() bool { return k.k == nil || len(k.k.raw) == 0 }

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

// MarshalJSON writes null: key material leaves only through JSON, never by
// marshalling a value that holds it.
func (KeyMaterial) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// ListJWKs returns the JWKs of a project, without key material.
//
// It sends GET /apiops/projects/{projectName}/jwks/. An unknown project
// gives ErrProjectNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, List JWKs)
func (c *Client) ListJWKs(ctx context.Context, projectName string) ([]JWK, error) {
	return list[JWK](ctx, c, request{op: ops.ListJWKs, args: []string{projectName}})
}

// GetJWK returns one JWK with its key material (private parts included)
// in Material, which never prints.
//
// It sends GET /apiops/projects/{projectName}/jwks/{jwkName}/. An unknown
// JWK gives ErrJWKNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Get JWK)
func (c *Client) GetJWK(ctx context.Context, projectName, jwkName string) (*JWK, error) {
	return get[JWK](ctx, c, request{op: ops.GetJWK, args: []string{projectName, jwkName}})
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
	return c.deploy(ctx, request{op: ops.CreateJWK, args: []string{projectName}, body: req})
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
	return c.deploy(ctx, request{op: ops.GenerateJWK, args: []string{projectName}, body: req})
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
	return c.deploy(ctx, request{op: ops.UpdateJWK, args: []string{projectName, jwkName}, body: req})
}

// DeleteJWK undeploys a JWK from every environment, then deletes it.
//
// It sends DELETE /apiops/projects/{projectName}/jwks/{jwkName}/. An
// unknown JWK gives ErrJWKNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Keys & Secrets, Delete JWK)
func (c *Client) DeleteJWK(ctx context.Context, projectName, jwkName string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.DeleteJWK, args: []string{projectName, jwkName}})
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
	return c.deploy(ctx, request{op: ops.RemoveJWKValidation, args: []string{projectName, username}})
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
	return c.deploy(ctx, request{op: ops.SetJWKValidation, args: []string{projectName, username, jwkName}})
}

// RemoveJWKEncryption empties the slot of the JWK a credential uses for
// decryption and encryption, then the API redeploys the credential.
//
// It sends DELETE /apiops/projects/{projectName}/credentials/{username}/jwk/encryption/.
// Errors as RemoveJWKValidation.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, Remove JWK Encryption)
func (c *Client) RemoveJWKEncryption(ctx context.Context, projectName, username string) (*DeploymentResponse, error) {
	return c.deploy(ctx, request{op: ops.RemoveJWKEncryption, args: []string{projectName, username}})
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
	return c.deploy(ctx, request{op: ops.SetJWKEncryption, args: []string{projectName, username, jwkName}})
}
