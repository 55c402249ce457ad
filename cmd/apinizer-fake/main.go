// Command apinizer-fake runs the fake Apinizer Manager of package
// apinizertest as a server, for shell scripts, Postman collections and
// tests in other languages:
//
//	go run ./cmd/apinizer-fake -seed cmd/apinizer-fake/testdata/seed.json
//
// It prints the base URL and an every-permission token, one line each, as
// APINIZER_URL=... and APINIZER_TOKEN=... (so a shell can eval them), then
// serves until SIGINT or SIGTERM.
//
// Flags:
//
//	-addr host:port   where to listen (default 127.0.0.1:8080; port 0 picks a free one);
//	                  an address that is not loopback needs -listen-any
//	-listen-any       allow a non-loopback -addr (the fake has no real security)
//	-dialect 2025|2026  the answers' envelope (default 2025)
//	-seed FILE        a JSON seed (see apinizertest.Server.LoadSeed)
//	-token TOKEN      accept TOKEN with every permission and print it
//	                  (default: a random token)
//	-v                log one line per request to stderr: method, path, status
//
// It exits 2 for bad flags, an address it may not use, or a seed that does
// not load (the message names the line and the field), and 0 after a
// signal.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/apinizer-go/apinizer/apinizertest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run serves until ctx is done and returns the exit status.
func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	flags := flag.NewFlagSet("apinizer-fake", flag.ContinueOnError)
	flags.SetOutput(errOut)
	addr := flags.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	listenAny := flags.Bool("listen-any", false, "allow an -addr that is not loopback")
	dialect := flags.String("dialect", "2025", "answer in the `2025` or 2026 dialect")
	seedFile := flags.String("seed", "", "JSON seed `file`")
	token := flags.String("token", "", "an every-permission `token` to accept (default: random)")
	verbose := flags.Bool("v", false, "log each request to stderr")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(errOut, "apinizer-fake:", err)
		return 2
	}
	opts := []apinizertest.ServerOption{}
	switch *dialect {
	case "2025":
		opts = append(opts, apinizertest.WithDialect(apinizertest.Dialect2025))
	case "2026":
		opts = append(opts, apinizertest.WithDialect(apinizertest.Dialect2026))
	default:
		return fail(fmt.Errorf("-dialect %q: want 2025 or 2026", *dialect))
	}
	if err := checkAddr(*addr, *listenAny); err != nil {
		return fail(err)
	}
	var seed []byte
	if *seedFile != "" {
		var err error
		if seed, err = os.ReadFile(*seedFile); err != nil {
			return fail(err)
		}
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(err)
	}
	opts = append(opts, apinizertest.WithListener(l))
	if *verbose {
		opts = append(opts, apinizertest.WithLogger(slog.New(slog.NewTextHandler(errOut, nil))))
	}
	srv := apinizertest.NewServer(opts...)
	defer srv.Close()
	if seed != nil {
		if err := srv.LoadSeed(bytes.NewReader(seed)); err != nil {
			return fail(fmt.Errorf("%s: %w", *seedFile, err))
		}
	}
	tok := srv.Token()
	if *token != "" {
		tok = *token
		srv.AddToken(tok, apinizertest.PermManage, apinizertest.PermDeploy)
	}
	fmt.Fprintf(out, "APINIZER_URL=%s/apiops\n", srv.URL())
	fmt.Fprintf(out, "APINIZER_TOKEN=%s\n", tok)
	<-ctx.Done()
	return 0
}

// checkAddr refuses an address that is not loopback, unless allowed: the
// fake accepts its printed token from anyone who can reach it.
func checkAddr(addr string, listenAny bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if listenAny {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errors.New("-addr " + addr + " is not a loopback address; add -listen-any to serve the fake beyond this machine")
}
