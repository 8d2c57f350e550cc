package store

import "runtime"

// pipelineBatch is how many items one job of inOrder takes.
const pipelineBatch = 16

// inOrder runs work on items 0..n-1 in parallel, in batches, and hands each
// result to consume in item order, on the calling goroutine. At most a few
// batches wait to be consumed, so results cannot pile up in memory. Every
// worker gets its own state from newWorker; the states are returned, for
// what they gathered.
func inOrder[W, R any](n int, newWorker func() W, work func(w W, i int) R, consume func(i int, r R)) []W {
	batches := (n + pipelineBatch - 1) / pipelineBatch
	workers := max(1, min(runtime.GOMAXPROCS(0), batches))
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
				out := make([]R, 0, pipelineBatch)
				for i := b * pipelineBatch; i < min(n, (b+1)*pipelineBatch); i++ {
					out = append(out, work(state, i))
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
			consume(b*pipelineBatch+k, r)
		}
	}
	return states
}
