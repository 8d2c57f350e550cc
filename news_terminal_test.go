//go:build linux

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Issue 23's acceptance on a terminal: five feeds served on 127.0.0.1;
// F lists them with their counts, enter narrows the list to one, and R
// brings two new items, which come first, are counted in the header ("2
// new") and are what * goes to.
func TestNewsInATerminal(t *testing.T) {
	env := feedEnv(t)
	words := []string{"ferry", "quay", "choir", "lighthouse", "market"}
	places := []string{"Oslo", "Lima", "Hanoi", "Dakar", "Quito"}
	servers := make([]*feedServer, 5)
	for i := range servers {
		servers[i] = newFeedServer(t)
		for j := range 2 {
			w := words[(i+j)%5]
			servers[i].addDated(fmt.Sprintf("%s-%d", w, i), fmt.Sprintf("The %s of %s, report %d", w, places[i], j),
				fmt.Sprintf("The %s in %s was discussed by the council of %s on day %d with the %s keepers.", w, places[i], places[(i+1)%5], j, words[(i+2)%5]),
				fmt.Sprintf("Sun, %d Nov 2025 09:30:00 +0100", 10+i*2+j))
		}
		mustRun(t, env, "feeds", "add", servers[i].URL+"/rss.xml", "--name", fmt.Sprintf("Feed %c", 'A'+i))
	}
	term := openTerminal(t, 120, 40)
	var vars []string
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	cmd := startProcessEnv(t, term, "1", vars, "--no-builtin")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-done
	}()
	wait := func(what string) {
		t.Helper()
		if !term.waitFor(what, 15*time.Second) {
			t.Fatalf("the terminal never showed %q: %q", what, tail(term.output()))
		}
	}
	waitSince := func(mark int, what string) {
		t.Helper()
		if !term.waitForSince(mark, what, 15*time.Second) {
			t.Fatalf("the terminal never showed %q: %q", what, tail(term.output()))
		}
	}
	wait("10 articles")
	mark := term.mark()
	term.ptmx.WriteString("F")
	for i := range 5 {
		waitSince(mark, fmt.Sprintf("Feed %c", 'A'+i))
	}
	waitSince(mark, "2 unread · 2")
	// the third feed narrows the list
	mark = term.mark()
	term.ptmx.WriteString("jj\r")
	waitSince(mark, `source:"Feed C"`)
	waitSince(mark, "1/2")
	mark = term.mark()
	term.ptmx.WriteString("\x1b") // esc: every source again
	waitSince(mark, "/10 ")       // the cursor stays on its article, among all ten

	servers[3].addDated("storm-3", "A storm closes the harbour of Dakar", "A storm closed the harbour of Dakar on Monday and the ferries stayed in port until the wind fell.", "Mon, 01 Dec 2025 08:00:00 +0100")
	servers[3].addDated("flood-3", "Floods reach the market of Dakar", "Floods reached the old market of Dakar after the storm, the traders said, and stalls were moved uphill.", "Mon, 01 Dec 2025 09:00:00 +0100")
	mark = term.mark()
	term.ptmx.WriteString("R")
	waitSince(mark, "2 new")
	waitSince(mark, "12 articles")
	// newest first: the two new items are the first two rows
	waitSince(mark, "Floods reach the market")
	mark = term.mark()
	term.ptmx.WriteString("g*") // from the top (the newest, new) to the next new
	waitSince(mark, "2/12")
	mark = term.mark()
	term.ptmx.WriteString("*")
	waitSince(mark, "1/12")
	term.ptmx.WriteString("q")
	select {
	case err := <-done:
		done <- err
		if err != nil {
			t.Errorf("the reader exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("q did not quit the reader")
	}
}

// A fetch on its own (--fetch-at-start, as the refresh interval's tick
// starts it) happens without a key, and never two at once: R pressed while
// it waits on a slow server says so and asks the server nothing more.
func TestFetchOnItsOwnInATerminal(t *testing.T) {
	env := feedEnv(t)
	feeds := newFeedServer(t)
	feeds.add("ferry", "Ferry Timetable Changes", "The ferry will sail twice a day from Monday, the council said after complaints.")
	mustRun(t, env, "feeds", "add", feeds.URL+"/rss.xml", "--name", "Gazette")
	feeds.addDated("storm", "A Storm Closes the Harbour", "A storm closed the harbour on Monday and the ferries stayed in port until the wind fell.", "Mon, 01 Dec 2025 08:00:00 +0100")

	var inFlight, most atomic.Int32
	arrived, release := make(chan struct{}, 8), make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		arrived <- struct{}{}
		<-release
		feeds.Config.Handler.ServeHTTP(w, r)
	}))
	defer slow.Close()
	// the subscription now asks the slow server, which answers as the feed
	opml := filepath.Join(env["XDG_CONFIG_HOME"], "dispatch", "feeds.opml")
	data, err := os.ReadFile(opml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(opml, []byte(strings.ReplaceAll(string(data), feeds.URL, slow.URL)), 0o644); err != nil {
		t.Fatal(err)
	}

	term := openTerminal(t, 100, 30)
	var vars []string
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	cmd := startProcessEnv(t, term, "1", vars, "--no-builtin", "--fetch-at-start")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-done
	}()
	select {
	case <-arrived: // no key was pressed
	case <-time.After(15 * time.Second):
		close(release)
		t.Fatalf("no fetch at start: %q", tail(term.output()))
	}
	mark := term.mark()
	term.ptmx.WriteString("R")
	if !term.waitForSince(mark, "already fetching", 15*time.Second) {
		t.Errorf("R during the fetch at start: %q", tail(term.output()))
	}
	close(release)
	if !term.waitFor("1 new", 15*time.Second) {
		t.Fatalf("the fetch at start brought nothing to the list: %q", tail(term.output()))
	}
	if n := most.Load(); n != 1 || len(arrived) != 0 {
		t.Errorf("%d fetches at once, %d more requests: want one", n, len(arrived))
	}
	term.ptmx.WriteString("q")
	select {
	case err := <-done:
		done <- err
	case <-time.After(10 * time.Second):
		t.Error("q did not quit the reader")
	}
}
