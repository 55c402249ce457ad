// Command rotate-jwk assigns a new validation JWK to a credential, prints
// the deployment table, then removes the credential's encryption JWK.
//
// Without APINIZER_URL it runs on the built-in fake Apinizer. With
// APINIZER_URL and either APINIZER_TOKEN or APINIZER_USERNAME and
// APINIZER_PASSWORD it calls a real Manager:
//
//	APINIZER_URL=https://apinizer.example.com APINIZER_USERNAME=ci-bot APINIZER_PASSWORD=... \
//		go run ./examples/rotate-jwk -project MyProject -username api-user -jwk new-jwk
//
// It exits 1 when a step failed and 2 when a step was saved but some
// environment did not deploy it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

func run(args []string, env cli.Env, out, errOut io.Writer) int {
	flags := flag.NewFlagSet("rotate-jwk", flag.ContinueOnError)
	flags.SetOutput(errOut)
	project := flags.String("project", "MyProject", "project `name`")
	username := flags.String("username", "api-user", "credential `username`")
	jwk := flags.String("jwk", "signing-2026", "`name` of the new validation JWK")
	if err := flags.Parse(args); err != nil {
		return cli.ExitError
	}
	client, stop, err := cli.Connect(env, out, func(s *apinizertest.Server) {
		s.AddProject("MyProject", "production", "staging")
		s.AddJWK("MyProject", "signing-2025")
		s.AddJWK("MyProject", "signing-2026")
		s.AddJWK("MyProject", "encryption-2025")
		s.AddCredential("MyProject", "api-user")
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "signing-2025")
		s.AssignJWK("MyProject", "api-user", apinizertest.UseEncryption, "encryption-2025")
	})
	if err != nil {
		fmt.Fprintln(errOut, err)
		return cli.ExitError
	}
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fmt.Fprintf(out, "Assigning validation JWK %q to credential %q in project %q...\n", *jwk, *username, *project)
	resp, err := client.SetJWKValidation(ctx, *project, *username, *jwk)
	if code := cli.Report(out, errOut, "set JWK validation", resp, err); code != cli.ExitOK {
		return code
	}
	fmt.Fprintf(out, "\nRemoving the encryption JWK of credential %q...\n", *username)
	resp, err = client.RemoveJWKEncryption(ctx, *project, *username)
	return cli.Report(out, errOut, "remove JWK encryption", resp, err)
}
