package feed

import (
	"context"
	"sync"
)

// maxConcurrent is how many feeds a fetch works on at once; each worker
// makes one request at a time, so it is also the cap on requests.
const maxConcurrent = 4

// hostLimiter lets one request at a time go to each host, to be a polite
// client. Nobody holds a host while waiting for another, so it cannot
// deadlock.
type hostLimiter struct {
	mu      sync.Mutex
	busy    map[string]bool
	changed chan struct{} // closed (and replaced) whenever a host is released
}

func newHostLimiter() *hostLimiter {
	return &hostLimiter{busy: map[string]bool{}, changed: make(chan struct{})}
}

// acquire waits until host is free and takes it.
func (l *hostLimiter) acquire(ctx context.Context, host string) error {
	for {
		l.mu.Lock()
		if !l.busy[host] {
			l.busy[host] = true
			l.mu.Unlock()
			return nil
		}
		changed := l.changed
		l.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release frees host and wakes whoever waits for a host.
func (l *hostLimiter) release(host string) {
	l.mu.Lock()
	delete(l.busy, host)
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
}

// queue hands feeds to the fetching workers, always one whose host is free,
// so that the workers are not all waiting on one busy host while feeds of
// other hosts wait.
type queue struct {
	mu      sync.Mutex
	pending []int    // job indexes, in order
	hosts   []string // host of each job
	limiter *hostLimiter
}

func newQueue(hosts []string, limiter *hostLimiter) *queue {
	q := &queue{hosts: hosts, limiter: limiter}
	for i := range hosts {
		q.pending = append(q.pending, i)
	}
	return q
}

// next returns a job and takes its host for the caller (who releases it
// with limiter.release), or false when no job is left or ctx is done.
func (q *queue) next(ctx context.Context) (int, bool) {
	for {
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.mu.Unlock()
			return 0, false
		}
		l := q.limiter
		l.mu.Lock()
		for i, job := range q.pending {
			if h := q.hosts[job]; !l.busy[h] {
				l.busy[h] = true
				q.pending = append(q.pending[:i], q.pending[i+1:]...)
				l.mu.Unlock()
				q.mu.Unlock()
				return job, true
			}
		}
		changed := l.changed
		l.mu.Unlock()
		q.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return 0, false
		}
	}
}
