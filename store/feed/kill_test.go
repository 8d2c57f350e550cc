//go:build unix

package feed

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dispatch/internal/diskio"
)

// The kill and two-process tests re-run this test binary as a child that
// fetches all feeds once (see TestMain).
const childEnv = "DISPATCH_FEED_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(fetchChild(spec))
	}
	os.Exit(m.Run())
}

// childSpec says where the child's files are.
type childSpec struct{ Subs, Data string }

func fetchChild(spec string) int {
	var cs childSpec
	if err := json.Unmarshal([]byte(spec), &cs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	m, err := New(Config{SubscriptionsFile: cs.Subs, DataDir: cs.Data, Version: "child", Proxy: NoProxy, RequestTimeout: time.Minute})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	fmt.Println("started")
	res, err := m.Fetch(context.Background(), nil, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, r := range res {
		fmt.Println(r)
	}
	return 0
}

// killFeed serves a feed of n items whose text ends with a sentinel line, so
// a test can tell a complete item file from a torn one. Each version
// changes every item.
func killFeed(n, version int) []byte {
	items := make([]testItem, n)
	for i := range items {
		items[i] = testItem{guid: fmt.Sprint("k", i), title: fmt.Sprint("Kill test item ", i),
			body: fmt.Sprintf("<p>%s</p><p>Version %d.</p><p>End of item.</p>", longText, version)}
	}
	return rssFeed("Big", items...)
}

// TestKillDuringFetch kills a fetching process (SIGKILL) while it writes
// items and while another feed stalls mid-body, in several rounds: no item
// file is ever torn, the subscriptions file always reads, and a later fetch
// cleans up and carries on. While the child holds the lock, a fetch in this
// process is refused with ErrBusy.
func TestKillDuringFetch(t *testing.T) {
	t.Parallel() // heavy on the disk: overlaps with the rest
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const items = 300
	var (
		mu      sync.Mutex
		version int
		target  = "/big-r0"
	)
	stalled := make(chan struct{}, 16)
	srv := newTestServer(t)
	srv.handle("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Stall</title><item><guid>s1</guid><title>never`))
		w.(http.Flusher).Flush()
		stalled <- struct{}{}
		<-r.Context().Done()
	})
	bigRoute := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		v, tgt := version, target
		mu.Unlock()
		if r.URL.Path != tgt { // each round the feed moves: the child rewrites the subscriptions
			http.Redirect(w, r, tgt, http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(killFeed(items, v))
	}
	for i := range 24 {
		srv.handle(fmt.Sprintf("/big-r%d", i), bigRoute)
	}
	env := newTestEnv(t, func(c *Config) { c.LockWait = 50 * time.Millisecond })
	opml := fmt.Sprintf(`<opml version="2.0"><body><outline text="Big" xmlUrl="%s/big-r0"/><outline text="Stall" xmlUrl="%s/stall"/></body></opml>`, srv.URL, srv.URL)
	if _, err := env.m.Import(context.Background(), strings.NewReader(opml)); err != nil {
		t.Fatal(err)
	}
	spec, _ := json.Marshal(childSpec{Subs: env.subs, Data: env.dataDir})
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 8 {
		mu.Lock()
		version, target = round+1, fmt.Sprintf("/big-r%d", round+1)
		mu.Unlock()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { // drain, so the child never blocks on a full pipe
			sc := bufio.NewScanner(out)
			for sc.Scan() {
			}
		}()
		select {
		case <-stalled: // the child is fetching the stalled feed, the other one's items are being written
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the child never reached the stalling feed")
		}
		if round == 0 {
			_, err := env.m.Fetch(context.Background(), nil, nil)
			if !errors.Is(err, ErrBusy) {
				t.Errorf("a fetch while another process fetches: %v, want ErrBusy", err)
			}
			errorText(t, err, "another dispatch is fetching feeds")
		}
		// kill at a moment further into the item writing each round (with
		// some jitter), as the project's state kill test does; what is
		// asserted never depends on when
		time.Sleep(time.Duration(round*50+rng.IntN(20)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkAfterKill(t, env, round, items)
	}
	// a normal fetch afterwards cleans up and stores every item once
	srv.serveBytes("/stall", "application/rss+xml", rssFeed("Stall", simpleItems(1, "1")...))
	res := env.fetch(t)
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("fetch after the kills: %v", r.Err)
		}
	}
	subs, err := env.m.Subscriptions()
	if err != nil || len(subs) != 2 {
		t.Fatalf("subscriptions %v %v", subs, err)
	}
	if got := len(env.items(t, subs[0])); got != items {
		t.Errorf("%d item files for %d items", got, items)
	}
	filepath.WalkDir(filepath.Dir(env.m.FeedsDir()), func(path string, d os.DirEntry, err error) error {
		if err == nil && diskio.IsTemp(d.Name()) {
			t.Errorf("temporary file left: %s", path)
		}
		return nil
	})
	filepath.WalkDir(filepath.Dir(env.subs), func(path string, d os.DirEntry, err error) error {
		if err == nil && diskio.IsTemp(d.Name()) {
			t.Errorf("temporary file left: %s", path)
		}
		return nil
	})
}

// checkAfterKill asserts that whatever a killed fetch left is whole.
func checkAfterKill(t *testing.T, env *testEnv, round, items int) {
	t.Helper()
	subs, err := env.m.Subscriptions()
	if err != nil || len(subs) != 2 {
		t.Fatalf("round %d: subscriptions file: %v, %d subscriptions", round, err, len(subs))
	}
	files, current, temps := 0, 0, 0
	filepath.WalkDir(env.m.FeedsDir(), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if diskio.IsTemp(d.Name()) {
			temps++
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		files++
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(string(data), "End of item.\n") {
			t.Fatalf("round %d: torn item file %s: %q", round, path, data[max(0, len(data)-80):])
		}
		if strings.Contains(string(data), fmt.Sprintf("Version %d.", round+1)) {
			current++
		}
		return nil
	})
	// where the kill fell, for the record (-v): the rounds should cover
	// before, during and after the writing
	t.Logf("round %d: killed with %d of %d items of this round in place and %d temporary files", round, current, items, temps)
	if files > items {
		t.Fatalf("round %d: %d item files for %d items", round, files, items)
	}
	if _, warns := env.load(t); len(warns) > 0 {
		t.Fatalf("round %d: the loader warns: %v", round, warns)
	}
}
