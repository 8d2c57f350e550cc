package article

import (
	"container/list"
	"sync"
)

// contentCache keeps the contents read again most recently.
type contentCache struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element
	order *list.List // of cachedContent, most recent first
}

type cachedContent struct {
	key string
	c   *Content
}

func newContentCache(max int) *contentCache {
	return &contentCache{max: max, items: map[string]*list.Element{}, order: list.New()}
}

func (cc *contentCache) get(key string) (*Content, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if el, ok := cc.items[key]; ok {
		cc.order.MoveToFront(el)
		return el.Value.(cachedContent).c, true
	}
	return nil, false
}

func (cc *contentCache) put(key string, c *Content) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if _, ok := cc.items[key]; ok {
		return
	}
	cc.items[key] = cc.order.PushFront(cachedContent{key, c})
	for cc.order.Len() > cc.max {
		old := cc.order.Remove(cc.order.Back()).(cachedContent)
		delete(cc.items, old.key)
	}
}
