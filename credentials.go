package apinizer

import (
	"context"
	"encoding/json"
	"fmt"
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

// decodeStream decodes the list one credential at a time, so the decoder
// buffers one credential's JSON rather than the whole body: a list's
// memory is its decoded credentials, not those plus a copy of the body.
func (l *credentialList) decodeStream(dec *json.Decoder) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		switch key {
		case "success":
			err = dec.Decode(&l.Success)
		case "resultList":
			err = l.decodeResults(dec)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

// decodeResults decodes "resultList": null or an array of credentials.
// Credentials are decoded in place into chunks that double up to 4096
// entries, then copied once into a slice of the exact length: growing one
// slice by append would allocate about five times its final size on the
// way (Go grows large slices by 1.25x) and keep up to a quarter unused.
func (l *credentialList) decodeResults(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("resultList: want an array, got %v", tok)
	}
	var full [][]Credential
	cur, n := make([]Credential, 0, 16), 0
	for dec.More() {
		if len(cur) == cap(cur) {
			full = append(full, cur)
			cur = make([]Credential, 0, min(2*cap(cur), 4096))
		}
		cur = cur[:len(cur)+1]
		if err := dec.Decode(&cur[len(cur)-1]); err != nil {
			return err
		}
		n++
	}
	if len(full) == 0 {
		l.ResultList = cur
	} else {
		l.ResultList = make([]Credential, 0, n)
		for _, chunk := range full {
			l.ResultList = append(l.ResultList, chunk...)
		}
		l.ResultList = append(l.ResultList, cur...)
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the next token and fails unless it is want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("want %v, got %v", want, tok)
	}
	return nil
}

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
