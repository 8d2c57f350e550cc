package peakheap

import (
	"runtime"
	"testing"
)

// A buffer held while sampling shows in the peak, though it is gone by the
// time the sampling stops.
func TestSampleSeesWhatWasHeld(t *testing.T) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak uint64
	stop := Sample(&peak)
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
