package apinizer

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// ptr returns a pointer to v (the tests' stand-in for apinizer.Ptr).
func ptr[T any](v T) *T { return &v }

// fullVariable sets every field of a Variable; fullVariableJSON is what it
// marshals to.
var fullVariable = Variable{
	ID: "v1", ProjectID: "p1", ProjectName: "P", Name: "userId", Description: "who",
	Type: VariableHeader, DataType: VariableString, HeaderName: "X-User", ParamType: ParamQuery,
	ParamName: "u", ParamPath: "/users/{u}", FormName: "f", XPathValue: "//u", JSONPathValue: "$.u",
	MessageContentType: MessageContentJSON, ContextValue: ContextRequestRemoteAddress, ZoneID: "UTC",
	InitWithScript: ptr(false), ScriptLanguage: ScriptGroovy, ScriptBody: "return 1",
}

const fullVariableJSON = `{"id":"v1","projectId":"p1","projectName":"P","name":"userId","description":"who",
	"type":"HEADER","dataType":"STRING","headerName":"X-User","paramType":"QUERY","paramName":"u",
	"paramPath":"/users/{u}","formName":"f","xpathValue":"//u","jsonPathValue":"$.u",
	"messageContentType":"JSON","contextValue":"REQUEST_REMOTE_ADDRESS","zoneId":"UTC",
	"initWithScript":false,"scriptLanguage":"GROOVY","scriptBody":"return 1"}`

// typeName is the name of a sample's type, the same for a value and a
// pointer.
func typeName(s Settings) string {
	t := reflect.TypeOf(s)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// sampleOf returns the sample value of type T.
func sampleOf[T Settings](t *testing.T) T {
	t.Helper()
	for _, tc := range settingsSamples {
		if v, ok := tc.s.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("no sample of %T", zero)
	return zero
}

// asPointer returns a pointer to a copy of the sample value, as a Settings.
func asPointer(s Settings) Settings {
	p := reflect.New(reflect.TypeOf(s))
	p.Elem().Set(reflect.ValueOf(s))
	return p.Interface().(Settings)
}

// TestSettingsMarshalEveryField: each setting, as a value and as a
// pointer, marshals every field under the API's name (false and 0
// included) and is sent as its kind.
func TestSettingsMarshalEveryField(t *testing.T) {
	for _, tc := range settingsSamples {
		t.Run(typeName(tc.s), func(t *testing.T) {
			v := reflect.ValueOf(tc.s)
			if v.Kind() == reflect.Slice {
				v = v.Index(0)
			}
			for i := range v.NumField() {
				if v.Field(i).IsZero() {
					t.Errorf("the sample leaves %s unset: its JSON name goes untested", v.Type().Field(i).Name)
				}
			}
			for _, s := range []Settings{tc.s, asPointer(tc.s)} {
				b, err := json.Marshal(s)
				if err != nil {
					t.Fatalf("%T: %v", s, err)
				}
				if !jsonEqual(b, []byte(tc.json)) {
					t.Errorf("%T marshals to\n%s\nwant\n%s", s, b, tc.json)
				}
				if got := s.settings(); got != tc.kind {
					t.Errorf("%T is sent as %+v, want %+v", s, got, tc.kind)
				}
			}
		})
	}
}

// TestSettingsZeroValueSendsNothing: a setting the caller filled in no
// field of sends {} (RoutingAddresses, the whole new list, sends []).
func TestSettingsZeroValueSendsNothing(t *testing.T) {
	for _, tc := range settingsSamples {
		zero := reflect.Zero(reflect.TypeOf(tc.s)).Interface()
		b, err := json.Marshal(zero)
		if err != nil {
			t.Fatalf("%T: %v", zero, err)
		}
		want := "{}"
		if _, isList := zero.(RoutingAddresses); isList {
			want = "[]"
		}
		if string(b) != want {
			t.Errorf("zero %T marshals to %s, want %s", zero, b, want)
		}
	}
	for _, zero := range []any{WSASettings{}, ClientRoute{}, RoutingAddress{}, Variable{}, Header{}, ErrorMessage{}} {
		b, _ := json.Marshal(zero)
		want := map[string]string{"RoutingAddress": `{"address":""}`, "Header": `{"name":"","value":""}`, "ErrorMessage": `{"httpStatusCode":0}`}[reflect.TypeOf(zero).Name()]
		if want == "" {
			want = "{}"
		}
		if string(b) != want {
			t.Errorf("zero %T marshals to %s, want %s (only its required fields)", zero, b, want)
		}
	}
}

// TestSettingsKinds: the seven settings whose 2025 and 2026 bodies differ
// send both, and the settings an AI proxy refuses are the page's eleven.
func TestSettingsKinds(t *testing.T) {
	var union, classic []string
	paths := map[string]bool{}
	for _, tc := range settingsSamples {
		k := tc.s.settings()
		if paths[k.path()] {
			t.Errorf("path %q is used twice", k.path())
		}
		paths[k.path()] = true
		if k.union {
			union = append(union, k.path())
			if k.wrapper == "" {
				t.Errorf("%s: union without a wrapper", k.path())
			}
		}
		if k.classic {
			classic = append(classic, k.path())
		}
	}
	if got, want := strings.Join(union, " "), "cache client-route cors forwarded-ip-header json-error-template ntlm xml-error-template"; got != want {
		t.Errorf("union settings: %s\nwant %s", got, want)
	}
	if got, want := strings.Join(classic, " "), "circuit-breaker connection custom-message error-handling grpc mtls ntlm proxy-server addresses routing-status websocket"; got != want {
		t.Errorf("classic settings: %s\nwant %s", got, want)
	}
}

// TestEverySettingsTypeHasASample parses the package's source: every type
// with a settings() method must have a row in settingsSamples, and the
// method must have a value receiver (so a value and a pointer both work).
func TestEverySettingsTypeHasASample(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	declared := map[string]string{} // type name -> file
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "settings" || len(fn.Recv.List) != 1 {
				continue
			}
			switch recv := fn.Recv.List[0].Type.(type) {
			case *ast.Ident:
				declared[recv.Name] = name
			case *ast.StarExpr:
				t.Errorf("%s: settings() of %s has a pointer receiver", fset.Position(fn.Pos()), recv.X)
			}
		}
	}
	sampled := map[string]bool{}
	for _, tc := range settingsSamples {
		sampled[typeName(tc.s)] = true
	}
	for typ, file := range declared {
		if !sampled[typ] {
			t.Errorf("%s (%s) has no row in settingsSamples", typ, file)
		}
	}
	if len(declared) != len(settingsSamples) || len(declared) < 22 {
		t.Errorf("%d types with settings(), %d samples; want one sample each, 22 or more", len(declared), len(settingsSamples))
	}
}

