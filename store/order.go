package store

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"

	"dispatch/store/article"
)

// A library's numbers and its newest-first order are worked out once, when
// it is built, and kept in its snapshot: a list of 100,000 articles newest
// first walks a permutation, and finding article 30 is a binary search,
// neither of which decodes an article.

// idTables are a library's numbers and orders, by doc.
type idTables struct {
	numbers  []int32 // Article.Number
	dates    []int64 // what a list sorts by: published, else first seen (Unix seconds)
	newest   []int32 // docs newest first, ties by number
	byNumber []int32 // docs by number
	rank     []int32 // by doc: its place in newest
}

// listDate is the date an article is listed by: published, else when it
// was first seen.
func listDate(a *article.Article) int64 {
	if !a.Published.IsZero() {
		return a.Published.Unix()
	}
	if !a.Seen.IsZero() {
		return a.Seen.Unix()
	}
	return 0
}

// makeIDTables works the tables out from the articles.
func makeIDTables(n int, art func(d int) *article.Article) idTables {
	t := idTables{numbers: make([]int32, n), dates: make([]int64, n)}
	for d := range n {
		a := art(d)
		t.numbers[d], t.dates[d] = int32(a.Number), listDate(a)
	}
	t.newest, t.byNumber = make([]int32, n), make([]int32, n)
	for d := range n {
		t.newest[d], t.byNumber[d] = int32(d), int32(d)
	}
	slices.SortFunc(t.newest, func(a, b int32) int {
		return cmp.Or(cmp.Compare(t.dates[b], t.dates[a]), cmp.Compare(t.numbers[a], t.numbers[b]))
	})
	slices.SortFunc(t.byNumber, func(a, b int32) int { return cmp.Compare(t.numbers[a], t.numbers[b]) })
	t.ranks()
	return t
}

// ranks fills rank from newest.
func (t *idTables) ranks() {
	t.rank = make([]int32, len(t.newest))
	for i, d := range t.newest {
		t.rank[d] = int32(i)
	}
}

// check finds what a snapshot's tables could say that is not true: a doc
// out of range, an order that is not a permutation, numbers out of order.
func (t *idTables) check() error {
	n := len(t.numbers)
	if len(t.dates) != n || len(t.newest) != n || len(t.byNumber) != n {
		return fmt.Errorf("%d numbers, %d dates, %d and %d in order", n, len(t.dates), len(t.newest), len(t.byNumber))
	}
	seen := make([]bool, n)
	for _, d := range t.newest {
		if d < 0 || int(d) >= n || seen[d] {
			return fmt.Errorf("newest: article %d", d)
		}
		seen[d] = true
	}
	prev := int32(0)
	for _, d := range t.byNumber {
		if d < 0 || int(d) >= n || t.numbers[d] <= prev {
			return fmt.Errorf("by number: article %d", d)
		}
		prev = t.numbers[d]
	}
	return nil
}

// order is the library's tables, decoded from its snapshot when first
// asked for.
func (l *Library) order() *idTables {
	l.idsOnce.Do(func() {
		if l.ids.numbers == nil && l.snap != nil {
			l.ids = l.snap.idTables()
		}
	})
	return &l.ids
}

// DocOf is the doc of the article numbered number (Article.Number), if
// the library has it.
func (l *Library) DocOf(number int) (int, bool) {
	t := l.order()
	i := sort.Search(len(t.byNumber), func(i int) bool { return int(t.numbers[t.byNumber[i]]) >= number })
	if i < len(t.byNumber) && int(t.numbers[t.byNumber[i]]) == number {
		return int(t.byNumber[i]), true
	}
	return 0, false
}

// Number is article doc's number, as Article(doc).Number, without decoding
// it.
func (l *Library) Number(doc int) int { return int(l.order().numbers[doc]) }

// MaxNumber is the highest number of the library's articles (0 when it has
// none): how wide a column of numbers must be.
func (l *Library) MaxNumber() int {
	t := l.order()
	if len(t.byNumber) == 0 {
		return 0
	}
	return int(t.numbers[t.byNumber[len(t.byNumber)-1]])
}

// FirstSeen is when article doc was first seen by the library, to the
// second: the date it is listed and filtered by when it has none of its
// own.
func (l *Library) FirstSeen(doc int) time.Time { return l.Article(doc).Seen }

// Newest are the library's docs newest first (published, else first
// seen), ties by number. It must not be changed.
func (l *Library) Newest() []int32 { return l.order().newest }

// eachByDate calls f with every doc newest first, or oldest first: the
// newest-first order walked from its end, a day's articles (dates equal)
// still by number.
func (l *Library) eachByDate(oldest bool, f func(d int)) {
	t := l.order()
	if !oldest {
		for _, d := range t.newest {
			f(int(d))
		}
		return
	}
	for end := len(t.newest); end > 0; {
		start := end - 1
		for start > 0 && t.dates[t.newest[start-1]] == t.dates[t.newest[end-1]] {
			start--
		}
		for _, d := range t.newest[start:end] {
			f(int(d))
		}
		end = start
	}
}

// sortByDate puts hits newest (or oldest) first, ties by number.
func (l *Library) sortByDate(hits []Hit, oldest bool) {
	t := l.order()
	if !oldest {
		slices.SortFunc(hits, func(a, b Hit) int { return cmp.Compare(t.rank[a.Doc], t.rank[b.Doc]) })
		return
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(t.dates[a.Doc], t.dates[b.Doc]), cmp.Compare(t.numbers[a.Doc], t.numbers[b.Doc]))
	})
}
