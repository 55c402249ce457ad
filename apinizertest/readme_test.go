package apinizertest_test

// The complete test shown in the README under "Testing your code with
// apinizertest", kept here so that it compiles and passes.

import (
	"context"
	"errors"
	"os"
	"strings"
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

// TestReadmeSeedFormatLoads: the seed document the README shows loads,
// and gives the API proxy it describes.
func TestReadmeSeedFormatLoads(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "The seed format (")
	_, block, ok2 := strings.Cut(after, "```json\n")
	doc, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no seed format block")
	}
	s := apinizertest.NewServer()
	defer s.Close()
	if err := s.LoadSeed(strings.NewReader(doc)); err != nil {
		t.Fatalf("the README's seed: %v", err)
	}
	p, ok := s.APIProxy("MyProject", "petstore-api")
	if dep, _ := p.Deployment("production"); !ok || !dep.Deployed || len(p.Endpoints) != 1 || p.Routing.Addresses[0].Address != "https://petstore.example.com" {
		t.Errorf("the README's proxy: %+v", p)
	}
}
