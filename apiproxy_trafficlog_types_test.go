package apinizer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// fullConnectorLog sets every field of a ConnectorLogSettings (false and 0
// included); fullConnectorLogJSON is what it marshals to.
var fullConnectorLog = ConnectorLogSettings{
	Enabled: ptr(true), LogParamRequestFromClient: ptr(false), LogHeaderRequestFromClient: ptr(true),
	LogBodyRequestFromClient: ptr(false), LogParamRequestToTarget: ptr(true), LogHeaderRequestToTarget: ptr(false),
	LogBodyRequestToTarget: ptr(true), LogHeaderResponseFromTarget: ptr(false), LogBodyResponseFromTarget: ptr(true),
	LogHeaderResponseToClient: ptr(false), LogBodyResponseToClient: ptr(true),
	EnableMetadataIdentification: ptr(true), EnableMetadataAPIProxy: ptr(false), EnableMetadataRequest: ptr(true),
	EnableMetrics: ptr(false), EnableMetadataResponse: ptr(true), EnableSentAddress: ptr(false),
	EnableBodyFromClientSize: ptr(true), SizeBodyFromClient: ptr(2048), EnableBodyToTargetSize: ptr(false),
	SizeBodyToTarget: ptr(0), EnableBodyFromTargetSize: ptr(true), SizeBodyFromTarget: ptr(512),
	EnableBodyToClientSize: ptr(true), SizeBodyToClient: ptr(1),
	EnablePrivacy: ptr(true),
	PrivacyRules: []PrivacyRule{
		{
			Enabled: ptr(false), Operation: PrivacyMask, PatternType: PatternBuiltIn, ElementName: "password",
			RegexPattern: `ORD-\d{6}`, BuiltInPIIType: PIITCKN, MaskMode: MaskKeepLast, MaskPattern: "#",
			MaskVisibleCharCount: ptr(0),
		},
		{Operation: PrivacyDelete, PatternType: PatternElementName, ElementName: "password"},
	},
}

const fullConnectorLogJSON = `{"enabled":true,"logParamRequestFromClient":false,"logHeaderRequestFromClient":true,
	"logBodyRequestFromClient":false,"logParamRequestToTarget":true,"logHeaderRequestToTarget":false,
	"logBodyRequestToTarget":true,"logHeaderResponseFromTarget":false,"logBodyResponseFromTarget":true,
	"logHeaderResponseToClient":false,"logBodyResponseToClient":true,
	"enableMetadataIdentification":true,"enableMetadataApiProxy":false,"enableMetadataRequest":true,
	"enableMetrics":false,"enableMetadataResponse":true,"enableSentAddress":false,
	"enableBodyFromClientSize":true,"sizeBodyFromClient":2048,"enableBodyToTargetSize":false,"sizeBodyToTarget":0,
	"enableBodyFromTargetSize":true,"sizeBodyFromTarget":512,"enableBodyToClientSize":true,"sizeBodyToClient":1,
	"enablePrivacy":true,"privacyDefinitionList":[
	{"enabled":false,"operation":"MASK","patternType":"BUILTIN","elementName":"password","regexPattern":"ORD-\\d{6}",
	"builtInPiiType":"TCKN","maskMode":"KEEP_LAST","maskPattern":"#","maskVisibleCharCount":0},
	{"operation":"DELETE","patternType":"ELEMENT_NAME","elementName":"password"}]}`

// everyFieldSet fails for each field of the struct v left at its zero
// value: its JSON name would go untested.
func everyFieldSet(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if rv.Field(i).IsZero() {
			t.Errorf("the %T sample leaves %s unset", v, rv.Type().Field(i).Name)
		}
	}
}

// marshalsTo fails unless v marshals to JSON equal to want.
func marshalsTo(t *testing.T, v any, want string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T: %v", v, err)
	}
	if !jsonEqual(b, []byte(want)) {
		t.Errorf("%T marshals to\n%s\nwant\n%s", v, b, want)
	}
}

