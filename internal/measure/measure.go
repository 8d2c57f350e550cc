// Package measure measures what a piece of work costs, for the benchmarks
// and the tests that compare costs as ratios in one run: its best time of
// several runs, and the most heap it holds at once (the Go runtime keeps
// the heap in use now, not its peak, so it is sampled while the work runs).
package measure

import (
	"math"
	"runtime"
	"time"
)

// Fastest is the shortest of runs runs of f: one slow moment of a noisy
// machine does not count.
func Fastest(runs int, f func()) time.Duration {
	best := time.Duration(math.MaxInt64)
	for range runs {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// PeakHeap records in peak the most heap in use (runtime.MemStats.HeapInuse)
// from now until the returned function is called, every 5 ms and once at
// each end. peak is only written until stop returns.
func PeakHeap(peak *uint64) (stop func()) {
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
