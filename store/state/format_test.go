package state

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStateFilesOfThePreviousVersionAreKept: a file as the version before
// the format marker wrote it (indented, no marker) is read whole, and
// saved over with the marker, losing nothing.
func TestStateFilesOfThePreviousVersionAreKept(t *testing.T) {
	legacy, err := os.ReadFile(filepath.Join("testdata", "legacy-state.json"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := decode(legacy)
	if err != nil {
		t.Fatal(err)
	}
	// the fixture is byte for byte what that version wrote for it
	old, _ := json.MarshalIndent(st, "", " ")
	if string(old)+"\n" != string(legacy) {
		t.Fatalf("the fixture is not as the previous version wrote it:\n%s", old)
	}
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, legacy, 0o644)
	s, err := Open(path, Options{})
	if err != nil || len(s.Warnings()) != 0 {
		t.Fatalf("%v, warnings %q", err, s.Warnings())
	}
	s.SetRead("new@1", true)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data := readFile(t, path)
	if !strings.HasPrefix(data, `{"format":"dispatch-state","version":1,`) || strings.Count(data, "\n") != 1 {
		t.Errorf("saved as %.80q…, want compact with the marker first", data)
	}
	got := readStateFile(t, path)
	want := st.clone()
	want.Articles["new@1"] = got.Articles["new@1"]
	want.LastAt, want.Last = got.LastAt, got.Last
	if !got.Articles["new@1"].Read || !jsonEqual(t, got, want) {
		t.Errorf("saved %+v\nwant %+v", got, want)
	}
}

func jsonEqual(t *testing.T, a, b State) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestRecognition: what is dispatch's and what is not, by content alone.
func TestRecognition(t *testing.T) {
	for _, tc := range []struct {
		data string
		ours bool
	}{
		{`{"format":"dispatch-state","version":1}`, true},
		{`{"version":1,"format":"dispatch-state","articles":{}}`, true},
		{`{"format":"dispatch-state","version":9,"colour":"new"}`, true}, // a newer dispatch's
		{` {"version" : 1 , "articles":{}, "last_at":0}`, true},
		{`{"version":1,"articles":{"a@1":{"re`, true}, // damaged, but ours
		{`{"format":"dispatch-stat","version":1}`, false},
		{`{"format":1,"version":1}`, false},
		{`{"version":1}` + "\n" + `{"theme":"dark"}`, true}, // ours with data after: damaged
		{`{"version":1,"theme":"dark"}`, false},
		{`{"theme":"dark","version":1}`, false},
		{`{"version":"1"}`, false},
		{`{"version":1.0}`, false},
		{`{"version":2,"articles":{}}`, false},
		{`{"articles":{},"version":1}`, true},
		{`{}`, false},
		{`[{"version":1}]`, false},
		{`"dispatch-state"`, false},
	} {
		if got := readHead([]byte(tc.data)).ours(); got != tc.ours {
			t.Errorf("%s: ours %v, want %v", tc.data, got, tc.ours)
		}
	}
}
