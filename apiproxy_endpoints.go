package apinizer

// Endpoint is one endpoint of an API proxy (the pages also say "API
// method"), as Get API Proxy, List Endpoints and Get Endpoint return it.
// It is known by its path name and HTTP method, never by ID.
type Endpoint struct {
	ID                 string     `json:"id"`       // on the pages; not in OpenAPI's schema
	Path               string     `json:"endpoint"` // the path name, e.g. "/api/users"
	Description        string     `json:"description"`
	Active             bool       `json:"active"` // a disabled endpoint answers 404 at the gateway
	HTTPMethod         HTTPMethod `json:"httpMethod"`
	BackendResourceURL string     `json:"backendResourceUrl"` // a path below the routing address, or a URL
	BackendHTTPMethod  HTTPMethod `json:"backendHttpMethod"`
	RequestPolicies    []Policy   `json:"requestPolicyList"`  // only where policies are asked for
	ResponsePolicies   []Policy   `json:"responsePolicyList"` // only where policies are asked for
	ErrorPolicies      []Policy   `json:"errorPolicyList"`    // only where policies are asked for
}

// Policy is one policy of an endpoint's request, response or error
// pipeline, as the policy reads list it.
type Policy struct {
	Type        string `json:"type"` // e.g. "policy-script"
	Name        string `json:"name"`
	Description string `json:"description"`
	Active      bool   `json:"active"`
}
