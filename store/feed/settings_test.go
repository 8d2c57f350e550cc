package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseRefresh(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0": 0, "30m": 30 * time.Minute, " 2h ": 2 * time.Hour, "1h30m": 90 * time.Minute, "7d": 7 * 24 * time.Hour, "0s": 0, "1m": time.Minute,
	} {
		got, err := ParseRefresh(in)
		if err != nil || got != want {
			t.Errorf("ParseRefresh(%q) = %v, %v; want %v", in, got, err, want)
		}
		if back, err := ParseRefresh(FormatRefresh(got)); err != nil || back != got {
			t.Errorf("FormatRefresh(%v) = %q reads back as %v, %v", got, FormatRefresh(got), back, err)
		}
	}
	for in, why := range map[string]string{
		"": "not an interval", "soon": "not an interval", "2 hours": "not an interval", "-2h": "negative", "-7d": "negative",
		"30s": "too often", "400d": "too long", "+7d": "not an interval", "d": "not an interval", "99999999999d": "not an interval",
		"\x1b[31m": "not an interval",
	} {
		_, err := ParseRefresh(in)
		errorText(t, err, why)
		if err != nil && strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("%q: the error carries an escape: %q", in, err)
		}
	}
	if FormatRefresh(90*time.Minute) != "1h30m" || FormatRefresh(2*time.Hour) != "2h" || FormatRefresh(30*time.Minute) != "30m" {
		t.Errorf("FormatRefresh: %s %s %s", FormatRefresh(90*time.Minute), FormatRefresh(2*time.Hour), FormatRefresh(30*time.Minute))
	}
}

func TestCheckNameAndTags(t *testing.T) {
	if n, err := CheckName("  Lakeside  "); n != "Lakeside" || err != nil {
		t.Errorf("CheckName: %q, %v", n, err)
	}
	for in, why := range map[string]string{"": "empty", "   ": "empty", "a\nb": "one line", "a\x1b[2Jb": "one line", strings.Repeat("x", 201): "at most"} {
		_, err := CheckName(in)
		errorText(t, err, why)
	}
	tags, err := CheckTags([]string{"go", " tech ", "Go"})
	if err != nil || strings.Join(tags, ",") != "go,tech" {
		t.Errorf("CheckTags: %q, %v", tags, err)
	}
	for in, why := range map[string]string{"": "empty", "two words": "space", "a:b": "colon", "a,b": "comma", "a\tb": "space", "x\x1b": "plain text"} {
		_, err := CheckTag(in)
		errorText(t, err, why)
	}
	many := make([]string, 17)
	for i := range many {
		many[i] = "t" + string(rune('a'+i))
	}
	_, err = CheckTags(many)
	errorText(t, err, "at most 16")
}

