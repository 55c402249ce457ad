package apinizertest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Bounds on what parseSpec reads and on what its errors say.
const (
	maxSpecBytes  = 16 << 20 // a document, a ZIP, or one ZIP entry uncompressed
	maxZipEntries = 64
	maxSpecItems  = 10000 // path items of an OpenAPI/Swagger document, operations of a WSDL
	maxEcho       = 40    // bytes of the input one part of an error may quote
	maxErrorBytes = 199
)

// specMethods are the methods of operations, in endpoint order.
var specMethods = [...]string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"}

// nsWSDL11 and nsWSDL20 are the namespaces of WSDL 1.1 and 2.0. The SOAP
// address namespaces are in wsdlDefinitions' tags.
const (
	nsWSDL11 = "http://schemas.xmlsoap.org/wsdl/"
	nsWSDL20 = "http://www.w3.org/ns/wsdl"
)

// specEndpoint is one operation a spec declares, as the proxy's endpoint.
type specEndpoint struct {
	Path        string // "/pets/{petId}" for OpenAPI/Swagger (basePath NOT included); "/GetWeather" (the operation name) for WSDL
	Method      string // upper case: GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, TRACE; WSDL operations are POST
	Description string // the operation's summary, else its description, else ""; WSDL: the documentation element, else ""
}

// parsedSpec is what the fake keeps of a spec.
type parsedSpec struct {
	Kind        string         // "OPEN_API" (OpenAPI 3.x), "SWAGGER" (Swagger 2.0) or "WSDL" — the API's creation types
	Title       string         // info.title; WSDL: the definitions' name attribute or the service name
	Description string         // info.description; WSDL: the definitions' documentation element
	Version     string         // info.version ("" for WSDL)
	Servers     []string       // OpenAPI servers[].url; Swagger scheme://host+basePath; WSDL soap:address / soap12:address locations
	Endpoints   []specEndpoint // sorted by Path, then by method in the order GET POST PUT PATCH DELETE OPTIONS HEAD TRACE
}

// parseSpec reads an OpenAPI 3 or Swagger 2 document (JSON or YAML) or a
// WSDL 1.1 document (XML), or a ZIP holding one .wsdl file and its XSDs.
// An error is one line of at most 199 bytes, quoting at most 40 bytes of
// the input.
func parseSpec(data []byte) (*parsedSpec, error) {
	var ps *parsedSpec
	var err error
	switch {
	case len(data) > maxSpecBytes:
		err = fmt.Errorf("spec: %d bytes is over the 16 MiB limit", len(data))
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		ps, err = parseSpecZip(data)
	default:
		ps, err = parseSpecDoc(data)
	}
	if err != nil {
		return nil, errors.New(clip(err.Error(), maxErrorBytes))
	}
	return ps, nil
}

// parseSpecDoc reads a JSON, YAML or XML document, told apart by its
// first byte after a byte order mark and white space.
func parseSpecDoc(data []byte) (*parsedSpec, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := bytes.TrimLeft(data, " \t\r\n")
	if len(first) == 0 {
		return nil, specErrorf("spec: empty document")
	}
	doc := new(oasDoc)
	var err error
	switch first[0] {
	case '<':
		return parseWSDL(data)
	case '{':
		var syn *json.SyntaxError
		if err = json.Unmarshal(data, doc); errors.As(err, &syn) {
			return nil, specErrorf("spec: not JSON, YAML or XML: %s (JSON, at byte %d)", clip(syn.Error(), 80), syn.Offset)
		}
		err = jsonAt("", err)
	default:
		err = decodeSpecYAML(data, doc)
	}
	if err != nil {
		return nil, err
	}
	return doc.spec()
}

// oasDoc is what is read of an OpenAPI 3 or Swagger 2 document, from
// JSON or YAML alike.
type oasDoc struct {
	OpenAPI looseText `json:"openapi" yaml:"openapi"`
	Swagger looseText `json:"swagger" yaml:"swagger"`
	Info    struct {
		Title       string    `json:"title" yaml:"title"`
		Description string    `json:"description" yaml:"description"`
		Version     looseText `json:"version" yaml:"version"`
	} `json:"info" yaml:"info"`
	Servers []struct {
		URL string `json:"url" yaml:"url"`
	} `json:"servers" yaml:"servers"` // OpenAPI 3
	Host     string   `json:"host" yaml:"host"`         // Swagger 2
	BasePath string   `json:"basePath" yaml:"basePath"` // Swagger 2
	Schemes  []string `json:"schemes" yaml:"schemes"`   // Swagger 2
	Paths    oasPaths `json:"paths" yaml:"paths"`
}

// oasPaths is a document's paths object: path → path item.
type oasPaths map[string]*oasPathItem

