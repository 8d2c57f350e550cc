// Package parallel runs work on many items over all cores and hands the
// results back in item order, so what is built from them does not depend
// on scheduling.
package parallel

import (
	"runtime"

	"dispatch/internal/recovered"
)

// pipelineBatch is the most items one job of InOrder takes: enough to
// make handing out jobs cheap, few enough to keep every worker busy.
const pipelineBatch = 16

// InOrder runs work on items 0..n-1 in parallel, in batches, and hands each
// result to consume in item order, on the calling goroutine. At most a few
// batches wait to be consumed, so results cannot pile up in memory. Every
// worker gets its own state from newWorker; the states are returned, for
// what they gathered. A panic in work is recovered and becomes that item's
// result through failed: work runs outside any code that could restore the
// terminal, so it must never take the process down.
func InOrder[W, R any](n int, newWorker func() W, work func(w W, i int) R, failed func(i int, err error) R, consume func(i int, r R)) []W {
	safe := func(state W, i int) (r R) {
		defer func() {
			if p := recover(); p != nil {
				r = failed(i, recovered.Error(p))
			}
		}()
		return work(state, i)
	}
	procs := runtime.GOMAXPROCS(0)
	// a few batches a worker at least: five articles are five jobs, not one
	size := max(1, min(pipelineBatch, n/(4*procs)))
	batches := (n + size - 1) / size
	workers := max(1, min(procs, batches))
	jobs := make(chan int)
	ahead := make(chan struct{}, 4*workers) // batches done or under way, not consumed
	results := make([]chan []R, batches)
	for i := range results {
		results[i] = make(chan []R, 1)
	}
	states := make([]W, workers)
	for w := range workers {
		states[w] = newWorker()
		go func(state W) {
			for b := range jobs {
				out := make([]R, 0, size)
				for i := b * size; i < min(n, (b+1)*size); i++ {
					out = append(out, safe(state, i))
				}
				results[b] <- out
			}
		}(states[w])
	}
	go func() {
		for b := range batches {
			ahead <- struct{}{}
			jobs <- b
		}
		close(jobs)
	}()
	for b := range batches {
		batch := <-results[b]
		<-ahead
		for k, r := range batch {
			consume(b*size+k, r)
		}
	}
	return states
}
