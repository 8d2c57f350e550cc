// Package lru is a cache that keeps the most recently used values within a
// budget. It is safe for concurrent use.
package lru

import (
	"container/list"
	"sync"
)

// Cache keeps values by key up to a total cost, dropping the least recently
// used first. The most recent value is always kept, whatever its cost: a
// single large document is still worth keeping while it is being read.
type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	budget  int
	cost    func(V) int
	total   int
	entries map[K]*list.Element
	order   *list.List // of entry[K, V], most recent first
}

type entry[K comparable, V any] struct {
	key  K
	val  V
	cost int
}

// New returns a cache holding values up to budget, each costing cost(v); a
// nil cost counts every value as 1, so budget is a number of values.
func New[K comparable, V any](budget int, cost func(V) int) *Cache[K, V] {
	if cost == nil {
		cost = func(V) int { return 1 }
	}
	return &Cache[K, V]{budget: budget, cost: cost, entries: map[K]*list.Element{}, order: list.New()}
}

// Get returns the value for key and marks it used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(entry[K, V]).val, true
}

// Add keeps val for key, unless key already has a value (two goroutines
// that computed the same value race here; the first one kept wins, so
// everyone shares one copy), and returns the value kept.
func (c *Cache[K, V]) Add(key K, val V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(entry[K, V]).val
	}
	e := entry[K, V]{key, val, c.cost(val)}
	c.entries[key] = c.order.PushFront(e)
	c.total += e.cost
	for c.total > c.budget && c.order.Len() > 1 {
		old := c.order.Remove(c.order.Back()).(entry[K, V])
		delete(c.entries, old.key)
		c.total -= old.cost
	}
	return val
}

// Len is how many values are kept.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Cost is the total cost of the values kept.
func (c *Cache[K, V]) Cost() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}
