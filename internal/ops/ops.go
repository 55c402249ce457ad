// Package ops is the catalog of the Management API operations this module
// knows: each one's method, its path template exactly as the vendor's page
// writes it, and that page. It is the one place an endpoint's path is
// written: the Client fills the templates, and the fake's route table,
// the endpoint-table tests and the README check read the same rows.
package ops

import "strings"

// Op is one operation of the Management API.
type Op struct {
	// Name is the Client method that calls the operation, e.g.
	// "RemoveJWKValidation"; for one no Client method calls (NotWrapped),
	// a name of the same form.
	Name string
	// Method is the HTTP method.
	Method string
	// Path is the template below the base path ".../apiops/", as the
	// vendor's page writes it, e.g.
	// "projects/{projectName}/credentials/{username}/jwk/validation/".
	Path string
	// Doc is the vendor's page for the operation.
	Doc string
	// PagesOnly marks an operation that the vendor's pages document but
	// its OpenAPI file does not list.
	PagesOnly bool
	// NotWrapped marks an operation no Client method calls: the fake
	// serves it for scripts that do (or the Client reaches it another
	// way, as the token endpoint through WithClientCredentials).
	NotWrapped bool

	parts []Part
}

// Part is one piece of a template: a literal run of text (slashes
// included) or a parameter, which fills exactly one path segment.
type Part struct {
	Literal string // set for a literal
	Param   string // the parameter's name, without braces, for a parameter
}

// Parts returns the template split into literals and parameters, in
// order. The caller must not change the slice.
func (o *Op) Parts() []Part { return o.parts }

// Params returns the names of the template's parameters, in order.
func (o *Op) Params() []string {
	var names []string
	for _, p := range o.parts {
		if p.Param != "" {
			names = append(names, p.Param)
		}
	}
	return names
}

// Pattern is the operation as the vendor's pages write it below the
// host: "METHOD /apiops/<Path>".
func (o *Op) Pattern() string { return o.Method + " /apiops/" + o.Path }

// String returns Name.
func (o *Op) String() string { return o.Name }

// catalog holds every operation, in the order the files define them.
var catalog []*Op

// def defines an operation and adds it to the catalog.
func def(op Op) *Op {
	op.parts = split(op.Path)
	catalog = append(catalog, &op)
	return &op
}

// split cuts a template at its "{name}" parameters.
func split(path string) []Part {
	var parts []Part
	for path != "" {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			parts = append(parts, Part{Literal: path})
			break
		}
		end := strings.IndexByte(path[open:], '}')
		if end < 0 {
			panic("ops: unclosed parameter in " + path)
		}
		if open > 0 {
			parts = append(parts, Part{Literal: path[:open]})
		}
		parts = append(parts, Part{Param: path[open+1 : open+end]})
		path = path[open+end+1:]
	}
	return parts
}

// All returns every operation of the catalog. The caller must not change
// the slice or the operations.
func All() []*Op { return catalog }

// docs is the vendor's current documentation site.
const docs = "https://docs.apinizer.com/api-reference/"
