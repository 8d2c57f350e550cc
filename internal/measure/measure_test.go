package measure

import (
	"runtime"
	"testing"
	"time"
)

// A buffer held while sampling shows in the peak, though it is gone by the
// time the sampling stops.
func TestPeakHeapSeesWhatWasHeld(t *testing.T) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop := PeakHeap(&peak)
	held := make([]byte, 64<<20)
	for i := range held {
		held[i] = 1
	}
	runtime.KeepAlive(held)
	stop()
	if peak < before.HeapInuse+60<<20 {
		t.Errorf("peak %d MiB, want at least the 64 MiB held above %d MiB", peak>>20, before.HeapInuse>>20)
	}
}

// Fastest runs f as often as asked and gives the shortest run: never
// more than the mean of the runs (the whole call's time over their number).
func TestFastestIsTheShortestRun(t *testing.T) {
	runs := 0
	start := time.Now()
	got := Fastest(5, func() {
		runs++
		sink := 0
		for i := range 10000 * runs { // each run longer than the last
			sink += i
		}
		_ = sink
	})
	whole := time.Since(start)
	if runs != 5 || got <= 0 || got > whole/5 {
		t.Errorf("%d runs, fastest %v of %v in all: want 5 runs and at most their mean", runs, got, whole)
	}
}
