// Command onboard-client sets up a new API client end to end: it creates a
// credential, grants it access to an API proxy, has the Manager generate a
// signing JWK for it and assigns that JWK to the credential's validation
// slot, printing each step's deployment table and a summary.
//
// Without APINIZER_URL it runs on the built-in fake Apinizer. With
// APINIZER_URL and either APINIZER_TOKEN or APINIZER_USERNAME and
// APINIZER_PASSWORD it calls a real Manager:
//
//	APINIZER_URL=https://apinizer.example.com APINIZER_TOKEN=... CLIENT_PASSWORD=... \
//		go run ./examples/onboard-client -project MyProject -username billing-service \
//		-email billing@example.com -api PaymentAPI
//
// The new credential's password is read from CLIENT_PASSWORD; without it
// a random one is generated and not shown (set one later with
// ChangeCredentialPassword). It exits 1 when a step failed (the steps
// after it do not run), and 2 when every step ran but something was saved
// without being deployed everywhere.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

func run(args []string, env cli.Env, out, errOut io.Writer) int {
	flags := flag.NewFlagSet("onboard-client", flag.ContinueOnError)
	flags.SetOutput(errOut)
	project := flags.String("project", "MyProject", "project `name`")
	username := flags.String("username", "billing-service", "`username` of the new credential")
	email := flags.String("email", "billing@example.com", "credential e-mail `address`")
	fullName := flags.String("full-name", "Billing service", "credential full `name`")
	api := flags.String("api", "PaymentAPI", "`name` of the API proxy to grant access to")
	jwk := flags.String("jwk", "", "`name` of the JWK to generate (default <username>-signing)")
	if err := flags.Parse(args); err != nil {
		return cli.ExitError
	}
	if *jwk == "" {
		*jwk = *username + "-signing"
	}
	password, generated := apinizer.Secret(env("CLIENT_PASSWORD")), false
	if password == "" {
		password, generated = randomPassword(), true
	}
	client, stop, err := cli.Connect(env, out, func(s *apinizertest.Server) {
		s.AddProject("MyProject", "production", "staging")
		s.AddAPIProxy("MyProject", "PaymentAPI")
	})
	if err != nil {
		fmt.Fprintln(errOut, err)
		return cli.ExitError
	}
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	steps := []struct {
		title string
		do    func() (*apinizer.DeploymentResponse, error)
	}{
		{fmt.Sprintf("create credential %q", *username), func() (*apinizer.DeploymentResponse, error) {
			return client.CreateCredential(ctx, *project, &apinizer.CredentialRequest{
				Username: *username, Email: *email, FullName: *fullName, Password: password,
				Description: "onboarded by onboard-client"})
		}},
		{fmt.Sprintf("grant access to API proxy %q", *api), func() (*apinizer.DeploymentResponse, error) {
			return client.GrantAccess(ctx, *project, *username, apinizer.Access{Name: *api, Type: apinizer.AccessAPIProxy})
		}},
		{fmt.Sprintf("generate JWK %q", *jwk), func() (*apinizer.DeploymentResponse, error) {
			return client.GenerateJWK(ctx, *project, &apinizer.GenerateJWKRequest{Name: *jwk, Type: apinizer.KeyTypeRSA,
				RSA: &apinizer.GenerateRSA{KeySize: 2048, KeyUse: apinizer.KeyUseSignature, Algorithm: "RSA256"}})
		}},
		{fmt.Sprintf("assign JWK %q for validation", *jwk), func() (*apinizer.DeploymentResponse, error) {
			return client.SetJWKValidation(ctx, *project, *username, *jwk)
		}},
	}
	worst := cli.ExitOK
	var done []string
	for _, step := range steps {
		fmt.Fprintf(out, "\n== %s\n", step.title)
		resp, err := step.do()
		code := cli.Report(out, errOut, step.title, resp, err)
		if code == cli.ExitError {
			summary(out, *project, done, generated)
			return code
		}
		worst = max(worst, code)
		done = append(done, step.title)
	}
	summary(out, *project, done, generated)
	return worst
}

// summary says what was done.
func summary(out io.Writer, project string, done []string, generated bool) {
	fmt.Fprintf(out, "\nDone in project %q:\n", project)
	for _, d := range done {
		fmt.Fprintf(out, "  - %s\n", d)
	}
	if len(done) > 0 && generated {
		fmt.Fprintln(out, "The password was generated and is not shown; set CLIENT_PASSWORD to choose one.")
	}
}

// randomPassword returns 24 random bytes, base64url-encoded.
func randomPassword() apinizer.Secret {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return apinizer.Secret(base64.RawURLEncoding.EncodeToString(b))
}
