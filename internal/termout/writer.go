package termout

import (
	"io"
	"strings"
	"sync"
)

// maxPending bounds what a Writer holds back waiting for the end of a
// sequence cut by a write boundary; past it the sequence counts as ended.
const maxPending = 4 << 10

// Writer cleans everything written to it with Clean before passing it on.
// A sequence or rune split across writes is held back until the next write
// completes it, or until Flush. It is safe for concurrent use.
type Writer struct {
	mu      sync.Mutex
	w       io.Writer
	mode    Mode
	pending string
}

// NewWriter returns a Writer to w that keeps what mode allows.
func NewWriter(w io.Writer, mode Mode) *Writer { return &Writer{w: w, mode: mode} }

// SetMode changes what the Writer keeps from now on.
func (w *Writer) SetMode(mode Mode) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.mode = mode
}

// Mode returns what the Writer keeps.
func (w *Writer) Mode() Mode {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.mode
}

// Write cleans p and writes the result. It reports len(p) written when the
// cleaned text was written whole, as what was removed was dealt with.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.pending + string(p)
	var b strings.Builder
	b.Grow(len(s))
	w.pending = cleanInto(&b, s, w.mode, false)
	if len(w.pending) > maxPending {
		cleanInto(&b, w.pending, w.mode, true)
		w.pending = ""
	}
	if b.Len() > 0 {
		if _, err := io.WriteString(w.w, b.String()); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (w *Writer) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush writes what was held back, cleaned as if the output ended there.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending == "" {
		return nil
	}
	s := Clean(w.pending, w.mode)
	w.pending = ""
	_, err := io.WriteString(w.w, s)
	return err
}
