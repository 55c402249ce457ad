package apinizertest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// specFile is a document of testdata/specs.
func specFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "specs", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipFile is one file of a ZIP that specZip makes.
type zipFile struct{ name, body string }

// specZip is a ZIP archive of files, deflated.
func specZip(t testing.TB, files ...zipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err == nil {
			_, err = w.Write([]byte(f.body))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip is a ZIP whose one entry, name, says it is 10 bytes long but
// inflates to more than 16 MiB.
func lyingZip(t testing.TB, name string) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	body := bytes.Repeat([]byte("<"), maxSpecBytes+1024)
	fw.Write(body)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

// petstore is what the four petstore documents declare, less their
// kind, servers and version.
func petstore(kind, version string, servers ...string) *parsedSpec {
	return &parsedSpec{Kind: kind, Title: "Petstore", Description: "A store that sells pets.", Version: version, Servers: servers,
		Endpoints: []specEndpoint{{"/pets", "GET", "List all pets"}, {"/pets", "POST", "Create a pet"}, {"/pets/{petId}", "GET", ""}}}
}

// weather is what weather.wsdl declares.
var weather = &parsedSpec{Kind: "WSDL", Title: "WeatherService", Description: "Weather forecasts by city.",
	Servers:   []string{"http://weather.example.com/soap", "http://weather.example.com/soap12"},
	Endpoints: []specEndpoint{{"/AddCity", "POST", ""}, {"/GetForecast", "POST", ""}, {"/GetWeather", "POST", "Today's weather in a city"}}}

// TestParseSpec reads documents of each kind and format.
func TestParseSpec(t *testing.T) {
	wsdl := string(specFile(t, "weather.wsdl"))
	xsd := zipFile{"xsd/weather-types.xsd", string(specFile(t, "weather-types.xsd"))}
	tests := []struct {
		name string
		data []byte
		want *parsedSpec
	}{
		{"OpenAPI 3 YAML", specFile(t, "petstore-openapi3.yaml"), petstore("OPEN_API", "1.0.0", "https://petstore.example.com/v1", "http://staging.example.com/v1")},
		{"OpenAPI 3 JSON", specFile(t, "petstore-openapi3.json"), petstore("OPEN_API", "1.0.0", "https://petstore.example.com/v1", "http://staging.example.com/v1")},
		{"Swagger 2 JSON", specFile(t, "petstore-swagger2.json"), petstore("SWAGGER", "1.0.0", "http://petstore.example.com/v1")},
		{"Swagger 2 YAML, no schemes", specFile(t, "petstore-swagger2.yaml"), petstore("SWAGGER", "1.0", "https://petstore.example.com/v1")},
		{"WSDL 1.1", []byte(wsdl), weather},
		{"ZIP of WSDL and XSD", specZip(t, zipFile{"weather.wsdl", wsdl}, xsd), weather},
		{"ZIP with macOS metadata", specZip(t, zipFile{"svc/", ""}, zipFile{"svc/Weather.WSDL", wsdl}, xsd,
			zipFile{"__MACOSX/svc/._Weather.WSDL", "\x00\x05"}, zipFile{"svc/._x.wsdl", "junk"}), weather},
		{"methods in order; other keys and upper case ignored",
			[]byte("openapi: '3.0.0'\npaths:\n  /a:\n    trace: {}\n    head: {}\n    options: {}\n    delete: {}\n    patch: {}\n" +
				"    put: {}\n    post: {}\n    query: {}\n    GET: {summary: no}\n    get: {summary: yes}\n    $ref: '#/x'\n  /A:\n    get: {}\n"),
			&parsedSpec{Kind: "OPEN_API", Endpoints: []specEndpoint{{"/A", "GET", ""}, {"/a", "GET", "yes"}, {"/a", "POST", ""},
				{"/a", "PUT", ""}, {"/a", "PATCH", ""}, {"/a", "DELETE", ""}, {"/a", "OPTIONS", ""}, {"/a", "HEAD", ""}, {"/a", "TRACE", ""}}}},
		{"JSON method keys are lower case", []byte(`{"openapi":"3.0.0","paths":{"/a":{"GET":{"summary":"no"},"get":{"summary":"yes"},"Post":{}}}}`),
			&parsedSpec{Kind: "OPEN_API", Endpoints: []specEndpoint{{"/a", "GET", "yes"}}}},
		{"BOM, unquoted 3.0, null operation, description", []byte("\xef\xbb\xbf\n\nopenapi: 3.0\npaths:\n  /a:\n    get: ~\n    post: {description: ' made '}\n"),
			&parsedSpec{Kind: "OPEN_API", Endpoints: []specEndpoint{{"/a", "POST", "made"}}}},
		{"JSON numbers as versions", []byte(` {"swagger":2.0,"info":{"version":2},"paths":{"/a":{"get":{}}}}`),
			&parsedSpec{Kind: "SWAGGER", Version: "2", Endpoints: []specEndpoint{{"/a", "GET", ""}}}},
		{"Swagger without host", []byte(`{"swagger":"2.0","basePath":"/v2","schemes":["http"],"paths":{"/a":{"get":{}}}}`),
			&parsedSpec{Kind: "SWAGGER", Servers: []string{"/v2"}, Endpoints: []specEndpoint{{"/a", "GET", ""}}}},
		{"Swagger without host or basePath", []byte("swagger: '2.0'\npaths: {/a: {get: {}}}"),
			&parsedSpec{Kind: "SWAGGER", Endpoints: []specEndpoint{{"/a", "GET", ""}}}},
		{"YAML aliases and merge keys", []byte("openapi: 3.1.0\nx-op: &op {summary: shared}\npaths:\n  <<: {/b: {get: *op}}\n  /a: {get: *op, put: *op}\n"),
			&parsedSpec{Kind: "OPEN_API", Endpoints: []specEndpoint{{"/a", "GET", "shared"}, {"/a", "PUT", "shared"}, {"/b", "GET", "shared"}}}},
		{"WSDL named by its service, soap12 only", []byte(`<definitions xmlns="` + nsWSDL11 + `" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap12/">` +
			`<portType><operation name="Ping"><documentation><p>Are you</p> there?</documentation></operation><operation name=""/></portType>` +
			`<service name="PingService"><port><s:address location="https://ping.example.com/"/></port></service></definitions>`),
			&parsedSpec{Kind: "WSDL", Title: "PingService", Servers: []string{"https://ping.example.com/"}, Endpoints: []specEndpoint{{"/Ping", "POST", "Are you there?"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSpec(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			checkSpec(t, got)
		})
	}
}

// TestParseSpecErrors checks each error's text.
func TestParseSpecErrors(t *testing.T) {
	oas := func(paths string) []byte { return []byte(`{"openapi":"3.0.0","paths":` + paths + `}`) }
	wsdl := func(body string) []byte {
		return []byte(`<definitions xmlns="` + nsWSDL11 + `">` + body + `</definitions>`)
	}
	manyPaths := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	var entries []zipFile
	for i := range 65 {
		entries = append(entries, zipFile{fmt.Sprintf("%d.xsd", i), "<x/>"})
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"too big", make([]byte, maxSpecBytes+1), "spec: 16777217 bytes is over the 16 MiB limit"},
		{"empty", []byte(" \n\t"), "spec: empty document"},
		{"YAML comments only", []byte("# nothing\n"), "spec: empty document"},
		{"bad JSON", []byte(`{"openapi": "3.0.0",}`), "spec: not JSON, YAML or XML: invalid character '}' looking for beginning of object key string (JSON, at byte 21)"},
		{"cut JSON", []byte(`{"openapi"`), "spec: not JSON, YAML or XML: unexpected end of JSON input (JSON, at byte 10)"},
		{"bad YAML", []byte("openapi: 3.0.0\n paths: x\n"), "spec: not JSON, YAML or XML: line 2: mapping values are not allowed in this context"},
		{"binary", []byte("\x00\x01\x02\xff"), "spec: not JSON, YAML or XML: control characters are not allowed"},
		{"plain text", []byte("hello, world"), "spec: not an OpenAPI, Swagger or WSDL document: the YAML is a scalar, not a mapping"},
		{"YAML list", []byte("- openapi: 3.0.0"), "spec: not an OpenAPI, Swagger or WSDL document: the YAML is a sequence, not a mapping"},
		{"openapi 2.0", []byte(`{"openapi":"2.0","paths":{"/a":{"get":{}}}}`), `spec: "openapi" is 2.0; want 3.x (or "swagger": "2.0")`},
		{"openapi 3", []byte("openapi: 3\npaths: {/a: {get: {}}}"), `spec: "openapi" is 3; want 3.x (or "swagger": "2.0")`},
		{"openapi empty", []byte(`{"openapi":""}`), `spec: "openapi" is ""; want 3.x (or "swagger": "2.0")`},
		{"openapi a mapping", []byte("openapi: {v: 3}"), `spec: "openapi" is a mapping; want 3.x (or "swagger": "2.0")`},
		{"swagger 3.0", []byte("swagger: '3.0'"), `spec: "swagger" is 3.0; want "2.0" (or "openapi": "3.x")`},
		{"neither", []byte(`{"info":{"title":"x"},"paths":{"/a":{"get":{}}}}`), `spec: no "openapi" or "swagger" field; not an OpenAPI 3 or Swagger 2 document`},
		{"null version", []byte("openapi: null\nswagger: ~"), `spec: no "openapi" or "swagger" field; not an OpenAPI 3 or Swagger 2 document`},
		{"both", []byte(`{"openapi":"3.0.0","swagger":"2.0"}`), `spec: both "openapi" and "swagger" are set; want one`},
		{"no paths", []byte(`{"openapi":"3.0.0"}`), "spec: no paths"},
		{"empty paths", []byte("swagger: '2.0'\npaths: {}"), "spec: no paths"},
		{"null paths", oas(`null`), "spec: no paths"},
		{"no operations", []byte("openapi: 3.0.0\npaths:\n  /a: {parameters: [], summary: s, GET: {}}\n  /b:\n  x-y: {get: {}}"), "spec: paths declare no operations"},
		{"path without slash", oas(`{"/a":{"get":{}},"pets":{"get":{}}}`), `spec: path "pets" does not start with "/"`},
		{"JSON paths a list", oas(`[]`), "spec: paths is a JSON array; want an object"},
		{"JSON path item a number", oas(`{"/a":1}`), `spec: paths["/a"] is a JSON number; want an object`},
		{"JSON operation a string", oas(`{"/a":{"get":"x"}}`), `spec: paths["/a"].get is a JSON string; want an object`},
		{"JSON summary a number", oas(`{"/a":{"put":{"summary":1}}}`), `spec: paths["/a"].put.summary is a JSON number; want a string`},
		{"JSON title a list", []byte(`{"info":{"title":[]}}`), "spec: info.title is a JSON array; want a string"},
		{"JSON servers an object", []byte(`{"servers":{}}`), "spec: servers is a JSON object; want an array"},
		{"YAML summary a list", []byte("openapi: 3.0.0\npaths:\n  /a:\n    get: {summary: [x]}\n    put: [1]"),
			"spec: YAML line 4: cannot unmarshal !!seq where a string belongs (and 1 more)"},
		{"YAML schemes a string", []byte("swagger: '2.0'\nschemes: https"), "spec: YAML line 2: cannot unmarshal !!str `https` where a list belongs"},
		{"YAML paths a list", []byte("openapi: 3.0.0\npaths: [a]"), "spec: YAML line 2: cannot unmarshal !!seq where a mapping belongs"},
		{"YAML duplicate key", []byte("openapi: 3.0.0\npaths:\n  /a: {}\n  /a: {}"), `spec: YAML line 4: mapping key "/a" already defined at line 3`},
		{"YAML too many paths", []byte("openapi: 3.0.0\npaths:\n" + manyPaths(maxSpecItems+1, "  /p%d: {}\n")), "spec: more than 10000 paths"},
		{"JSON too many paths", oas("{" + manyPaths(maxSpecItems, `"/p%d":{},`) + `"/q":{}}`), "spec: more than 10000 paths"},
		{"XML not well-formed", wsdl("\n<b></a>"), "spec: not well-formed XML: line 2: element <b> closed by </a>"},
		{"XML cut", []byte("<?xml version='1.0'?><definitions"), "spec: not well-formed XML: line 1: unexpected EOF"},
		{"XML only a declaration", []byte("<?xml version='1.0'?>\n"), "spec: XML has no root element"},
		{"XML text before root", []byte("<!-- c -->text<a/>"), "spec: text before the XML root element"},
		{"XML Latin-1", []byte("<?xml version='1.0' encoding='ISO-8859-1'?><definitions/>"), `spec: XML encoding "ISO-8859-1" is not supported; want UTF-8`},
		{"XML not WSDL", []byte("<html><body/></html>"), "spec: XML root is <html>; want WSDL 1.1 <definitions>"},
		{"WSDL 2.0", []byte(`<description xmlns="http://www.w3.org/ns/wsdl"><interface name="i"/></description>`),
			"spec: WSDL 2.0 (<description>) is not supported; want WSDL 1.1 <definitions>"},
		{"WSDL wrong namespace", []byte(`<definitions xmlns="urn:x"/>`), `spec: <definitions> is in namespace "urn:x"; want http://schemas.xmlsoap.org/wsdl/`},
		{"WSDL without operations", wsdl(`<portType name="p"/><service name="s"/>`), "spec: WSDL declares no operations"},
		{"WSDL operations of another namespace", wsdl(`<portType xmlns="urn:x"><operation name="A"/></portType>`), "spec: WSDL declares no operations"},
		{"bad zip", []byte("PK\x03\x04 not really"), "spec: not a readable zip: not a valid zip file"},
		{"zip without WSDL", specZip(t, zipFile{"a.xsd", "<x/>"}, zipFile{"wsdl/", ""}), "spec: zip holds no .wsdl file"},
		{"zip with 2 WSDLs", specZip(t, zipFile{"a.wsdl", "<x/>"}, zipFile{"b/b.wsdl", "<x/>"}), "spec: zip holds 2 .wsdl files"},
		{"zip with 65 entries", specZip(t, entries...), "spec: zip holds 65 entries; at most 64"},
		{"zip entry over 16 MiB", specZip(t, zipFile{"a.wsdl", "<x/>"}, zipFile{"big.xsd", strings.Repeat(" ", maxSpecBytes+1)}),
			`spec: zip entry "big.xsd" is over 16 MiB uncompressed`},
		{"zip entry lying about its size", lyingZip(t, "a.wsdl"), `spec: the zip's .wsdl file: not a valid zip file`},
		{"zip WSDL not XML", specZip(t, zipFile{"a.wsdl", "openapi: 3.0.0"}), `spec: the zip's .wsdl file: not XML`},
		{"zip WSDL bad", specZip(t, zipFile{"a.wsdl", "<html/>"}), `spec: the zip's .wsdl file: XML root is <html>; want WSDL 1.1 <definitions>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSpec(tt.data)
			if err == nil {
				t.Fatalf("got %+v, want error %q", got, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err, tt.want)
			}
			checkSpecError(t, err)
		})
	}
}

// TestParseSpecErrorsQuoteLittle gives inputs whose errors quote them,
// each with a long run of Z, and counts the Zs in the message.
func TestParseSpecErrorsQuoteLittle(t *testing.T) {
	z := strings.Repeat("Z", 500)
	zz := strings.Repeat("Z\n\x00é", 200)
	for _, data := range []string{
		`{"openapi":"3.0.0","paths":{"` + z + `":{}}}`,
		`{"openapi":"3.0.0","paths":{"/` + z + `":5}}`,
		`{"openapi":"` + zz + `"}`,
		`{"openapi":{"` + z + `":1}}`,
		"openapi: 3.0.0\npaths:\n  " + z + ": {}\n  " + z + ": {}",
		"swagger: '" + z + "'",
		"openapi: *" + z,
		"openapi: 3.0.0\nschemes: " + z,
		"<" + z + "/>",
		"<" + z + "></" + z + "x>",
		"<definitions xmlns='" + nsWSDL11 + "'><" + z + "></" + z + "x></definitions>",
		"<definitions xmlns='" + nsWSDL11 + "'><a xmlns='" + z + "'></a xmlns='" + z + "x'></definitions>",
		"<a xmlns:p='" + z + "'><p:definitions/></a>",
		"<definitions xmlns='" + z + "'/>",
		"<?xml version='1.0' encoding='" + z + "'?><a/>",
		"<a>&" + z + ";</a>",
		string(specZip(t, zipFile{z + ".wsdl", "x"})),
		string(specZip(t, zipFile{z + ".wsdl", "<" + z + "/>"})),
	} {
		_, err := parseSpec([]byte(data))
		if err == nil {
			t.Fatalf("%.60q: no error", data)
		}
		checkSpecError(t, err)
		if n := strings.Count(err.Error(), "Z"); n > maxEcho {
			t.Errorf("%.60q: the error quotes %d bytes of the input: %q", data, n, err)
		}
	}
}

// TestParseSpecYAMLAliasBomb decodes a document of nested aliases that
// would expand to 9^9 strings, quickly.
func TestParseSpecYAMLAliasBomb(t *testing.T) {
	doc := "openapi: 3.0.0\nx-0: &a0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 9; i++ {
		doc += fmt.Sprintf("x-%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	for _, field := range []string{"schemes: *a8", "servers: *a8", "paths: {/a: {get: {summary: *a8}}}", "paths: *a8", "info: {version: *a8}"} {
		start := time.Now()
		_, err := parseSpec([]byte(doc + field + "\n"))
		if err == nil {
			t.Errorf("%s: no error", field)
		} else {
			checkSpecError(t, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", field, d)
		}
	}
}

// checkSpecError fails t unless err is one line of at most 199 bytes
// starting "spec: ".
func checkSpecError(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, "spec: ") || len(msg) > maxErrorBytes || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error not one short line starting \"spec: \": %q", msg)
	}
}

// checkSpec fails t unless ps has a known kind and endpoints, each with a
// path starting "/" and a known method, sorted and without repeats.
func checkSpec(t *testing.T, ps *parsedSpec) {
	t.Helper()
	if !slices.Contains([]string{"OPEN_API", "SWAGGER", "WSDL"}, ps.Kind) || len(ps.Endpoints) == 0 {
		t.Fatalf("kind %q, %d endpoints", ps.Kind, len(ps.Endpoints))
	}
	for i, e := range ps.Endpoints {
		m := slices.Index(specMethods[:], e.Method)
		if !strings.HasPrefix(e.Path, "/") || m < 0 {
			t.Fatalf("endpoint %d: %+v", i, e)
		}
		if i > 0 {
			prev := ps.Endpoints[i-1]
			if prev.Path > e.Path || prev.Path == e.Path && slices.Index(specMethods[:], prev.Method) >= m {
				t.Fatalf("endpoint %d, %+v, comes after %+v", i, e, prev)
			}
		}
	}
}

// FuzzParseSpec checks that parseSpec never panics, that its errors are
// short lines and that what it reads has sound endpoints.
func FuzzParseSpec(f *testing.F) {
	for _, name := range []string{"petstore-openapi3.yaml", "petstore-openapi3.json", "petstore-swagger2.json", "petstore-swagger2.yaml", "weather.wsdl"} {
		f.Add(specFile(f, name))
	}
	f.Add(specZip(f, zipFile{"weather.wsdl", string(specFile(f, "weather.wsdl"))}, zipFile{"weather-types.xsd", string(specFile(f, "weather-types.xsd"))}))
	for _, s := range []string{
		"openapi: 3.0.0\npaths:\n  /a: {get: {}, GET: {}}\n", `{"openapi":"3.0.0","paths":{"/a":{"get":{"summary":1}}}}`,
		"swagger: 2.0\nhost: h\npaths: {/a: {post: {}}}", `<description xmlns="http://www.w3.org/ns/wsdl"/>`,
		"openapi: 3.0.0\nx: &a {summary: s}\npaths: {<<: {/b: {get: *a}}}", "\xef\xbb\xbf<?xml version='1.0'?><a/>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := parseSpec(data)
		if err != nil {
			checkSpecError(t, err)
			return
		}
		checkSpec(t, ps)
	})
}
