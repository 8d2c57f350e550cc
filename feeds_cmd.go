package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store/feed"
)

// feedPaths are where the subscriptions and the fetched items live:
// --subscriptions and --data, else $XDG_CONFIG_HOME/dispatch/feeds.opml and
// $XDG_DATA_HOME/dispatch (or ~/.config and ~/.local/share). ok is false
// when neither a flag nor the environment names them.
func feedPaths(e env, g *globalFlags) (subscriptions, data string, ok bool) {
	subscriptions = g.subscriptions
	if subscriptions == "" {
		if dir := xdgDir(e, "XDG_CONFIG_HOME", ".config"); dir != "" {
			subscriptions = filepath.Join(dir, "feeds.opml")
		}
	}
	data = g.dataDir
	if data == "" {
		data = xdgDir(e, "XDG_DATA_HOME", filepath.Join(".local", "share"))
	}
	if subscriptions == "" || data == "" {
		return "", "", false
	}
	// absolute, so the feeds folder is one source however it was named
	// (and the index cache knows it by its absolute path)
	var err1, err2 error
	subscriptions, err1 = filepath.Abs(subscriptions)
	data, err2 = filepath.Abs(data)
	return subscriptions, data, err1 == nil && err2 == nil
}

// xdgDir is dispatch's folder in the XDG base directory that variable
// names, else under the home folder's fallback (".cache"); "" when neither
// is an absolute path.
func xdgDir(e env, variable, fallback string) string {
	if x := e.getenv(variable); filepath.IsAbs(x) {
		return filepath.Join(x, "dispatch")
	}
	if h := e.getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, fallback, "dispatch")
	}
	return ""
}

// feedManager is the feed manager for this run's locations. The archive
// limits never delete an item bookmarked in the reading state.
func feedManager(e env, g *globalFlags) (*feed.Manager, error) {
	subs, data, ok := feedPaths(e, g)
	if !ok {
		return nil, usagef("feeds need a home: set HOME, or give --subscriptions and --data")
	}
	marks := &bookmarkedItems{path: statePath(g)}
	return feed.New(feed.Config{SubscriptionsFile: subs, DataDir: data, Version: version, Keep: marks.keep, Settings: g.cfg().feeds})
}

// feedsDir is the folder of fetched items the library reads, "" when feeds
// are left out (--no-feeds) or none were ever fetched.
func feedsDir(e env, g *globalFlags) string {
	if g.noFeeds {
		return ""
	}
	_, data, ok := feedPaths(e, g)
	if !ok {
		return ""
	}
	dir := filepath.Join(data, "feeds")
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return ""
	}
	return dir
}

// interruptible is a context that ends on ctrl+c or SIGTERM, so a fetch
// stops between files and leaves nothing half written.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// maxOPMLFileBytes bounds an OPML file to import; the feeds package refuses
// more than 16 MiB with its own message.
const maxOPMLFileBytes = 32 << 20

