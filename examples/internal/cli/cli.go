// Package cli holds what the example programs share: connecting to a real
// Manager or to the built-in fake, printing a deployment as a table, and
// turning an error into a message and an exit code.
package cli

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// Env reads an environment variable; os.Getenv in the programs, a map in
// their tests.
type Env func(string) string

// MapEnv is an Env that reads m, for tests.
func MapEnv(m map[string]string) Env { return func(k string) string { return m[k] } }

// Connect returns a client for APINIZER_URL, authenticated with
// APINIZER_TOKEN or APINIZER_USERNAME and APINIZER_PASSWORD. Without
// APINIZER_URL it starts the built-in fake, lets seed fill it, and says so
// on out. The returned stop func closes the fake, if any.
func Connect(env Env, out io.Writer, seed func(*apinizertest.Server)) (client *apinizer.Client, stop func(), err error) {
	base := env("APINIZER_URL")
	if base == "" {
		fake := apinizertest.NewServer()
		seed(fake)
		fmt.Fprintln(out, "Using the built-in fake Apinizer (set APINIZER_URL and APINIZER_TOKEN to use a real Manager).")
		return fake.Client(), fake.Close, nil
	}
	var auth apinizer.Option
	switch {
	case env("APINIZER_TOKEN") != "":
		auth = apinizer.WithToken(env("APINIZER_TOKEN"))
	case env("APINIZER_USERNAME") != "":
		auth = apinizer.WithClientCredentials(env("APINIZER_USERNAME"), env("APINIZER_PASSWORD"))
	default:
		return nil, nil, errors.New("APINIZER_URL is set: set APINIZER_TOKEN, or APINIZER_USERNAME and APINIZER_PASSWORD, too")
	}
	client, err = apinizer.NewClient(base, auth)
	if err != nil {
		return nil, nil, err
	}
	return client, func() {}, nil
}

// PrintDeployment writes one aligned row per environment, and nothing
// when the response lists none.
func PrintDeployment(out io.Writer, resp *apinizer.DeploymentResponse) {
	if len(resp.DeploymentResult.EnvironmentResults) == 0 {
		return
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tRESULT\tMESSAGE")
	for _, env := range resp.DeploymentResult.EnvironmentResults {
		result := "ok"
		if !env.Success {
			result = "FAILED"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", env.EnvironmentName, result, env.Message)
	}
	tw.Flush()
}

// Exit codes of the example programs.
const (
	ExitOK      = 0
	ExitError   = 1 // the change was not made
	ExitPartial = 2 // the change was saved, some environment did not deploy it
)

// Report prints the outcome of a write (the table, and what failed) and
// returns the program's exit code.
func Report(out, errOut io.Writer, what string, resp *apinizer.DeploymentResponse, err error) int {
	if resp != nil {
		PrintDeployment(out, resp)
	}
	switch {
	case err == nil:
		fmt.Fprintf(out, "%s: done.\n", what)
		return ExitOK
	case errors.Is(err, apinizer.ErrDeploymentFailed):
		fmt.Fprintf(errOut, "%s: saved, but it failed in some environments:\n", what)
		for _, env := range resp.DeploymentResult.Failed() {
			fmt.Fprintf(errOut, "  %s: %s\n", env.EnvironmentName, env.Message)
		}
		return ExitPartial
	default:
		return Fail(errOut, what, err)
	}
}

// Fail prints why a step failed (the status, code and description of an
// API error; the error's text otherwise) and returns ExitError.
func Fail(errOut io.Writer, what string, err error) int {
	var apiErr *apinizer.Error
	if errors.As(err, &apiErr) {
		fmt.Fprintf(errOut, "%s failed: status %d, code %s: %s\n", what, apiErr.StatusCode, orNone(apiErr.Code), orNone(apiErr.Description))
	} else {
		fmt.Fprintf(errOut, "%s failed: %v\n", what, err)
	}
	return ExitError
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