// TestSettingsRoundTrip: what Configure keeps in the outline reads back,
// exports, and imports elsewhere as it was.
func TestSettingsRoundTrip(t *testing.T) {
	srv := settingsFeed(t)
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	off := false
	got, err := env.m.Configure(context.Background(), sub.URL, func(s *Settings) error {
		s.Name, s.FullText, s.Refresh, s.Tags = "Lakeside", &off, 2*time.Hour, []string{"local", "ferries"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Lakeside" || got.FullText == nil || *got.FullText || got.Refresh != 2*time.Hour || strings.Join(got.Tags, ",") != "local,ferries" || got.Dir != sub.Dir {
		t.Fatalf("configured: %+v", got)
	}
	data, err := os.ReadFile(env.subs)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`text="Lakeside"`, `dispatchFullText="false"`, `dispatchRefresh="2h"`, `category="local,ferries"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the subscriptions file lacks %s:\n%s", want, data)
		}
	}
	var out bytes.Buffer
	if err := env.m.Export(&out); err != nil {
		t.Fatal(err)
	}
	other := newTestEnv(t)
	if _, err := other.m.Import(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	subs, err := other.m.Subscriptions()
	if err != nil || len(subs) != 1 {
		t.Fatal(subs, err)
	}
	s := subs[0]
	if s.Name != "Lakeside" || s.FullText == nil || *s.FullText || s.Refresh != 2*time.Hour || strings.Join(s.Tags, ",") != "local,ferries" {
		t.Errorf("imported: %+v", s)
	}
	list, _ := env.m.List()
	js, _ := json.Marshal(list[0])
	for _, want := range []string{`"name":"Lakeside"`, `"fullText":false`, `"refresh":"2h"`, `"tags":["local","ferries"]`} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("feeds --json lacks %s: %s", want, js)
		}
	}

	// back to the defaults: the attributes go
	if _, err := env.m.Configure(context.Background(), "lakeside", func(s *Settings) error {
		s.FullText, s.Refresh, s.Tags = nil, 0, nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(env.subs)
	for _, gone := range []string{"dispatchFullText", "dispatchRefresh", "category"} {
		if strings.Contains(string(data), gone) {
			t.Errorf("%s left:\n%s", gone, data)
		}
	}
}

func TestConfigureRefusesBadSettings(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Alpha", simpleItems(1, "a")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Beta", simpleItems(1, "b")...))
	env := newTestEnv(t)
	env.add(t, srv.URL+"/a", "", false)
	env.add(t, srv.URL+"/b", "", false)
	before, _ := os.ReadFile(env.subs)
	for why, edit := range map[string]func(*Settings){
		"exists already":  func(s *Settings) { s.Name = "BETA" },
		"cannot be empty": func(s *Settings) { s.Name = " " },
		"space":           func(s *Settings) { s.Tags = []string{"two words"} },
		"colon":           func(s *Settings) { s.Tags = []string{"a:b"} },
		"want 1m0s":       func(s *Settings) { s.Refresh = -time.Hour },
	} {
		_, err := env.m.Configure(context.Background(), "alpha", func(s *Settings) error { edit(s); return nil })
		errorText(t, err, why)
	}
	_, err := env.m.Configure(context.Background(), "gamma", func(*Settings) error { return nil })
	errorText(t, err, `no feed named "gamma"`)
	if after, _ := os.ReadFile(env.subs); !bytes.Equal(before, after) {
		t.Error("a refused change was written")
	}
}

// TestSettingsFromOutsideWin: Config.Settings win over the file's, for
// every reader of the subscriptions, and are never written into the file.
func TestSettingsFromOutsideWin(t *testing.T) {
	srv := settingsFeed(t)
	env := newTestEnv(t)
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	before, _ := os.ReadFile(env.subs)
	on := true
	cfg := env.m.cfg
	cfg.Settings = []FeedSettings{{URL: strings.ToUpper(srv.URL[:4]) + srv.URL[4:] + "/feed", Where: "config.yaml:3: feeds: x",
		Settings: Settings{Name: "Renamed", FullText: &on, Tags: []string{"mine"}}}}
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	subs, err := m.Subscriptions()
	if err != nil || subs[0].Name != "Renamed" || subs[0].Dir != sub.Dir || strings.Join(subs[0].Tags, ",") != "mine" || !*subs[0].FullText {
		t.Fatalf("with settings: %+v, %v", subs, err)
	}
	if err := m.CheckSettings(); err != nil {
		t.Error(err)
	}
	res, err := m.Fetch(context.Background(), []string{"renamed"}, nil)
	if err != nil || res[0].Name != "Renamed" || res[0].Err != nil {
		t.Fatalf("fetch by the new name: %v, %v", res, err)
	}
	for name, data := range env.items(t, sub) {
		if !strings.Contains(data, "\nsource: Renamed\n") {
			t.Errorf("%s: not renamed:\n%s", name, data)
		}
	}
	if after, _ := os.ReadFile(env.subs); !bytes.Equal(before, after) {
		t.Errorf("settings from outside were written into the file:\n%s", after)
	}
	var out bytes.Buffer
	if err := m.Export(&out); err != nil || !strings.Contains(out.String(), `text="Renamed"`) || !strings.Contains(out.String(), `dispatchFullText="true"`) || !strings.Contains(out.String(), `category="mine"`) {
		t.Errorf("export without the settings (%v):\n%s", err, out.String())
	}

	cfg.Settings = append(cfg.Settings, FeedSettings{URL: "https://elsewhere.example/rss", Where: "config.yaml:9: feeds: https://elsewhere.example/rss"})
	m2, _ := New(cfg)
	defer m2.Close()
	errorText(t, m2.CheckSettings(), "config.yaml:9: feeds: https://elsewhere.example/rss: no feed at this address")
	if _, err := m2.Subscriptions(); err != nil {
		t.Errorf("a feed not subscribed breaks reading: %v", err)
	}
	cfg.Settings = []FeedSettings{cfg.Settings[0], {URL: srv.URL + "/feed", Where: "config.yaml:12: feeds: y"}}
	m3, _ := New(cfg)
	defer m3.Close()
	_, err = m3.Subscriptions()
	errorText(t, err, "config.yaml:12: feeds: y: the same feed as config.yaml:3")
}

func TestSettingsNameClash(t *testing.T) {
	srv := newTestServer(t)
	srv.serveBytes("/a", "application/rss+xml", rssFeed("Alpha", simpleItems(1, "a")...))
	srv.serveBytes("/b", "application/rss+xml", rssFeed("Beta", simpleItems(1, "b")...))
	env := newTestEnv(t)
	env.add(t, srv.URL+"/a", "", false)
	env.add(t, srv.URL+"/b", "", false)
	cfg := env.m.cfg
	cfg.Settings = []FeedSettings{{URL: srv.URL + "/b", Where: "config.yaml:4: feeds: b", Settings: Settings{Name: "alpha"}}}
	m, _ := New(cfg)
	defer m.Close()
	_, err := m.List()
	errorText(t, err, `config.yaml:4: feeds: b: name "alpha" is the name of the feed at `+srv.URL+"/a")
}

// TestBadSettingAttributes: an outline whose setting cannot be read is
// not imported, or, in the subscriptions file, not followed, and says why.
func TestBadSettingAttributes(t *testing.T) {
	env := newTestEnv(t)
	res, err := importString(t, env, `<opml version="2.0"><body>
  <outline text="Good" xmlUrl="http://127.0.0.1/good" dispatchRefresh="2h" dispatchFullText="false"/>
  <outline text="Soon" xmlUrl="http://127.0.0.1/soon" dispatchRefresh="soon"/>
  <outline text="Maybe" xmlUrl="http://127.0.0.1/maybe" dispatchFullText="maybe"/>
</body></opml>`)
	if err != nil || len(res.Added) != 1 || res.InvalidCount != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	if !strings.Contains(res.Invalid[0], `Soon: dispatchRefresh: "soon" is not an interval`) || !strings.Contains(res.Invalid[1], `Maybe: dispatchFullText="maybe": want true or false`) {
		t.Errorf("why: %q", res.Invalid)
	}
	data, _ := os.ReadFile(env.subs)
	os.WriteFile(env.subs, bytes.Replace(data, []byte(`dispatchRefresh="2h"`), []byte(`dispatchRefresh="-1h"`), 1), 0o644)
	list, err := env.m.List()
	if err != nil || len(list) != 1 || !strings.Contains(list[0].Problem, "dispatchRefresh: -1h: an interval cannot be negative") {
		t.Errorf("%+v %v", list, err)
	}
}

// TestConfigureKeepsWhatItDoesNotChange: a change of one setting leaves
// the rest of the outline as another reader wrote it, tags with spaces
// (an OPML folder's, a category's) included.
func TestConfigureKeepsWhatItDoesNotChange(t *testing.T) {
	env := newTestEnv(t)
	if _, err := importString(t, env, `<opml version="2.0"><body><outline text="Tech News">
  <outline text="Gazette" xmlUrl="http://127.0.0.1/g" category="/World Affairs, Science" dispatchFullText="TRUE" description="theirs"/>
</outline></body></opml>`); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(env.subs)
	got, err := env.m.Configure(context.Background(), "gazette", func(s *Settings) error { s.Refresh = 2 * time.Hour; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Tags, ",") != "World Affairs,Science,Tech News" || got.Refresh != 2*time.Hour {
		t.Errorf("%+v", got)
	}
	after, _ := os.ReadFile(env.subs)
	if want := strings.Replace(string(before), `description="theirs"/>`, `description="theirs" dispatchRefresh="2h"/>`, 1); string(after) != want {
		t.Errorf("the outline changed beyond its refresh:\n%s\nwas\n%s", after, before)
	}
}
