package apinizer

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"
)

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

// Format prints the request with the pasted JWK redacted, for every verb.
func (r CreateJWKRequest) Format(f fmt.State, verb rune) {
	type createJWKRequest CreateJWKRequest
	formatRedacted(f, verb, createJWKRequest(r), r)
}

// LogValue logs the JWK with its key material redacted.
func (j JWK) LogValue() slog.Value { return redactedLog(j) }

// Format prints the JWK with its key material redacted, for every verb.
func (j JWK) Format(f fmt.State, verb rune) {
	type jwk JWK
	formatRedacted(f, verb, jwk(j), j)
}

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
