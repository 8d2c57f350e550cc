package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/recovered"
	"dispatch/internal/screen"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/feed"
	"dispatch/ui"
)

// browserCommand is the command that opens url: the first command of
// $BROWSER that exists (colon-separated, as man(1) and others read it; "%s"
// stands for the address, else it goes last), else xdg-open, or open on
// macOS. Never a shell: the address is one argument whatever it holds.
// foreground is true for $BROWSER, which may be a terminal browser (w3m,
// lynx) and so gets the terminal, as newsboat and mutt give it.
func browserCommand(getenv func(string) string, lookPath func(string) (string, error), url string) (cmd *exec.Cmd, foreground, ok bool) {
	for _, entry := range strings.Split(getenv("BROWSER"), ":") {
		fields := strings.Fields(entry)
		if len(fields) == 0 {
			continue
		}
		path, err := lookPath(fields[0])
		if err != nil {
			continue
		}
		args, placed := make([]string, 0, len(fields)), false
		for _, f := range fields[1:] {
			if strings.Contains(f, "%s") {
				f, placed = strings.ReplaceAll(f, "%s", url), true
			}
			args = append(args, f)
		}
		if !placed {
			args = append(args, url)
		}
		return exec.Command(path, args...), true, true
	}
	opener := "xdg-open"
	if runtime.GOOS == "darwin" {
		opener = "open"
	}
	if path, err := lookPath(opener); err == nil {
		return exec.Command(path, url), false, true
	}
	return nil, false, false
}

// openURLFunc opens addresses for the reader: $BROWSER with the terminal
// handed over until it exits, xdg-open or open started in the background
// with its chatter discarded (it must not write over the screen).
func openURLFunc(getenv func(string) string, scr *screen.Screen) func(url string) (tea.Cmd, bool) {
	return func(url string) (tea.Cmd, bool) {
		cmd, foreground, ok := browserCommand(getenv, exec.LookPath, url)
		if !ok {
			return nil, false
		}
		done := func(err error) tea.Msg { return ui.URLOpenedMsg{URL: url, Err: err} }
		if foreground {
			return tea.Exec(handedOver{Cmd: cmd, scr: scr}, done), true
		}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, io.Discard, io.Discard
		detach(cmd) // the browser outlives the terminal
		return func() tea.Msg {
			if err := cmd.Start(); err != nil {
				return done(err)
			}
			go cmd.Wait() //nolint:errcheck // reaped; a browser's exit status says nothing about the link
			return done(nil)
		}, true
	}
}

// osc52 is the escape that puts text on the terminal's clipboard: the
// only sequence other than SGR dispatch writes, and only on y. The text is
// base64, so nothing in it can act on the terminal.
func osc52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
}

// clipboardFunc writes the copy escape to the terminal in one write, so it
// does not interleave with a frame.
func clipboardFunc(w io.Writer) func(string) error {
	return func(text string) error {
		_, err := io.WriteString(w, osc52(text))
		return err
	}
}

// readerFeeds is what the reader may ask of the feeds (R, the sources
// panel): fetch, add, remove, and list them. Each operation that changes
// the feeds loads the library they grew through the index cache, reading
// only the items that changed. Nothing is written to stderr: the reader
// has the screen. It also says how often the reader fetches on its own
// (see readerRefresh).
func readerFeeds(e env, g *globalFlags, in libraryInputs, cache store.CacheOptions, look appearance, notify func(string)) (ui.Feeds, time.Duration) {
	if g.noFeeds {
		return ui.Feeds{}, g.refresh
	}
	m, err := feedManager(e, g)
	if err != nil {
		return ui.Feeds{}, g.refresh
	}
	cache.Progress = nil
	var last store.CacheReport // of the last library given: Reopen gives no other as long as it is current
	reload := func(res ui.FetchResult, changed bool) ui.FetchResult {
		lib, report, ok, err := store.Reopen(withFeeds(in, m.FeedsDir()).open, cache, last, changed)
		switch {
		case err != nil:
			return ui.FetchResult{Err: err}
		case ok:
			last = report
			res.Library, res.Renderer = lib, look.renderer(lib)
		}
		return res
	}
	hook := g.cfg().onNew
	fetched := func(results []feed.Result, err error) ui.FetchResult {
		if err != nil {
			return ui.FetchResult{Err: err}
		}
		if len(hook) > 0 {
			if s, ok := summarise(m.FeedsDir(), in.identities, results); ok {
				go runOnNewReporting(hook, s, notify)
			}
		}
		res := ui.FetchResult{Summary: fetchSummary(results)}
		changed := false
		for _, r := range results {
			if r.Err != nil {
				res.Failures = append(res.Failures, r.Err.Error())
			}
			changed = changed || r.New > 0 || r.Updated > 0
		}
		return reload(res, changed)
	}
	feeds := ui.Feeds{
		Fetch: func(names []string, progress func(done, total int)) ui.FetchResult {
			return fetched(m.Fetch(context.Background(), names, progress))
		},
		Add: func(url string, progress func(done, total int)) ui.FetchResult {
			sub, r, err := m.Add(context.Background(), url, "", false)
			if err != nil {
				return ui.FetchResult{Err: err}
			}
			res := ui.FetchResult{Summary: fmt.Sprintf("added %s: %s", sub.Name, plural(r.New, "item"))}
			if r.Err != nil {
				res.Failures = append(res.Failures, r.Err.Error())
			}
			return reload(res, r.New > 0)
		},
		Remove: func(name string, purge bool) ui.FetchResult {
			sub, err := m.Remove(context.Background(), name, purge)
			if err != nil {
				return ui.FetchResult{Err: err}
			}
			res := ui.FetchResult{Summary: "removed " + sub.Name + "; its items are kept (F, x, d deletes them)"}
			if purge {
				res.Summary = "removed " + sub.Name + " and its items"
			}
			return reload(res, purge)
		},
		Sources: func() ([]ui.Source, error) { return readerSources(in, m) },
	}
	if g.refresh == 0 {
		// no refresh of its own: the reader's ticks (see readerRefresh)
		// fetch the feeds that have one, when due
		feeds.Refresh = func(progress func(done, total int)) ui.FetchResult {
			return fetched(m.FetchDue(context.Background(), ownRefresh(m).names, progress))
		}
	}
	return feeds, readerRefresh(g, m)
}

