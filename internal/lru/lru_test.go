package lru

import (
	"sync"
	"testing"
)

func TestDropsLeastRecentlyUsed(t *testing.T) {
	c := New[string, int](2, nil)
	c.Add("a", 1)
	c.Add("b", 2)
	c.Get("a") // b is now the least recent
	c.Add("c", 3)
	if _, ok := c.Get("b"); ok {
		t.Error("b was kept; it was the least recently used")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s was dropped", k)
		}
	}
}

func TestBudgetIsCost(t *testing.T) {
	c := New[int, []byte](100, func(b []byte) int { return len(b) })
	c.Add(1, make([]byte, 60))
	c.Add(2, make([]byte, 60)) // over budget: 1 goes
	if _, ok := c.Get(1); ok || c.Len() != 1 {
		t.Errorf("len %d; the first value should have gone", c.Len())
	}
	c.Add(3, make([]byte, 500)) // alone over budget, but the newest is kept
	if _, ok := c.Get(3); !ok || c.Len() != 1 {
		t.Errorf("len %d; the newest value should be kept alone", c.Len())
	}
}

func TestFirstAddWins(t *testing.T) {
	c := New[string, *int](10, nil)
	first, second := new(int), new(int)
	if got := c.Add("k", first); got != first {
		t.Fatal("Add did not return the value it kept")
	}
	if got := c.Add("k", second); got != first {
		t.Error("a second Add replaced the value every caller shares")
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New[int, int](8, nil)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				c.Add((g*i)%16, i)
				c.Get(i % 16)
			}
		})
	}
	wg.Wait()
	if c.Len() > 8 {
		t.Errorf("len %d over the budget of 8", c.Len())
	}
}