// TestTrafficLogSettingsMarshalEveryField: every field of the per-
// environment object, its connector settings, privacy rules and method
// overrides is sent under the API's name, false and 0 included.
func TestTrafficLogSettingsMarshalEveryField(t *testing.T) {
	override := MethodLogOverride{
		APIMethodID: "method-uuid-123", APIMethodName: "/pets",
		ConnectorSettings: map[string]ConnectorLogSettings{"Production Elasticsearch": {LogBodyRequestFromClient: ptr(false)}},
	}
	s := TrafficLogSettings{
		LogParamRequestFromClient: ptr(true), LogHeaderRequestFromClient: ptr(false), LogBodyRequestFromClient: ptr(true),
		LogParamRequestToTarget: ptr(false), LogHeaderRequestToTarget: ptr(true), LogBodyRequestToTarget: ptr(false),
		LogHeaderResponseFromTarget: ptr(true), LogBodyResponseFromTarget: ptr(false), LogHeaderResponseToClient: ptr(true),
		LogBodyResponseToClient: ptr(false),
		ConnectorSettings:       map[string]ConnectorLogSettings{"es": fullConnectorLog, string(ConnectorKafka): {}},
		MethodOverrides:         []MethodLogOverride{override},
		EnableDatabaseConnector: ptr(false), EnableElasticsearchConnector: ptr(true), EnableSyslogConnector: ptr(false),
		EnableWebhookConnector: ptr(true), EnableRabbitMQConnector: ptr(false), EnableActiveMQConnector: ptr(true),
		EnableKafkaConnector: ptr(false), EnableGraylogConnector: ptr(true), EnableLogbackConnector: ptr(false),
		ID: "tls-1", EnvironmentID: "env-123", APIProxyID: "proxy-456", ProjectID: "p-1",
		ConnectorLabelByKey: map[string]string{"es": "Production Elasticsearch"},
	}
	for _, v := range []any{s, fullConnectorLog, fullConnectorLog.PrivacyRules[0], override} {
		everyFieldSet(t, v)
	}
	want := `{"logParamRequestFromClient":true,"logHeaderRequestFromClient":false,"logBodyRequestFromClient":true,
	"logParamRequestToTarget":false,"logHeaderRequestToTarget":true,"logBodyRequestToTarget":false,
	"logHeaderResponseFromTarget":true,"logBodyResponseFromTarget":false,"logHeaderResponseToClient":true,
	"logBodyResponseToClient":false,
	"connectorSettingsMap":{"es":` + fullConnectorLogJSON + `,"KAFKA_SEND":{}},
	"methodOverrideList":[{"apiMethodId":"method-uuid-123","apiMethodName":"/pets",
	"connectorSettingsMap":{"Production Elasticsearch":{"logBodyRequestFromClient":false}}}],
	"enableDatabaseConnector":false,"enableElasticsearchConnector":true,"enableSyslogConnector":false,
	"enableWebhookConnector":true,"enableRabbitMqConnector":false,"enableActiveMqConnector":true,
	"enableKafkaConnector":false,"enableGraylogConnector":true,"enableLogbackConnector":false,
	"id":"tls-1","environmentId":"env-123","apiProxyId":"proxy-456","projectId":"p-1",
	"connectorLabelByKey":{"es":"Production Elasticsearch"}}`
	marshalsTo(t, s, want)
	marshalsTo(t, &s, want)
	marshalsTo(t, fullConnectorLog, fullConnectorLogJSON)

	// Decoding the JSON gives the value back.
	var back TrafficLogSettings
	if err := json.Unmarshal([]byte(want), &back); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// TestTrafficLogZeroValuesSendNothing: nothing set sends {}, or only the
// required fields.
func TestTrafficLogZeroValuesSendNothing(t *testing.T) {
	for _, tc := range []struct {
		v    any
		json string
	}{
		{TrafficLogSettings{}, `{}`},
		{ConnectorLogSettings{}, `{}`},
		{LegacyTrafficLogSettings{}, `{}`},
		{MethodLogOverride{}, `{"apiMethodId":""}`},
		{PrivacyRule{}, `{"operation":""}`},
		{LegacyTrafficLogEnvironment{}, `{"environmentName":""}`},
		{TrafficLogSettings{ConnectorSettings: map[string]ConnectorLogSettings{}, MethodOverrides: []MethodLogOverride{}}, `{}`},
		{ConnectorLogSettings{PrivacyRules: []PrivacyRule{}}, `{}`},
	} {
		if b, err := json.Marshal(tc.v); err != nil || string(b) != tc.json {
			t.Errorf("%#v marshals to %s (%v), want %s", tc.v, b, err, tc.json)
		}
	}
}

// TestTrafficLogDocumentedBodies: the pages' request bodies written with
// the types.
func TestTrafficLogDocumentedBodies(t *testing.T) {
	// Update Traffic Log Settings' minimal example: one connection on.
	marshalsTo(t, TrafficLogSettings{
		ConnectorSettings: map[string]ConnectorLogSettings{"my-elasticsearch-connection": {Enabled: ptr(true)}},
	}, `{"connectorSettingsMap":{"my-elasticsearch-connection":{"enabled":true}}}`)
	// Update Method Override's body.
	marshalsTo(t, ConnectorLogSettings{
		Enabled: ptr(true), LogBodyRequestFromClient: ptr(false), LogBodyResponseFromTarget: ptr(true),
		EnableBodyFromClientSize: ptr(true), SizeBodyFromClient: ptr(512),
	}, `{"enabled":true,"logBodyRequestFromClient":false,"logBodyResponseFromTarget":true,
	"enableBodyFromClientSize":true,"sizeBodyFromClient":512}`)
	// The privacy example.
	marshalsTo(t, ConnectorLogSettings{EnablePrivacy: ptr(true), PrivacyRules: []PrivacyRule{
		{Enabled: ptr(true), PatternType: PatternBuiltIn, BuiltInPIIType: PIITCKN, Operation: PrivacyMask},
		{Enabled: ptr(true), PatternType: PatternElementName, ElementName: "password", Operation: PrivacyDelete},
		{Enabled: ptr(true), PatternType: PatternRegex, RegexPattern: `ORD-\d{6}`, Operation: PrivacyHash},
	}}, `{"enablePrivacy":true,"privacyDefinitionList":[
	{"enabled":true,"patternType":"BUILTIN","builtInPiiType":"TCKN","operation":"MASK"},
	{"enabled":true,"patternType":"ELEMENT_NAME","elementName":"password","operation":"DELETE"},
	{"enabled":true,"patternType":"REGEX","regexPattern":"ORD-\\d{6}","operation":"HASH"}]}`)
}

// trafficLogAnswer is the envelope of the family's reads.
type trafficLogAnswer struct {
	Status      string               `json:"status"`
	ResultList  []TrafficLogSettings `json:"resultList"`
	ResultCount int                  `json:"resultCount"`
}

// allTen returns the ten log flags of a TrafficLogSettings set to v.
func allTen(v bool) TrafficLogSettings {
	return TrafficLogSettings{
		LogParamRequestFromClient: ptr(v), LogHeaderRequestFromClient: ptr(v), LogBodyRequestFromClient: ptr(v),
		LogParamRequestToTarget: ptr(v), LogHeaderRequestToTarget: ptr(v), LogBodyRequestToTarget: ptr(v),
		LogHeaderResponseFromTarget: ptr(v), LogBodyResponseFromTarget: ptr(v), LogHeaderResponseToClient: ptr(v),
		LogBodyResponseToClient: ptr(v),
	}
}

// TestTrafficLogSettingsDecodeTheDocumentedReads: the 200 bodies of List,
// Get by Environment (with settings and without) and the family page's
// answer decode to the values they show, and an item read marshals back
// to what was read.
func TestTrafficLogSettingsDecodeTheDocumentedReads(t *testing.T) {
	list := allTen(true)
	list.EnableDatabaseConnector, list.EnableElasticsearchConnector = ptr(false), ptr(true)
	list.ConnectorSettings = map[string]ConnectorLogSettings{
		"Production Elasticsearch": {Enabled: ptr(true), LogBodyRequestFromClient: ptr(true)},
	}
	byEnv := allTen(true)
	byEnv.ConnectorSettings = map[string]ConnectorLogSettings{
		"Production Elasticsearch": {
			Enabled: ptr(true), LogBodyRequestFromClient: ptr(true), EnableBodyFromClientSize: ptr(true),
			SizeBodyFromClient: ptr(1024),
		},
		"ELASTICSEARCH_INDEX": {Enabled: ptr(true), LogBodyRequestFromClient: ptr(true)},
	}
	byEnv.MethodOverrides = []MethodLogOverride{{
		APIMethodName:     "/pets",
		ConnectorSettings: map[string]ConnectorLogSettings{"Production Elasticsearch": {LogBodyRequestFromClient: ptr(false)}},
	}}
	family := TrafficLogSettings{
		EnvironmentID: "env-123", APIProxyID: "proxy-456", LogParamRequestFromClient: ptr(true),
		LogBodyRequestFromClient: ptr(true),
		ConnectorSettings: map[string]ConnectorLogSettings{
			"my-elasticsearch-connection": {Enabled: ptr(true), LogBodyRequestFromClient: ptr(true)},
		},
	}
	const flags = `"logParamRequestFromClient": true, "logHeaderRequestFromClient": true,
		"logBodyRequestFromClient": true, "logParamRequestToTarget": true, "logHeaderRequestToTarget": true,
		"logBodyRequestToTarget": true, "logHeaderResponseFromTarget": true, "logBodyResponseFromTarget": true,
		"logHeaderResponseToClient": true, "logBodyResponseToClient": true`
	for _, tc := range []struct {
		name, body string
		want       []TrafficLogSettings
	}{
		{"List", `{"status": "SUCCESS", "resultList": [{` + flags + `,
			"enableDatabaseConnector": false, "enableElasticsearchConnector": true,
			"connectorSettingsMap": {"Production Elasticsearch": {"enabled": true, "logBodyRequestFromClient": true}}}],
			"resultCount": 1}`, []TrafficLogSettings{list}},
		{"Get by Environment", `{"status": "SUCCESS", "resultList": [{` + flags + `,
			"connectorSettingsMap": {
				"Production Elasticsearch": {"enabled": true, "logBodyRequestFromClient": true,
					"enableBodyFromClientSize": true, "sizeBodyFromClient": 1024},
				"ELASTICSEARCH_INDEX": {"enabled": true, "logBodyRequestFromClient": true}},
			"methodOverrideList": [{"apiMethodName": "/pets",
				"connectorSettingsMap": {"Production Elasticsearch": {"logBodyRequestFromClient": false}}}]}],
			"resultCount": 1}`, []TrafficLogSettings{byEnv}},
		{"Get by Environment, none", `{"status": "SUCCESS", "resultList": [], "resultCount": 0}`, []TrafficLogSettings{}},
		{"family page", `{"status": "SUCCESS", "resultList": [{"environmentId": "env-123", "apiProxyId": "proxy-456",
			"logParamRequestFromClient": true, "logBodyRequestFromClient": true,
			"connectorSettingsMap": {"my-elasticsearch-connection": {"enabled": true, "logBodyRequestFromClient": true}}}]}`,
			[]TrafficLogSettings{family}},
	} {
		var got trafficLogAnswer
		if err := json.Unmarshal([]byte(tc.body), &got); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.Status != "SUCCESS" || !reflect.DeepEqual(got.ResultList, tc.want) {
			t.Errorf("%s decodes to %+v\nwant %+v", tc.name, got.ResultList, tc.want)
		}
		// The required apiMethodId, which the example leaves out, is sent
		// back empty.
		var raw struct{ ResultList []json.RawMessage }
		_ = json.Unmarshal([]byte(strings.ReplaceAll(tc.body, `{"apiMethodName"`, `{"apiMethodId": "", "apiMethodName"`)), &raw)
		for i, item := range got.ResultList {
			if b, _ := json.Marshal(item); !jsonEqual(b, raw.ResultList[i]) {
				t.Errorf("%s: item %d read as\n%s\nmarshals back to\n%s", tc.name, i, raw.ResultList[i], b)
			}
		}
	}
	// The (bare-field 2025) legacy setting's documented body decodes too.
	var legacy LegacyTrafficLogSettings
	body := `{"enabledTraceLog": true, "apiProxyTrafficLogSettingsList": [{"environmentName": "production",
		"logParamRequestFromClient": true, "enableElasticsearchConnector": true}]}`
	want := LegacyTrafficLogSettings{EnabledTraceLog: ptr(true), Environments: []LegacyTrafficLogEnvironment{{
		EnvironmentName: "production", LogParamRequestFromClient: ptr(true), EnableElasticsearchConnector: ptr(true),
	}}}
	if err := json.Unmarshal([]byte(body), &legacy); err != nil || !reflect.DeepEqual(legacy, want) {
		t.Errorf("legacy body decodes to %+v, %v", legacy, err)
	}
}

// TestTrafficLogEnumValues: the constants are the pages' strings.
func TestTrafficLogEnumValues(t *testing.T) {
	got := []string{
		string(ConnectorElasticsearch), string(ConnectorDatabase), string(ConnectorSyslog), string(ConnectorWebhook),
		string(ConnectorRabbitMQ), string(ConnectorActiveMQ), string(ConnectorKafka), string(ConnectorGraylog),
		string(ConnectorLogback),
		string(PrivacyMask), string(PrivacyDelete), string(PrivacyEncrypt), string(PrivacyHash), string(PrivacyDetect),
		string(PatternElementName), string(PatternRegex), string(PatternBuiltIn),
		string(PIITCKN), string(PIIIBANTR), string(PIIPhoneTR), string(PIIEmail), string(PIICreditCard),
		string(MaskFixed), string(MaskKeepFirst), string(MaskKeepLast), string(MaskMaskFirst),
	}
	want := []string{
		"ELASTICSEARCH_INDEX", "DB_INSERT_UPDATE_DELETE", "SYSLOG_SEND", "WEBHOOK_SEND", "RABBITMQ_SEND",
		"ACTIVEMQ_SEND", "KAFKA_SEND", "GRAYLOG_SEND", "LOGBACK_APPEND",
		"MASK", "DELETE", "ENCRYPT", "HASH", "DETECT",
		"ELEMENT_NAME", "REGEX", "BUILTIN",
		"TCKN", "IBAN_TR", "PHONE_TR", "EMAIL", "CREDIT_CARD",
		"FIXED", "KEEP_FIRST", "KEEP_LAST", "MASK_FIRST",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("enum values\n%q\nwant\n%q", got, want)
	}
}
