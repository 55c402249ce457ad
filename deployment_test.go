package apinizer

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// ok and failed are entries of a decoded result, for the table below.
func ok(env string) EnvironmentResult { return EnvironmentResult{EnvironmentName: env, Success: true} }

func failed(env, msg string) EnvironmentResult {
	return EnvironmentResult{EnvironmentName: env, Message: msg}
}

// TestEveryDeploymentShapeDecodes feeds each documented shape (and the
// undocumented ones a Manager could send) through a write that deploys
// and one that asked for no deployment, and wants the one result and the
// one error each must give.
func TestEveryDeploymentShapeDecodes(t *testing.T) {
	ms := 120 * time.Millisecond
	cases := []struct {
		name, body string
		want       DeploymentResult
		deployErr  bool // a *DeploymentError for a call that deploys
		saveErr    bool // ... and for one that asked for no deployment
		unexpected bool // ErrUnexpectedResponse for both
	}{
		{name: "A", body: `{"success":true,"deploymentResult":{"success":true,"message":"Deployment completed successfully","environmentResults":[{"environmentName":"production","success":true,"message":"Deployed successfully"}]}}`,
			want: DeploymentResult{Success: true, Message: "Deployment completed successfully", EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, Message: "Deployed successfully"}}}},
		{name: "B", body: `{"status":"SUCCESS","deploymentResult":{"success":true,"responseTime":120,"detailList":[{"envName":"production","podName":"w-1","podIp":"10.0.0.1","success":true,"responseTime":120}]}}`,
			want: DeploymentResult{Success: true, ResponseTime: ms, EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, PodName: "w-1", PodIP: "10.0.0.1", ResponseTime: ms}}}},
		{name: "B flat", body: `{"status":"SUCCESS","resultList":null,"resultCount":null,"deploymentResult":{"envName":"production","podName":"","podIp":"","success":true,"detail":"","responseTime":120,"detailList":[]}}`,
			want: DeploymentResult{Success: true, ResponseTime: ms, EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, ResponseTime: ms}}}},
		{name: "B flat failed", body: `{"status":"SUCCESS","deploymentResult":{"envName":"production","success":false,"detail":"Connection refused","detailList":[]}}`,
			want:      DeploymentResult{Message: "Connection refused", EnvironmentResults: []EnvironmentResult{failed("production", "Connection refused")}},
			deployErr: true, saveErr: true},
		{name: "B′", body: `{"status":"SUCCESS","deploymentResult":{"success":true,"detailList":[{"envName":"production","success":true,"detail":"Deployed successfully","responseTime":12}]}}`,
			want: DeploymentResult{Success: true, EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, Message: "Deployed successfully", ResponseTime: 12 * time.Millisecond}}}},
		{name: "B′ saved, not deployed", body: `{"status":"SUCCESS","deploymentResult":{"success":false,"detailList":[]}}`,
			want: DeploymentResult{}, deployErr: true},
		{name: "C", body: `{"success":true,"deploymentResult":{"success":true,"deploymentResults":[{"environmentName":"production","success":true,"message":"Deployment successful"}]}}`,
			want: DeploymentResult{Success: true, EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, Message: "Deployment successful"}}}},
		{name: "C with a failed environment", body: `{"success":true,"deploymentResult":{"success":false,"deploymentResults":[{"environmentName":"production","success":true,"message":"Deployment successful"},{"environmentName":"staging","success":false,"message":"Gateway unreachable"}]}}`,
			want:      DeploymentResult{EnvironmentResults: []EnvironmentResult{{EnvironmentName: "production", Success: true, Message: "Deployment successful"}, failed("staging", "Gateway unreachable")}},
			deployErr: true, saveErr: true},
		{name: "C′", body: `{"success":true,"deploymentResult":{"deploymentResults":[{"environmentName":"prod-env","success":true}]}}`,
			want: DeploymentResult{Success: true, EnvironmentResults: []EnvironmentResult{ok("prod-env")}}},
		{name: "C′ failed", body: `{"success":true,"deploymentResult":{"deploymentResults":[{"environmentName":"prod-env","success":false}]}}`,
			want: DeploymentResult{EnvironmentResults: []EnvironmentResult{failed("prod-env", "")}}, deployErr: true, saveErr: true},
		{name: "D", body: `{"success":true,"deploymentResult":{"deployed":true,"deployedEnvironments":["Production","Staging"],"failedEnvironments":[]}}`,
			want: DeploymentResult{Success: true, EnvironmentResults: []EnvironmentResult{ok("Production"), ok("Staging")}}},
		{name: "D failed", body: `{"success":true,"deploymentResult":{"deployed":false,"deployedEnvironments":["Production"],"failedEnvironments":["Staging"]}}`,
			want:      DeploymentResult{EnvironmentResults: []EnvironmentResult{ok("Production"), failed("Staging", "")}},
			deployErr: true, saveErr: true},
		{name: "D with entries", body: `{"success":true,"deploymentResult":{"deployed":false,"failedEnvironments":[{"environmentName":"Staging","message":"down"}]}}`,
			want: DeploymentResult{EnvironmentResults: []EnvironmentResult{failed("Staging", "down")}}, deployErr: true, saveErr: true},
		{name: "an entry without success", body: `{"success":true,"deploymentResult":{"success":true,"deploymentResults":[{"environmentName":"production","message":"?"}]}}`,
			want: DeploymentResult{Success: true, EnvironmentResults: []EnvironmentResult{failed("production", "?")}}, deployErr: true, saveErr: true},
		{name: "empty", body: `{"success":true,"deploymentResult":{}}`, want: DeploymentResult{}},
		{name: "null", body: `{"status":"SUCCESS","deploymentResult":null}`, want: DeploymentResult{}},
		{name: "unknown shape", body: `{"success":true,"deploymentResult":{"outcome":"all good","targets":["production"]}}`, unexpected: true},
		{name: "result envelope", body: `{"result":{"success":true}}`, want: DeploymentResult{}},
	}
	for _, tt := range cases {
		for _, saveOnly := range []bool{false, true} {
			c, _ := mockAnswer(t, 200, []byte(tt.body))
			resp, err := c.deploy(context.Background(), request{op: removeOp(), args: []string{"P", "u"}, saveOnly: saveOnly})
			wantErr := tt.deployErr
			if saveOnly {
				wantErr = tt.saveErr
			}
			switch {
			case tt.unexpected:
				if !errors.Is(err, ErrUnexpectedResponse) || resp != nil {
					t.Errorf("%s: %v, %v; want ErrUnexpectedResponse", tt.name, resp, err)
				}
				continue
			case wantErr != errors.Is(err, ErrDeploymentFailed) || (err != nil && !wantErr):
				t.Errorf("%s (save only %v): error %v, want a *DeploymentError: %v", tt.name, saveOnly, err, wantErr)
			}
			if resp == nil || !resp.Success || !reflect.DeepEqual(resp.DeploymentResult, tt.want) {
				t.Errorf("%s: %+v\nwant %+v", tt.name, resp, tt.want)
			}
		}
	}
}

