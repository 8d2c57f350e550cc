package parallel

import (
	"slices"
	"strings"
	"testing"
)

func TestInOrderKeepsOrderAndState(t *testing.T) {
	var got []int
	states := InOrder(1000, func() *int { return new(int) },
		func(w *int, i int) int { *w++; return i * i },
		func(int, error) int { return -1 },
		func(i, r int) {
			if r != i*i {
				t.Fatalf("item %d: %d", i, r)
			}
			got = append(got, i)
		})
	if len(got) != 1000 || !slices.IsSorted(got) {
		t.Fatalf("consumed %d items, in order: %v", len(got), slices.IsSorted(got))
	}
	total := 0
	for _, s := range states {
		total += *s
	}
	if total != 1000 {
		t.Errorf("workers did %d items", total)
	}
}

// TestInOrderSurvivesAPanic: a panic in one item becomes its result; the
// others are done and consumed as usual.
func TestInOrderSurvivesAPanic(t *testing.T) {
	var errs []error
	var results []int
	InOrder(50, func() struct{} { return struct{}{} },
		func(_ struct{}, i int) int {
			if i == 17 {
				panic("boom")
			}
			return i
		},
		func(i int, err error) int { errs = append(errs, err); return -i },
		func(i, r int) { results = append(results, r) })
	if len(results) != 50 || results[17] != -17 || results[18] != 18 {
		t.Fatalf("results %v", results)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "boom") {
		t.Errorf("errors %v", errs)
	}
}
