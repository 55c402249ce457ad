package ops

// The JWK resource. Generate and the five Parse routes have no trailing
// slash; the Parse routes do what Create does for one source type each,
// so the Client covers them with CreateJWK and the fake serves them.
var (
	ListJWKs = def(Op{Name: "ListJWKs", Method: "GET", Path: "projects/{projectName}/jwks/",
		Doc: docs + "keys-secrets/crud/list-jwks"})
	GetJWK = def(Op{Name: "GetJWK", Method: "GET", Path: "projects/{projectName}/jwks/{jwkName}/",
		Doc: docs + "keys-secrets/crud/get-jwk"})
	CreateJWK = def(Op{Name: "CreateJWK", Method: "POST", Path: "projects/{projectName}/jwks/",
		Doc: docs + "keys-secrets/crud/create-jwk"})
	GenerateJWK = def(Op{Name: "GenerateJWK", Method: "POST", Path: "projects/{projectName}/jwks/generate",
		Doc: docs + "keys-secrets/crud/generate-jwk"})
	UpdateJWK = def(Op{Name: "UpdateJWK", Method: "PUT", Path: "projects/{projectName}/jwks/{jwkName}/",
		Doc: docs + "keys-secrets/crud/update-jwk"})
	DeleteJWK = def(Op{Name: "DeleteJWK", Method: "DELETE", Path: "projects/{projectName}/jwks/{jwkName}/",
		Doc: docs + "keys-secrets/crud/delete-jwk"})

	ParseJWKFromURL = def(Op{Name: "ParseJWKFromURL", Method: "POST", Path: "projects/{projectName}/jwks/parse-from-url", NotWrapped: true,
		Doc: docs + "keys-secrets/crud/parse-jwk-from-url"})
	ParseJWKFromClipboard = def(Op{Name: "ParseJWKFromClipboard", Method: "POST", Path: "projects/{projectName}/jwks/parse-from-clipboard", NotWrapped: true,
		Doc: docs + "keys-secrets/crud/parse-jwk-from-clipboard"})
	ParseJWKFromCertificate = def(Op{Name: "ParseJWKFromCertificate", Method: "POST", Path: "projects/{projectName}/jwks/parse-from-certificate", NotWrapped: true,
		Doc: docs + "keys-secrets/crud/parse-jwk-from-certificate"})
	ParseJWKFromKey = def(Op{Name: "ParseJWKFromKey", Method: "POST", Path: "projects/{projectName}/jwks/parse-from-key", NotWrapped: true,
		Doc: docs + "keys-secrets/crud/parse-jwk-from-key"})
	ParseJWKFromKeystore = def(Op{Name: "ParseJWKFromKeystore", Method: "POST", Path: "projects/{projectName}/jwks/parse-from-keystore", NotWrapped: true,
		Doc: docs + "keys-secrets/crud/parse-jwk-from-keystore"})
)
