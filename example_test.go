package apinizer_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func ExampleNewClient() {
	fake := apinizertest.NewServer() // stands in for https://apinizer.example.com
	defer fake.Close()

	client, err := apinizer.NewClient(fake.URL(),
		apinizer.WithToken(fake.Token()),
		apinizer.WithRetryMax(5),
		apinizer.WithRetryWait(200*time.Millisecond, 10*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client

	_, err = apinizer.NewClient("http://apinizer.example.com", apinizer.WithToken("t"))
	fmt.Println(errors.Is(err, apinizer.ErrInsecureBaseURL))
	// Output: true
}

func ExampleClient_RemoveJWKValidation() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject", "production", "staging")
	fake.AddCredential("MyProject", "api-user")
	fake.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")

	client, err := apinizer.NewClient(fake.URL(), apinizer.WithToken(fake.Token()))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.RemoveJWKValidation(context.Background(), "MyProject", "api-user")
	if err != nil {
		log.Fatal(err)
	}
	for _, env := range resp.DeploymentResult.EnvironmentResults {
		fmt.Printf("%s: %v (%s)\n", env.EnvironmentName, env.Success, env.Message)
	}
	// Output:
	// production: true (Deployed successfully)
	// staging: true (Deployed successfully)
}

func ExampleClient_SetJWKValidation() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject")
	fake.AddCredential("MyProject", "api-user")
	fake.AddJWK("admin", "shared-jwk") // admin JWKs can be assigned in every project

	client := fake.Client()
	_, err := client.SetJWKValidation(context.Background(), "MyProject", "api-user", "shared-jwk")
	fmt.Println(err)
	jwk, _ := fake.Assigned("MyProject", "api-user", apinizertest.UseValidation)
	fmt.Println(jwk)
	// Output:
	// <nil>
	// shared-jwk
}

// Errors are typed: errors.Is branches on categories, errors.As reads the
// API's code and description, and a partial deployment keeps its response.
func Example_errorHandling() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject")
	fake.AddCredential("MyProject", "api-user")
	fake.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	fake.FailEnvironment("MyProject", "staging", "Gateway unreachable")
	client := fake.Client()
	ctx := context.Background()

	_, err := client.RemoveJWKValidation(ctx, "MyProject", "nobody")
	fmt.Println(errors.Is(err, apinizer.ErrCredentialNotFound))

	var apiErr *apinizer.Error
	if _, err := client.RemoveJWKValidation(ctx, "Nope", "api-user"); errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, errors.Is(err, apinizer.ErrProjectNotFound))
	}

	resp, err := client.RemoveJWKValidation(ctx, "MyProject", "api-user")
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		// Test the context first: a deadline during a retry's wait also
		// matches the last attempt's ErrServer (and an http.Client.Timeout
		// reads as context.DeadlineExceeded too).
		fmt.Println("gave up:", err)
	case errors.Is(err, apinizer.ErrDeploymentFailed):
		for _, env := range resp.DeploymentResult.Failed() {
			fmt.Printf("saved, but %s failed: %s\n", env.EnvironmentName, env.Message)
		}
	case errors.Is(err, apinizer.ErrServer):
		fmt.Println("the Manager failed:", err)
	}

	fake.FailNext(1, 503)
	slow, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = fake.Client(apinizer.WithRetryWait(time.Minute, time.Minute)).ListJWKs(slow, "MyProject")
	fmt.Println(errors.Is(err, context.DeadlineExceeded), errors.Is(err, apinizer.ErrServer))
	// Output:
	// true
	// 404 not_found true
	// saved, but staging failed: Gateway unreachable
	// true true
}

func ExampleClient_ListCredentials() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	for _, u := range []string{"carol", "alice", "bob"} {
		fake.AddProject("MyProject")
		fake.AddCredential("MyProject", u)
	}
	creds, err := fake.Client().ListCredentials(context.Background(), "MyProject",
		&apinizer.ListOptions{Size: 2, Sort: "username,asc"})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range creds {
		fmt.Println(c.Username, c.Enabled)
	}
	// Output:
	// alice true
	// bob true
}

func ExampleWithClientCredentials() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddUser("ci-bot", "its-password")
	fake.AddProject("MyProject")
	fake.AddCredential("MyProject", "api-user")
	fake.AddJWK("MyProject", "enc-jwk")

	client, err := apinizer.NewClient(fake.URL(), apinizer.WithClientCredentials("ci-bot", "its-password"))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.SetJWKEncryption(context.Background(), "MyProject", "api-user", "enc-jwk")
	fmt.Println(resp.Success, err)
	// Output: true <nil>
}
