package apinizertest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/apinizer-go/apinizer/apinizertest"
)

func TestTokenEndpoint(t *testing.T) {
	eachDialect(t, func(t *testing.T, d apinizertest.Dialect) {
		s := apinizertest.NewServer(apinizertest.WithDialect(d))
		defer s.Close()
		s.AddUser("ci-bot", "pw")
		post := func(form url.Values) (int, map[string]any) {
			resp, err := http.PostForm(s.URL()+"/apiops/auth/token", form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&body)
			return resp.StatusCode, body
		}
		status, body := post(url.Values{"grant_type": {"password"}})
		if status != 400 || body["error"] != "unsupported_grant_type" || body["error_description"] != "GrantType value must be client_credentials!" {
			t.Errorf("bad grant: %d %v", status, body)
		}
		status, body = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-bot"}, "client_secret": {"wrong"}})
		if status != 401 || body["error"] != "unauthorized_client" || body["error_description"] != "Bad credentials" {
			t.Errorf("bad password: %d %v", status, body)
		}
		status, body = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-bot"}, "client_secret": {"pw"}})
		tok, _ := body["access_token"].(string)
		if status != 200 || tok == "" || body["token_type"] != "Bearer" || body["expires_in"] != 3600.0 {
			t.Fatalf("good credentials: %d %v", status, body)
		}
		s.AddProject("P")
		if a := send(t, s, "GET", "/apiops/projects/P/credentials/", tok); a.status != 200 {
			t.Errorf("issued token refused: %d", a.status)
		}
	})
}
