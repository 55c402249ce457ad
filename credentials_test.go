package apinizer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestListCredentialsDecodesTheDocumentedAnswer(t *testing.T) {
	c, seen := mockAnswer(t, http.StatusOK, fixture(t, "2025/list_credentials.json"))
	got, err := c.ListCredentials(context.Background(), "My Project", nil)
	if err != nil {
		t.Fatal(err)
	}
	req := (*seen)[0]
	if req.method != http.MethodGet || req.path != "/gw/apiops/projects/My%20Project/credentials/" || req.query != "" {
		t.Errorf("sent %s %s?%s", req.method, req.path, req.query)
	}
	expire := time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
	want := []Credential{
		{
			Username: "api-user", Email: "user@example.com", FullName: "John Doe",
			Description: "API user credential", RoleNames: []string{"API_USER", "DEVELOPER"},
			Enabled: true, IPList: []string{"192.168.1.100", "10.0.0.0/8"}, ExpireDate: &expire,
		},
		{
			Username: "old user", FullName: "Disabled User", RoleNames: []string{}, IPList: []string{},
		},
	}
	if len(got) != 2 || !got[0].ExpireDate.Equal(expire) {
		t.Fatalf("got %+v", got)
	}
	got[0].ExpireDate = &expire // same instant; compare the rest field by field
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestListOptionsQueryString(t *testing.T) {
	tests := []struct {
		opts *ListOptions
		want string
	}{
		{nil, ""},
		{&ListOptions{}, ""},
		{&ListOptions{Page: 2}, "page=2"},
		{&ListOptions{Size: 50, Sort: "username,asc"}, "size=50&sort=username%2Casc"},
		{&ListOptions{Page: 1, Size: 10, Sort: "a b&c"}, "page=1&size=10&sort=a+b%26c"},
	}
	for _, tt := range tests {
		c, seen := mockAnswer(t, http.StatusOK, fixture(t, "2025/list_credentials.json"))
		if _, err := c.ListCredentials(context.Background(), "p", tt.opts); err != nil {
			t.Fatal(err)
		}
		if got := (*seen)[0].query; got != tt.want {
			t.Errorf("%+v: query %q, want %q", tt.opts, got, tt.want)
		}
	}
}

func TestListCredentialsRefusesBadInput(t *testing.T) {
	for _, tt := range []struct {
		project string
		opts    *ListOptions
	}{
		{"", nil}, {"..", nil}, {"p", &ListOptions{Page: -1}}, {"p", &ListOptions{Size: -5}},
	} {
		c, seen := mockAnswer(t, http.StatusOK, fixture(t, "2025/list_credentials.json"))
		got, err := c.ListCredentials(context.Background(), tt.project, tt.opts)
		if !errors.Is(err, ErrInvalidArgument) || got != nil || len(*seen) != 0 {
			t.Errorf("%q %+v: %v, %v, %d requests", tt.project, tt.opts, got, err, len(*seen))
		}
	}
}

func TestListCredentialsErrors(t *testing.T) {
	for _, tt := range []struct {
		status int
		body   string
		want   error
	}{
		{401, "2025/error_token.json", ErrUnauthorized},
		{404, "2025/error_project.json", ErrProjectNotFound},
	} {
		c, _ := mockAnswer(t, tt.status, fixture(t, tt.body))
		got, err := c.ListCredentials(context.Background(), "MyProject", nil)
		if !errors.Is(err, tt.want) || got != nil {
			t.Errorf("%d: %v, %v; want %v", tt.status, got, err, tt.want)
		}
	}
}

func TestListCredentialsStreamingDecoder(t *testing.T) {
	tests := []struct {
		name, body string
		want       int // credentials; -1 for ErrUnexpectedResponse
	}{
		{"null list", `{"success":true,"resultList":null}`, 0},
		{"no list", `{"success":true}`, 0},
		{"empty list", `{"success":true,"resultList":[]}`, 0},
		{"list before success, unknown keys skipped", `{"resultList":[{"username":"a","extra":{"x":[1,2]}}],"total":1,"meta":{"a":[]},"success":true}`, 1},
		{"success false", `{"success":false,"resultList":[]}`, -1},
		{"list is an object", `{"success":true,"resultList":{}}`, -1},
		{"top level array", `[{"username":"a"}]`, -1},
		{"credential of the wrong shape", `{"success":true,"resultList":[{"username":5}]}`, -1},
		{"truncated inside the list", `{"success":true,"resultList":[{"username":"a"},`, -1},
		{"bad expireDate", `{"success":true,"resultList":[{"username":"a","expireDate":"tomorrow"}]}`, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux := setup(t)
			mux.HandleFunc("GET /apiops/projects/p/credentials/", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tt.body))
			})
			got, err := c.ListCredentials(context.Background(), "p", nil)
			if tt.want < 0 {
				if !errors.Is(err, ErrUnexpectedResponse) || got != nil {
					t.Fatalf("got %v, %v; want ErrUnexpectedResponse", got, err)
				}
				return
			}
			if err != nil || len(got) != tt.want {
				t.Fatalf("got %d credentials, %v; want %d", len(got), err, tt.want)
			}
		})
	}
}

