package apinizer_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/apinizer-go/apinizer"
	"github.com/apinizer-go/apinizer/apinizertest"
)

// TestConcurrentCallsShareOneClient runs many goroutines on one Client
// against the fake, in both dialects (run it with -race): each sets and
// removes JWKs on its own credential while the server injects transient
// failures.
func TestConcurrentCallsShareOneClient(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) { concurrentCalls(t, d) })
	}
}

func concurrentCalls(t *testing.T, d apinizertest.Dialect) {
	srv := apinizertest.NewServer(apinizertest.WithDialect(d))
	defer srv.Close()
	srv.AddProject("My Project")
	srv.AddJWK("My Project", "k/1")
	const workers, rounds = 32, 10
	for w := range workers {
		srv.AddCredential("My Project", fmt.Sprintf("user %d", w))
	}
	c := srv.Client(apinizer.WithRetryMax(10))
	srv.FailNext(20, 503)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("user %d", w)
			for range rounds {
				if _, err := c.SetJWKValidation(ctx, "My Project", user, "k/1"); err != nil {
					errs <- fmt.Errorf("%s set: %w", user, err)
					return
				}
				if _, err := c.RemoveJWKValidation(ctx, "My Project", user); err != nil {
					errs <- fmt.Errorf("%s remove: %w", user, err)
					return
				}
			}
			_, err := c.RemoveJWKValidation(ctx, "My Project", user)
			if !errors.Is(err, apinizer.ErrNotAssigned) || !errors.Is(err, apinizer.ErrBadRequest) || errors.Is(err, apinizer.ErrCredentialNotFound) {
				errs <- fmt.Errorf("%s: removing twice gave %v", user, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for w := range workers {
		if jwk, ok := srv.Assigned("My Project", fmt.Sprintf("user %d", w), apinizertest.UseValidation); ok {
			t.Errorf("user %d still has %q assigned", w, jwk)
		}
	}
	if got, want := len(srv.Requests()), workers*(2*rounds+1)+20; got != want {
		t.Errorf("server saw %d requests, want %d (every call once, plus the 20 failed attempts)", got, want)
	}
}
