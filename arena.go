package apinizer

// Decoding a long list spends much of its memory on small []string fields
// (a credential's roles and IPs): encoding/json grows each one from
// nothing, one element at a time, so a two-element list costs two
// allocations and half again its size. A listArena lends such fields the
// free end of a shared array instead. encoding/json appends into a slice's
// spare capacity ("resets the slice length to zero and then appends"), so
// an item decodes into the loan and keep takes back what it did not use.
// For 10,000 credentials this saves 40,000 of 130,000 allocations and
// 0.22 MB (BENCHMARKS.md). The cost: a credential kept after its list is
// dropped keeps its arrays alive, at most 1024 strings each, and the
// strings of the neighbours that share them.

// borrower is a list item type with []string fields that borrow from the
// list's arena while it is decoded: decodeList calls lend before decoding
// an item and keep after.
type borrower interface {
	lend(a *listArena)
	keep(a *listArena)
}

// listArena is one list's arenas, one per []string field of its item type
// (two serve Credential).
type listArena struct{ fields [2]stringArena }

// stringArena hands out the unused end of one []string. Each array it
// takes is twice as large as the last, up to 1024 strings, so that a short
// list stays small.
type stringArena struct{ buf []string }

// lend returns an empty slice whose capacity is the arena's free end.
func (a *stringArena) lend() []string {
	if len(a.buf) == cap(a.buf) {
		a.buf = make([]string, 0, min(max(2*cap(a.buf), 4), 1024))
	}
	return a.buf[len(a.buf):]
}

// keep takes back a loan after decoding, and returns the field's value:
//   - nil when the field was absent: the loan came back untouched;
//   - the elements decoded into the arena, without spare capacity, so that
//     appending to one item's field never writes into the next one's;
//   - what encoding/json made itself for "[]" and null, as it would have;
//   - for a list that outgrew the loan, the slice encoding/json grew. The
//     loan has been written to, so the arena is retired: every loan is of
//     never-written, zeroed strings (a JSON null element leaves a string
//     as it was, so a reused one would show through).
func (a *stringArena) keep(s []string) []string {
	free := cap(a.buf) - len(a.buf)
	switch {
	case len(s) == 0 && cap(s) > 0:
		return nil
	case len(s) == 0:
		return s
	case free > 0 && &s[0] == &a.buf[:len(a.buf)+1][len(a.buf)]:
		a.buf = a.buf[:len(a.buf)+len(s)]
		return s[:len(s):len(s)]
	}
	a.buf = a.buf[:cap(a.buf)]
	return s
}
