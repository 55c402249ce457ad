// Command remove-jwk-validation removes the JWK a credential uses for
// validation and signing, and prints each environment's deployment result.
//
// Without APINIZER_URL it runs on the built-in fake Apinizer, seeded with
// project MyProject (production, staging) and credential api-user holding
// JWK my-jwk. With APINIZER_URL and APINIZER_TOKEN it calls a real Manager:
//
//	APINIZER_URL=https://apinizer.example.com APINIZER_TOKEN=... \
//		go run ./examples/remove-jwk-validation -project MyProject -username api-user
//
// It exits 1 when the removal failed and 2 when it was saved but some
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
	flags := flag.NewFlagSet("remove-jwk-validation", flag.ContinueOnError)
	flags.SetOutput(errOut)
	project := flags.String("project", "MyProject", "project `name`")
	username := flags.String("username", "api-user", "credential `username`")
	if err := flags.Parse(args); err != nil {
		return cli.ExitError
	}
	client, stop, err := cli.Connect(env, out, func(s *apinizertest.Server) {
		s.AddProject("MyProject", "production", "staging")
		s.AddCredential("MyProject", "api-user")
		s.AddJWK("MyProject", "my-jwk")
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "my-jwk")
	})
	if err != nil {
		fmt.Fprintln(errOut, err)
		return cli.ExitError
	}
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fmt.Fprintf(out, "Removing the validation JWK of credential %q in project %q...\n", *username, *project)
	resp, err := client.RemoveJWKValidation(ctx, *project, *username)
	return cli.Report(out, errOut, "remove JWK validation", resp, err)
}
