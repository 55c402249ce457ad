package apinizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
)

// Servers quote what they were sent: a password in "error_description", a
// pasted JWK in a raw 500 page, the bearer token in a 401. The pipeline
// knows every secret it sent in a request (the token, the client-credentials
// password, each Secret in the body, a passphrase header), so it replaces
// each of them in every text and body it keeps of the answer.

// secretsOf returns the non-empty Secret values held anywhere in v:
// fields, elements, map values, behind pointers and interfaces.
func secretsOf(v any) []string {
	var out []string
	var walk func(reflect.Value, int)
	walk = func(rv reflect.Value, depth int) {
		if !rv.IsValid() || depth > 32 {
			return
		}
		if rv.Type() == secretType {
			if s := rv.String(); s != "" {
				out = append(out, s)
			}
			return
		}
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := range rv.NumField() {
				walk(rv.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			if rv.Type().Elem().Kind() == reflect.Uint8 {
				return // bytes: no Secret inside
			}
			for i := range rv.Len() {
				walk(rv.Index(i), depth+1)
			}
		case reflect.Map:
			it := rv.MapRange()
			for it.Next() {
				walk(it.Value(), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(v), 0)
	return out
}

var secretType = reflect.TypeFor[Secret]()

// scrubber replaces a request's secrets in what is kept of its answer.
type scrubber []string

// add notes secrets to replace; empty ones are ignored.
func (s *scrubber) add(secrets ...string) {
	for _, v := range secrets {
		if v != "" {
			*s = append(*s, v)
		}
	}
}

// text replaces every secret in t by "[redacted]".
func (s scrubber) text(t string) string {
	for _, v := range s {
		if strings.Contains(t, v) {
			t = strings.ReplaceAll(t, v, redacted)
		}
	}
	return t
}

// body replaces every secret in b, as written and as JSON escapes it, by
// "[redacted]". b is changed in place when nothing has to grow.
func (s scrubber) body(b []byte) []byte {
	for _, v := range s {
		forms := []string{v}
		if q, err := json.Marshal(v); err == nil && string(q[1:len(q)-1]) != v {
			forms = append(forms, string(q[1:len(q)-1]))
		}
		for _, f := range forms {
			if bytes.Contains(b, []byte(f)) {
				b = bytes.ReplaceAll(b, []byte(f), []byte(redacted))
			}
		}
	}
	return b
}

// header replaces every secret in the values of h, in place.
func (s scrubber) header(h http.Header) {
	for _, values := range h {
		for i, v := range values {
			values[i] = s.text(v)
		}
	}
}

// error scrubs every text and body an *Error keeps.
func (s scrubber) error(e *Error) {
	if len(s) == 0 {
		return
	}
	e.matchNow() // on the texts as the server sent them
	e.Code, e.Description = s.text(e.Code), s.text(e.Description)
	for i := range e.ValidationErrors {
		e.ValidationErrors[i].Message = s.text(e.ValidationErrors[i].Message)
		e.ValidationErrors[i].Field = s.text(e.ValidationErrors[i].Field)
	}
	e.Body = s.body(e.Body)
	s.header(e.Header)
	if e.cause != nil {
		if msg := e.cause.Error(); s.text(msg) != msg {
			e.cause = scrubbedError{s.text(msg), e.cause}
		}
	}
}

// envelope scrubs the texts of an answer's envelope and deployment result.
func (s scrubber) envelope(env *envelope) {
	if len(s) == 0 {
		return
	}
	env.message, env.code, env.description = s.text(env.message), s.text(env.code), s.text(env.description)
	if d := env.deployment; d != nil {
		d.Message = s.text(d.Message)
		for _, list := range [][]wireEnvResult{d.EnvironmentResults, d.DetailList} {
			for i := range list {
				list[i].Message, list[i].Detail = s.text(list[i].Message), s.text(list[i].Detail)
			}
		}
	}
}

// scrubbedError is a cause whose text held a secret: Error gives the
// scrubbed text, Unwrap still reaches the original for errors.Is and As.
type scrubbedError struct {
	msg string
	err error
}

func (e scrubbedError) Error() string { return e.msg }
func (e scrubbedError) Unwrap() error { return e.err }

// formatRedacted prints plain, a copy of a value that holds secrets
// converted to a type without methods, with the verb and flags f was
// called with. The secrets inside are Secret or KeyMaterial, which format
// themselves as "[redacted]" for every verb; and since the value's own
// type has this Format method, fmt never prints its fields with methods
// switched off (as it does for a wrong verb on a pointer). For %#v the
// plain type's name is replaced by the real one's.
func formatRedacted(f fmt.State, verb rune, plain, real any) {
	out := fmt.Sprintf(fmt.FormatString(f, verb), plain)
	if verb == 'v' && f.Flag('#') {
		out = strings.Replace(out, reflect.TypeOf(plain).String(), reflect.TypeOf(real).String(), 1)
	}
	_, _ = f.Write([]byte(out))
}
