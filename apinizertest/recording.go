package apinizertest

import (
	"bytes"
	"encoding/json"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// Requests records what the Server received with every secret replaced by
// "[redacted]": the Authorization and passphrase headers, and in a body
// the values of the secret fields (passwords, pasted JWKs, secret keys,
// spec credentials, token-request secrets), of metadata marked secret and
// of environment-variable values that are not visible.

// secretHeaders are the headers whose values a record never keeps.
var secretHeaders = []string{"Authorization", "X-Apinizer-Package-Passphrase", "Proxy-Authorization"}

// secretKeys are the JSON members (and form fields) that hold secrets
// wherever they appear.
var secretKeys = map[string]bool{"password": true, "jwkStr": true, "secretKey": true, "proxyPassword": true,
	"client_secret": true, "headerValue": true, "bearerToken": true, "clientSecret": true}

// redactHeader copies h with the secret headers' values redacted.
func redactHeader(h http.Header) http.Header {
	h = h.Clone()
	for _, name := range secretHeaders {
		if h.Get(name) != "" {
			h.Set(name, "[redacted]")
		}
	}
	return h
}

// redactBody returns body with every secret value it holds replaced: the
// JSON body's, the form's, or those of a multipart body's JSON and text
// parts.
func redactBody(contentType string, body []byte) []byte {
	if len(body) == 0 {
		return nil
	}
	var secrets []string
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/x-www-form-urlencoded":
		if form, err := url.ParseQuery(string(body)); err == nil {
			for k, v := range form {
				if secretKeys[k] {
					secrets = append(secrets, v...)
				}
			}
		}
	case strings.HasPrefix(mt, "multipart/"):
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FileName() != "" {
				continue
			}
			var part bytes.Buffer
			_, _ = part.ReadFrom(p)
			secrets = append(secrets, jsonSecrets(part.Bytes())...)
		}
	default:
		secrets = jsonSecrets(body)
	}
	out := bytes.Clone(body)
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, form := range [][]byte{[]byte(s), quotedInner(s)} {
			out = bytes.ReplaceAll(out, form, []byte("[redacted]"))
		}
	}
	return out
}

// quotedInner is s as it appears inside a JSON string.
func quotedInner(s string) []byte {
	b, _ := json.Marshal(s)
	return b[1 : len(b)-1]
}

// jsonSecrets collects the secret string values of a JSON document.
func jsonSecrets(doc []byte) []string {
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, val := range v {
				s, isString := val.(string)
				switch {
				case isString && secretKeys[k],
					isString && k == "value" && (v["secret"] == true || v["visible"] == false || v["type"] != nil && v["keyName"] != nil),
					isString && k == "globalValue" && v["globalVisible"] == false:
					out = append(out, s)
				default:
					walk(val)
				}
			}
		case []any:
			for _, item := range v {
				walk(item)
			}
		}
	}
	walk(v)
	return out
}
