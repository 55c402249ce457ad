package apinizer

import "github.com/apinizer-go/apinizer/internal/ops"

// The settings that keep answers on the gateway: the response cache and
// idempotency (replaying the answer to a repeated request).

// CacheKeyType is what a cache entry is keyed by (EnumCacheKeyType). Other
// values are sent as given.
type CacheKeyType string

// The documented cache key types.
const (
	CacheKeyQueryParams CacheKeyType = "QUERY_PARAMS" // the API's default
	CacheKeyCustom      CacheKeyType = "CUSTOM"       // the variables of Variables
)

// CacheStorageType is where entries are kept (EnumCacheStorageType), for
// the cache and for idempotency. Other values are sent as given.
type CacheStorageType string

// The documented storage types.
const (
	CacheStorageLocal       CacheStorageType = "LOCAL"       // per gateway worker
	CacheStorageDistributed CacheStorageType = "DISTRIBUTED" // shared by the workers; the API's default
)

// CacheHandlingAction is what the gateway does on a hit
// (EnumCacheHandlingAction), for the cache and for idempotency. Other
// values are sent as given.
type CacheHandlingAction string

// The documented actions.
const (
	CacheHandlingContinue CacheHandlingAction = "CONTINUE" // answer from the cache and still call the backend
	CacheHandlingStop     CacheHandlingAction = "STOP"     // answer from the cache only
)

// CacheSettings is a response cache configuration: page Update Cache
// Settings, path settings/cache/, and the "cacheSettings" object of Update
// Endpoint Cache (an endpoint's own cache). The 2026 page wraps the fields
// in "cacheSettings", the 2025 page and OpenAPI (CacheSettings) send them
// flat: both are sent. Name and HandlingAction are required by the API.
type CacheSettings struct {
	Name                      string              `json:"name,omitempty"` // required by the API
	Description               string              `json:"description,omitempty"`
	CacheActive               *bool               `json:"cacheActive,omitempty"`               // default false
	CacheOnlyHTTPGetRequests  *bool               `json:"cacheOnlyHttpGetRequests,omitempty"`  // default true
	CacheKeyType              CacheKeyType        `json:"cacheKeyType,omitempty"`              // default QUERY_PARAMS
	CacheStorageType          CacheStorageType    `json:"cacheStorageType,omitempty"`          // default DISTRIBUTED
	Capacity                  *int                `json:"capacity,omitempty"`                  // entries; the oldest are evicted
	TTL                       *int                `json:"ttl,omitempty"`                       // seconds
	HandlingAction            CacheHandlingAction `json:"handlingAction,omitempty"`            // required by the API
	InvalidationRequiresAuthn *bool               `json:"invalidationRequiresAuthn,omitempty"` // default false
	CacheNullValue            *bool               `json:"cacheNullValue,omitempty"`            // cache empty answers too; default false
	Variables                 []Variable          `json:"variableList,omitempty"`              // the key, for CacheKeyCustom
}

func (CacheSettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsCache, wrapper: "cacheSettings", union: true}
}

// IdempotencyKeyType is where the idempotency key comes from
// (EnumIdempotencyKeyType, 2026). Other values are sent as given.
type IdempotencyKeyType string

// The documented key types.
const (
	IdempotencyKeyHeader IdempotencyKeyType = "HEADER" // the header HeaderName; the API's default
	IdempotencyKeyCustom IdempotencyKeyType = "CUSTOM" // built from Variables
)

// IdempotencySettings make the gateway recognise a repeated request by its
// key and replay the first answer: page Update Idempotency Settings (2026
// only), path settings/idempotency/, body {"idempotencySettings": {...}} on
// the page and in OpenAPI alike. AI, MCP and A2A proxies accept it too.
type IdempotencySettings struct {
	Name                            string              `json:"name,omitempty"`
	Description                     string              `json:"description,omitempty"`
	IdempotencyActive               *bool               `json:"idempotencyActive,omitempty"`          // default false
	KeyType                         IdempotencyKeyType  `json:"keyType,omitempty"`                    // default HEADER
	HeaderName                      string              `json:"headerName,omitempty"`                 // default "Idempotency-Key"
	Variables                       []Variable          `json:"variableList,omitempty"`               // the key, for IdempotencyKeyCustom
	KeyRequired                     *bool               `json:"keyRequired,omitempty"`                // refuse requests without a key; default false
	MissingKeyHTTPStatus            *int                `json:"missingKeyHttpStatus,omitempty"`       // default 400
	ApplicableHTTPMethods           []HTTPMethod        `json:"applicableHttpMethods,omitempty"`      // default POST, PUT, PATCH, DELETE
	PayloadHashEnabled              *bool               `json:"payloadHashEnabled,omitempty"`         // detect a key reused with another body; default true
	ProcessingTimeoutInSeconds      *int                `json:"processingTimeoutInSeconds,omitempty"` // default 60
	RetentionInDays                 *int                `json:"retentionInDays,omitempty"`            // 1 to 30; default 7
	CacheStorageType                CacheStorageType    `json:"cacheStorageType,omitempty"`           // default DISTRIBUTED
	HandlingAction                  CacheHandlingAction `json:"handlingAction,omitempty"`
	CacheConnectionTimeoutInSeconds *int                `json:"cacheConnectionTimeoutInSeconds,omitempty"` // default 3
	ConflictHTTPStatus              *int                `json:"conflictHttpStatus,omitempty"`              // the same key still in progress; default 409
	MismatchHTTPStatus              *int                `json:"mismatchHttpStatus,omitempty"`              // the same key with another body; default 422
	ReplayCompletedResponse         *bool               `json:"replayCompletedResponse,omitempty"`         // default true
	ConflictMessage                 string              `json:"conflictMessage,omitempty"`                 // default: a built-in JSON body
	MismatchMessage                 string              `json:"mismatchMessage,omitempty"`                 // default: a built-in JSON body
	MissingKeyMessage               string              `json:"missingKeyMessage,omitempty"`               // default: a built-in JSON body
	ErrorContentType                string              `json:"errorContentType,omitempty"`                // default "application/json"
	MissingKeyBodyEnabled           *bool               `json:"missingKeyBodyEnabled,omitempty"`           // default true
	ConflictBodyEnabled             *bool               `json:"conflictBodyEnabled,omitempty"`             // default true
	MismatchBodyEnabled             *bool               `json:"mismatchBodyEnabled,omitempty"`             // default true
}

func (IdempotencySettings) settings() settingsKind {
	return settingsKind{op: ops.SettingsIdempotency, wrapper: "idempotencySettings"}
}
