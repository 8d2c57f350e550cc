// Package recovered turns a recovered panic into an error. dispatch's own
// goroutines (loading, parsing, building relations, saving on a timer) run
// where a panic would end the process without restoring the terminal or
// saving the reading state, so each recovers and reports through this one
// form: a single line that still says where the panic happened.
package recovered

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrInternal is wrapped by every error Error makes.
var ErrInternal = errors.New("internal error")

// Error is the error for p, the value of recover(). Call it from the
// deferred function itself: the panicking frames are still on the stack
// then, and the first of ours among them names the place.
func Error(p any) error {
	if at := panicSite(); at != "" {
		return fmt.Errorf("%w: %v (at %s)", ErrInternal, p, at)
	}
	return fmt.Errorf("%w: %v", ErrInternal, p)
}

// panicSite is file:line of the frame that panicked: the first one, below
// the deferred function, that is not the runtime's.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs) // skip Callers, panicSite and Error
	frames := runtime.CallersFrames(pcs[:n])
	panicking := false
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "runtime.") {
			panicking = true // below gopanic and its helpers is the culprit
		} else if panicking {
			return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}
