package apinizertest_test

// The complete test shown in the README under "Testing your code with
// apinizertest", kept here so that it compiles and passes.

import (
	"context"
	"errors"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func TestReadmeRemoveValidationJWK(t *testing.T) {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("MyProject", "production", "staging")
	srv.AddCredential("MyProject", "api-user")
	srv.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	srv.FailNext(1, 503) // the client retries it

	client := srv.Client() // or apinizer.NewClient(srv.URL(), apinizer.WithToken(srv.Token()))
	if _, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user"); err != nil {
		t.Fatal(err)
	}
	if jwk, ok := srv.Assigned("MyProject", "api-user", apinizertest.UseValidation); ok {
		t.Errorf("still assigned: %s", jwk)
	}
	_, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if !errors.Is(err, apinizer.ErrBadRequest) {
		t.Errorf("removing twice: %v", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests", n)
	}
}
