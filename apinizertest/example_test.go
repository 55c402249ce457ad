package apinizertest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func ExampleNewServer() {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("MyProject", "production", "staging")
	srv.AddCredential("MyProject", "api-user")
	srv.AddJWK("MyProject", "my-jwk")

	client, err := apinizer.NewClient(srv.URL(), apinizer.WithToken(srv.Token()))
	if err != nil {
		panic(err)
	}
	if _, err := client.SetJWKValidation(context.Background(), "MyProject", "api-user", "my-jwk"); err != nil {
		panic(err)
	}
	jwk, ok := srv.Assigned("MyProject", "api-user", apinizertest.UseValidation)
	fmt.Println(jwk, ok)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Header.Get("Authorization"))
	}
	// Output:
	// my-jwk true
	// PUT /apiops/projects/MyProject/credentials/api-user/jwk/validation/my-jwk/ [redacted]
}

func ExampleServer_FailNext() {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("MyProject")
	srv.AddCredential("MyProject", "api-user")
	srv.AssignJWK("MyProject", "api-user", apinizertest.UseEncryption, "enc-jwk")

	srv.FailNext(2, 503) // transient: the client retries
	_, err := srv.Client().RemoveJWKEncryption(context.Background(), "MyProject", "api-user")
	fmt.Println(err, len(srv.Requests()))

	srv.FailNext(5, 500) // more than the retries allow
	_, err = srv.Client(apinizer.WithRetryMax(1)).ListCredentials(context.Background(), "MyProject", nil)
	var apiErr *apinizer.Error
	fmt.Println(errors.As(err, &apiErr), apiErr.StatusCode, apiErr.Attempts)
	// Output:
	// <nil> 3
	// true 500 2
}

func ExampleServer_AddToken() {
	srv := apinizertest.NewServer()
	defer srv.Close()
	srv.AddProject("MyProject")
	srv.AddCredential("MyProject", "api-user")
	srv.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	srv.AddToken("manage-only", apinizertest.PermManage) // no PermDeploy

	client, _ := apinizer.NewClient(srv.URL(), apinizer.WithToken("manage-only"))
	resp, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	fmt.Println(errors.Is(err, apinizer.ErrDeploymentFailed))
	for _, env := range resp.DeploymentResult.Failed() {
		fmt.Printf("%s: %s\n", env.EnvironmentName, env.Message)
	}
	_, stillAssigned := srv.Assigned("MyProject", "api-user", apinizertest.UseValidation)
	fmt.Println(stillAssigned)
	// Output:
	// true
	// production: You do not have permission to deploy
	// staging: You do not have permission to deploy
	// false
}
