//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dispatch/internal/benchcorpus"
	"dispatch/store/journal"
)

// BenchmarkCache times whole processes on generated libraries, as a person
// at a shell would meet them, beside the peers the index cache is measured
// against (issue 16):
//
//   - search/cold: a search with no cache: every file read and indexed, and
//     the cache written;
//   - search/warm: the same search with the cache current;
//   - search/touched: one file's time changed, not its text;
//   - search/changed-1 and changed-1pct: one file, or 1% of them, rewritten:
//     read, indexed and merged into the cache;
//   - list/first-line: `dispatch list | head -1`, cache current;
//   - list/all: `dispatch list > /dev/null`, newest first, cache current;
//   - read/warm: `dispatch read 1`, cache current;
//   - fts5/search: SQLite FTS5 (porter) over the same files, its database
//     built beforehand (fts5-build-s reports how long that took);
//   - rg: ripgrep listing the files with the word;
//   - glow/read: glow rendering the file dispatch read 1 shows, at 80
//     columns (glow on the PATH, or DISPATCH_GLOW naming it);
//   - trusted/search: the warm search with --trust-cache;
//   - feeds/...: the library as fetched feed items, which dispatch owns
//     and records in its journal: a warm search and read of the middle
//     article (no item looked at), one item rewritten, 200 items added
//     (each with its journal record, as a fetch writes them), then the
//     search; glow/read-middle renders the file read-middle shows.
//
// Only with a scale (DISPATCH_BENCH_SCALE=1k,10k,100k): building these takes
// minutes at 100,000 articles.
func BenchmarkCache(b *testing.B) {
	for _, size := range benchcorpus.Sizes(b)[1:] {
		b.Run(size.Name, func(b *testing.B) { benchmarkCache(b, size.N) })
	}
}

func benchmarkCache(b *testing.B, n int) {
	src, err := benchcorpus.Dir(n)
	if err != nil {
		b.Fatal(err)
	}
	// a copy to change, so the shared corpus stays as generated
	dir := filepath.Join(b.TempDir(), "library")
	if out, err := exec.Command("cp", "-r", src, dir).CombinedOutput(); err != nil {
		b.Fatalf("copy the corpus: %v: %s", err, out)
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	cache, data := filepath.Join(b.TempDir(), "cache"), filepath.Join(b.TempDir(), "data")
	dispatch := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], append([]string{"--no-builtin", "--no-feeds", "--dir", dir, "--cache", cache, "--data", data}, args...)...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1", "NO_COLOR=1")
		return cmd
	}
	var peakKB int64 // the largest resident set of a sub-benchmark's processes
	run := func(b *testing.B, cmd *exec.Cmd) {
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %v: %s", cmd.Args, err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	reportPeak := func(b *testing.B) {
		b.ReportMetric(float64(peakKB)/1024, "peak-rss-MB")
		peakKB = 0
	}
	resetPeak := func() { peakKB = 0 } // the set-up's processes do not count
	search := func() *exec.Cmd { return dispatch("search", benchcorpus.RareWord) }

	b.Run("search/no-cache", func(b *testing.B) { // every run before the cache
		for b.Loop() {
			run(b, dispatch("--no-cache", "search", benchcorpus.RareWord))
		}
		reportPeak(b)
	})
	b.Run("search/cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(cache)
			b.StartTimer()
			run(b, search())
		}
		if fi, err := os.Stat(cacheFile(b, cache)); err == nil {
			b.ReportMetric(float64(fi.Size())/float64(dirSize(b, dir)), "cache/text")
		}
		reportPeak(b)
	})
	run(b, search()) // the cache is current from here on
	b.Run("search/warm", func(b *testing.B) {
		for b.Loop() {
			run(b, search())
		}
		reportPeak(b)
	})
	b.Run("search/warm-common", func(b *testing.B) {
		for b.Loop() {
			run(b, dispatch("search", benchcorpus.CommonWord))
		}
		reportPeak(b)
	})
	clock := time.Now()
	b.Run("search/touched", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			clock = clock.Add(time.Second)
			os.Chtimes(files[0], clock, clock)
			b.StartTimer()
			run(b, search())
		}
	})
	rewrite := func(k int, round int) {
		for _, f := range files[:k] {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			data = append(data, fmt.Sprintf("\n\nRevision %d.\n", round)...)
			os.WriteFile(f, data, 0o644)
		}
	}
	round := 0
	for _, c := range []struct {
		name string
		k    int
	}{{"changed-1", 1}, {"changed-1pct", max(n/100, 1)}} {
		b.Run("search/"+c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				round++
				rewrite(c.k, round)
				b.StartTimer()
				run(b, search())
			}
		})
	}
	run(b, search())
	b.Run("list/first-line", func(b *testing.B) {
		for b.Loop() {
			cmd := dispatch("list")
			out, err := cmd.StdoutPipe()
			if err != nil {
				b.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cmd.Process.Kill() // as head -1 would, by closing the pipe
			cmd.Wait()
			b.StartTimer()
		}
	})
	b.Run("list/all", func(b *testing.B) {
		for b.Loop() {
			run(b, dispatch("list"))
		}
		reportPeak(b)
	})
	b.Run("read/warm", func(b *testing.B) {
		for b.Loop() {
			run(b, dispatch("read", "1", "--width", "80"))
		}
	})

	if _, err := exec.LookPath("sqlite3"); err == nil {
		db := filepath.Join(b.TempDir(), "fts.db")
		start := time.Now()
		build := exec.Command("sqlite3", db,
			"CREATE VIRTUAL TABLE docs USING fts5(path, body, tokenize='porter');",
			fmt.Sprintf("INSERT INTO docs SELECT name, readfile(name) FROM fsdir('%s') WHERE name LIKE '%%.md';", dir))
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("build the FTS5 database: %v: %s", err, out)
		}
		built := time.Since(start)
		fts := func(b *testing.B, word string) {
			cmd := exec.Command("sqlite3", db,
				fmt.Sprintf("SELECT path FROM docs WHERE docs MATCH '%s' ORDER BY rank LIMIT 10;", word))
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
		}
		b.Run("fts5/search-common", func(b *testing.B) {
			for b.Loop() {
				fts(b, benchcorpus.CommonWord)
			}
		})
		b.Run("fts5/search", func(b *testing.B) {
			for b.Loop() {
				fts(b, benchcorpus.RareWord)
			}
			b.ReportMetric(built.Seconds(), "fts5-build-s")
			if fi, err := os.Stat(db); err == nil {
				b.ReportMetric(float64(fi.Size())/float64(dirSize(b, dir)), "db/text")
			}
		})
	}
	b.Run("trusted/search", func(b *testing.B) {
		resetPeak()
		for b.Loop() {
			run(b, dispatch("--trust-cache", "search", benchcorpus.RareWord))
		}
		reportPeak(b)
	})
	benchmarkFeeds(b, src, n, run, resetPeak, reportPeak)
	glow := os.Getenv("DISPATCH_GLOW")
	if glow == "" {
		glow, _ = exec.LookPath("glow")
	}
	if glow != "" {
		b.Run("glow/read", func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(glow, "-s", "dark", "-w", "80", files[0])
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
			}
		})
	}
	if _, err := exec.LookPath("rg"); err == nil {
		b.Run("rg", func(b *testing.B) {
			for b.Loop() {
				exec.Command("rg", "-l", "-i", benchcorpus.RareWord, dir).Run()
			}
		})
	}
}