// TestEveryEnvelopeDecodes: the success and failure envelopes of every
// page, on a write.
func TestEveryEnvelopeDecodes(t *testing.T) {
	for _, body := range []string{`{"success":true}`, `{"status":"SUCCESS"}`, `{"result":{"success":true}}`, `{"status":"success"}`} {
		c, _ := mockAnswer(t, 200, []byte(body))
		if resp, err := c.RemoveJWKValidation(context.Background(), "P", "u"); err != nil || !resp.Success {
			t.Errorf("%s: %v", body, err)
		}
	}
	for _, tt := range []struct {
		status int
		body   string
		is     error
	}{
		{400, `{"status":"FAIL","message":"LLM provider (name: openai-prod) was not found in project!"}`, ErrNotFound},
		{400, `{"status":"FAIL","message":"routingMode value can not be empty! Must be TOOL_EXPOSE or PASSTHROUGH."}`, ErrBadRequest},
		{200, `{"status":"FAIL","message":"Something broke"}`, ErrUnexpectedResponse},
		{200, `{"result":{"success":false}}`, ErrUnexpectedResponse},
	} {
		c, _ := mockAnswer(t, tt.status, []byte(tt.body))
		_, err := c.RemoveJWKValidation(context.Background(), "P", "u")
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tt.is) || (strings.Contains(tt.body, "message") && e.Description == "") {
			t.Errorf("%s: %v; want %v with the message", tt.body, err, tt.is)
		}
	}
}

