package apinizer

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"
)

// Secret is a string that never prints: String, GoString and Format give
// "[redacted]" for every fmt verb, and slog logs it as "[redacted]".
// MarshalJSON sends the real value, so it reaches the API and only the API.
// Convert it with string(s) where the value itself is needed.
type Secret string

const redacted = "[redacted]"

// String returns "[redacted]".
func (Secret) String() string { return redacted }

// GoString returns "[redacted]", for %#v.
func (Secret) GoString() string { return redacted }

// Format writes "[redacted]" for every verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue keeps the value out of slog records.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON sends the real value. (So slog's JSON handler, which
// marshals what it is given, would show a Secret held in a slice or map;
// the SDK's own types that hold secrets log themselves redacted.)
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(string(s)) }

// redactedLog is the slog value of a type that holds a Secret or
// KeyMaterial: its fmt form, in which those print "[redacted]".
func redactedLog(v any) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }

// ListOptions are the API's common list parameters. Zero fields are not
// sent; a nil *ListOptions sends no query string. The pages document
// none of them for the lists in scope, so whether a Manager honours them
// is not documented: apinizertest does, with Spring's meaning, which
// AllCredentials assumes too. Page counts from 0 (the first page); a
// page holds at most Size items (0: not sent, the Manager's default, on
// the documented Managers the whole list); a page shorter than Size is
// the last, and a page past the end is empty. Sort is "field,asc" or
// "field,desc".
type ListOptions struct {
	Page int    `url:"page,omitempty"`
	Size int    `url:"size,omitempty"`
	Sort string `url:"sort,omitempty"` // e.g. "username,asc"
}

// check refuses negative numbers.
func (o *ListOptions) check() error {
	switch {
	case o == nil:
		return nil
	case o.Page < 0:
		return invalidArgument("ListOptions.Page", "must not be negative")
	case o.Size < 0:
		return invalidArgument("ListOptions.Size", "must not be negative")
	}
	return nil
}

// apiTime is a time as the API writes it: ISO 8601 in UTC with
// milliseconds, "2024-12-31T23:59:59.000Z"; a nil one is null.
type apiTime struct{ t *time.Time }

// MarshalJSON implements json.Marshaler.
func (a apiTime) MarshalJSON() ([]byte, error) {
	if a.t == nil {
		return []byte("null"), nil
	}
	return json.Marshal(a.t.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
}

// timeOf returns an apiTime for the encoders, or nil for omitempty.
func timeOf(t *time.Time) *apiTime {
	if t == nil {
		return nil
	}
	return &apiTime{t}
}
