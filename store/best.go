package store

import "slices"

// best keeps the best of the items offered to it: all of them when limit
// <= 0, else the limit best, in a min-heap with the worst kept on top to be
// replaced. rank orders items best first; it must be a total order, so the
// kept items do not depend on the order they were offered in.
type best[T any] struct {
	limit int
	rank  func(a, b T) int
	total int // items offered
	h     []T
}

func newBest[T any](limit int, rank func(a, b T) int) *best[T] {
	return &best[T]{limit: limit, rank: rank}
}

// worse reports whether the item at i ranks below the one at j.
func (b *best[T]) worse(i, j int) bool { return b.rank(b.h[i], b.h[j]) > 0 }

func (b *best[T]) add(x T) {
	b.total++
	switch {
	case b.limit <= 0 || len(b.h) < b.limit:
		b.h = append(b.h, x)
		for i := len(b.h) - 1; i > 0; {
			parent := (i - 1) / 2
			if !b.worse(i, parent) {
				break
			}
			b.h[i], b.h[parent] = b.h[parent], b.h[i]
			i = parent
		}
	case b.rank(x, b.h[0]) < 0:
		b.h[0] = x
		for i := 0; ; {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(b.h) && b.worse(l, m) {
				m = l
			}
			if r < len(b.h) && b.worse(r, m) {
				m = r
			}
			if m == i {
				break
			}
			b.h[i], b.h[m] = b.h[m], b.h[i]
			i = m
		}
	}
}

// full reports whether limit items are kept: a new one must beat worst.
func (b *best[T]) full() bool { return b.limit > 0 && len(b.h) == b.limit }

// worst is the worst item kept; only when full (or some are kept).
func (b *best[T]) worst() T { return b.h[0] }

// sorted returns the kept items, best first.
func (b *best[T]) sorted() []T {
	slices.SortFunc(b.h, b.rank)
	return b.h
}

// idHeap orders ids best first by before, for a caller that takes the
// best few of many: made in linear time, each taken in logarithmic time.
type idHeap struct {
	h      []int32
	before func(a, b int32) bool
}

// heapOf makes a heap of ids, in place.
func heapOf(ids []int32, before func(a, b int32) bool) *idHeap {
	h := &idHeap{h: ids, before: before}
	for i := len(ids)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	return h
}

func (h *idHeap) len() int    { return len(h.h) }
func (h *idHeap) peek() int32 { return h.h[0] }
func (h *idHeap) pop() int32 {
	top := h.h[0]
	last := len(h.h) - 1
	h.h[0] = h.h[last]
	h.h = h.h[:last]
	h.down(0)
	return top
}

func (h *idHeap) down(i int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.h) && h.before(h.h[l], h.h[m]) {
			m = l
		}
		if r < len(h.h) && h.before(h.h[r], h.h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h.h[i], h.h[m] = h.h[m], h.h[i]
		i = m
	}
}
