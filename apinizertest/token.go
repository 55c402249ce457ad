package apinizertest

import "net/http"

// issueToken is the token endpoint: OAuth2 client credentials in the form
// body. It keeps the OAuth-style envelope in both dialects, as documented.
func (c *call) issueToken() reply {
	oauthError := func(status int, code, text string) reply {
		return reply{status: status, raw: map[string]any{"error": code, "error_description": text}}
	}
	if err := c.r.ParseForm(); err != nil {
		return oauthError(http.StatusBadRequest, "invalid_request", "The form body could not be read")
	}
	if c.r.PostForm.Get("grant_type") != "client_credentials" {
		return oauthError(http.StatusBadRequest, "unsupported_grant_type", "GrantType value must be client_credentials!")
	}
	pw, ok := c.s.users[c.r.PostForm.Get("client_id")]
	if !ok || pw != c.r.PostForm.Get("client_secret") {
		return oauthError(http.StatusUnauthorized, "unauthorized_client", "Bad credentials")
	}
	tok := randomToken()
	c.s.tokens[tok] = []Permission{PermManage, PermDeploy}
	return reply{raw: map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600}}
}