// TestSettingsFormatRedactsSecrets prints every setting that holds a
// Secret, as a value, a pointer, in lists and in struct fields, with every
// verb and through slog: the secret never shows, the other fields do.
func TestSettingsFormatRedactsSecrets(t *testing.T) {
	const secret = "hunter2-never-printed"
	cases := []struct {
		name  string
		value any // a value of the type
		shown string
	}{
		{"APIKeySettings", APIKeySettings{PublicKey: "ak_visible", SecretKey: secret}, "ak_visible"},
		{"NTLMSettings", NTLMSettings{Enabled: ptr(true), Domain: "EXAMPLE", Username: "svc", Password: secret}, "EXAMPLE"},
		{"ProxyServerSettings", ProxyServerSettings{ProxyHost: "proxy.example.com", ProxyPassword: secret}, "proxy.example.com"},
	}
	for _, tc := range cases {
		checkRedacted(t, tc.name, tc.value, secret, tc.shown)
	}
}

// TestCORSAllowCredentialsIsAString: the caller writes a bool, the API
// gets (and may send back) the string; decoding also takes a boolean.
func TestCORSAllowCredentialsIsAString(t *testing.T) {
	for _, tc := range []struct {
		allow *bool
		json  string
	}{{ptr(true), `{"allowCredentials":"true"}`}, {ptr(false), `{"allowCredentials":"false"}`}, {nil, `{}`}} {
		if b, _ := json.Marshal(CORSSettings{AllowCredentials: tc.allow}); string(b) != tc.json {
			t.Errorf("AllowCredentials %v marshals to %s, want %s", tc.allow, b, tc.json)
		}
	}
	for in, want := range map[string]*bool{
		`{"name":"c","allowCredentials":"true"}`: ptr(true), `{"name":"c","allowCredentials":"false"}`: ptr(false),
		`{"name":"c","allowCredentials":true}`: ptr(true), `{"name":"c","allowCredentials":null}`: nil,
		`{"name":"c","allowCredentials":""}`: nil, `{"name":"c"}`: nil,
	} {
		var c CORSSettings
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if c.Name != "c" || !reflect.DeepEqual(c.AllowCredentials, want) {
			t.Errorf("%s decodes to %+v", in, c)
		}
	}
	for _, in := range []string{`{"allowCredentials":"yes"}`, `{"allowCredentials":1}`} {
		var c CORSSettings
		if err := json.Unmarshal([]byte(in), &c); err == nil {
			t.Errorf("%s decodes without an error", in)
		}
	}
	// The full sample decodes back to itself.
	var back CORSSettings
	in := sampleOf[CORSSettings](t)
	b, _ := json.Marshal(in)
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, in) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// TestSettingsNilAndEmptyLists: where [] means something (categories:
// remove all; TLS protocols: allow all; addresses: none left) an empty
// list is sent and a nil one is not; elsewhere neither is.
func TestSettingsNilAndEmptyLists(t *testing.T) {
	for _, tc := range []struct {
		v    any
		json string
	}{
		{MetadataSettings{Categories: []string{}}, `{"categoryList":[]}`},
		{MetadataSettings{Categories: nil}, `{}`},
		{MetadataSettings{Description: ptr("")}, `{"description":""}`},
		{MTLSSettings{SupportedProtocols: []TLSProtocol{}}, `{"supportedProtocolList":[]}`},
		{RoutingAddresses{}, `[]`},
		{RoutingAddresses(nil), `[]`},
		{CORSSettings{AllowOrigins: []string{}}, `{}`},
		{ClientRouteSettings{RelativePaths: []string{}}, `{}`},
	} {
		if b, err := json.Marshal(tc.v); err != nil || string(b) != tc.json {
			t.Errorf("%#v marshals to %s (%v), want %s", tc.v, b, err, tc.json)
		}
	}
}

