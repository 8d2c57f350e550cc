package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dispatch/store/article"
)

// testServer is an httptest server on 127.0.0.1 with routes added per test
// and a log of the requests it saw. Nothing in these tests leaves the
// machine.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	routes   map[string]http.HandlerFunc
	requests map[string][]http.Header // by path
}

func newTestServer(t testing.TB) *testServer {
	s := &testServer{routes: map[string]http.HandlerFunc{}, requests: map[string][]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path] = append(s.requests[r.URL.Path], r.Header.Clone())
	h := s.routes[r.URL.Path]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// handle routes path to h.
func (s *testServer) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// serveBytes serves body with the content type at path.
func (s *testServer) serveBytes(path, contentType string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

// fixture is a file of testdata with {{BASE}} replaced by the server's URL.
func (s *testServer) fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(data), "{{BASE}}", s.URL))
}

// serveFixture serves a testdata file at path.
func (s *testServer) serveFixture(t testing.TB, path, name, contentType string) {
	s.serveBytes(path, contentType, s.fixture(t, name))
}

// hits is how many requests path received.
func (s *testServer) hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests[path])
}

// lastRequest is the headers of the last request to path.
func (s *testServer) lastRequest(t testing.TB, path string) http.Header {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	reqs := s.requests[path]
	if len(reqs) == 0 {
		t.Fatalf("no request to %s", path)
	}
	return reqs[len(reqs)-1]
}

// testEnv is a Manager on temporary directories.
type testEnv struct {
	m       *Manager
	subs    string // subscriptions file
	dataDir string
}

func newTestEnv(t testing.TB, mods ...func(*Config)) *testEnv {
	t.Helper()
	root := t.TempDir()
	cfg := Config{
		SubscriptionsFile: filepath.Join(root, "config", "dispatch", "feeds.opml"),
		DataDir:           filepath.Join(root, "data", "dispatch"),
		Version:           "1.2.3",
		Proxy:             NoProxy,
		RequestTimeout:    20 * time.Second,
	}
	for _, f := range mods {
		f(&cfg)
	}
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return &testEnv{m: m, subs: m.cfg.SubscriptionsFile, dataDir: m.cfg.DataDir}
}

// add subscribes or fails the test.
func (e *testEnv) add(t testing.TB, url, name string, fullText bool) (Subscription, Result) {
	t.Helper()
	sub, res, err := e.m.Add(context.Background(), url, name, fullText)
	if err != nil {
		t.Fatalf("Add(%s): %v", url, err)
	}
	if res.Err != nil {
		t.Fatalf("Add(%s) first fetch: %v", url, res.Err)
	}
	return sub, res
}

// fetch fetches all feeds or fails the test on a run error.
func (e *testEnv) fetch(t testing.TB, names ...string) []Result {
	t.Helper()
	res, err := e.m.Fetch(context.Background(), names, nil)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return res
}

// items reads the item files of a subscription: name → content.
func (e *testEnv) items(t testing.TB, sub Subscription) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(e.m.dirOf(sub))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".md") {
			data, err := os.ReadFile(filepath.Join(e.m.dirOf(sub), en.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[en.Name()] = string(data)
		}
	}
	return out
}

// mtimes is the modification time of every file under the feeds directory.
func (e *testEnv) mtimes(t testing.TB) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.WalkDir(e.m.FeedsDir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			info, err := d.Info()
			if err == nil {
				out[path] = info.ModTime()
			}
		}
		return nil
	})
	return out
}

// load reads the feeds directory the way the reader loads a --dir folder.
func (e *testEnv) load(t testing.TB) ([]article.Article, []article.Warning) {
	t.Helper()
	l := article.List([]article.Source{{FS: os.DirFS(e.m.FeedsDir()), Label: "feeds"}})
	warns := l.Warnings()
	ld := l.NewLoader()
	var arts []article.Article
	for i := range l.Len() {
		a, w, ok := ld.Load(i)
		warns = append(warns, w...)
		if ok {
			arts = append(arts, a)
		}
	}
	return arts, warns
}

// mustLoadClean loads the feeds directory and fails on any warning.
func (e *testEnv) mustLoadClean(t testing.TB) []article.Article {
	t.Helper()
	arts, warns := e.load(t)
	for _, w := range warns {
		t.Errorf("loader warning: %s", w)
	}
	return arts
}

// errorText fails unless err is a one-line error containing every want.
func errorText(t testing.TB, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", want)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		t.Errorf("error is not one line: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
}
