package apinizer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var allSentinels = []error{
	ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer,
	ErrProjectNotFound, ErrCredentialNotFound, ErrJWKNotFound, ErrAlreadyExists, ErrNotAssigned,
	ErrInvalidArgument, ErrInsecureBaseURL, ErrUnexpectedResponse, ErrDeploymentFailed,
}

func TestErrorIsMatchesExactlyItsCategories(t *testing.T) {
	const (
		cred    = "Credential (username: api-user) was not found!"
		jwk     = "JWK (name: my-jwk) is not found!"
		project = "Project(MyProject) was not found or user does not have privilege to access it!"
	)
	tests := []struct {
		status int
		desc   string
		want   []error
	}{
		{200, "", []error{ErrUnexpectedResponse}},
		{302, "", []error{ErrUnexpectedResponse}},
		{400, "anything", []error{ErrBadRequest}},
		{400, cred, []error{ErrBadRequest, ErrCredentialNotFound, ErrNotFound}},
		{400, jwk, []error{ErrBadRequest, ErrJWKNotFound, ErrNotFound}},
		{400, project, []error{ErrProjectNotFound, ErrNotFound}}, // texts match whatever the status
		{400, "Project (MyProject) is not found!", []error{ErrProjectNotFound, ErrNotFound}},
		{400, "Project (MyProject) is not found or user does not have privilege to access it!", []error{ErrProjectNotFound, ErrNotFound}},
		{400, "Project not found for name: (MyProject) or user has not privilege to access it!", []error{ErrProjectNotFound, ErrNotFound}},
		{400, "User does not have required permission for this operation!", []error{ErrForbidden}},
		{400, "JWK (name: my-jwk) is already exist! Try update operation if want to change its value.", []error{ErrBadRequest, ErrAlreadyExists, ErrConflict}},
		{400, "There is already a credential has this name!", []error{ErrBadRequest, ErrAlreadyExists, ErrConflict}},
		{400, "This username is already used by another credential. Choose a different username.", []error{ErrBadRequest, ErrAlreadyExists, ErrConflict}},
		{400, "Credential (username:api-user) has already access to API Proxy (name:MyAPI)!", []error{ErrBadRequest, ErrAlreadyExists, ErrConflict}},
		{400, "Credential (username: api-user) does not have a JWK assigned for validation and signing!", []error{ErrBadRequest, ErrNotAssigned}},
		{400, "Credential (username: api-user) does not have a Secret Key assigned!", []error{ErrBadRequest, ErrNotAssigned}},
		{400, "JWK (name: my-jwk) is not found! Try create operation.", []error{ErrBadRequest, ErrJWKNotFound, ErrNotFound}},
		{200, "Credential (username: api-user) was not found!", []error{ErrUnexpectedResponse, ErrCredentialNotFound, ErrNotFound}},
		{401, "Invalid token", []error{ErrUnauthorized}},
		{403, "", []error{ErrForbidden}},
		{404, "", []error{ErrNotFound}},
		{404, project, []error{ErrNotFound, ErrProjectNotFound}},
		{404, cred, []error{ErrNotFound, ErrCredentialNotFound}},
		{405, "", nil},
		{409, "", []error{ErrConflict}},
		{410, "", nil},
		{418, "", nil},
		{422, "", nil},
		{429, "", []error{ErrRateLimited}},
		{500, "", []error{ErrServer}},
		{501, "", []error{ErrServer}},
		{502, "", []error{ErrServer}},
		{503, jwk, []error{ErrServer, ErrJWKNotFound, ErrNotFound}},
		{504, "", []error{ErrServer}},
		{599, "", []error{ErrServer}},
		{400, "Credential (username: x) was not found", []error{ErrBadRequest}}, // no "!": not the documented text
		{400, "No JWK is assigned to credential api-user", []error{ErrBadRequest, ErrNotAssigned}},
		{400, "API Proxy (name:MyAPI) is not found or user does not have privilege to access it!", []error{ErrBadRequest}},
	}
	for _, tt := range tests {
		var err error = fmt.Errorf("wrapped: %w", &Error{StatusCode: tt.status, Description: tt.desc})
		for _, s := range allSentinels {
			want := false
			for _, w := range tt.want {
				want = want || w == s
			}
			if got := errors.Is(err, s); got != want {
				t.Errorf("%d %q: errors.Is(%v) = %v, want %v", tt.status, tt.desc, s, got, want)
			}
		}
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != tt.status {
			t.Errorf("errors.As lost the *Error")
		}
	}
}

func TestDeploymentError(t *testing.T) {
	resp := &DeploymentResponse{Success: true, DeploymentResult: DeploymentResult{
		EnvironmentResults: []EnvironmentResult{
			{EnvironmentName: "production", Success: true, Message: "Deployed successfully"},
			{EnvironmentName: "staging", Success: false, Message: "Gateway unreachable"},
			{EnvironmentName: "dr", Success: false, Message: strings.Repeat("x", 5000)},
		},
	}}
	err := fmt.Errorf("ctx: %w", &DeploymentError{Response: resp})
	for _, s := range allSentinels {
		if got := errors.Is(err, s); got != (s == ErrDeploymentFailed) {
			t.Errorf("errors.Is(%v) = %v", s, got)
		}
	}
	msg := err.Error()
	if !strings.Contains(msg, "2 of 3") || !strings.Contains(msg, "staging: Gateway unreachable") || !strings.Contains(msg, "dr: xxx") {
		t.Errorf("Error() = %q", msg)
	}
	if strings.Contains(msg, "production") || len(msg) > 500 {
		t.Errorf("Error() names a good environment or is %d bytes", len(msg))
	}
	if got := (&DeploymentError{}).Error(); !strings.Contains(got, "deployment failed") {
		t.Errorf("nil response: %q", got)
	}
}

func TestFailedListsOnlyFailedEnvironments(t *testing.T) {
	r := DeploymentResult{EnvironmentResults: []EnvironmentResult{
		{EnvironmentName: "a", Success: true, Message: ""}, {EnvironmentName: "b", Success: false, Message: "x"}, {EnvironmentName: "c", Success: true, Message: ""}, {EnvironmentName: "d", Success: false, Message: "y"},
	}}
	got := r.Failed()
	if len(got) != 2 || got[0].EnvironmentName != "b" || got[1].EnvironmentName != "d" {
		t.Errorf("Failed() = %+v", got)
	}
	if (DeploymentResult{EnvironmentResults: r.EnvironmentResults[:1]}).Failed() != nil {
		t.Error("Failed() of an all-good result is not nil")
	}
}

func TestClipKeepsRunesWhole(t *testing.T) {
	s := strings.Repeat("é", 200)
	got := clip(s)
	if !strings.HasSuffix(got, "…") || strings.ContainsRune(got, '\uFFFD') || len(got) > maxErrorText+len("…") {
		t.Errorf("clip cut badly: %d bytes", len(got))
	}
}

// Error.matched keeps one bit per row of errorTable.
func TestErrorTableFitsTheMatchedBits(t *testing.T) {
	if len(errorTable) > 64 {
		t.Fatalf("errorTable has %d rows; Error.matched holds 64", len(errorTable))
	}
}
