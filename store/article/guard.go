package article

import (
	"fmt"
	"time"

	"dispatch/internal/recovered"
)

// parseBudget is how long one file may take to parse. The bounds on
// markdown (see boundMarkdown) keep any file of the size allowed well
// under a second; a file that still takes longer is skipped, so that no
// file can hold up the rest of the library.
const parseBudget = 3 * time.Second

// errTooSlow reports work abandoned at its time budget.
type errTooSlow struct{ budget time.Duration }

func (e errTooSlow) Error() string { return fmt.Sprintf("took longer than %v to read", e.budget) }

// guarded runs f on its own goroutine and waits for it at most budget. A
// panic in f (third-party parsers read untrusted bytes here) comes back as
// an error instead of killing the process before the terminal is restored
// and the reading state saved. On timeout f is abandoned: it finishes on
// its own and its result is dropped, so f must not share state with the
// caller that outlives the call; abandoned reports that it happened.
func guarded[T any](budget time.Duration, f func() (T, error)) (v T, err error, abandoned bool) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: recovered.Error(p)}
			}
		}()
		v, err := f()
		done <- result{v, err}
	}()
	t := time.NewTimer(budget)
	defer t.Stop()
	select {
	case r := <-done:
		return r.v, r.err, false
	case <-t.C:
		var zero T
		return zero, errTooSlow{budget}, true
	}
}
