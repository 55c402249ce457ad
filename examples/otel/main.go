// Command otel traces apinizer-go's calls with OpenTelemetry: every
// attempt of every call becomes a span named by its operation
// ("DeployAPIProxy", "ListAPIProxies", ...), under the caller's own span.
// It wraps the SDK's transport with otelhttp through
// apinizer.WithTransportMiddleware, so the SDK's pooling and timeouts
// stay, and names each span with apinizer.OperationName.
//
// It runs on the built-in fake Apinizer, which it makes fail once with a
// 503 so that the retry shows as a second span, and prints the spans it
// recorded:
//
//	go run .            (from examples/otel)
//	go run . -stdout    (print them with OpenTelemetry's stdout exporter instead)
//
// This example is its own module, so the SDK itself gains no dependency;
// OpenTelemetry's v1.47 modules need Go 1.26, which is why its go.mod says
// so (the SDK's says 1.24).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

func main() {
	stdout := flag.Bool("stdout", false, "print the spans with the stdout exporter")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// tracing returns the client option that traces every attempt with tp.
func tracing(tp trace.TracerProvider) apinizer.Option {
	return apinizer.WithTransportMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return otelhttp.NewTransport(next,
			otelhttp.WithTracerProvider(tp),
			otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
				if op := apinizer.OperationName(r.Context()); op != "" {
					return op
				}
				return "HTTP " + r.Method
			}))
	})
}

// run makes a few calls on the fake under one span of its own, and writes
// the spans: with the stdout exporter, or as one line each (name, parent,
// status code) from an in-memory recorder.
func run(ctx context.Context, out io.Writer, stdout bool) error {
	fake := apinizertest.NewServer()
	defer fake.Close()
	fake.AddProject("MyProject", "production")
	fake.AddAPIProxy("MyProject", "petstore-api")
	fake.FailNext(1, http.StatusServiceUnavailable) // the first attempt fails: two spans for one call

	recorder := tracetest.NewSpanRecorder()
	opts := []sdktrace.TracerProviderOption{sdktrace.WithSpanProcessor(recorder)}
	if stdout {
		exp, err := stdouttrace.New(stdouttrace.WithWriter(out), stdouttrace.WithPrettyPrint())
		if err != nil {
			return err
		}
		opts = append(opts, sdktrace.WithSyncer(exp))
	}
	tp := sdktrace.NewTracerProvider(opts...)
	defer func() { _ = tp.Shutdown(context.Background()) }()

	client := fake.Client(tracing(tp), apinizer.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	ctx, span := tp.Tracer("deploy-pipeline").Start(ctx, "release petstore-api")
	if _, err := client.ListAPIProxies(ctx, "MyProject"); err != nil {
		return err
	}
	if _, err := client.DeployAPIProxy(ctx, "MyProject", "petstore-api", "production", nil); err != nil {
		return err
	}
	span.End()
	if stdout {
		return nil
	}
	spans := recorder.Ended()
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].StartTime().Before(spans[j].StartTime()) })
	names := map[trace.SpanID]string{}
	for _, s := range spans {
		names[s.SpanContext().SpanID()] = s.Name()
	}
	for _, s := range spans {
		parent := names[s.Parent().SpanID()]
		if parent == "" {
			parent = "-"
		}
		status := ""
		for _, a := range s.Attributes() {
			if a.Key == "http.response.status_code" {
				status = " " + a.Value.Emit()
			}
		}
		fmt.Fprintf(out, "%s (parent %s)%s\n", s.Name(), parent, status)
	}
	return nil
}
