package store

import (
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"testing"
)

// allocatedBy returns the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileCountsAllocateNothing: a snapshot whose checksums are valid
// but whose tables claim more entries than their bytes could hold is
// damaged, found before anything that size is allocated.
func TestHostileCountsAllocateNothing(t *testing.T) {
	good := smallSnapshot(t)
	secs := sectionsOf(t, good)
	secs[secFiles] = binary.AppendUvarint(nil, math.MaxInt32)
	data := assemble(secs)
	var err error
	n := allocatedBy(func() { _, err = readSnapshot(data) })
	if !errors.Is(err, errDamagedSnapshot) {
		t.Errorf("error %v, want damage", err)
	}
	if n > 1<<20 {
		t.Errorf("allocated %d bytes for a %d-byte file", n, len(data))
	}
}
