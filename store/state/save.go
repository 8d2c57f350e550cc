package state

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/recovered"
)

// Flush saves now, merged with whatever another instance saved meanwhile,
// and reports whether the save reached the disk. A save that fails (the
// lock held past the wait, a full disk) keeps the change for the next
// save: the next change's, or Close's.
func (s *File) Flush() error {
	s.io.Lock()
	defer s.io.Unlock()
	s.mu.Lock()
	if !s.dirty || s.readOnly != "" || s.path == "" {
		s.dirty = false
		s.mu.Unlock()
		return nil
	}
	snap := s.st.clone()
	s.dirty = false
	s.mu.Unlock()

	merged, warn, err := s.writeMergedRecovering(snap)

	s.mu.Lock()
	if warn != "" {
		s.warnings = append(s.warnings, warn)
	}
	switch {
	case errors.Is(err, ErrNewer):
		s.notSaving(fmt.Sprintf("%s: %v; not saving", s.path, err))
	case errors.Is(err, errTooLarge):
		s.notSaving(fmt.Sprintf("%v; not saving (the file saved last is kept)", err))
	case err != nil:
		s.saveErr = err
		s.dirty = true // try again with the next change or at Close
	default:
		s.saveErr = nil
		s.st, s.version = merge(merged, s.st), s.version+1
	}
	saved := s.saved
	s.mu.Unlock()
	if saved != nil {
		saved(err)
	}
	return err
}

// writeMergedRecovering is writeMerged with a panic turned into an error:
// saves run on a timer's goroutine, where a panic would end the process
// without restoring the terminal, and the state would be lost with it.
func (s *File) writeMergedRecovering(snap State) (merged State, warn string, err error) {
	defer func() {
		if p := recover(); p != nil {
			merged, warn, err = snap, "", fmt.Errorf("save %s: %w", s.path, recovered.Error(p))
		}
	}()
	return s.writeMerged(snap)
}

// writeMerged writes snap merged with the file on disk, under the lock.
// The caller holds s.io.
func (s *File) writeMerged(snap State) (State, string, error) {
	unlock, err := s.lock(s.lockWait)
	if err != nil {
		return snap, "", err
	}
	defer unlock()
	warn := ""
	disk, err := readDisk(s.path, s.now().UnixNano(), s.limit)
	if s.owned && errors.Is(err, errForeign) {
		err = errDamaged
	}
	switch {
	case errors.Is(err, errDamaged):
		aside, rerr := moveAside(s.path, s.stamp())
		if rerr != nil {
			return snap, "", fmt.Errorf("state file is %v and cannot be moved aside: %w", err, rerr)
		}
		warn = fmt.Sprintf("state file was %v; moved it to %s", err, aside)
		disk = Empty()
	case err != nil:
		// whatever is there now (a foreign file, a folder) is not saved
		// over; the next save looks again
		return snap, "", fmt.Errorf("state file %s: %w", s.path, err)
	}
	if !s.cleaned {
		diskio.RemoveTemps(s.path) // the path is dispatch's: checked above
		s.cleaned = true
	}
	merged := merge(disk, snap)
	data, err := encodeWithin(merged, s.limit)
	if err != nil {
		return snap, warn, err
	}
	if err := diskio.WriteFile(s.path, data, 0o600); err != nil {
		return snap, warn, err
	}
	return merged, warn, nil
}

// lock takes the state's lock, waiting for at most wait while another
// instance holds it.
func (s *File) lock(wait time.Duration) (func(), error) {
	path := s.path + ".lock"
	unlock, err := diskio.TryLock(path)
	if !errors.Is(err, diskio.ErrLocked) {
		return unlock, err
	}
	if s.lockBusy != nil {
		s.lockBusy()
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	return diskio.Lock(ctx, path)
}

// Close stops the debounce timer and saves what is pending, waiting for a
// lock another instance holds as a save does, no longer: a reader that
// quits must not hang on a stuck one.
func (s *File) Close() error {
	s.mu.Lock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	return s.Flush()
}
