package apinizer

import (
	"context"
	"fmt"
	"iter"
	"slices"
)

// defaultPageSize is the page size of the iterators when ListOptions
// gives none.
const defaultPageSize = 100

// AllCredentials iterates over every credential of a project, a page at a
// time: opts.Size credentials a request (100 when zero), from page
// opts.Page (pages count from 0, the first), in opts.Sort's order; opts
// may be nil. It stops after a page shorter than the size (the end of the
// list) and after one longer than the size (a Manager that ignores paging
// sent the whole list), and it ends with an error matching
// ErrUnexpectedResponse, rather than loop for ever, when a Manager
// answers the next page with the same credentials (it ignores page). An
// error is yielded once, with a zero Credential, and ends the iteration;
// breaking out of the loop sends no further request.
//
// It sends GET /apiops/projects/{projectName}/credentials/?page=&size=&sort=
// per page, as ListCredentials.
func (c *Client) AllCredentials(ctx context.Context, projectName string, opts *ListOptions) iter.Seq2[Credential, error] {
	return pages(opts, func(o *ListOptions) ([]Credential, error) { return c.ListCredentials(ctx, projectName, o) },
		func(cr Credential) string { return cr.Username })
}

// pages iterates over a paged list: fetch gets one page, key tells items
// apart to notice a page that repeats the one before.
func pages[T any](opts *ListOptions, fetch func(*ListOptions) ([]T, error), key func(T) string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		o := ListOptions{Size: defaultPageSize}
		if opts != nil {
			o = *opts
			if o.Size == 0 {
				o.Size = defaultPageSize
			}
		}
		var last []string
		for ; ; o.Page++ {
			page, err := fetch(&o)
			if err != nil {
				yield(zero, err)
				return
			}
			keys := make([]string, len(page))
			for i, item := range page {
				keys[i] = key(item)
			}
			if len(page) > 0 && slices.Equal(keys, last) {
				yield(zero, fmt.Errorf("apinizer: page %d repeats page %d (the Manager ignores the page parameter): %w", o.Page, o.Page-1, ErrUnexpectedResponse))
				return
			}
			for _, item := range page {
				if !yield(item, nil) {
					return
				}
			}
			if len(page) != o.Size {
				return
			}
			last = keys
		}
	}
}
