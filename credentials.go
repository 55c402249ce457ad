package apinizer

import (
	"context"
	"net/http"

	"github.com/google/go-querystring/query"
)

// ListCredentials returns the credentials of a project, disabled and
// expired ones included. opts may be nil; its zero fields are not sent.
//
// It sends GET /apiops/projects/{projectName}/credentials/[?page=&size=&sort=].
// An unknown project gives ErrProjectNotFound.
//
// API docs: https://docs.apinizer.com/ (Management API, Credentials, List Credentials)
func (c *Client) ListCredentials(ctx context.Context, projectName string, opts *ListOptions) ([]Credential, error) {
	p := c.path().lit("projects").param("projectName", projectName).lit("credentials")
	rawQuery, err := opts.encode()
	if err != nil {
		return nil, err
	}
	var list credentialList
	if err := c.do(ctx, http.MethodGet, p, rawQuery, &list); err != nil {
		return nil, err
	}
	return list.ResultList, nil
}

// credentialList is List Credentials' answer.
type credentialList struct {
	Success    bool         `json:"success"`
	ResultList []Credential `json:"resultList"`
}

func (l *credentialList) succeeded() bool { return l.Success }

// encode checks the options and returns their query string ("" for nil
// or zero options).
func (o *ListOptions) encode() (string, error) {
	if o == nil {
		return "", nil
	}
	switch {
	case o.Page < 0:
		return "", invalidArgument("ListOptions.Page", "must not be negative")
	case o.Size < 0:
		return "", invalidArgument("ListOptions.Size", "must not be negative")
	}
	v, err := query.Values(o)
	if err != nil {
		return "", invalidArgument("ListOptions", err.Error())
	}
	return v.Encode(), nil
}
