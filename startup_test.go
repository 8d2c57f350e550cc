//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sys/unix"

	"dispatch/internal/benchcorpus"
	"dispatch/internal/testlib"
	"dispatch/store"
)

// terminal is a pseudo-terminal that answers the questions dispatch asks on
// start (background colour, device attributes) as a dark terminal would,
// and records the screen output.
type terminal struct {
	ptmx, tty *os.File
	silent    bool // never answers questions
	mu        sync.Mutex
	out       bytes.Buffer
	changed   chan struct{} // receives after each read
}

func openTerminal(t testing.TB, cols, rows int) *terminal {
	t.Helper()
	return openPseudoTerminal(t, cols, rows, false)
}

// openSilentTerminal is a terminal that never answers: a slow remote link,
// or one that does not know the question.
func openSilentTerminal(t testing.TB, cols, rows int) *terminal {
	t.Helper()
	return openPseudoTerminal(t, cols, rows, true)
}

func openPseudoTerminal(t testing.TB, cols, rows int, silent bool) *terminal {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(ptmx.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: uint16(rows), Col: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	term := &terminal{ptmx: ptmx, tty: tty, silent: silent, changed: make(chan struct{}, 1)}
	go term.read()
	t.Cleanup(term.close)
	return term
}

func (term *terminal) read() {
	buf := make([]byte, 64<<10)
	for {
		n, err := term.ptmx.Read(buf)
		if n > 0 {
			term.mu.Lock()
			term.out.Write(buf[:n])
			asked := bytes.Contains(buf[:n], []byte("\x1b]11;?"))
			term.mu.Unlock()
			if asked && !term.silent {
				term.ptmx.WriteString("\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
			}
			select {
			case term.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			close(term.changed)
			return
		}
	}
}

// waitFor waits until the screen output, without styling or as it came,
// contains s.
func (term *terminal) waitFor(s string, timeout time.Duration) bool {
	deadline := time.After(timeout)
	// after the first look, only the output since the last one (and some
	// before it, for s or an escape sequence cut in two): indexing a large
	// library redraws its progress for a minute
	const overlap = 4096
	from := 0
	for {
		term.mu.Lock()
		out := term.out.Bytes()
		found := strings.Contains(ansi.Strip(string(out[from:])), s) || strings.Contains(string(out[from:]), s)
		from = max(0, len(out)-overlap-len(s))
		term.mu.Unlock()
		if found {
			return true
		}
		select {
		case _, ok := <-term.changed:
			if !ok {
				return false
			}
		case <-deadline:
			return false
		}
	}
}

func (term *terminal) close() {
	term.ptmx.Close()
	term.tty.Close()
}

func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// startReader starts dispatch in a terminal of the given size.
func startReader(t testing.TB, term *terminal, args ...string) *exec.Cmd {
	return startProcess(t, term, "1", args...)
}

// startProcess starts the test binary in term in the mode mode of
// runMainEnv.
func startProcess(t testing.TB, term *terminal, mode string, args ...string) *exec.Cmd {
	t.Helper()
	return startProcessEnv(t, term, mode, nil, args...)
}

// startProcessEnv is startProcess with more environment variables.
func startProcessEnv(t testing.TB, term *terminal, mode string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	// an index cache, feeds and subscriptions of its own: never the real
	// ones, and a cold cache unless the caller passes --cache
	cmd.Env = append(os.Environ(), runMainEnv+"="+mode, "TERM=xterm-256color", "COLORFGBG=", "DISPATCH_THEME=", "DISPATCH_DIR=",
		"XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = term.tty, term.tty, term.tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// The first frame shows the list; the article beside it follows when
// rendered.
const (
	firstFrameText = "5 articles"
	articleText    = "Negotiators from Washington and Kyiv"
)

func TestStartupInATerminal(t *testing.T) {
	term := openTerminal(t, 120, 35)
	cmd := startReader(t, term, "--state", filepath.Join(t.TempDir(), "state.json"), "--no-builtin", "--dir", testlib.Dir, "--topics", testlib.TopicsFile)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if !term.waitFor(firstFrameText, 10*time.Second) {
		cmd.Process.Kill()
		t.Fatalf("no first frame; the terminal got %q", term.output())
	}
	if !term.waitFor(articleText, 10*time.Second) {
		t.Errorf("the first article is not shown beside the list")
	}
	term.ptmx.WriteString("q")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("reader exited with %v: %q", err, term.output())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("q did not quit the reader")
	}
	// the process has ended; what it wrote last may still be on its way
	// through the pseudo-terminal
	if !term.waitFor("\x1b[?1049l", 10*time.Second) {
		tail := term.output()
		t.Errorf("the reader did not leave the alternate screen: output ends %q", tail[max(0, len(tail)-200):])
	}
}

// TestStartupWithATerminalThatNeverAnswers guards against the five-second
// stall: bubbletea's package init asks the terminal for its background and
// waits termenv's fixed five seconds for an answer unless internal/termbg has
// settled it first (see its init). The reader asks once, itself, with a short
// bound. So a terminal that never answers sees exactly one question before the
// first frame, and that frame comes long before a second question's wait
// could have ended.
func TestStartupWithATerminalThatNeverAnswers(t *testing.T) {
	term := openSilentTerminal(t, 80, 24)
	start := time.Now()
	cmd := startReader(t, term, "--state", filepath.Join(t.TempDir(), "state.json"), "--no-builtin", "--dir", testlib.Dir, "--topics", testlib.TopicsFile)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if !term.waitFor(firstFrameText, 10*time.Second) {
		cmd.Process.Kill()
		t.Fatalf("no first frame; the terminal got %q", term.output())
	}
	took := time.Since(start)
	out := term.output()
	before, _, _ := strings.Cut(out, firstFrameText)
	if n := strings.Count(before, "\x1b]11;?"); n != 1 {
		t.Errorf("the terminal was asked for its background %d times before the first frame, want once: %q", n, before)
	}
	// A second question would cost termenv's 5 s; the reader's own costs
	// termbg.Timeout. The bound sits between the two with room for a loaded
	// machine and -race, so it fails only on the stall it is here for.
	if took > 4*time.Second {
		t.Errorf("first frame after %v; a stalled question costs 5 s", took.Round(time.Millisecond))
	}
	t.Logf("first frame after %v", took.Round(time.Millisecond))
	term.ptmx.WriteString("q")
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("q did not quit the reader")
	}
}

// BenchmarkStartup is the time from starting the process to its first frame
// in a terminal that answers the colour query at once.
//
// init-only is the floor: the same binary printing at once from main, so
// process start and package initialisation (of which glamour's chroma is
// most). first-frame is the reader's: that, then loading the embedded
// articles, the first View, and bubbletea's wait for its next frame tick.
// article-ms is the time until the first article shows beside the list.
func BenchmarkStartup(b *testing.B) {
	b.Run("init-only", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			term := openTerminal(b, 120, 35)
			b.StartTimer()
			cmd := startProcess(b, term, "init-only")
			if !term.waitFor(firstFrameText, 10*time.Second) {
				b.Fatalf("no output: %q", term.output())
			}
			b.StopTimer()
			cmd.Wait()
			term.close()
			b.StartTimer()
		}
	})
	b.Run("first-frame", func(b *testing.B) {
		state := filepath.Join(b.TempDir(), "state.json")
		var articleTotal time.Duration
		for b.Loop() {
			b.StopTimer()
			term := openTerminal(b, 120, 35)
			b.StartTimer()
			start := time.Now()
			cmd := startReader(b, term, "--state", state)
			if !term.waitFor(firstFrameText, 10*time.Second) {
				cmd.Process.Kill()
				b.Fatalf("no first frame: %q", term.output())
			}
			b.StopTimer()
			if !term.waitFor(articleText, 10*time.Second) {
				b.Fatal("no article")
			}
			articleTotal += time.Since(start)
			term.ptmx.WriteString("q")
			if err := cmd.Wait(); err != nil {
				b.Fatal(err)
			}
			term.close()
			b.StartTimer()
		}
		b.ReportMetric(articleTotal.Seconds()*1000/float64(b.N), "article-ms")
	})
	for _, size := range benchcorpus.Sizes(b)[1:] {
		b.Run("first-list/"+size.Name, func(b *testing.B) { benchmarkLargeStartup(b, size.N) })
	}
}

// benchmarkLargeStartup starts the reader on a generated library of n
// articles and times the first frame that lists them (the reader is usable
// from then on, while it indexes). It reports indexed-s, the time until the
// whole library is indexed, and peak-rss-MB, the most memory the process
// held by the time related articles could be shown.
func benchmarkLargeStartup(b *testing.B, n int) {
	dir, err := benchcorpus.Dir(n)
	if err != nil {
		b.Fatal(err)
	}
	listed := fmt.Sprintf("%d articles", n+5) // the built-in five come first
	var indexed time.Duration
	var peakRSS int
	for b.Loop() {
		b.StopTimer()
		term := openTerminal(b, 120, 35)
		state := filepath.Join(b.TempDir(), "state.json")
		b.StartTimer()
		start := time.Now()
		cmd := startReader(b, term, "--state", state, "--dir", dir)
		if !term.waitFor(listed, time.Minute) {
			cmd.Process.Kill()
			b.Fatalf("no list of %d articles within a minute", n)
		}
		b.StopTimer()
		// a library too small to be listed before it is indexed is
		// listed indexed
		if strings.Contains(ansi.Strip(term.output()), "indexing") && !term.waitFor("indexed ", 10*time.Minute) {
			cmd.Process.Kill()
			b.Fatal("not indexed within 10 minutes")
		}
		indexed += time.Since(start)
		term.ptmx.WriteString("r") // related articles need every article's vector
		if !term.waitFor("shares:", 5*time.Minute) {
			cmd.Process.Kill()
			b.Fatal("no related articles")
		}
		peakRSS = max(peakRSS, peakResidentMB(b, cmd.Process.Pid))
		term.ptmx.WriteString("\x03") // ctrl+c quits from the panel too
		if err := cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		term.close()
		b.StartTimer()
	}
	b.ReportMetric(indexed.Seconds()/float64(b.N), "indexed-s")
	b.ReportMetric(float64(peakRSS), "peak-rss-MB")
}

// peakResidentMB is the most memory process pid has held resident.
func peakResidentMB(b *testing.B, pid int) int {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var n int
			if _, err := fmt.Sscanf(strings.TrimSpace(kb), "%d kB", &n); err != nil {
				b.Fatalf("read %q: %v", line, err)
			}
			return n >> 10
		}
	}
	b.Fatal("no VmHWM in /proc/pid/status")
	return 0
}

