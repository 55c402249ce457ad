package apinizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// pageBodies are the vendor's documented request bodies of Create (both
// examples) and Update, each with the Go value that stands for it.
var pageBodies = []struct {
	name string
	v    EnvironmentVariable
	page string
}{
	{"create global",
		EnvironmentVariable{Name: "API_KEY", Description: "API Key for external service", Global: true,
			GlobalValue: Ptr(Secret("secret-api-key-12345")), Secret: true},
		`{"name":"API_KEY","description":"API Key for external service","global":true,"globalValue":"secret-api-key-12345","globalVisible":false}`},
	{"create per environment",
		EnvironmentVariable{Name: "API_BASE_URL", Description: "Base URL for API calls", Values: []EnvironmentValue{
			{EnvironmentName: "production", Value: Ptr(Secret("https://api.production.example.com"))},
			{EnvironmentName: "staging", Value: Ptr(Secret("https://api.staging.example.com"))}}},
		`{"name":"API_BASE_URL","description":"Base URL for API calls","global":false,"environmentValueList":[
			{"environmentName":"production","value":"https://api.production.example.com","visible":true},
			{"environmentName":"staging","value":"https://api.staging.example.com","visible":true}]}`},
	{"update",
		EnvironmentVariable{Name: "API_BASE_URL", Description: "Updated base URL", Values: []EnvironmentValue{
			{EnvironmentName: "production", Value: Ptr(Secret("https://new-api.production.example.com"))}}},
		`{"name":"API_BASE_URL","description":"Updated base URL","global":false,"environmentValueList":[
			{"environmentName":"production","value":"https://new-api.production.example.com","visible":true}]}`},
}

// TestVariableBodiesAreThePages: the Go value of each documented body
// sends every member the page sends, with its value; what it adds is
// what the page leaves to its default (null values, globalVisible true).
func TestVariableBodiesAreThePages(t *testing.T) {
	defaults := map[string]any{"globalValue": nil, "globalVisible": true, "environmentValueList": nil}
	for _, b := range pageBodies {
		raw, err := json.Marshal(b.v)
		if err != nil {
			t.Fatal(err)
		}
		var got, want map[string]any
		_ = json.Unmarshal(raw, &got)
		if err := json.Unmarshal([]byte(b.page), &want); err != nil {
			t.Fatal(err)
		}
		for k, v := range want {
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s: %s is %v, the page sends %v", b.name, k, got[k], v)
			}
		}
		for k, v := range got {
			if _, onPage := want[k]; !onPage && !reflect.DeepEqual(v, defaults[k]) {
				t.Errorf("%s: sends %s %v, which the page leaves to its default %v", b.name, k, v, defaults[k])
			}
		}
	}
}

// TestVariableValuesKeepOrClear: a nil value is sent as null (the update
// pages: keep the stored value), a pointer to "" as "" (clear it).
func TestVariableValuesKeepOrClear(t *testing.T) {
	for _, tc := range []struct {
		value *Secret
		want  string
	}{{nil, "null"}, {Ptr(Secret("")), `""`}, {Ptr(Secret("v")), `"v"`}} {
		raw, _ := json.Marshal(EnvironmentVariable{Name: "K", Global: true, GlobalValue: tc.value})
		if !strings.Contains(string(raw), `"globalValue":`+tc.want+",") {
			t.Errorf("global value %v: %s, want globalValue %s", tc.value, raw, tc.want)
		}
		raw, _ = json.Marshal(EnvironmentVariable{Name: "K", Values: []EnvironmentValue{{EnvironmentName: "prod", Value: tc.value, Secret: true}}})
		if !strings.Contains(string(raw), `{"environmentName":"prod","value":`+tc.want+`,"visible":false}`) {
			t.Errorf("environment value %v: %s, want value %s", tc.value, raw, tc.want)
		}
	}
}

// TestVariableReadsNeverHoldASecret: the 2025 List example prints a
// secret's value; it reads as nil with Secret true. A missing visible
// (the table's default false) reads as a secret too.
func TestVariableReadsNeverHoldASecret(t *testing.T) {
	var env struct{ ResultList []EnvironmentVariable }
	if err := json.Unmarshal(fixture(t, "2025/list_envvars.json"), &env); err != nil {
		t.Fatal(err)
	}
	if len(env.ResultList) != 2 {
		t.Fatalf("%d variables", len(env.ResultList))
	}
	key, url := env.ResultList[1], env.ResultList[0]
	if key.Name != "API_KEY" || !key.Secret || key.GlobalValue != nil {
		t.Errorf("the secret reads %+v (value set: %v)", key, key.GlobalValue != nil)
	}
	if len(url.Values) != 2 || url.Values[0].Value == nil || string(*url.Values[0].Value) != "https://api.production.example.com" || url.Values[0].Secret {
		t.Errorf("a visible value reads %+v", url.Values)
	}
	var v EnvironmentVariable
	_ = json.Unmarshal([]byte(`{"name":"K","environmentValueList":[{"environmentName":"prod","value":"x"}]}`), &v)
	if !v.Values[0].Secret || v.Values[0].Value != nil {
		t.Errorf("a value without visible reads %+v", v.Values[0])
	}
}

// TestVariablesNeverPrintTheirValues prints each new type that holds a
// value with every verb, and logs a failed call at Debug whose answer
// quotes the value sent.
func TestVariablesNeverPrintTheirValues(t *testing.T) {
	const secret = "hunter2-never-printed"
	v := EnvironmentVariable{Name: "DB_PASSWORD", Global: true, GlobalValue: Ptr(Secret(secret)), Secret: true,
		Values: []EnvironmentValue{{EnvironmentName: "prod", Value: Ptr(Secret(secret))}}}
	for _, x := range []any{v, &v, v.Values[0], &v.Values[0], v.Values, []EnvironmentVariable{v}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if out := fmt.Sprintf(verb, x); strings.Contains(out, secret) || !strings.Contains(out, "[redacted]") {
				t.Errorf("%T with %s: %s", x, verb, out)
			}
		}
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	logger.Info("variable", "v", v, "value", v.Values[0])
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("variable", "v", v, "value", v.Values[0], "ptr", &v.Values[0])
	for _, d := range dialects {
		body := []byte(`{"error":"bad_request","error_description":"Value ` + secret + ` is not allowed!"}`)
		if d == "2026" {
			body = []byte(`{"status":"FAILURE","resultMessage":"Value ` + secret + ` is not allowed!"}`)
		}
		c, seen := mockAnswer(t, 400, body)
		c.logger = logger
		_, err := c.CreateEnvironmentVariable(context.Background(), "P", &EnvironmentVariable{Name: "DB_PASSWORD", Global: true,
			GlobalValue: Ptr(Secret(secret)), Secret: true})
		if err == nil || strings.Contains(fmt.Sprintf("%v %+v %#v %s", err, err, err, err), secret) {
			t.Errorf("%s: error %v shows the value", d, err)
		}
		if len(*seen) != 1 || !bytes.Contains((*seen)[0].body, []byte(secret)) {
			t.Errorf("%s: the value was not sent", d)
		}
	}
	if strings.Contains(logs.String(), secret) || !strings.Contains(logs.String(), "apinizer: attempt") {
		t.Errorf("the log shows the value, or holds no attempt:\n%s", logs.String())
	}
}
