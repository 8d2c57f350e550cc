package screen

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// recorder is a terminal that keeps what is written and tells each write.
type recorder struct {
	mu     sync.Mutex
	b      strings.Builder
	writes chan string
	fail   error
}

func newRecorder() *recorder { return &recorder{writes: make(chan string, 100)} }

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return 0, r.fail
	}
	r.b.Write(p)
	r.writes <- string(p)
	return len(p), nil
}

// next waits for the next write.
func (r *recorder) next(t *testing.T) string {
	t.Helper()
	return <-r.writes
}

func TestAFrameIsWrittenWhenItIsHandedOver(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	defer s.Stop()
	if got := r.next(t); !strings.Contains(got, "\x1b[?1049h") || !strings.Contains(got, "\x1b[?1006h") {
		t.Fatalf("start did not take the alternate screen and the mouse: %q", got)
	}
	s.Frame("one\ntwo\nthree")
	// no tick to wait for: the write comes because of the frame alone
	if got := r.next(t); !strings.Contains(got, "one") || !strings.Contains(got, "three") || !strings.HasPrefix(got, syncBegin) {
		t.Fatalf("first frame: %q", got)
	}
	s.Frame("one\nTWO\nthree")
	got := r.next(t)
	if !strings.Contains(got, "\x1b[2;1H"+clearLine+"TWO") || strings.Contains(got, "one") || strings.Contains(got, "three") {
		t.Errorf("a changed line should be all that is written: %q", got)
	}
	if strings.Contains(got, clearAll) {
		t.Errorf("an unchanged size needs no clearing: %q", got)
	}
}

func TestResizeAndHeightRepaintWhole(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	defer s.Stop()
	r.next(t)
	s.Frame("a\nb")
	r.next(t)
	s.Resized()
	s.Frame("a\nb")
	if got := r.next(t); !strings.Contains(got, clearAll) || !strings.Contains(got, "a") || !strings.Contains(got, "b") {
		t.Errorf("after a resize the frame is written whole: %q", got)
	}
	s.Frame("a\nb\nc")
	if got := r.next(t); !strings.Contains(got, clearAll) {
		t.Errorf("a frame of another height is written whole: %q", got)
	}
}

func TestReleaseHoldsFramesUntilRestore(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	defer s.Stop()
	r.next(t)
	s.Frame("before")
	r.next(t)
	s.Release()
	if got := r.next(t); !strings.Contains(got, "\x1b[?1049l") || !strings.Contains(got, "\x1b[?25h") || !strings.Contains(got, "\x1b[?1002l") {
		t.Fatalf("release did not give the terminal back: %q", got)
	}
	s.Frame("while away")
	s.Restore()
	if got := r.next(t); !strings.Contains(got, "\x1b[?1049h") {
		t.Fatalf("restore did not take the alternate screen again: %q", got)
	}
	if got := r.next(t); !strings.Contains(got, clearAll) || !strings.Contains(got, "while away") {
		t.Errorf("after restore the newest frame is drawn whole: %q", got)
	}
	s.Release()
	r.next(t)
	s.Restore()
	r.next(t)
	if got := r.next(t); !strings.Contains(got, "while away") {
		t.Errorf("restore with no new frame draws the last again: %q", got)
	}
}

func TestStopGivesTheTerminalBackOnce(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	r.next(t)
	s.Stop()
	s.Stop()
	s.Frame("after")
	if got := r.next(t); !strings.Contains(got, "\x1b[?1049l") {
		t.Fatalf("stop: %q", got)
	}
	select {
	case w := <-r.writes:
		t.Errorf("written after stop: %q", w)
	default:
	}
}

func TestAFailedWriteStopsWriting(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	r.next(t)
	gone := errors.New("terminal gone")
	r.mu.Lock()
	r.fail = gone
	r.mu.Unlock()
	s.Frame("x")
	s.Release() // waits for the frame's write, which fails
	if !errors.Is(s.Err(), gone) {
		t.Errorf("Err: %v", s.Err())
	}
	s.Stop()
}

func TestFramesComingFastAreCoalesced(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	defer s.Stop()
	r.next(t)
	const frames = 1000
	for i := range frames {
		s.Frame(fmt.Sprintf("frame %d\nend", i))
	}
	// the newest frame is drawn, and the frames between need not be
	writes := 0
	for {
		w := r.next(t)
		writes++
		if strings.Contains(w, fmt.Sprintf("frame %d", frames-1)) {
			break
		}
	}
	if writes >= frames {
		t.Errorf("%d writes for %d frames handed over at once", writes, frames)
	}
}

func TestDrawWritesNothingWhenNothingChanged(t *testing.T) {
	if got := draw([]string{"a", "b"}, []string{"a", "b"}, false); got != "" {
		t.Errorf("unchanged frame: %q", got)
	}
}

func mustStart(t *testing.T, s *Screen) {
	t.Helper()
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
}

func TestWriteGoesBetweenFrames(t *testing.T) {
	r := newRecorder()
	s := New(r)
	mustStart(t, s)
	defer s.Stop()
	r.next(t)
	done := make(chan struct{})
	go func() {
		for i := range 200 {
			s.Frame(fmt.Sprintf("frame %d", i))
		}
		close(done)
	}()
	for range 50 {
		if _, err := s.Write([]byte("\x1b]52;c;eA==\a")); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	s.Release()
	r.mu.Lock()
	out := r.b.String()
	r.mu.Unlock()
	// a copy is never inside a frame's synchronized update
	depth := 0
	for i := 0; i < len(out); i++ {
		switch {
		case strings.HasPrefix(out[i:], syncBegin):
			depth++
		case strings.HasPrefix(out[i:], syncEnd):
			depth--
		case strings.HasPrefix(out[i:], "\x1b]52") && depth != 0:
			t.Fatalf("a clipboard write inside a frame at byte %d", i)
		}
	}
}
