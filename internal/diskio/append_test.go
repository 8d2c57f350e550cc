package diskio

import (
	"path/filepath"
	"testing"
)

func TestAppendCreatesThenAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids.log")
	for _, line := range []string{"1 first\n", "2 second\n"} {
		if err := Append(path, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got := readString(t, path); got != "1 first\n2 second\n" {
		t.Errorf("file %q", got)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("mode %v", m)
	}
}