// TestClientRouteSettingsIsAClientRoute: the setting is the standalone
// ClientRoute, converted.
func TestClientRouteSettingsIsAClientRoute(t *testing.T) {
	route := ClientRoute(sampleOf[ClientRouteSettings](t))
	a, _ := json.Marshal(route)
	b, _ := json.Marshal(ClientRouteSettings(route))
	if !bytes.Equal(a, b) {
		t.Errorf("ClientRoute %s, ClientRouteSettings %s", a, b)
	}
}

// TestWSASettingsMarshalEveryField: the endpoint WSA object, every field
// under the API's name.
func TestWSASettingsMarshalEveryField(t *testing.T) {
	w := WSASettings{
		WSAEnabled: ptr(true), WSAMustUnderstand: WSAMustUnderstandTrue, WSAVersion: WSAVersion200508,
		WSAAddDefaultAction: ptr(false), WSAAction: "urn:a", WSAAddDefaultTo: ptr(false), WSATo: "urn:to",
		WSAReplyTo: "urn:r", WSAGenerateMessageID: ptr(false), WSAMessageID: "urn:uuid:1", WSAFrom: "urn:f",
		WSAFaultTo: "urn:ft", WSARelatesTo: "urn:uuid:2", WSARelationshipType: "Reply",
	}
	want := `{"wsaEnabled":true,"wsaMustUnderstand":"TRUE","wsaVersion":"V200508","wsaAddDefaultAction":false,
	"wsaAction":"urn:a","wsaAddDefaultTo":false,"wsaTo":"urn:to","wsaReplyTo":"urn:r","wsaGenerateMessageId":false,
	"wsaMessageId":"urn:uuid:1","wsaFrom":"urn:f","wsaFaultTo":"urn:ft","wsaRelatesTo":"urn:uuid:2",
	"wsaRelationShipType":"Reply"}`
	if b, _ := json.Marshal(w); !jsonEqual(b, []byte(want)) {
		t.Errorf("WSASettings marshals to\n%s\nwant\n%s", b, want)
	}
}

// TestTraceSettingsDecodes: a trace body read back keeps its times.
func TestTraceSettingsDecodes(t *testing.T) {
	var s TraceSettings
	if err := json.Unmarshal([]byte(`{"enableTraceLog":true,"startTime":"2025-01-01T00:00:00Z"}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.StartTime == nil || !s.StartTime.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) || s.StopTime != nil {
		t.Errorf("decoded %+v", s)
	}
}
