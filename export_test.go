package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// EndpointNames are the path parameters the external tests call a row
// with.
type EndpointNames struct{ Project, User, JWK, APIProxy, Environment, Group, Variable string }

// EndpointRow is the endpoint table as the external tests see it.
type EndpointRow struct {
	Op, Older *ops.Op
	Creates   bool    // the call creates the API proxy its path names
	Fresh     string  // "group" or "variable": the call creates the group or variable of its names
	ProxyType APIType // the type of the API proxy its path names; "" for REST
	Call      func(ctx context.Context, c *Client, n EndpointNames) (any, error)
}

// EndpointRows returns the endpoint table of endpoints_test.go.
func EndpointRows() []EndpointRow {
	rows := make([]EndpointRow, len(endpoints))
	for i, e := range endpoints {
		call := e.call
		rows[i] = EndpointRow{Op: e.op, Older: e.older, Creates: e.creates, Fresh: e.fresh, ProxyType: e.proxyType,
			Call: func(ctx context.Context, c *Client, n EndpointNames) (any, error) {
				return call(ctx, c, names{n.Project, n.User, n.JWK, n.APIProxy, n.Environment, n.Group, n.Variable})
			}}
	}
	return rows
}

// SettingsSample is one sample of apiproxy_settings_types_test.go: a value
// of a Settings type with every field set, the JSON of its fields, and how
// its page takes it.
type SettingsSample struct {
	Value     Settings
	JSON      string
	Path      string  // the setting's part of the path, e.g. "cors"
	Wrapper   string  // the 2026 page's wrapper member; "" for none
	Union     bool    // sent flat and wrapped in one body
	Classic   bool    // a setting of classic routing, refused by AI proxies
	ProxyType APIType // the only proxy type it applies to; "" for any
}

// SettingsSamples returns one sample of every Settings type.
func SettingsSamples() []SettingsSample {
	var out []SettingsSample
	for _, s := range settingsSamples {
		k := s.kind
		out = append(out, SettingsSample{Value: s.s, JSON: s.json, Path: k.path(), Wrapper: k.wrapper, Union: k.union,
			Classic: k.classic, ProxyType: proxyTypes[k.path()]})
	}
	return out
}
