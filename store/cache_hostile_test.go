package store_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dispatch/store"
)

// cachedFolder writes a small folder, caches it and returns the folder,
// the cache and the snapshot file.
func cachedFolder(t *testing.T, files int) (dir, cache, snapshot string) {
	t.Helper()
	dir, cache = t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range files {
		writeArticle(t, dir, fmt.Sprintf("a%03d.md", i), rng)
	}
	_, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
	if !report.Saved {
		t.Fatalf("not saved: %s", report.Warning)
	}
	return dir, cache, report.Path
}

// TestDamagedCachesAreRebuilt damages a snapshot in every way a disk, a
// crash or another program could, and checks that the library still
// answers as a fresh build, with one warning, and that the cache is whole
// again afterwards.
func TestDamagedCachesAreRebuilt(t *testing.T) {
	damages := []struct {
		name   string
		damage func(t *testing.T, path string)
		warn   string
	}{
		{"truncated", func(t *testing.T, p string) { truncateTo(t, p, 0.6) }, "damaged"},
		{"cut after the header", func(t *testing.T, p string) { truncateTo(t, p, 0.01) }, "damaged"},
		{"zero length", func(t *testing.T, p string) { truncateTo(t, p, 0) }, "damaged"},
		{"a byte flipped in the header", func(t *testing.T, p string) { flipAt(t, p, 20) }, "damaged"},
		{"a byte flipped in the middle", func(t *testing.T, p string) { flipAt(t, p, -2) }, "damaged"},
		{"a byte flipped near the end", func(t *testing.T, p string) { flipAt(t, p, -40) }, "damaged"},
		{"another version", func(t *testing.T, p string) { setVersion(t, p, 999) }, "another version"},
		{"not an index at all", func(t *testing.T, p string) { os.WriteFile(p, []byte("# my notes\n"), 0o644) }, "damaged"},
		{"removed", func(t *testing.T, p string) { os.Remove(p) }, ""},
		{"a folder in its place", func(t *testing.T, p string) { os.Remove(p); os.Mkdir(p, 0o755) }, "damaged"},
	}
	for _, dmg := range damages {
		t.Run(dmg.name, func(t *testing.T) {
			dir, cache, path := cachedFolder(t, 24)
			dmg.damage(t, path)
			lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache, Verify: true})
			fresh := store.Load(nil, folderLibrary(dir), fixtureTopics(t), nil)
			// the library says what happened to the cache among its warnings
			if got, want := withoutCacheWarning(libraryAnswers(t, lib)), libraryAnswers(t, fresh); got != want {
				t.Fatalf("answers differ from a fresh build:\n%s", firstDifference(got, want))
			}
			if !strings.Contains(report.Warning, dmg.warn) || (dmg.warn == "") != (report.Warning == "") {
				t.Errorf("warning %q, want one saying %q", report.Warning, dmg.warn)
			}
			if dmg.name == "a folder in its place" {
				return // not ours to remove: saving fails, said in the warning
			}
			if !report.Saved {
				t.Errorf("not rebuilt: %q", report.Warning)
			}
			_, report = store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache, Verify: true})
			if report.Warning != "" || report.Indexed != 0 {
				t.Errorf("the rebuilt cache is not whole: %q, %d indexed", report.Warning, report.Indexed)
			}
		})
	}
}

// TestDamageFoundWhenReadIsNotAnAnswer: without the up-front check, a
// posting list damaged on disk is found when first read, and reading it
// stops with ErrDamagedCache (the command then rebuilds) rather than
// answering from bad data.
func TestDamageFoundWhenReadIsNotAnAnswer(t *testing.T) {
	dir, cache, path := cachedFolder(t, 24)
	flipAt(t, path, store.PostingListAt(mustRead(path), "perch")) // libraryAnswers searches for it
	lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
	if report.Warning != "" || report.Reused != lib.Len() {
		t.Fatalf("the lists are checked only when read, yet: %+v", report)
	}
	defer func() {
		p := recover()
		if err, ok := p.(error); !ok || !errors.Is(err, store.ErrDamagedCache) {
			t.Errorf("reading the damaged part gave %v, want ErrDamagedCache", p)
		}
	}()
	libraryAnswers(t, lib) // reads everything
	t.Error("everything was read without finding the damage")
}