// TestBenchmarksRun runs the start-up benchmark once.
func TestBenchmarksRun(t *testing.T) {
	benchcorpus.Smoke(t, ".", map[string]func(*testing.B){"BenchmarkStartup": BenchmarkStartup})
}

// TestReaderStartsFromTheCache: the second start of the reader on a large
// folder lists its articles by their titles at once, with search working,
// instead of a catalog of file names while everything is indexed again.
func TestReaderStartsFromTheCache(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchcorpus.WriteDir(dir, 1, store.DefaultCatalogFrom+20); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	args := []string{"--state", filepath.Join(t.TempDir(), "state.json"), "--no-builtin", "--dir", dir, "--cache", cache}
	for run := range 2 {
		term := openTerminal(t, 120, 35)
		cmd := startReader(t, term, args...)
		listed := fmt.Sprintf("%d articles", store.DefaultCatalogFrom+20)
		if !term.waitFor(listed, time.Minute) {
			cmd.Process.Kill()
			t.Fatalf("run %d: no list", run+1)
		}
		if run == 0 {
			if !term.waitFor("indexed ", time.Minute) {
				cmd.Process.Kill()
				t.Fatal("run 1: not indexed")
			}
		} else {
			if strings.Contains(ansi.Strip(term.output()), "indexing") {
				t.Error("run 2: indexing again although the cache is current")
			}
			term.ptmx.WriteString("/" + benchcorpus.RareWord)
			if !term.waitFor("result", 10*time.Second) {
				t.Errorf("run 2: search gave nothing: %q", ansi.Strip(term.output()))
			}
		}
		term.ptmx.WriteString("\x03") // ctrl+c quits from the prompt too
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d: %v", run+1, err)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("run %d: ctrl+c did not quit the reader", run+1)
		}
		term.close()
	}
}
