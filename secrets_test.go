package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestNoSecretPrints prints every type that holds a secret, alone and
// inside the types that carry it, with every fmt verb a caller might use
// and through slog, and wants the secret in none of it.
func TestNoSecretPrints(t *testing.T) {
	const secret = "hunter2-never-printed"
	key := json.RawMessage(`{"d":"` + secret + `"}`)
	values := map[string]any{
		"Secret":             Secret(secret),
		"KeyMaterial":        NewKeyMaterial(key),
		"JWK":                JWK{Name: "k", Material: NewKeyMaterial(key)},
		"*JWK":               &JWK{Name: "k", Material: NewKeyMaterial(key)},
		"CredentialRequest":  CredentialRequest{Username: "u", Password: secret, Metadata: []CredentialMetadata{{Key: "k", Value: secret, Secret: true}}},
		"*CredentialRequest": &CredentialRequest{Username: "u", Password: secret},
		"CredentialMetadata": CredentialMetadata{Key: "k", Value: secret},
		"Credential":         Credential{Username: "u", Metadata: []CredentialMetadata{{Key: "k", Value: secret}}},
		"CreateJWKRequest":   CreateJWKRequest{Name: "k", SourceType: JWKSourceCopyPaste, JWK: secret},
		"*CreateJWKRequest":  &CreateJWKRequest{Name: "k", JWK: secret},
		"[]Secret":           []Secret{secret},
		"map of Secret":      map[string]Secret{"pw": secret},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) {
				t.Errorf("%s with %s shows the secret: %s", name, verb, out)
			}
		}
		if strings.HasPrefix(name, "[]") || strings.HasPrefix(name, "map") {
			continue // slog's JSON handler marshals containers: Secret.MarshalJSON sends the value
		}
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("v", "v", v)
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("v", "v", v)
		if strings.Contains(buf.String(), secret) {
			t.Errorf("%s through slog shows the secret: %s", name, buf.String())
		}
	}
	// json.Marshal is how a Secret reaches the API, and only the API.
	if b, _ := json.Marshal(Secret(secret)); string(b) != `"`+secret+`"` {
		t.Errorf("Secret marshals as %s", b)
	}
	if b, _ := json.Marshal(NewKeyMaterial(key)); string(b) != "null" {
		t.Errorf("KeyMaterial marshals as %s; only JSON() gives the key", b)
	}
	if got := NewKeyMaterial(key).JSON(); !bytes.Equal(got, key) {
		t.Errorf("JSON() = %s", got)
	}
}

// TestFailedWritesNeverShowTheirSecrets: the error of a refused write and
// the debug log of the whole call hold neither the password nor the pasted
// JWK that were sent.
func TestFailedWritesNeverShowTheirSecrets(t *testing.T) {
	const secret = "hunter2-never-printed"
	var logs bytes.Buffer
	for _, d := range dialects {
		c, seen := mockAnswer(t, 400, fixture(t, d+"/error_credential_exists.json"))
		c.logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		_, err := c.CreateCredential(context.Background(), "P", &CredentialRequest{Username: "u", Email: "e", FullName: "f", Password: secret})
		if err == nil || strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), secret) {
			t.Errorf("%s: error %v shows the password", d, err)
		}
		if !bytes.Contains((*seen)[0].body, []byte(secret)) {
			t.Errorf("%s: the password was not sent", d)
		}
		_, err = c.CreateJWK(context.Background(), "P", &CreateJWKRequest{Name: "k", SourceType: JWKSourceCopyPaste, JWK: secret})
		if err == nil || strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), secret) {
			t.Errorf("%s: error %v shows the JWK", d, err)
		}
	}
	if strings.Contains(logs.String(), secret) || logs.Len() == 0 {
		t.Errorf("debug log (%d bytes) shows a secret or is empty:\n%s", logs.Len(), logs.String())
	}
}

// TestScrubbingKeepsTheErrorsMeaning: a secret short enough to occur in
// the server's own text ("p" in "ApiProxy ... was not found!") is still
// scrubbed from the error, and the error still matches the sentinels the
// unscrubbed text matches.
func TestScrubbingKeepsTheErrorsMeaning(t *testing.T) {
	for _, d := range dialects {
		c, _ := mockAnswer(t, 400, fixture(t, d+"/error_apiproxy_missing.json"))
		_, err := c.UpdateAPIProxySettings(context.Background(), "P", "MyAPI",
			ProxyServerSettings{ProxyEnabled: ptr(true), ProxyHost: "proxy", ProxyPort: ptr(8080), ProxyAuthorizationNeeded: ptr(true), ProxyUsername: "u", ProxyPassword: "p"}, nil)
		if !errors.Is(err, ErrAPIProxyNotFound) || !errors.Is(err, ErrNotFound) || errors.Is(err, ErrBadRequest) {
			t.Errorf("%s: %v; want ErrAPIProxyNotFound and ErrNotFound, not ErrBadRequest", d, err)
		}
		var apiErr *Error
		if !errors.As(err, &apiErr) || strings.Contains(apiErr.Description, "p") {
			t.Errorf("%s: description %q still holds the one-letter secret", d, apiErr.Description)
		}
	}
}