// oasPathItem holds a path item's operations; nothing else of it is read.
// oasPaths.UnmarshalJSON fills it from JSON, matching only lower-case
// method keys as YAML does, where encoding/json would take "GET" as get.
type oasPathItem struct {
	Get     *oasOperation `yaml:"get"`
	Post    *oasOperation `yaml:"post"`
	Put     *oasOperation `yaml:"put"`
	Patch   *oasOperation `yaml:"patch"`
	Delete  *oasOperation `yaml:"delete"`
	Options *oasOperation `yaml:"options"`
	Head    *oasOperation `yaml:"head"`
	Trace   *oasOperation `yaml:"trace"`
}

// fields are the path item's operation fields, in specMethods order.
func (it *oasPathItem) fields() [len(specMethods)]**oasOperation {
	return [...]**oasOperation{&it.Get, &it.Post, &it.Put, &it.Patch, &it.Delete, &it.Options, &it.Head, &it.Trace}
}

// oasOperation is one operation of a path item.
type oasOperation struct {
	Summary     string `json:"summary" yaml:"summary"`
	Description string `json:"description" yaml:"description"`
}

// looseText is a scalar read as the text it is written as, so that a
// version written as a number (openapi: 3.0, "swagger": 2.0) is kept.
type looseText struct {
	text string
	set  bool // there and not null
}

// UnmarshalJSON keeps a string's value, or any other value's JSON text.
func (t *looseText) UnmarshalJSON(b []byte) error {
	*t = looseText{text: string(b), set: string(b) != "null"}
	if b[0] == '"' {
		return json.Unmarshal(b, &t.text)
	}
	return nil
}

// UnmarshalYAML keeps a scalar's text; a mapping or sequence is kept as
// a word saying which it is.
func (t *looseText) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	*t = looseText{text: n.Value, set: n.ShortTag() != "!!null"}
	if n.Kind != yaml.ScalarNode {
		t.text = "a " + yamlKind(n.Kind)
	}
	return nil
}

// UnmarshalYAML refuses more than maxSpecItems path items before it
// decodes any of them, and skips extensions (x- keys).
func (p *oasPaths) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return n.Decode((*map[string]*oasPathItem)(p)) // for the type error
	}
	if len(n.Content)/2 > maxSpecItems {
		return specErrorf("spec: more than %d paths", maxSpecItems)
	}
	paths := *n
	paths.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !strings.HasPrefix(n.Content[i].Value, "x-") {
			paths.Content = append(paths.Content, n.Content[i], n.Content[i+1])
		}
	}
	return paths.Decode((*map[string]*oasPathItem)(p))
}

// UnmarshalJSON refuses more than maxSpecItems path items, then reads
// each one's lower-case method keys into its fields; it skips extensions.
func (p *oasPaths) UnmarshalJSON(b []byte) error {
	var items map[string]json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return jsonAt("paths", err)
	}
	if len(items) > maxSpecItems {
		return specErrorf("spec: more than %d paths", maxSpecItems)
	}
	*p = make(oasPaths, len(items))
	for _, key := range slices.Sorted(maps.Keys(items)) {
		if strings.HasPrefix(key, "x-") {
			continue
		}
		at := "paths[" + quoteClip(key) + "]"
		var ops map[string]json.RawMessage
		if err := json.Unmarshal(items[key], &ops); err != nil {
			return jsonAt(at, err)
		}
		item := new(oasPathItem)
		for i, f := range item.fields() {
			method := strings.ToLower(specMethods[i])
			if raw, ok := ops[method]; ok {
				if err := json.Unmarshal(raw, f); err != nil {
					return jsonAt(at+"."+method, err)
				}
			}
		}
		(*p)[key] = item
	}
	return nil
}

// spec checks the document's version and makes its parsedSpec.
func (d *oasDoc) spec() (*parsedSpec, error) {
	ps := &parsedSpec{
		Title:       strings.TrimSpace(d.Info.Title),
		Description: strings.TrimSpace(d.Info.Description),
		Version:     strings.TrimSpace(d.Info.Version.text),
	}
	switch v := strings.TrimSpace(d.OpenAPI.text); {
	case d.OpenAPI.set && d.Swagger.set:
		return nil, specErrorf(`spec: both "openapi" and "swagger" are set; want one`)
	case d.OpenAPI.set:
		if len(v) < 3 || v[:2] != "3." || v[2] < '0' || v[2] > '9' {
			return nil, specErrorf(`spec: "openapi" is %s; want 3.x (or "swagger": "2.0")`, shown(v))
		}
		ps.Kind = "OPEN_API"
		for _, s := range d.Servers {
			ps.Servers = appendNew(ps.Servers, strings.TrimSpace(s.URL))
		}
	case d.Swagger.set:
		if v := strings.TrimSpace(d.Swagger.text); v != "2.0" {
			return nil, specErrorf(`spec: "swagger" is %s; want "2.0" (or "openapi": "3.x")`, shown(v))
		}
		ps.Kind = "SWAGGER"
		host, base := strings.TrimSpace(d.Host), strings.TrimSpace(d.BasePath)
		if host != "" {
			scheme := "https"
			if len(d.Schemes) > 0 {
				scheme = cmp.Or(strings.TrimSpace(d.Schemes[0]), scheme)
			}
			base = scheme + "://" + host + base
		}
		ps.Servers = appendNew(nil, base)
	default:
		return nil, specErrorf(`spec: no "openapi" or "swagger" field; not an OpenAPI 3 or Swagger 2 document`)
	}
	if len(d.Paths) == 0 {
		return nil, specErrorf("spec: no paths")
	}
	if len(d.Paths) > maxSpecItems { // a YAML merge key can bring more
		return nil, specErrorf("spec: more than %d paths", maxSpecItems)
	}
	for _, p := range slices.Sorted(maps.Keys(d.Paths)) {
		if strings.HasPrefix(p, "x-") {
			continue // a specification extension
		}
		if !strings.HasPrefix(p, "/") {
			return nil, specErrorf(`spec: path %s does not start with "/"`, quoteClip(p))
		}
		if d.Paths[p] == nil {
			continue
		}
		for i, f := range d.Paths[p].fields() {
			if op := *f; op != nil {
				desc := cmp.Or(strings.TrimSpace(op.Summary), strings.TrimSpace(op.Description))
				ps.Endpoints = append(ps.Endpoints, specEndpoint{Path: p, Method: specMethods[i], Description: desc})
			}
		}
	}
	if len(ps.Endpoints) == 0 {
		return nil, specErrorf("spec: paths declare no operations")
	}
	return ps, nil
}