// TestDamageFoundWhileMergingIsARebuild: a damaged posting list found only
// when a change is merged into the cache costs a warning and a fresh
// build, not the command.
func TestDamageFoundWhileMergingIsARebuild(t *testing.T) {
	dir, cache, path := cachedFolder(t, 24)
	flipAt(t, path, store.PostingListAt(mustRead(path), "perch"))
	writeArticle(t, dir, "a003.md", rand.New(rand.NewPCG(8, 8)))
	lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
	if !strings.Contains(report.Warning, "damaged") || !report.Saved {
		t.Errorf("warning %q, saved %v", report.Warning, report.Saved)
	}
	fresh := store.Load(nil, folderLibrary(dir), fixtureTopics(t), nil)
	if got, want := withoutCacheWarning(libraryAnswers(t, lib)), libraryAnswers(t, fresh); got != want {
		t.Fatalf("answers differ from a fresh build:\n%s", firstDifference(got, want))
	}
}

// TestUnwritableCacheIsDoneWithout: a cache that cannot be written costs a
// warning, never the library. Root writes anywhere permissions allow, so
// the folders here cannot be written for other reasons: one below a file,
// and one whose lock is a folder.
func TestUnwritableCacheIsDoneWithout(t *testing.T) {
	for name, cacheDir := range map[string]func(t *testing.T) string{
		"below a file": func(t *testing.T) string {
			file := filepath.Join(t.TempDir(), "file")
			os.WriteFile(file, []byte("not a folder"), 0o644)
			return filepath.Join(file, "cache")
		},
		"its lock a folder": func(t *testing.T) string {
			cache := t.TempDir()
			os.Mkdir(filepath.Join(cache, "lock"), 0o755)
			return cache
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeArticle(t, dir, "a.md", rand.New(rand.NewPCG(1, 2)))
			cache := cacheDir(t)
			lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
			if lib.Len() != 1 || report.Saved || !strings.Contains(report.Warning, "could not save") {
				t.Errorf("%d articles, saved %v, warning %q", lib.Len(), report.Saved, report.Warning)
			}
		})
	}
}

// TestCachePathThatIsAFile: a cache path that is a file (which root too
// cannot write into) costs a warning, and the file is left alone.
func TestCachePathThatIsAFile(t *testing.T) {
	dir := t.TempDir()
	writeArticle(t, dir, "a.md", rand.New(rand.NewPCG(1, 2)))
	cache := filepath.Join(t.TempDir(), "file")
	os.WriteFile(cache, []byte("not a folder"), 0o644)
	lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
	if lib.Len() != 1 || report.Saved || !strings.Contains(report.Warning, "could not save") {
		t.Errorf("%d articles, saved %v, warning %q", lib.Len(), report.Saved, report.Warning)
	}
	if data, _ := os.ReadFile(cache); string(data) != "not a folder" {
		t.Error("the file in the cache's place was changed")
	}
}

