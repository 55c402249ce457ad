package ops

// Credentials, their access grants and their two JWK slots.
var (
	ListCredentials = def(Op{Name: "ListCredentials", Method: "GET", Path: "projects/{projectName}/credentials/",
		Doc: docs + "credentials/crud/list-credentials"})
	CreateCredential = def(Op{Name: "CreateCredential", Method: "POST", Path: "projects/{projectName}/credentials/",
		Doc: docs + "credentials/crud/create-credential"})
	UpdateCredential = def(Op{Name: "UpdateCredential", Method: "PUT", Path: "projects/{projectName}/credentials/",
		Doc: docs + "credentials/crud/update-credential"})
	ChangeCredentialPassword = def(Op{Name: "ChangeCredentialPassword", Method: "PATCH", Path: "projects/{projectName}/credentials/{username}/",
		Doc: docs + "credentials/crud/change-credential-password"})
	DeleteCredential = def(Op{Name: "DeleteCredential", Method: "DELETE", Path: "projects/{projectName}/credentials/{username}/",
		Doc: docs + "credentials/crud/delete-credential"})

	ListAccess = def(Op{Name: "ListAccess", Method: "GET", Path: "projects/{projectName}/credentials/{username}/access/",
		Doc: docs + "credentials/access/get-granted-access-list"})
	GrantAccess = def(Op{Name: "GrantAccess", Method: "PUT", Path: "projects/{projectName}/credentials/{username}/access/",
		Doc: docs + "credentials/access/grant-access"})
	RevokeAccess = def(Op{Name: "RevokeAccess", Method: "DELETE", Path: "projects/{projectName}/credentials/{username}/access/",
		Doc: docs + "credentials/access/revoke-access"})

	RemoveJWKValidation = def(Op{Name: "RemoveJWKValidation", Method: "DELETE", Path: "projects/{projectName}/credentials/{username}/jwk/validation/",
		Doc: docs + "credentials/jwk-settings/remove-jwk-validation"})
	SetJWKValidation = def(Op{Name: "SetJWKValidation", Method: "PUT", Path: "projects/{projectName}/credentials/{username}/jwk/validation/{jwkName}/",
		Doc: docs + "credentials/jwk-settings/set-jwk-validation"})
	RemoveJWKEncryption = def(Op{Name: "RemoveJWKEncryption", Method: "DELETE", Path: "projects/{projectName}/credentials/{username}/jwk/encryption/",
		Doc: docs + "credentials/jwk-settings/remove-jwk-encryption"})
	SetJWKEncryption = def(Op{Name: "SetJWKEncryption", Method: "PUT", Path: "projects/{projectName}/credentials/{username}/jwk/encryption/{jwkName}/",
		Doc: docs + "credentials/jwk-settings/set-jwk-encryption"})
)
