// Package peakheap measures the most heap a piece of work holds at once,
// for benchmarks that report it beside their time: the Go runtime keeps
// the heap in use now, not its peak, so it is sampled while the work runs.
package peakheap

import (
	"runtime"
	"time"
)

// Sample records in peak the most heap in use (runtime.MemStats.HeapInuse)
// from now until the returned function is called, every 5 ms and once at
// each end. peak is only written until stop returns.
func Sample(peak *uint64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			select {
			case <-done:
				runtime.ReadMemStats(&ms)
				*peak = max(*peak, ms.HeapInuse)
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
