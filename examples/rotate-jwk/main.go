// Command rotate-jwk rotates a credential's signing key: it has the Manager
// generate a new JWK, assigns it to the credential's validation slot
// (replacing the old one), prints each deployment table, and deletes the
// old JWK only when asked with -delete-old and only once the new one is
// deployed everywhere.
//
// Without APINIZER_URL it runs on the built-in fake Apinizer. With
// APINIZER_URL and either APINIZER_TOKEN or APINIZER_USERNAME and
// APINIZER_PASSWORD it calls a real Manager:
//
//	APINIZER_URL=https://apinizer.example.com APINIZER_USERNAME=ci-bot APINIZER_PASSWORD=... \
//		go run ./examples/rotate-jwk -project MyProject -username api-user -new signing-2027 -old signing-2026 -delete-old
//
// The API has no way to read which JWK a slot holds, so the old one is
// named with -old. It exits 1 when a step failed and 2 when a step was
// saved but some environment did not deploy it (later steps then do not run).
package main

import (
	"context"
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
	flags := flag.NewFlagSet("rotate-jwk", flag.ContinueOnError)
	flags.SetOutput(errOut)
	project := flags.String("project", "MyProject", "project `name`")
	username := flags.String("username", "api-user", "credential `username`")
	newJWK := flags.String("new", "signing-2027", "`name` of the JWK to generate")
	keySize := flags.Int("key-size", 2048, "RSA key size in `bits`")
	oldJWK := flags.String("old", "", "`name` of the JWK being replaced (needed for -delete-old)")
	deleteOld := flags.Bool("delete-old", false, "delete the old JWK once the new one is deployed everywhere")
	if err := flags.Parse(args); err != nil {
		return cli.ExitError
	}
	if *deleteOld && *oldJWK == "" {
		fmt.Fprintln(errOut, "-delete-old needs -old: the API cannot tell which JWK the slot held")
		return cli.ExitError
	}
	client, stop, err := cli.Connect(env, out, func(s *apinizertest.Server) {
		s.AddProject("MyProject", "production", "staging")
		s.AddJWK("MyProject", "signing-2026")
		s.AddCredential("MyProject", "api-user")
		s.AssignJWK("MyProject", "api-user", apinizertest.UseValidation, "signing-2026")
	})
	if err != nil {
		fmt.Fprintln(errOut, err)
		return cli.ExitError
	}
	defer stop()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fmt.Fprintf(out, "Generating RSA-%d JWK %q in project %q...\n", *keySize, *newJWK, *project)
	resp, err := client.GenerateJWK(ctx, *project, &apinizer.GenerateJWKRequest{
		Name: *newJWK, Type: apinizer.KeyTypeRSA,
		RSA: &apinizer.GenerateRSA{KeySize: *keySize, KeyUse: apinizer.KeyUseSignature, Algorithm: "RSA256"},
	})
	if code := cli.Report(out, errOut, "generate JWK", resp, err); code != cli.ExitOK {
		return code
	}
	fmt.Fprintf(out, "\nAssigning %q to the validation slot of credential %q...\n", *newJWK, *username)
	resp, err = client.SetJWKValidation(ctx, *project, *username, *newJWK)
	if code := cli.Report(out, errOut, "set JWK validation", resp, err); code != cli.ExitOK || !*deleteOld {
		return code
	}
	fmt.Fprintf(out, "\nDeleting the old JWK %q...\n", *oldJWK)
	resp, err = client.DeleteJWK(ctx, *project, *oldJWK)
	return cli.Report(out, errOut, "delete old JWK", resp, err)
}
