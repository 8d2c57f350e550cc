package state

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The kill and concurrency tests re-run this test binary as a child that
// saves state in a loop (see TestMain).
const childEnv = "DISPATCH_STATE_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(stateChild(spec))
	}
	os.Exit(m.Run())
}

// stateChild bookmarks prefix0, prefix1, … in the state file at path, n of
// them, flushing after each and printing "ack i" once the save is on disk.
func stateChild(spec string) int {
	path, rest, _ := strings.Cut(spec, "|")
	prefix, count, _ := strings.Cut(rest, "|")
	n, _ := strconv.Atoi(count)
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; n <= 0 || i < n; i++ {
		s.SetBookmarked(prefix+strconv.Itoa(i), true)
		s.SetPosition(prefix+strconv.Itoa(i), Position{Passage: i % 7, Line: i, Width: 80})
		if err := s.Flush(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("ack %d\n", i)
	}
	return 0
}

func readStateFile(t *testing.T, path string) State {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := decode(data)
	if err != nil {
		t.Fatalf("state file does not parse: %v\n%.300s", err, data)
	}
	return st
}

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.json")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.SetRead("a@1", true)
	s.SetBookmarked("b@2", true)
	s.SetPosition("a@1", Position{Passage: 12, Line: 140, Width: 80, Percent: 42})
	s.SetHistory([]Position{{Article: "b@2", Passage: 3, Line: 20, Width: 80}}, nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := again.Snapshot()
	if !got.Articles["a@1"].Read || !got.Articles["b@2"].Bookmarked || got.Articles["a@1"].Bookmarked {
		t.Errorf("articles: %+v", got.Articles)
	}
	if p := got.Articles["a@1"].Position; p == nil || *p != (Position{Passage: 12, Line: 140, Width: 80, Percent: 42}) {
		t.Errorf("position: %+v", p)
	}
	if got.Last == nil || got.Last.Article != "a@1" || got.Last.Line != 140 {
		t.Errorf("last: %+v", got.Last)
	}
	if len(got.Back) != 1 || got.Back[0].Article != "b@2" {
		t.Errorf("history: %+v", got.Back)
	}
	if len(again.Warnings()) != 0 || again.Status() != "" {
		t.Errorf("warnings %v status %q", again.Warnings(), again.Status())
	}
}

func TestStateDamagedFilesAreMovedAside(t *testing.T) {
	valid, _ := json.Marshal(State{Version: 1, Articles: map[string]ArticleState{"a@1": {Read: true, ReadAt: 5}}})
	tests := []struct{ name, data string }{
		{"truncated", string(valid[:len(valid)/2])},
		{"wrong type", `{"version":1,"articles":{"a":{"read":"yes"}}}`},
		{"marked, cut short", `{"format":"dispatch-state","version":1,"articles":{"a@1":{"re`},
		{"marked, version not a number", `{"format":"dispatch-state","version":"1"}`},
		{"marked, version zero", `{"format":"dispatch-state","version":0}`},
		{"unknown field inside", `{"version":1,"articles":{"a@1":{"read":true,"colour":"red"}}}`},
		{"negative line", `{"version":1,"last":{"article":"a","passage":1,"line":-5,"width":80}}`},
		{"trailing data", string(valid) + `{"version":1}`},
		{"flipped bytes", strings.Replace(string(valid), `"read"`, `"re\x00d`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			os.WriteFile(path, []byte(tt.data), 0o644)
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("damaged file stopped the reader: %v", err)
			}
			w := s.Warnings()
			if len(w) != 1 || !strings.Contains(w[0], "state file was damaged") || !strings.Contains(w[0], "moved it to "+path+".corrupt-") {
				t.Errorf("warnings %q", w)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) != 1 {
				t.Fatalf("moved aside: %v", aside)
			}
			if data, _ := os.ReadFile(aside[0]); string(data) != tt.data {
				t.Errorf("the damaged file was not kept as it was")
			}
			if len(s.Snapshot().Articles) != 0 {
				t.Errorf("started with %d articles, want afresh", len(s.Snapshot().Articles))
			}
			s.SetRead("x@1", true)
			if err := s.Flush(); err != nil {
				t.Fatalf("saving after a damaged file: %v", err)
			}
			readStateFile(t, path)
		})
	}
}

func TestStateFromNewerVersionIsNeverOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	newer := `{"format":"dispatch-state","version":7,"articles":{"a@1":{"read":true}},"future":"field"}`
	os.WriteFile(path, []byte(newer), 0o644)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Status(), "newer dispatch (version 7, this one reads 1); not saving") {
		t.Errorf("status %q", s.Status())
	}
	s.SetBookmarked("b@2", true)
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != newer {
		t.Errorf("newer file was changed:\n%s", data)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 0 {
		t.Errorf("a newer file is not damaged: moved aside %v", aside)
	}
}

// TestStateRemovesLeftoverTemporaryFiles: what interrupted saves left, in
// this version's hidden names and the earlier ones, is removed.
func TestStateRemovesLeftoverTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	os.WriteFile(filepath.Join(dir, ".state.json.tmp-1a2b3c"), []byte("{half"), 0o644)
	os.WriteFile(path+".tmp-123", []byte("{half"), 0o644)
	os.WriteFile(path+".tmp-456", nil, 0o644)
	if _, err := Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) != 0 {
		t.Errorf("left over: %v", left)
	}
}

func TestStateSaveErrorsAreReportedAndRetried(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// a directory where the file should go: the rename fails, as a full or
	// read-only disk would make it (permissions do not stop root)
	os.MkdirAll(filepath.Join(path, "blocker"), 0o755)
	s.SetBookmarked("a@1", true)
	if err := s.Flush(); err == nil {
		t.Fatal("save into a directory succeeded")
	}
	if !strings.HasPrefix(s.Status(), "save failed: ") {
		t.Errorf("status %q", s.Status())
	}
	if !s.Article("a@1").Bookmarked {
		t.Error("a failed save must not lose the change in memory")
	}
	os.RemoveAll(path)
	if err := s.Close(); err != nil {
		t.Fatalf("retry at close: %v", err)
	}
	if !readStateFile(t, path).Articles["a@1"].Bookmarked || s.Status() != "" {
		t.Errorf("the change was not saved on retry (status %q)", s.Status())
	}
}

// A burst of changes waits for the debounce delay, and is then saved once.
// The delay here is an hour, so nothing can be saved before Close however
// slow the machine.
func TestStateDebounceHoldsABurstOfChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	saved := make(chan error, 10)
	s, err := Open(path, Options{Debounce: time.Hour, Saved: func(err error) { saved <- err }})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		s.SetPosition("a@1", Position{Line: i, Width: 80})
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("saved before the debounce delay")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 {
		t.Errorf("ten changes in a burst were saved %d times, want once", len(saved))
	}
	if st := readStateFile(t, path); st.Articles["a@1"].Position.Line != 9 {
		t.Errorf("saved line %d, want the last change, 9", st.Articles["a@1"].Position.Line)
	}
}