// TestNotFoundTextsMatchWhateverTheStatus: the pages' not-found texts
// match ErrNotFound (and the API-proxy ones ErrAPIProxyNotFound) as 400,
// 404 or 500, and a 400 carrying one is not ErrBadRequest.
func TestNotFoundTextsMatchWhateverTheStatus(t *testing.T) {
	proxy := []string{
		"ApiProxy (name: MyAPI) was not found!", "ApiProxy with name (petstore-api) is not found!",
		"ApiProxy (MyAPI) is not found or user does not have privilege to access it!", "Api Proxy (petstore-api) is not found!",
		"ApiProxy with name (petstore-api) can not be deployed to Environment(production) because it is not exist!",
		"ApiProxy (name: petstore-api) can not be reparsed because it is not exist. First create it!",
	}
	other := []string{
		"Deploy history with revision (12) is not found for ApiProxy (petstore-api)!",
		"Deploy history with revision (8) is not found for ApiProxyGroup (PaymentAPIGroup)!",
		"Environment variable (API_BASE_URL) is not found!", "Environment variable (name: API_BASE_URL) was not found!",
		"Endpoint with name (/api/users) and HTTP method (GET) is not found!",
		"API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!",
		"Environment (staging) is not found!", "LLM provider (name: openai-prod) was not found in project!",
		"LLM_PROVIDER object(s) not found in this project: openai-staging",
		"Connection with name 'non-existent-connection' not found in the environment!",
		"Method (/pets) is not found in ApiProxy!", "Traffic log settings not found",
	}
	for _, text := range append(proxy, other...) {
		for _, status := range []int{400, 404, 500} {
			e := &Error{StatusCode: status, Description: text}
			isProxy := slicesContains(proxy, text)
			if !errors.Is(e, ErrNotFound) || errors.Is(e, ErrAPIProxyNotFound) != isProxy || errors.Is(e, ErrBadRequest) {
				t.Errorf("%d %q: NotFound %v, APIProxyNotFound %v (want %v), BadRequest %v", status, text,
					errors.Is(e, ErrNotFound), errors.Is(e, ErrAPIProxyNotFound), isProxy, errors.Is(e, ErrBadRequest))
			}
		}
	}
	for _, text := range []string{"ApiProxy (name: petstore-api) is already exist!", "Environment variable (name: API_KEY) already exists!",
		"ApiProxyGroup: (PaymentAPIGroup) is already created! If you want to udate it use update endpoint!"} {
		if e := (&Error{StatusCode: 400, Description: text}); !errors.Is(e, ErrAlreadyExists) || !errors.Is(e, ErrConflict) || errors.Is(e, ErrNotFound) {
			t.Errorf("%q: want ErrAlreadyExists", text)
		}
	}
	for _, text := range []string{"User does not have required permission to deploy/undeploy API Proxy!",
		"User does not have required EXPORT_IMPORT permission for IDENTITY (object: partner-credential)!"} {
		if e := (&Error{StatusCode: 400, Description: text}); !errors.Is(e, ErrForbidden) || errors.Is(e, ErrBadRequest) {
			t.Errorf("%q: want ErrForbidden and not ErrBadRequest", text)
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
