// Command deploy-api-proxy takes an API proxy from an OpenAPI file to the
// gateways: it creates the proxy from the spec, deploys it to every
// environment of the project, prints the deployment table, the invoke
// URLs and what the worker pods say of the route, and exports the proxy
// to a ZIP file. Only with -cleanup does it then undeploy and delete it.
//
// Without APINIZER_URL it runs on the built-in fake Apinizer, seeded with
// project MyProject (environments production and staging) and nothing
// else: the program creates the proxy itself. With APINIZER_URL and
// either APINIZER_TOKEN or APINIZER_USERNAME and APINIZER_PASSWORD it
// calls a real Manager (invoke info and route health need a 2026 one):
//
//	APINIZER_URL=https://apinizer.example.com APINIZER_TOKEN=... \
//		go run ./examples/deploy-api-proxy -project MyProject -name petstore-api \
//		-spec my-openapi.yaml -relative-path /petstore -out petstore-api.zip -cleanup
//
// With -backend URL the proxy's routing addresses are set to that one
// backend before the deploy (else the spec's servers stay the backend).
// Each -env KEY=VALUE and -secret KEY=VALUE sets a global environment
// variable of the project before the deploy (a -secret one is a secret,
// never printed). With -group NAME the proxy joins that group (created
// unless it exists) and the group is deployed instead, which deploys the
// proxy with the other members.
//
// It exits 1 when a step failed: nothing was created, or the steps after
// the failed one did not run (with -cleanup the proxy is still undeployed
// and deleted). It exits 2 when the proxy was saved but some environment
// did not deploy it (or, with -cleanup, did not undeploy it), even if
// every later step succeeded.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// seed fills the built-in fake: a project and its environments only.
func seed(s *apinizertest.Server) { s.AddProject("MyProject", "production", "staging") }