// cacheFile is the snapshot in cache.
func cacheFile(b *testing.B, cache string) string {
	matches, _ := filepath.Glob(filepath.Join(cache, "library-*.idx"))
	if len(matches) != 1 {
		b.Fatalf("cache %s holds %v", cache, matches)
	}
	return matches[0]
}

// dirSize is the bytes of the files under dir.
func dirSize(b *testing.B, dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}

// benchmarkFeeds times whole processes on the corpus src of n articles as
// fetched feed items, in a data folder of their own (see BenchmarkCache).
func benchmarkFeeds(b *testing.B, src string, n int, run func(*testing.B, *exec.Cmd), resetPeak func(), reportPeak func(*testing.B)) {
	data := filepath.Join(b.TempDir(), "data")
	feeds := filepath.Join(data, "feeds")
	if err := os.MkdirAll(data, 0o755); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("cp", "-r", src, feeds).CombinedOutput(); err != nil {
		b.Fatalf("copy the corpus: %v: %s", err, out)
	}
	os.Remove(filepath.Join(feeds, ".complete"))
	record := func(change func(), paths ...string) {
		done, err := journal.Begin(feeds, paths...)
		if err != nil {
			b.Fatal(err)
		}
		change()
		done()
	}
	record(func() {}, "000") // a journal, as the first fetch starts it
	cache := filepath.Join(b.TempDir(), "cache")
	dispatch := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], append([]string{"--no-builtin", "--data", data, "--subscriptions", filepath.Join(data, "none.opml"), "--cache", cache}, args...)...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1", "NO_COLOR=1")
		return cmd
	}
	search := func() *exec.Cmd { return dispatch("search", benchcorpus.RareWord) }
	run(b, dispatch("index"))
	b.Run("feeds/search", func(b *testing.B) {
		resetPeak()
		for b.Loop() {
			run(b, search())
		}
		reportPeak(b)
	})
	middle := fmt.Sprint(n / 2)
	b.Run("feeds/read-middle", func(b *testing.B) {
		resetPeak()
		for b.Loop() {
			run(b, dispatch("read", middle, "--width", "80"))
		}
		reportPeak(b)
	})
	gen := benchcorpus.New(benchcorpus.Seed + 1)
	round := 0
	b.Run("feeds/rewritten-1", func(b *testing.B) {
		resetPeak()
		for b.Loop() {
			b.StopTimer()
			round++
			name := "000/a000001.md"
			record(func() {
				os.WriteFile(filepath.Join(feeds, name), []byte(gen.Article(round)), 0o644)
			}, name)
			b.StartTimer()
			run(b, search())
		}
		reportPeak(b)
	})
	b.Run("feeds/added-200", func(b *testing.B) {
		resetPeak()
		for b.Loop() {
			b.StopTimer()
			round++
			dir := fmt.Sprintf("new%03d", round)
			var names []string
			for i := range 200 {
				names = append(names, fmt.Sprintf("%s/item%03d.md", dir, i))
			}
			record(func() {
				os.MkdirAll(filepath.Join(feeds, dir), 0o755)
				for i, name := range names {
					os.WriteFile(filepath.Join(feeds, name), []byte(gen.Article(1000*round+i)), 0o644)
				}
			}, names...)
			b.StartTimer()
			run(b, search())
		}
		reportPeak(b)
	})
}
