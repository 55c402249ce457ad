package apinizer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apinizer-go/apinizer/internal/ops"
)

// requestURL fills op's path template with args, one per parameter in
// order, below the Client's base, and appends the query: one allocation
// for the whole URL. Each argument is checked (checkSegment) and sent as
// one percent-encoded segment, exactly as url.PathEscape encodes it. The
// first refused argument is the error, named as the template names it.
func (c *Client) requestURL(op *ops.Op, args []string, query string) (string, error) {
	parts := op.Parts()
	n, i := len(c.origin)+len(c.basePath), 0
	for _, p := range parts {
		if p.Param == "" {
			n += len(p.Literal)
			continue
		}
		if i >= len(args) {
			return "", invalidArgument(p.Param, "is missing") // a bug of the calling method
		}
		if err := checkSegment(p.Param, args[i]); err != nil {
			return "", err
		}
		n += escapedLen(args[i])
		i++
	}
	if query != "" {
		n += 1 + len(query)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(c.origin)
	b.WriteString(c.basePath)
	i = 0
	for _, p := range parts {
		if p.Param == "" {
			b.WriteString(p.Literal)
			continue
		}
		writeEscaped(&b, args[i])
		i++
	}
	if query != "" {
		b.WriteByte('?')
		b.WriteString(query)
	}
	return b.String(), nil
}

// checkSegment refuses values that cannot be one path segment whatever
// the escaping: empty, "." and ".." (which servers and proxies resolve),
// control characters and invalid UTF-8.
func checkSegment(name, value string) error {
	switch value {
	case "":
		return invalidArgument(name, "is empty")
	case ".", "..":
		return invalidArgument(name, fmt.Sprintf("%q is not allowed as a path segment", value))
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 || c >= 0x7f {
			return checkRunes(name, value)
		}
	}
	return nil // printable ASCII, the usual case
}

// checkRunes is checkSegment's test of a value that is not all printable
// ASCII.
func checkRunes(name, value string) error {
	if !utf8.ValidString(value) {
		return invalidArgument(name, "is not valid UTF-8")
	}
	for _, r := range value {
		if unicode.IsControl(r) {
			return invalidArgument(name, fmt.Sprintf("holds control character %U", r))
		}
	}
	return nil
}

// keepInSegment reports whether url.PathEscape leaves byte c as it is:
// the unreserved characters and the sub-delimiters a segment may hold
// ("$", "&", "+", ":", "=", "@"); "/", ";", ",", "?" and every other byte
// are escaped.
func keepInSegment(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '~', '$', '&', '+', ':', '=', '@':
		return true
	}
	return false
}

// escapedLen is len(url.PathEscape(s)).
func escapedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !keepInSegment(s[i]) {
			n += 2
		}
	}
	return n
}

// writeEscaped writes url.PathEscape(s) without building it first.
func writeEscaped(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	kept := 0 // s[kept:i] is written as it is
	for i := 0; i < len(s); i++ {
		if c := s[i]; !keepInSegment(c) {
			b.WriteString(s[kept:i])
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			kept = i + 1
		}
	}
	b.WriteString(s[kept:])
}
