package store

import (
	"testing"
	"time"

	"dispatch/store/article"
)

// A time is racy within a tick of the listing's start: two seconds when
// it is in whole seconds (a file system that keeps no more), a kernel's
// clock tick otherwise.
func TestRacyWithinATickOfTheListing(t *testing.T) {
	l := article.List(nil)
	began := l.Began()
	fine := func(d time.Duration) int64 {
		ns := began.Add(d).UnixNano()
		if ns%int64(time.Second) == 0 {
			ns++
		}
		return ns
	}
	whole := func(d time.Duration) int64 { return began.Add(d).Truncate(time.Second).UnixNano() }
	for _, c := range []struct {
		name    string
		modTime int64
		want    bool
	}{
		{"fine, 5 ms before", fine(-5 * time.Millisecond), true},
		{"fine, 100 ms before", fine(-100 * time.Millisecond), false},
		{"fine, after", fine(time.Hour), true},
		{"whole seconds, 1 s before", whole(-time.Second), true},
		{"whole seconds, 3 s before", whole(-3 * time.Second), false},
	} {
		if got := racy(c.modTime, l); got != c.want {
			t.Errorf("%s: racy %v", c.name, got)
		}
	}
}
