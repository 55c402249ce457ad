package apinizer

import (
	"context"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// EndpointRow is the endpoint table as the external tests see it.
type EndpointRow struct {
	Op, Older *ops.Op
	Call      func(ctx context.Context, c *Client, project, user, jwk string) (any, error)
}

// EndpointRows returns the endpoint table of endpoints_test.go.
func EndpointRows() []EndpointRow {
	rows := make([]EndpointRow, len(endpoints))
	for i, e := range endpoints {
		call := e.call
		rows[i] = EndpointRow{Op: e.op, Older: e.older,
			Call: func(ctx context.Context, c *Client, project, user, jwk string) (any, error) {
				return call(ctx, c, names{project, user, jwk})
			}}
	}
	return rows
}
