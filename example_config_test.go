package apinizer_test

import (
	"context"
	"fmt"
	"log"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// Configure CORS and a circuit breaker, then redeploy: the settings are
// saved first (nil DeployTo), the Manager flags the environment as
// needing a redeploy, and one deploy takes both to the gateways.
func ExampleClient_UpdateAPIProxySettings() {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject", "production")
	fake.AddAPIProxyFrom("MyProject", apinizertest.APIProxySeed{Name: "petstore-api", DeployedTo: []string{"production"}})
	client := fake.Client()
	ctx := context.Background()

	cors := apinizer.CORSSettings{
		Name:         "petstore-cors",
		CORSActive:   apinizer.Ptr(true),
		AllowOrigins: []string{"https://app.example.com"},
		AllowMethods: []apinizer.HTTPMethod{apinizer.HTTPMethodGet, apinizer.HTTPMethodPost},
	}
	breaker := apinizer.CircuitBreakerSettings{
		CircuitBreakerEnabled: apinizer.Ptr(true),
		ErrorThresholdType:    apinizer.ErrorThresholdPercent,
		ErrorThresholdValue:   apinizer.Ptr(50),
		ErrorWindow:           apinizer.Ptr(30),
		SleepWindow:           apinizer.Ptr(60),
	}
	for _, s := range []apinizer.Settings{cors, breaker} {
		if _, err := client.UpdateAPIProxySettings(ctx, "MyProject", "petstore-api", s, nil); err != nil {
			log.Fatal(err)
		}
	}
	proxy, err := client.GetAPIProxy(ctx, "MyProject", "petstore-api", nil)
	if err != nil {
		log.Fatal(err)
	}
	dep, _ := proxy.Deployment("production")
	fmt.Println("redeploy required:", dep.RedeployRequired)

	resp, err := client.DeployAPIProxy(ctx, "MyProject", "petstore-api", "production", nil)
	if err != nil {
		log.Fatal(err) // a *DeploymentError: saved, but not on the gateways
	}
	fmt.Println("deployed:", resp.DeploymentResult.Success)
	proxy, _ = client.GetAPIProxy(ctx, "MyProject", "petstore-api", nil)
	dep, _ = proxy.Deployment("production")
	fmt.Println("redeploy required:", dep.RedeployRequired)
	// Output:
	// redeploy required: true
	// deployed: true
	// redeploy required: false
}