// Changes are saved after the debounce delay without a Flush. The test
// waits for the save to be reported, not for a time.
func TestStateDebouncedSaveHappensWithoutFlush(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	saved := make(chan error, 10)
	s, err := Open(path, Options{Debounce: time.Millisecond, Saved: func(err error) { saved <- err }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 10 {
		s.SetPosition("a@1", Position{Line: i, Width: 80})
	}
	// a slow machine may save part of the burst first: wait for the last
	for {
		if err := <-saved; err != nil {
			t.Fatal(err)
		}
		if readStateFile(t, path).Articles["a@1"].Position.Line == 9 {
			break
		}
	}
}

// TestAPanicWhileSavingIsAnErrorNotACrash injects a panic into a debounced
// save (through the clock it reads): it runs on a timer's goroutine, where a
// panic would end the reader without restoring the terminal or saving.
func TestAPanicWhileSavingIsAnErrorNotACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	var calls, panicAt atomic.Int64
	panicAt.Store(-1)
	now := func() time.Time {
		if calls.Add(1) == panicAt.Load() {
			panic("injected")
		}
		return time.Unix(1700000000, 0)
	}
	saved := make(chan error, 10)
	s, err := Open(path, Options{Debounce: time.Millisecond, Now: now, Saved: func(err error) { saved <- err }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// the change reads the clock once; the save's next reading panics
	panicAt.Store(calls.Load() + 2)
	s.SetRead("a@1", true)
	err = <-saved
	if err == nil || !strings.Contains(err.Error(), "internal error: injected") {
		t.Fatalf("save reported %v, want the injected panic", err)
	}
	if got := s.Status(); !strings.Contains(got, "internal error") {
		t.Errorf("status %q does not say the save failed", got)
	}
	// the change is not lost: the next save writes it
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if !readStateFile(t, path).Articles["a@1"].Read {
		t.Error("the change was lost with the failed save")
	}
}

func TestStateMergesTwoInstances(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	tick := int64(0)
	clock := func() time.Time { tick++; return time.Unix(0, tick) }
	a, _ := Open(path, Options{Now: clock})
	b, _ := Open(path, Options{Now: clock})
	a.SetBookmarked("x@1", true)
	b.SetRead("y@2", true)
	a.SetRead("z@3", true)
	b.SetRead("z@3", false) // later: wins
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	st := readStateFile(t, path)
	if !st.Articles["x@1"].Bookmarked || !st.Articles["y@2"].Read || st.Articles["z@3"].Read {
		t.Errorf("merged: %+v", st.Articles)
	}
	if !b.Article("x@1").Bookmarked {
		t.Error("b should see a's change after saving")
	}
}

// TestStateSurvivesKill kills a saving process at random moments: the file
// always parses and holds every save the child acknowledged.
func TestStateSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	rng := rand.New(rand.NewPCG(7, 11))
	acked, total := -1, 0
	for round := range 12 {
		prefix := fmt.Sprintf("r%d-", round)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+path+"|"+prefix+"|0")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "ack ")); err == nil {
					lines <- n
				}
			}
			close(lines)
		}()
		// kill at a random moment once saving is under way (a child slow to
		// start, as under -race, would otherwise die before saving anything)
		// (a child that exits early closes lines; one that hung would be
		// reported by go test's -timeout)
		acked = -1
		if n, ok := <-lines; ok {
			acked = n
		}
		// let a random number of further saves through, then kill in the
		// middle of whatever the child is doing
		for range rng.IntN(8) {
			if n, ok := <-lines; ok {
				acked = n
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for n := range lines {
			acked = n
		}
		cmd.Wait()
		st := readStateFile(t, path)
		for i := 0; i <= acked; i++ {
			if !st.Articles[prefix+strconv.Itoa(i)].Bookmarked {
				t.Fatalf("round %d: acknowledged save %d lost", round, i)
			}
		}
		total += acked + 1
	}
	if total < 12 {
		t.Errorf("only %d saves were acknowledged in 12 rounds: the test did not exercise saving", total)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp-*")); len(left) > 1 {
		t.Errorf("temporary files pile up: %v", left)
	}
}

// TestStateTwoProcessesSaving runs two processes saving to one file at once:
// neither corrupts it and no change is lost.
func TestStateTwoProcessesSaving(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	const n = 40
	var cmds []*exec.Cmd
	for _, prefix := range []string{"a-", "b-"} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+path+"|"+prefix+"|"+strconv.Itoa(n))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	st := readStateFile(t, path)
	for _, prefix := range []string{"a-", "b-"} {
		for i := range n {
			if !st.Articles[prefix+strconv.Itoa(i)].Bookmarked {
				t.Errorf("%s%d lost", prefix, i)
			}
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	valid, _ := json.MarshalIndent(State{Version: 1, Articles: map[string]ArticleState{"a@1": {Read: true, ReadAt: 5, Position: &Position{Passage: 2, Line: 9, Width: 80}}},
		Last: &Position{Article: "a@1", Line: 9, Width: 80}, Back: []Position{{Article: "a@1"}}}, "", " ")
	for _, s := range []string{string(valid), "", "{}", `{"version":2}`, `{"version":1,"articles":null}`, "[]", "nul",
		`{"format":"dispatch-state","version":1,"articles":{}}`, `{"format":"other","version":1}`} {
		f.Add([]byte(s))
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range fixtures {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := decode(data)
		if err == nil && !readHead(data).ours() {
			t.Fatal("decoded a file that is not recognisably dispatch's")
		}
		if err != nil {
			if errors.Is(err, ErrNewer) && !strings.Contains(err.Error(), "version") {
				t.Fatalf("newer-version error without the version: %v", err)
			}
			return
		}
		again, err := encode(st)
		if err != nil {
			t.Fatalf("a loaded state does not encode: %v", err)
		}
		st2, err := decode(again)
		if err != nil {
			t.Fatalf("a saved state does not load: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(st.clone(), st2.clone()) {
			t.Fatalf("round trip changed the state:\n%+v\n%+v", st, st2)
		}
		merged := merge(st, st2)
		if err := merged.validate(); err != nil {
			t.Fatalf("merging valid states gave an invalid one: %v", err)
		}
	})
}
