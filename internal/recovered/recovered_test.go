package recovered

import (
	"errors"
	"regexp"
	"testing"
)

func TestErrorNamesThePanicSite(t *testing.T) {
	err := func() (err error) {
		defer func() { err = Error(recover()) }()
		var s []int
		_ = s[3] // the site
		return nil
	}()
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("%v does not wrap ErrInternal", err)
	}
	if !regexp.MustCompile(`^internal error: runtime error: index out of range \[3\] with length 0 \(at recovered_test\.go:\d+\)$`).MatchString(err.Error()) {
		t.Errorf("got %q", err)
	}
}

func TestErrorOfAnExplicitPanic(t *testing.T) {
	err := func() (err error) {
		defer func() { err = Error(recover()) }()
		panic("boom")
	}()
	if !regexp.MustCompile(`^internal error: boom \(at recovered_test\.go:\d+\)$`).MatchString(err.Error()) {
		t.Errorf("got %q", err)
	}
}
