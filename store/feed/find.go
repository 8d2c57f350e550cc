package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"dispatch/internal/fold"
)

// ErrNoFeed is wrapped by the errors of commands given a feed that is not
// there.
var ErrNoFeed = errors.New("no feed named")

// match finds what want means among things called names (at urls, where
// given): the one named so (any case), else the one at that address, else
// the only one whose name begins with want's letters and digits, compared
// as source: compares them (any case, accents aside). It returns -1 when
// nothing matches, and an error naming the candidates when several names
// begin so.
func match(want string, names, urls []string) (int, error) {
	want = strings.TrimSpace(want)
	for i, n := range names {
		if strings.EqualFold(n, want) {
			return i, nil
		}
	}
	if len(urls) > 0 {
		norm := normalizeURL(want)
		for i, u := range urls {
			if u != "" && normalizeURL(u) == norm {
				return i, nil
			}
		}
	}
	key := nameKey(want)
	if key == "" {
		return -1, nil
	}
	var found []int
	for i, n := range names {
		if strings.HasPrefix(nameKey(n), key) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		return -1, nil
	case 1:
		return found[0], nil
	}
	var quoted []string
	for _, i := range found[:min(len(found), 5)] {
		quoted = append(quoted, strconv.Quote(names[i]))
	}
	more := ""
	if len(found) > 5 {
		more = fmt.Sprintf(" and %d more", len(found)-5)
	}
	return -1, fmt.Errorf("%q could be %s%s; say which", cleanLine(want), strings.Join(quoted, ", "), more)
}

// nameKey is a name as source: compares it in the library: its letters
// and digits, of any script, folded (the same as store's sourceKey).
func nameKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, strings.ToLower(fold.Accents(name)))
}

// followedSub is findSub of a feed that must be followed: none is
// ErrNoFeed.
func followedSub(subs []Subscription, nameOrURL string) (int, error) {
	i, err := findSub(subs, nameOrURL)
	if err == nil && i < 0 {
		err = fmt.Errorf("%w %q", ErrNoFeed, cleanLine(nameOrURL))
	}
	return i, err
}

// findSub is the index of the subscription meant by nameOrURL (see match),
// or -1.
func findSub(subs []Subscription, nameOrURL string) (int, error) {
	names := make([]string, len(subs))
	urls := make([]string, len(subs))
	for i, s := range subs {
		names[i], urls[i] = s.Name, s.URL
	}
	return match(nameOrURL, names, urls)
}