// withoutCacheWarning drops the warning about the cache from answers.
func withoutCacheWarning(answers string) string {
	var out []string
	for _, l := range strings.Split(answers, "\n") {
		if !strings.HasPrefix(l, "warn index cache: ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func truncateTo(t *testing.T, path string, fraction float64) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, int64(float64(fi.Size())*fraction)); err != nil {
		t.Fatal(err)
	}
}

// flipAt flips a byte at offset at, or at len+at when at is negative.
func flipAt(t *testing.T, path string, at int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if at < 0 {
		at += len(data)
	}
	data[at] ^= 0x5a
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func setVersion(t *testing.T, path string, v uint32) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint32(data[16:], v)
	os.WriteFile(path, data, 0o644)
}

// The kill and two-writer tests re-run this test binary as a child that
// saves a cache in a loop (see TestMain's cacheChild).
const cacheChildEnv = "DISPATCH_CACHE_CHILD"

// cacheChild, in a child process, rewrites one article and saves the cache
// again and again: the parent kills it, or runs two at once.
func cacheChild() {
	spec := strings.Split(os.Getenv(cacheChildEnv), "|") // folder|cache|seed
	dir, cache := spec[0], spec[1]
	var seed uint64
	fmt.Sscan(spec[2], &seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	topics, err := store.LoadTopics("topics.yaml", mustRead("testdata/topics.yaml"), nil)
	if err != nil {
		panic(err)
	}
	for i := 0; ; i++ {
		name := fmt.Sprintf("w%d-%d.md", seed, i%4)
		writeArticleTo(dir, name, rng)
		openCached(dir, topics, store.CacheOptions{Dir: cache, LockWait: time.Minute})
		if os.Getenv("DISPATCH_CACHE_CHILD_ONCE") != "" && i == 6 {
			return
		}
	}
}

func mustRead(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}

// writeArticleTo is writeArticle outside a test.
func writeArticleTo(dir, name string, rng *rand.Rand) {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\n", cacheVocabulary[rng.IntN(len(cacheVocabulary))])
	for range 400 {
		b.WriteString(cacheVocabulary[rng.IntN(len(cacheVocabulary))] + " ")
	}
	os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644)
}

// TestCacheSurvivesKill kills a process while it saves the cache, again and
// again: what is left always answers as a fresh build, without a warning.
func TestCacheSurvivesKill(t *testing.T) {
	dir, cache, _ := cachedFolder(t, 60)
	topics := fixtureTopics(t)
	midWrite := 0
	for round := range 8 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), cacheChildEnv+"="+dir+"|"+cache+"|"+fmt.Sprint(round+1))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// kill it as soon as it is writing a snapshot (a temporary file is
		// there), or after a while wherever it is
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			if temps, _ := filepath.Glob(filepath.Join(cache, "*.tmp-*")); len(temps) > 0 {
				midWrite++
				break
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		lib, report := openCached(dir, topics, store.CacheOptions{Dir: cache, Verify: true})
		if report.Warning != "" {
			t.Errorf("round %d: after a kill: %s", round, report.Warning)
		}
		fresh := freshBuild(dir, cache, topics)
		if got, want := libraryAnswers(t, lib), libraryAnswers(t, fresh); got != want {
			t.Fatalf("round %d: after a kill the cache answers differently:\n%s", round, firstDifference(got, want))
		}
	}
	if temps, _ := filepath.Glob(filepath.Join(cache, "*.tmp-*")); len(temps) > 0 {
		t.Errorf("temporary files left after the last save: %v", temps)
	}
	if midWrite == 0 {
		t.Error("no kill landed while a snapshot was being written: the test proved nothing")
	}
	t.Logf("%d of 8 kills landed while a snapshot was being written", midWrite)
}

// TestTwoProcessesSavingOneCache runs two processes changing the folder and
// saving the cache at once; afterwards the cache is whole and answers as a
// fresh build.
func TestTwoProcessesSavingOneCache(t *testing.T) {
	dir, cache, _ := cachedFolder(t, 30)
	var cmds []*exec.Cmd
	for seed := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), cacheChildEnv+"="+dir+"|"+cache+"|"+fmt.Sprint(seed+10), "DISPATCH_CACHE_CHILD_ONCE=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("a writer failed: %v", err)
		}
	}
	topics := fixtureTopics(t)
	lib, report := openCached(dir, topics, store.CacheOptions{Dir: cache, Verify: true})
	if report.Warning != "" {
		t.Errorf("after two writers: %s", report.Warning)
	}
	fresh := freshBuild(dir, cache, topics)
	if got, want := libraryAnswers(t, lib), libraryAnswers(t, fresh); got != want {
		t.Fatalf("after two writers the cache answers differently:\n%s", firstDifference(got, want))
	}
}

func TestMain(m *testing.M) {
	if os.Getenv(cacheChildEnv) != "" {
		cacheChild()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
