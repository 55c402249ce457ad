package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestSpansAreNamedByTheOperationUnderTheCallersSpan: one span per
// attempt, named by the SDK's operation, each a child of the caller's.
func TestSpansAreNamedByTheOperationUnderTheCallersSpan(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, false); err != nil {
		t.Fatal(err)
	}
	want := "release petstore-api (parent -)\n" +
		"ListAPIProxies (parent release petstore-api) 503\n" +
		"ListAPIProxies (parent release petstore-api) 200\n" +
		"DeployAPIProxy (parent release petstore-api) 200\n"
	got := out.String()
	// The caller's span starts first and ends last: it is listed first.
	if got != want {
		t.Errorf("spans:\n%s\nwant:\n%s", got, want)
	}
}

// TestTheStdoutExporter prints the same spans as JSON.
func TestTheStdoutExporter(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, true); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`"Name": "ListAPIProxies"`, `"Name": "DeployAPIProxy"`, `"Name": "release petstore-api"`} {
		if !strings.Contains(out.String(), name) {
			t.Errorf("the stdout exporter printed no %s:\n%s", name, out.String())
		}
	}
}
