package apinizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// checkRedacted prints value, a value of a type that holds secret, as a
// value, a pointer, in lists and in struct fields, with every verb and
// through slog's text and JSON handlers: the secret never shows (nor its
// hex), shown does, %#v names the type, and json.Marshal still sends the
// secret to the API.
func checkRedacted(t *testing.T, name string, value any, secret, shown string) {
	t.Helper()
	hexes := []string{fmt.Sprintf("%x", secret), fmt.Sprintf("%X", secret)}
	v := reflect.ValueOf(value)
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	ptrs := reflect.Append(reflect.MakeSlice(reflect.SliceOf(p.Type()), 0, 1), p)
	vals := reflect.Append(reflect.MakeSlice(reflect.SliceOf(v.Type()), 0, 1), v)
	field := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "S", Type: v.Type()}, {Name: "P", Type: p.Type()}})).Elem()
	field.Field(0).Set(v)
	field.Field(1).Set(p)
	forms := map[string]any{"value": value, "pointer": p.Interface(), "[]*T": ptrs.Interface(), "[]T": vals.Interface(),
		"struct field": field.Interface()}
	for form, x := range forms {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%T %v"} {
			out := fmt.Sprintf(verb, x)
			if strings.Contains(out, secret) || strings.Contains(out, hexes[0]) || strings.Contains(out, hexes[1]) {
				t.Errorf("%s %s with %s shows the secret: %s", name, form, verb, out)
			}
		}
	}
	if out := fmt.Sprintf("%+v", value); !strings.Contains(out, shown) || !strings.Contains(out, redacted) {
		t.Errorf("%s prints as %s, want %q shown and the secret %s", name, out, shown, redacted)
	}
	if out, want := fmt.Sprintf("%#v", p.Interface()), "apinizer."+name+"{"; !strings.HasPrefix(out, want) {
		t.Errorf("%%#v of *%s is %s, want it to start with %s", name, out, want)
	}
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("m", "v", value, "p", p.Interface())
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("m", "v", value, "p", p.Interface())
	if strings.Contains(logs.String(), secret) || !strings.Contains(logs.String(), shown) {
		t.Errorf("%s through slog: %s", name, logs.String())
	}
	if b, _ := json.Marshal(value); !bytes.Contains(b, []byte(secret)) {
		t.Errorf("%s marshals to %s: the API must get the secret", name, b)
	}
}

// TestV03TypesNeverPrintTheirSecrets runs checkRedacted on the v0.3 types
// that hold a secret outside the settings and routings.
func TestV03TypesNeverPrintTheirSecrets(t *testing.T) {
	const secret = "hunter2-never-printed"
	for _, tc := range []struct {
		name  string
		value any
		shown string
	}{
		{"EnvironmentVariable", EnvironmentVariable{Name: "DB_VISIBLE", Global: true, GlobalValue: Ptr(Secret(secret)), Secret: true}, "DB_VISIBLE"},
		{"EnvironmentValue", EnvironmentValue{EnvironmentName: "prod-visible", Value: Ptr(Secret(secret))}, "prod-visible"},
		{"SpecAuthorization", SpecAuthorization{Name: "X-Visible", Value: secret}, "X-Visible"},
		{"ExportOptions", ExportOptions{Encrypt: true, Passphrase: secret}, "Encrypt:true"},
		{"ImportOptions", ImportOptions{EnvironmentMapping: map[string]string{"prod-visible": "p"}, Passphrase: secret}, "prod-visible"},
		{"ImportOverrideOptions", ImportOverrideOptions{Passphrase: secret, DeployTo: []string{"prod-visible"}}, "prod-visible"},
		{"ImportObjectsOptions", ImportObjectsOptions{Passphrase: secret, EnvironmentMapping: map[string]string{"prod-visible": "p"}}, "prod-visible"},
	} {
		checkRedacted(t, tc.name, tc.value, secret, tc.shown)
	}
}