func run(args []string, env cli.Env, out, errOut io.Writer) int {
	flags := flag.NewFlagSet("deploy-api-proxy", flag.ContinueOnError)
	flags.SetOutput(errOut)
	project := flags.String("project", "MyProject", "project `name`")
	name := flags.String("name", "petstore-api", "`name` of the API proxy to create")
	spec := flags.String("spec", defaultSpec(), "OpenAPI 3 `file` to create it from")
	relativePath := flags.String("relative-path", "/petstore", "client route `path` the gateways serve it under")
	outFile := flags.String("out", "", "`file` to export it to (default <name>.zip in the working directory)")
	backend := flags.String("backend", "", "backend `URL` to route to, set before the deploy (default: the spec's servers)")
	group := flags.String("group", "", "API proxy group `name` to create (unless it exists), put the proxy in, and deploy")
	var vars []variable
	var varsErr error
	flags.Var(varFlag{false, &vars, &varsErr}, "env", "environment variable `KEY=VALUE` to set before the deploy (repeatable)")
	flags.Var(varFlag{true, &vars, &varsErr}, "secret", "secret environment variable `KEY=VALUE`, never printed (repeatable)")
	cleanup := flags.Bool("cleanup", false, "undeploy and delete the API proxy at the end (and the group and variables this run created)")
	if err := flags.Parse(args); err != nil {
		return cli.ExitError
	}
	if err := checkBackend(*backend); err != nil {
		return cli.Fail(errOut, "read -backend", err)
	}
	if varsErr != nil {
		return cli.Fail(errOut, "read the variables", varsErr)
	}
	if *outFile == "" {
		*outFile = strings.NewReplacer("/", "_", `\`, "_").Replace(*name) + ".zip"
	}
	specFile, err := os.Open(*spec)
	if err != nil {
		return cli.Fail(errOut, "read the OpenAPI spec", err)
	}
	defer specFile.Close()

	client, stop, err := cli.Connect(env, out, seed)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return cli.ExitError
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := &session{ctx: ctx, client: client, project: *project, name: *name, out: out, errOut: errOut}

	// The environments first: an unknown project fails before anything
	// is created.
	envs, err := client.ListEnvironments(ctx, *project)
	if err != nil {
		return cli.Fail(errOut, "list the environments", err)
	}
	fmt.Fprintf(out, "Creating API proxy %q in project %q from %s, served under %s...\n", *name, *project, *spec, *relativePath)
	_, err = client.CreateAPIProxyFromFile(ctx, *project, &apinizer.APIProxyRequest{
		Name:         *name,
		Description:  "created by the deploy-api-proxy example",
		CreationType: apinizer.CreationOpenAPI,
		ClientRoute:  &apinizer.ClientRoute{RelativePaths: []string{*relativePath}},
	}, apinizer.File{Name: filepath.Base(*spec), Content: specFile})
	if err != nil {
		return cli.Fail(errOut, "create the API proxy", err)
	}
	fmt.Fprintln(out, "Created.")
	var createdGroup bool
	var createdVars []string
	// abort ends the run after a failed step: with -cleanup it first
	// undoes what was made.
	abort := func(code int) int {
		if *cleanup {
			code = worse(code, worse(s.leave(*group, createdGroup, createdVars), s.cleanup(nil)))
		}
		return code
	}
	if *backend != "" {
		// Before the deploy, so the gateways get the new route with it.
		addresses := apinizer.RoutingAddresses{{Address: *backend}}
		if _, err := client.UpdateAPIProxySettings(ctx, *project, *name, addresses, nil); err != nil {
			return abort(cli.Fail(errOut, "set the routing address", err))
		}
		fmt.Fprintf(out, "Routing to %s.\n", *backend)
	}
	code, createdVars := s.setVariables(vars)
	if code == cli.ExitError {
		return abort(code)
	}
	deploy := func(env string) (*apinizer.DeploymentResponse, error) {
		return client.DeployAPIProxy(ctx, *project, *name, env, nil)
	}
	verb := "deploy"
	if *group != "" {
		var c int
		if createdGroup, c = s.joinGroup(*group); c == cli.ExitError {
			return abort(c)
		}
		// The group deploys every member, the new proxy with them.
		verb = "deploy group " + *group
		deploy = func(env string) (*apinizer.DeploymentResponse, error) {
			return client.DeployAPIProxyGroup(ctx, *project, *group, env, nil)
		}
	}

	c, deployed := s.each(verb, names(envs), deploy)
	code = worse(code, c)
	if code != cli.ExitError {
		code = worse(code, s.inspect(envs, *outFile))
	}
	if !*cleanup {
		fmt.Fprintf(out, "\nAPI proxy %q stays in project %q; -cleanup undeploys and deletes it.\n", *name, *project)
		return code
	}
	return worse(code, worse(s.leave(*group, createdGroup, createdVars), s.cleanup(deployed)))
}

// checkBackend refuses a -backend that is not an absolute http or https
// URL, before anything is sent.
func checkBackend(backend string) error {
	if backend == "" {
		return nil
	}
	u, err := url.Parse(backend)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL with a host", backend)
	}
	return nil
}

// session is what every step needs.
type session struct {
	ctx           context.Context
	client        *apinizer.Client
	project, name string
	out, errOut   io.Writer
}

// each (un)deploys the proxy to each environment in turn, prints one
// table for all of them, and returns the exit code and the environments
// where it succeeded. A *DeploymentError (saved, not deployed there) is
// remembered and the next environment tried; any other error stops.
func (s *session) each(verb string, envs []string, call func(env string) (*apinizer.DeploymentResponse, error)) (int, []string) {
	fmt.Fprintf(s.out, "\n== %s: %s\n", verb, cmp.Or(strings.Join(envs, ", "), "no environments"))
	all := &apinizer.DeploymentResponse{Success: true}
	var done []string
	partial := false
	for _, env := range envs {
		resp, err := call(env)
		if resp != nil {
			rows := resp.DeploymentResult.EnvironmentResults
			if len(rows) == 0 { // a Manager that answered without a result: one row of its own
				rows = []apinizer.EnvironmentResult{{EnvironmentName: env, Success: err == nil,
					Message: cmp.Or(resp.DeploymentResult.Message, resp.Message)}}
			}
			all.DeploymentResult.EnvironmentResults = append(all.DeploymentResult.EnvironmentResults, rows...)
		}
		switch {
		case err == nil:
			done = append(done, env)
		case errors.Is(err, apinizer.ErrDeploymentFailed):
			partial = true
		default:
			cli.PrintDeployment(s.out, all)
			return cli.Fail(s.errOut, verb+" to "+env, err), done
		}
	}
	var err error
	if partial {
		all.Success = false
		err = &apinizer.DeploymentError{Response: all}
	}
	return cli.Report(s.out, s.errOut, verb, all, err), done
}

// inspect prints the invoke URLs and the route health, then exports the
// proxy to path.
func (s *session) inspect(envs []apinizer.Environment, path string) int {
	fmt.Fprintf(s.out, "\n== invoke URLs\n")
	infos, err := s.client.GetAPIProxyInvokeInfo(s.ctx, s.project, s.name)
	if err != nil {
		return cli.Fail(s.errOut, "get the invoke info", err)
	}
	tw := tabwriter.NewWriter(s.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tDEPLOYED\tMETHODS\tURL")
	for _, info := range infos {
		urls := info.URLs()
		if len(urls) == 0 {
			urls = []string{"(none)"}
		}
		for _, url := range urls {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", info.EnvironmentName, yesNo(info.Deployed), strings.Join(info.Methods, ","), url)
		}
	}
	tw.Flush()

	fmt.Fprintf(s.out, "\n== route health\n")
	tw = tabwriter.NewWriter(s.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tROUTE\tPODS ACTIVE/RESPONDED\tINCONSISTENT")
	for _, env := range envs {
		h, err := s.client.GetAPIProxyRouteHealth(s.ctx, s.project, s.name, env.Name)
		if err != nil {
			tw.Flush()
			return cli.Fail(s.errOut, "get the route health in "+env.Name, err)
		}
		route := "active"
		if !h.RouteActive {
			route = "not active"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\n", env.Name, route, h.PodsActive, h.PodsResponded, yesNo(h.Inconsistent))
	}
	tw.Flush()

	fmt.Fprintf(s.out, "\n== export\n")
	return s.export(path)
}

// export writes the proxy's export package to path. It writes into a
// temporary file beside path and renames it on success, so a failed
// export leaves neither a partial file nor a clobbered old one. The file
// is readable by its owner only (0600): the package holds the proxy's
// whole configuration.
func (s *session) export(path string) int {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return cli.Fail(s.errOut, "export", err)
	}
	dl, err := s.client.ExportAPIProxy(s.ctx, s.project, s.name, f, nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return cli.Fail(s.errOut, "export", err)
	}
	fmt.Fprintf(s.out, "Wrote %s: %d bytes (the Manager named it %s).\n", path, dl.Size, cmp.Or(dl.Filename, "(no name)"))
	return cli.ExitOK
}

// cleanup undeploys the proxy from the environments that have it, then
// deletes it (which undeploys it from every environment, best effort).
func (s *session) cleanup(deployed []string) int {
	code := cli.ExitOK
	if len(deployed) > 0 {
		code, _ = s.each("undeploy", deployed, func(env string) (*apinizer.DeploymentResponse, error) {
			return s.client.UndeployAPIProxy(s.ctx, s.project, s.name, env, nil)
		})
		if code == cli.ExitError {
			return code
		}
	}
	fmt.Fprintf(s.out, "\n== delete %q\n", s.name)
	resp, err := s.client.DeleteAPIProxy(s.ctx, s.project, s.name)
	return worse(code, cli.Report(s.out, s.errOut, "delete", resp, err))
}

// defaultSpec is the default of -spec: testdata/petstore.yaml next to
// this program. It is looked for in the working directory first (where
// go test runs the test), then beside this source file, whose path the
// compiler records (go run ./examples/deploy-api-proxy from the
// repository root, or from anywhere). A binary built with -trimpath and
// run elsewhere finds neither: give -spec.
func defaultSpec() string {
	const rel = "testdata/petstore.yaml"
	if _, err := os.Stat(rel); err == nil {
		return rel
	}
	if _, src, _, ok := runtime.Caller(0); ok {
		return filepath.Join(filepath.Dir(src), rel)
	}
	return rel
}

// names returns the environments' names.
func names(envs []apinizer.Environment) []string {
	out := make([]string, len(envs))
	for i, e := range envs {
		out[i] = e.Name
	}
	return out
}

// worse returns the worse of two exit codes: an error beats a partial
// deployment, which beats success.
func worse(a, b int) int {
	if a == cli.ExitError || b == cli.ExitError {
		return cli.ExitError
	}
	return max(a, b)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