func TestListCredentialsLongListsKeepOrderAndExactLength(t *testing.T) {
	for _, n := range []int{15, 16, 17, 4096 + 16, 10000} {
		c, mux := setup(t)
		body := credentialsBody(n)
		mux.HandleFunc("GET /apiops/projects/p/credentials/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		})
		got, err := c.ListCredentials(context.Background(), "p", nil)
		if err != nil || len(got) != n || (n > 16 && cap(got) != n) {
			t.Fatalf("%d credentials: got len %d cap %d, %v", n, len(got), cap(got), err)
		}
		for i, cr := range got {
			if cr.Username != fmt.Sprintf("api-user-%d", i) || cr.ExpireDate == nil || len(cr.RoleNames) != 2 {
				t.Fatalf("%d credentials: entry %d is %+v", n, i, cr)
			}
		}
	}
}

func TestCredentialAndAccessRequestsAreCheckedBeforeSending(t *testing.T) {
	ctx := context.Background()
	full := func() *CredentialRequest {
		return &CredentialRequest{Username: "u", Email: "u@example.com", FullName: "U", Password: "pw"}
	}
	cases := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"nil create", func(c *Client) error { _, err := c.CreateCredential(ctx, "P", nil); return err }, "cred"},
		{"no username", func(c *Client) error {
			r := full()
			r.Username = ""
			_, err := c.CreateCredential(ctx, "P", r)
			return err
		}, "CredentialRequest.Username"},
		{"no email", func(c *Client) error {
			r := full()
			r.Email = ""
			_, err := c.CreateCredential(ctx, "P", r)
			return err
		}, "CredentialRequest.Email"},
		{"no full name", func(c *Client) error {
			r := full()
			r.FullName = ""
			_, err := c.UpdateCredential(ctx, "P", r)
			return err
		}, "CredentialRequest.FullName"},
		{"no password on update", func(c *Client) error {
			r := full()
			r.Password = ""
			_, err := c.UpdateCredential(ctx, "P", r)
			return err
		}, "CredentialRequest.Password"},
		{"metadata without key", func(c *Client) error {
			r := full()
			r.Metadata = []CredentialMetadata{{Value: "v"}}
			_, err := c.CreateCredential(ctx, "P", r)
			return err
		}, "Metadata[0].Key"},
		{"empty password", func(c *Client) error { _, err := c.ChangeCredentialPassword(ctx, "P", "u", ""); return err }, "password"},
		{"no grants", func(c *Client) error { _, err := c.GrantAccess(ctx, "P", "u"); return err }, "access"},
		{"grant without name", func(c *Client) error {
			_, err := c.GrantAccess(ctx, "P", "u", Access{Type: AccessAPIProxy})
			return err
		}, "access[0].Name"},
		{"revoke without type", func(c *Client) error {
			_, err := c.RevokeAccess(ctx, "P", "u", Access{Name: "a", Type: AccessAPIProxy}, Access{Name: "b"})
			return err
		}, "access[1].Type"},
	}
	for _, tt := range cases {
		c, seen := mockAnswer(t, 200, fixture(t, "2025/deployment_success.json"))
		err := tt.call(c)
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), tt.want) || len(*seen) != 0 {
			t.Errorf("%s: %v (%d requests); want ErrInvalidArgument naming %q, no request", tt.name, err, len(*seen), tt.want)
		}
	}
}

func TestCredentialRequestJSON(t *testing.T) {
	on := true
	r := CredentialRequest{Username: "u", Email: "e", FullName: "f", Password: "pw", Enabled: &on,
		Metadata: []CredentialMetadata{{Key: "tier", Value: "gold", IncludeInJWT: true, JWTClaimName: "tier"}}}
	b, err := json.Marshal(r)
	want := `{"username":"u","email":"e","fullName":"f","description":"","password":"pw","roleNameList":[],"enabled":true,"ipList":[],"expireDate":null,` +
		`"metadata":[{"key":"tier","value":"gold","secret":false,"includeInJwt":true,"includeInTokenResponse":false,"jwtClaimName":"tier"}]}`
	if err != nil || !jsonEqual(b, []byte(want)) {
		t.Errorf("got %s, %v\nwant %s", b, err, want)
	}
	var back CredentialRequest
	if err := json.Unmarshal(b, &back); err != nil || back.Password != "pw" || back.Metadata[0].Value != "gold" || *back.Enabled != true {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