// ownRefreshes are the feeds with a refresh interval of their own, and the
// shortest of these intervals.
type ownRefreshes struct {
	names    []string
	shortest time.Duration
}

// ownRefresh finds the feeds with an interval of their own.
func ownRefresh(m *feed.Manager) ownRefreshes {
	var out ownRefreshes
	subs, err := m.Subscriptions() // the configuration's settings too
	if err != nil {
		return out
	}
	for _, s := range subs {
		if s.Refresh > 0 {
			out.names = append(out.names, s.Name)
			if out.shortest == 0 || s.Refresh < out.shortest {
				out.shortest = s.Refresh
			}
		}
	}
	return out
}

// readerRefresh is how often the reader fetches on its own: --refresh (or
// refresh: in the configuration), else, when some feeds have an interval
// of their own, the shortest of them (each fetched only when due).
func readerRefresh(g *globalFlags, m *feed.Manager) time.Duration {
	if g.refresh != 0 {
		return g.refresh
	}
	return ownRefresh(m).shortest
}

// readerSources are where the reader's articles come from: the built-in
// articles, each folder, each feed (whose items live in its folder under
// the feeds' folder, whatever it is called now).
func readerSources(in libraryInputs, m *feed.Manager) ([]ui.Source, error) {
	var out []ui.Source
	if in.builtin != nil {
		out = append(out, ui.Source{Kind: ui.SourceBuiltin, Name: "Built-in", Has: func(a *article.Article) bool { return !strings.Contains(a.Path, "/") }})
	}
	for _, s := range in.sources {
		if s.Label == feedsLabel {
			continue
		}
		prefix := s.Label + "/"
		out = append(out, ui.Source{Kind: ui.SourceFolder, Name: s.Label, Has: func(a *article.Article) bool { return strings.HasPrefix(a.Path, prefix) }})
	}
	feeds, err := m.List()
	if err != nil {
		return out, err
	}
	for _, f := range feeds {
		if f.Problem != "" {
			continue
		}
		prefix := feedsLabel + "/" + f.Dir + "/"
		out = append(out, ui.Source{Kind: ui.SourceFeed, Name: f.Name, URL: f.URL, Tags: f.Tags, LastFetched: f.LastFetched,
			LastTried: f.LastTried, LastError: f.LastError, Has: func(a *article.Article) bool { return strings.HasPrefix(a.Path, prefix) }})
	}
	return out, nil
}

// fetchSummary is one line for what a fetch did.
func fetchSummary(results []feed.Result) string {
	if len(results) == 0 {
		return "no feeds yet: dispatch feeds add URL"
	}
	var added, updated, waiting int
	for _, r := range results {
		added += r.New
		updated += r.Updated
		if r.NotDue {
			waiting++
		}
	}
	s := fmt.Sprintf("fetched %s", plural(len(results)-waiting, "feed"))
	if waiting > 0 {
		s += fmt.Sprintf(" (%d not due)", waiting)
	}
	switch {
	case added == 0 && updated == 0:
		return s + ": nothing new"
	case updated == 0:
		return fmt.Sprintf("%s: %d new", s, added)
	}
	return fmt.Sprintf("%s: %d new, %d updated", s, added, updated)
}

// runOnNewReporting runs the on-new command for the reader, giving what
// went wrong, a panic included, to notify.
func runOnNewReporting(argv []string, s newSummary, notify func(string)) {
	defer func() {
		if v := recover(); v != nil {
			notify(fmt.Sprintf("on-new: %v", recovered.Error(v)))
		}
	}()
	if err := runOnNew(context.Background(), argv, s); err != nil {
		notify(err.Error())
	}
}
