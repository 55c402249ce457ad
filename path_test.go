package apinizer

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// The Client escapes each name as url.PathEscape does, for every byte.
func TestEscapingIsPathEscape(t *testing.T) {
	var all strings.Builder
	for b := range 256 {
		all.WriteByte(byte(b))
	}
	for _, s := range []string{all.String(), "My Project/ü", "a;b,c?d#e&f=g+h$i:j@k~l.m_n-o", "%2F", "ü€𝄞"} {
		var b strings.Builder
		writeEscaped(&b, s)
		if got, want := b.String(), url.PathEscape(s); got != want || escapedLen(s) != len(want) {
			t.Errorf("%q: escaped %q (len %d), want %q", s, got, escapedLen(s), want)
		}
	}
}

// A URL costs one allocation however many names it holds.
func TestRequestURLAllocatesOnce(t *testing.T) {
	c, err := NewClient("https://demo.apinizer.com/gw", WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"My Project", "a/b", "k#1"}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := c.requestURL(ops.SetJWKValidation, args, "page=1"); err != nil {
			t.Fatal(err)
		}
	})
	got, _ := c.requestURL(ops.SetJWKValidation, args, "page=1")
	if want := "https://demo.apinizer.com/gw/apiops/projects/My%20Project/credentials/a%2Fb/jwk/validation/k%231/?page=1"; got != want {
		t.Errorf("built %s, want %s", got, want)
	}
	if allocs > 1 {
		t.Errorf("%v allocations per URL, want at most 1", allocs)
	}
	if _, err := c.requestURL(ops.SetJWKValidation, args[:2], ""); !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "jwkName") {
		t.Errorf("a missing argument: %v", err)
	}
}
