package diskio

import "testing"

// TestProcCannotSyncAFolder: /proc is a real file system whose folders
// refuse a sync with EINVAL; that is the policy's case, not an error.
func TestProcCannotSyncAFolder(t *testing.T) {
	if err := SyncDir("/proc"); err != nil {
		t.Errorf("SyncDir(/proc): %v", err)
	}
}
