package ops

// The token endpoint, which WithClientCredentials calls (no trailing slash).
var IssueToken = def(Op{Name: "IssueToken", Method: "POST", Path: "auth/token", NotWrapped: true,
	Doc: docs + "getting-started/authentication"})
