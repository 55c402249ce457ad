package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/examples/internal/cli"
)

// The optional steps: environment variables set before the deploy (-env,
// -secret), and a group the proxy joins and is deployed with (-group).

// variable is one -env or -secret.
type variable struct {
	key, value string
	secret     bool
}

// varFlag collects repeated KEY=VALUE flags. A malformed one is kept as
// an error naming the flag and never its text, which may be a secret
// (the flag package would print the text back).
type varFlag struct {
	secret bool
	list   *[]variable
	err    *error
}

func (f varFlag) String() string { return "" }

func (f varFlag) Set(s string) error {
	key, value, ok := strings.Cut(s, "=")
	name := map[bool]string{false: "-env", true: "-secret"}[f.secret]
	switch {
	case !ok || strings.TrimSpace(key) == "":
		*f.err = errors.Join(*f.err, fmt.Errorf("%s wants KEY=VALUE (the argument is not shown)", name))
	default:
		*f.list = append(*f.list, variable{key: key, value: value, secret: f.secret})
	}
	return nil
}

// setVariables creates each variable, or updates it when it exists, as a
// global value (a secret one for -secret); each write deploys to every
// environment. It returns the exit code and the variables it created.
func (s *session) setVariables(vars []variable) (int, []string) {
	if len(vars) == 0 {
		return cli.ExitOK, nil
	}
	fmt.Fprintf(s.out, "\n== environment variables\n")
	code := cli.ExitOK
	var created []string
	for _, v := range vars {
		ev := &apinizer.EnvironmentVariable{Name: v.key, Global: true, GlobalValue: apinizer.Ptr(apinizer.Secret(v.value)), Secret: v.secret,
			Description: "set by the deploy-api-proxy example"}
		verb := "created"
		_, err := s.client.CreateEnvironmentVariable(s.ctx, s.project, ev)
		if errors.Is(err, apinizer.ErrAlreadyExists) {
			verb = "updated"
			_, err = s.client.UpdateEnvironmentVariable(s.ctx, s.project, ev)
		}
		kind := ""
		if v.secret {
			kind = " (secret)"
		}
		switch {
		case err == nil:
			fmt.Fprintf(s.out, "%s%s: %s and deployed.\n", v.key, kind, verb)
		case errors.Is(err, apinizer.ErrDeploymentFailed):
			fmt.Fprintf(s.out, "%s%s: %s, not deployed everywhere: %v\n", v.key, kind, verb, err)
			code = cli.ExitPartial
		default:
			return cli.Fail(s.errOut, "set variable "+v.key, err), created
		}
		if verb == "created" {
			created = append(created, v.key)
		}
	}
	return code, created
}

// joinGroup creates the group unless it exists, and adds the proxy. It
// reports whether it created the group.
func (s *session) joinGroup(group string) (bool, int) {
	fmt.Fprintf(s.out, "\n== group %q\n", group)
	_, err := s.client.CreateAPIProxyGroup(s.ctx, s.project, &apinizer.APIProxyGroupRequest{Name: group,
		Description: "created by the deploy-api-proxy example", ClientRoute: apinizer.ClientRoute{RelativePaths: []string{"/" + group}}})
	created := err == nil
	if err != nil && !errors.Is(err, apinizer.ErrAlreadyExists) {
		return false, cli.Fail(s.errOut, "create the group", err)
	}
	if _, err := s.client.AddAPIProxyToGroup(s.ctx, s.project, group, s.name); err != nil {
		return created, cli.Fail(s.errOut, "add the API proxy to the group", err)
	}
	if created {
		fmt.Fprintf(s.out, "Created group %q with %q in it.\n", group, s.name)
	} else {
		fmt.Fprintf(s.out, "Added %q to the existing group %q.\n", s.name, group)
	}
	return created, cli.ExitOK
}

// leave undoes what this run did to the group and the variables: it
// removes the proxy from the group, deletes the group and the variables
// if this run created them.
func (s *session) leave(group string, createdGroup bool, createdVars []string) int {
	code := cli.ExitOK
	if group != "" {
		fmt.Fprintf(s.out, "\n== leave group %q\n", group)
		if _, err := s.client.RemoveAPIProxyFromGroup(s.ctx, s.project, group, s.name); err != nil {
			code = worse(code, cli.Fail(s.errOut, "remove the API proxy from the group", err))
		} else if createdGroup {
			resp, err := s.client.DeleteAPIProxyGroup(s.ctx, s.project, group)
			code = worse(code, cli.Report(s.out, s.errOut, "delete group", resp, err))
		}
	}
	for _, key := range createdVars {
		resp, err := s.client.DeleteEnvironmentVariable(s.ctx, s.project, key)
		code = worse(code, cli.Report(s.out, s.errOut, "delete variable "+key, resp, err))
	}
	return code
}