// runFeeds is `dispatch feeds [--json]` and its subcommands.
func runFeeds(e env, g *globalFlags, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "add":
			return runFeedsAdd(e, g, args[1:])
		case "set":
			return runFeedsSet(e, g, args[1:])
		case "remove":
			return runFeedsRemove(e, g, args[1:])
		case "import":
			return runFeedsImport(e, g, args[1:])
		case "export":
			return runFeedsExport(e, g, args[1:])
		case "purge":
			return runFeedsPurge(e, g, args[1:])
		}
		return usagef("unknown feeds command %q (add, set, remove, purge, import, export)", args[0])
	}
	fs := newCommandFlags("feeds", g)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown feeds command %q (add, set, remove, purge, import, export)", pos[0])
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	list, err := m.List()
	if err != nil {
		return err
	}
	counts := countFeedItems(e, g, list)
	if *asJSON {
		out := make([]feedJSON, len(list))
		for i, s := range list {
			out[i].status = s
			if s.Problem == "" {
				c := counts[s.Dir] // a feed with no folder yet has none
				out[i].counts = &c
			}
		}
		return writeJSON(e, out)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintln(e.stdout, "no feeds yet: dispatch feeds add URL")
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, s := range list {
		status := feedStatus(s, time.Now())
		if c, ok := counts[s.Dir]; ok && s.Problem == "" && c.unread > 0 {
			status += fmt.Sprintf(", %d unread", c.unread)
			if c.fresh > 0 {
				status += fmt.Sprintf(" (%d new)", c.fresh)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", termout.OneLine(s.Name), termout.OneLine(s.URL), status)
	}
	return tw.Flush()
}

// feedStatus is the rest of a feed's line in `dispatch feeds`: when it was
// fetched (or only tried), its items, its settings, and its last error; or why an
// outline of the subscriptions file is not a feed dispatch follows.
func feedStatus(s feed.Status, now time.Time) string {
	if s.Problem != "" {
		return "not followed\t" + termout.OneLine(s.Problem)
	}
	fetched := "never fetched"
	switch {
	case !s.LastFetched.IsZero():
		fetched = "fetched " + ago(now.Sub(s.LastFetched)) + " ago"
	case !s.LastTried.IsZero():
		fetched = "never fetched, tried " + ago(now.Sub(s.LastTried)) + " ago"
	}
	status := plural(s.Items, "item")
	if set := describeSettings(s.Subscription); set != "" {
		status += " · " + termout.OneLine(set)
	}
	if s.LastError != "" { // "fetch NAME: why": the name is on the line already
		status += " · last fetch failed: " + termout.OneLine(strings.TrimPrefix(s.LastError, "fetch "+s.Name+": "))
	}
	return fetched + "\t" + status
}

// ago is a duration for people, to the largest whole unit.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "moments"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func runFeedsRemove(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds remove", g)
	purge := fs.Bool("purge", false, "delete the feed's items too")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds remove takes one feed name or URL")
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	sub, err := m.Remove(context.Background(), pos[0], *purge)
	if errors.Is(err, feed.ErrNoFeed) && *purge {
		// not followed: perhaps removed before, its items left
		if p, perr := m.Purge(context.Background(), pos[0]); perr == nil {
			return printPurged(e, p)
		}
	}
	if err != nil {
		return err
	}
	kept := "its items are kept (--purge deletes them)"
	if *purge {
		kept = "its items are deleted"
	}
	_, err = fmt.Fprintf(e.stdout, "removed %s; %s\n", sub.Name, kept)
	return err
}

// runFeedsPurge is `dispatch feeds purge NAME`: the items of a feed removed
// without --purge.
func runFeedsPurge(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds purge", g)
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds purge takes one feed name, URL or folder")
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	p, err := m.Purge(context.Background(), pos[0])
	if err != nil {
		return err
	}
	return printPurged(e, p)
}

func printPurged(e env, p feed.Purged) error {
	_, err := fmt.Fprintf(e.stdout, "deleted the %s %s left (%s)\n", plural(p.Items, "item"), termout.OneLine(p.Name), termout.Name(p.Dir))
	return err
}

func runFeedsImport(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds import", g)
	fs.subscribes = true
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds import takes one OPML file")
	}
	data, err := safefile.ReadFile(pos[0], maxOPMLFileBytes)
	if err != nil {
		return fmt.Errorf("import %s: %w", termout.Name(pos[0]), err)
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	res, err := m.Import(context.Background(), bytes.NewReader(data))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %s", plural(len(res.Added), "feed"))
	if res.Duplicates > 0 {
		fmt.Fprintf(e.stdout, ", %d already subscribed", res.Duplicates)
	}
	if res.InvalidCount > 0 {
		fmt.Fprintf(e.stdout, ", %d not feeds", res.InvalidCount)
	}
	if res.TooMany > 0 {
		fmt.Fprintf(e.stdout, ", %d left out (dispatch follows at most %d)", res.TooMany, feed.MaxSubscriptions)
	}
	fmt.Fprintln(e.stdout, "; dispatch fetch brings their items")
	for _, why := range res.Invalid {
		e.say("skipped %s", why)
	}
	return nil
}

func runFeedsExport(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("feeds export", g)
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("feeds export takes no arguments")
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Export(e.stdout)
}

// runFetch is `dispatch fetch [NAME…] [--json]`: exit 1 when a feed failed;
// what the others brought is kept.
func runFetch(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("fetch", g)
	asJSON := fs.Bool("json", false, "print JSON")
	force := fs.Bool("force", false, "fetch every feed, due or not")
	names, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	m, err := feedManager(e, g)
	if err != nil {
		return err
	}
	defer m.Close()
	ctx, stop := interruptible()
	defer stop()
	hook := g.cfg().onNew
	fetch := m.Fetch
	if *force && len(names) == 0 {
		fetch = func(ctx context.Context, _ []string, progress func(int, int)) ([]feed.Result, error) {
			return m.FetchAll(ctx, progress)
		}
	}
	results, err := fetch(ctx, names, nil)
	if err != nil {
		return err
	}
	var brought newSummary
	if len(hook) > 0 || *asJSON {
		var ok bool
		if brought, ok = summarise(m.FeedsDir(), identitiesPath(e, g), results); ok && len(hook) > 0 {
			if err := runOnNew(ctx, hook, brought); err != nil {
				e.say("%s", err) // what was fetched is kept: the exit status is the fetch's
			}
		}
	}
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
		}
	}
	if *asJSON {
		if err := writeJSON(e, fetchJSON(results, brought)); err != nil {
			return err
		}
	} else {
		if len(results) == 0 {
			fmt.Fprintln(e.stdout, "no feeds yet: dispatch feeds add URL")
		}
		for _, r := range results { // a failed feed's line says so, and why
			fmt.Fprintln(e.stdout, termout.OneLine(r.String()))
		}
	}
	if failed > 0 {
		if len(results) == 1 {
			return errors.New("the feed failed; what it had brought before is kept")
		}
		return fmt.Errorf("%d of %d feeds failed; what the others brought is kept", failed, len(results))
	}
	return nil
}
