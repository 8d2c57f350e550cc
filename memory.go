package main

import "runtime/debug"

// softMemoryLimit is the heap size past which the garbage collector works
// harder rather than let the process grow. Indexing 100,000 articles keeps
// about 700 MB live; with Go's default of collecting when the heap has
// doubled, the reader then held 1.7 GB. With this limit it holds about
// 1.3 GB, for a few percent more collection while indexing; small
// libraries never come near it. GOMEMLIMIT, when set, wins.
const softMemoryLimit = 1280 << 20

// limitMemory sets the soft memory limit unless the user has chosen one.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}
