package apinizer_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func ExampleClient_CreateCredential() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject", "production", "staging")
	client := fake.Client()

	cred := &apinizer.CredentialRequest{
		Username:  "billing-service",
		Email:     "billing@example.com",
		FullName:  "Billing service",
		Password:  apinizer.Secret("correct-horse-battery"),
		RoleNames: []string{"API_USER"},
	}
	resp, err := client.CreateCredential(context.Background(), "MyProject", cred)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.DeploymentResult.Message)
	fmt.Printf("%+v\n", cred.Password) // a Secret never prints

	// Usernames are unique across all projects.
	_, err = client.CreateCredential(context.Background(), "MyProject", cred)
	fmt.Println(errors.Is(err, apinizer.ErrAlreadyExists))
	// Output:
	// Deployment completed successfully
	// [redacted]
	// true
}

func ExampleClient_GenerateJWK() {
	fake := apinizertest.NewServer(apinizertest.WithDialect(apinizertest.Dialect2026))
	defer fake.Close()
	fake.AddProject("MyProject")
	client := fake.Client()

	_, err := client.GenerateJWK(context.Background(), "MyProject", &apinizer.GenerateJWKRequest{
		Name: "signing-2027",
		KID:  "signing-2027",
		Type: apinizer.KeyTypeEC,
		EC:   &apinizer.GenerateEC{CurveType: "P256", KeyUse: apinizer.KeyUseSignature, Algorithm: "ES256"},
	})
	if err != nil {
		log.Fatal(err)
	}
	jwk, err := client.GetJWK(context.Background(), "MyProject", "signing-2027")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(jwk.Name, jwk.Type, jwk.KID, jwk.SourceType)
	fmt.Println(jwk.Material)                 // key material never prints
	fmt.Println(len(jwk.Material.JSON()) > 0) // JSON() is the one way to it
	// Output:
	// signing-2027 EC signing-2027 GENERATE
	// [redacted]
	// true
}

func ExampleClient_GrantAccess() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject")
	fake.AddCredential("MyProject", "billing-service")
	fake.AddAPIProxy("MyProject", "PaymentAPI")
	client := fake.Client()

	ctx := context.Background()
	_, err := client.GrantAccess(ctx, "MyProject", "billing-service",
		apinizer.Access{Name: "PaymentAPI", Type: apinizer.AccessAPIProxy})
	if err != nil {
		log.Fatal(err)
	}
	grants, err := client.ListAccess(ctx, "MyProject", "billing-service")
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range grants {
		fmt.Println(g.Name, g.Type)
	}

	// An API proxy that does not exist is refused, and nothing is granted.
	_, err = client.GrantAccess(ctx, "MyProject", "billing-service",
		apinizer.Access{Name: "NoSuchAPI", Type: apinizer.AccessAPIProxy})
	var apiErr *apinizer.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Description)
	}
	// Output:
	// PaymentAPI API_PROXY
	// 400 API Proxy (name:NoSuchAPI) is not found or user does not have privilege to access it!
}
