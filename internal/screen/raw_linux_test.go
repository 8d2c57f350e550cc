package screen

import (
	"fmt"
	"io"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// A Screen on a terminal makes its input raw while it has it, and gives
// its modes back on Release and Stop.
func TestRawWhileItHasTheTerminal(t *testing.T) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	go io.Copy(io.Discard, ptmx) //nolint:errcheck // drains what the screen writes
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	canonical := func() bool {
		tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		return tio.Lflag&unix.ICANON != 0
	}
	if !canonical() {
		t.Fatal("a new terminal should start canonical")
	}
	s := New(tty)
	mustStart(t, s)
	if canonical() {
		t.Error("Start did not make the input raw")
	}
	s.Release()
	if !canonical() {
		t.Error("Release did not give the modes back")
	}
	s.Restore()
	if canonical() {
		t.Error("Restore did not make the input raw again")
	}
	s.Stop()
	if !canonical() {
		t.Error("Stop did not give the modes back")
	}
}