// jsonAt words a JSON type error as a field of the wrong type, the field
// named below at; other errors are kept.
func jsonAt(at string, err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || te.Type == nil {
		return err
	}
	if te.Field != "" && at != "" {
		at += "."
	}
	t := te.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := map[reflect.Kind]string{reflect.Struct: "an object", reflect.Map: "an object",
		reflect.Slice: "an array", reflect.String: "a string"}[t.Kind()]
	return specErrorf("spec: %s is a JSON %s; want %s", cmp.Or(at+te.Field, "the document"), clip(te.Value, 20), cmp.Or(want, t.Kind().String()))
}

// decodeSpecYAML decodes data's first YAML document, a mapping, into doc.
// A panic of the YAML library, should one be left, is an error.
func decodeSpecYAML(data []byte, doc *oasDoc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = specErrorf("spec: the YAML decoder failed: %s", clip(fmt.Sprint(r), 60))
		}
	}()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return yamlError("spec: not JSON, YAML or XML: ", err)
	}
	if len(root.Content) == 0 {
		return specErrorf("spec: empty document")
	}
	if top := root.Content[0]; top.Kind != yaml.MappingNode {
		return specErrorf("spec: not an OpenAPI, Swagger or WSDL document: the YAML is a %s, not a mapping", yamlKind(top.Kind))
	}
	if err := root.Content[0].Decode(doc); err != nil {
		return yamlError("spec: YAML ", err)
	}
	return nil
}

// yamlError words an error of the YAML library as one line: only the
// first type error, naming what belongs there rather than a Go type.
func yamlError(prefix string, err error) error {
	var se *specError
	if errors.As(err, &se) {
		return se
	}
	msg, more, n := strings.TrimPrefix(err.Error(), "yaml: "), "", 56
	if te := (*yaml.TypeError)(nil); errors.As(err, &te) && len(te.Errors) > 0 {
		msg = strings.TrimSpace(te.Errors[0])
		if i := strings.LastIndex(msg, " into "); i >= 0 && strings.Contains(msg, ": cannot unmarshal ") {
			n = 80 // it quotes at most 10 bytes of a value
			want := "a mapping"
			if t := msg[i+len(" into "):]; strings.HasPrefix(t, "[]") {
				want = "a list"
			} else if t == "string" {
				want = "a string"
			}
			msg = msg[:i] + " where " + want + " belongs"
		}
		if len(te.Errors) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(te.Errors)-1)
		}
	}
	return specErrorf("%s%s%s", prefix, clip(msg, n), more)
}

// yamlKind names a YAML node kind.
func yamlKind(k yaml.Kind) string {
	names := map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "sequence", yaml.ScalarNode: "scalar"}
	return cmp.Or(names[k], "alias")
}

// specError is an error whose text is final: the decoders' callers pass
// it up as it is.
type specError struct{ msg string }

// Error is the message.
func (e *specError) Error() string { return e.msg }

// specErrorf formats a specError.
func specErrorf(format string, args ...any) error {
	return &specError{fmt.Sprintf(format, args...)}
}

// clip makes s a printable line of at most n bytes: other runes and
// invalid UTF-8 become '?', and a cut is marked with "…".
func clip(s string, n int) string {
	if len(s) > 4*n {
		s = s[:4*n] // a longer s is cut anyway; spare the work
	}
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, s)
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// quoteClip is s clipped to maxEcho bytes, in double quotes.
func quoteClip(s string) string { return `"` + clip(s, maxEcho) + `"` }

// shown is a value for an error message: clipped, or "" if empty.
func shown(s string) string { return cmp.Or(clip(s, maxEcho), `""`) }

// appendNew appends s to list unless it is empty or already there.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
