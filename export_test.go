package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// EndpointNames are the path parameters the external tests call a row
// with.
type EndpointNames struct{ Project, User, JWK, APIProxy, Environment string }

// EndpointRow is the endpoint table as the external tests see it.
type EndpointRow struct {
	Op, Older *ops.Op
	Creates   bool    // the call creates the API proxy its path names
	ProxyType APIType // the type of the API proxy its path names; "" for REST
	Call      func(ctx context.Context, c *Client, n EndpointNames) (any, error)
}

// EndpointRows returns the endpoint table of endpoints_test.go.
func EndpointRows() []EndpointRow {
	rows := make([]EndpointRow, len(endpoints))
	for i, e := range endpoints {
		call := e.call
		rows[i] = EndpointRow{Op: e.op, Older: e.older, Creates: e.creates, ProxyType: e.proxyType,
			Call: func(ctx context.Context, c *Client, n EndpointNames) (any, error) {
				return call(ctx, c, names{n.Project, n.User, n.JWK, n.APIProxy, n.Environment})
			}}
	}
	return rows
}
