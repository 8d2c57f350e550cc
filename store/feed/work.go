package feed

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// work is an item whose file must be written (new, changed, or waiting for
// full text), with its feed text converted to markdown.
type work struct {
	x      item
	base   *url.URL // resolves the item's relative links
	rec    itemState
	name   string // its file, if it has one
	exists bool
	body   string // the feed's text, set by convertBodies
	// data is the file's content, rendered by convertBodies when the item
	// does not want full text (the common case); else nil.
	data []byte
	err  error
}

// convertBodies converts the items' feed text to markdown, and renders the
// files of those that do not want full text, on every core: conversion is
// most of the cost of a new feed, and the first fetch of a feed of hundreds
// of items should not make the user wait. A panic in the converter
// (third-party code, untrusted input) becomes an error.
func convertBodies(ctx context.Context, ws []work, sub Subscription) error {
	var (
		next     atomic.Int64
		panicked atomic.Pointer[string]
		wg       sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), len(ws)) {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					msg := fmt.Sprint(r)
					panicked.CompareAndSwap(nil, &msg)
				}
			}()
			for ctx.Err() == nil && panicked.Load() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(ws) {
					return
				}
				w := &ws[i]
				w.body = feedBody(w.x, w.base)
				if !wantsFullText(sub, w.x, w.body) {
					w.data, w.err = render(w.x, w.body, sub)
				}
			}
		})
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		return fmt.Errorf("internal error converting an item: %s", *p)
	}
	return ctx.Err()
}

// feedBody is the markdown of what the feed says an item is.
func feedBody(x item, base *url.URL) string {
	content, cut := cutInput(x.content)
	var md string
	var err error
	if x.plainText {
		md, err = textToMarkdown(content)
	} else {
		md, err = bodyToMarkdown(content, base)
	}
	if err != nil {
		md = cleanText(htmlText(content))
	}
	if cut && !strings.HasSuffix(md, shortenedNote) {
		md = strings.TrimSpace(md) + "\n\n" + shortenedNote
	}
	return md
}
