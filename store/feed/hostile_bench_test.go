package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"dispatch/internal/measure"
)

// The hostile feed shapes of issue 22, each a document of about size bytes
// (before compression), beside a plain feed of the same size: what adding
// a feed of each shape costs, from the request to the items written (or
// the refusal), as a ratio to the plain feed's cost in the same run.

// hostileShapes are the shapes by name, plain (the baseline) first.
var hostileShapes = []string{"plain", "namespace-bomb", "nested-deep", "one-line-items", "table-spans", "gzip-bomb"}

// hostileFeed is a document of shape of about size bytes, and the
// Content-Encoding it is served with.
func hostileFeed(shape string, size int) (body []byte, encoding string) {
	switch shape {
	case "plain": // 500 items (a fetch's cap) of plain paragraphs
		per := size / 500
		items := make([]testItem, 500)
		for i := range items {
			var b strings.Builder
			for b.Len() < per-200 {
				b.WriteString("<p>" + longText + "</p>")
			}
			items[i] = testItem{guid: fmt.Sprint("plain-", i), title: fmt.Sprintf("Harbour fees, part %d", i), date: "Sun, 23 Nov 2025 09:30:00 +0100", body: b.String()}
		}
		return rssFeed("Plain", items...), ""
	case "namespace-bomb":
		return nsBomb(size / 40), ""
	case "nested-deep":
		return nested(size / 13), ""
	case "one-line-items":
		n := size / 80
		items := make([]testItem, n)
		for i := range items {
			items[i] = testItem{guid: fmt.Sprint("g", i), title: fmt.Sprint("t", i), body: "x"}
		}
		return rssFeed("Many", items...), ""
	case "table-spans": // items of tables whose cells span 16 × 16
		row := "<tr>" + strings.Repeat(`<td colspan="16" rowspan="16">x</td>`, 20) + "</tr>"
		per := 256 << 10
		table := "<table>" + strings.Repeat(row, per/len(row)) + "</table>"
		items := make([]testItem, max(size/per, 1))
		for i := range items {
			items[i] = testItem{guid: fmt.Sprint("span-", i), title: fmt.Sprint("Spans ", i), body: table}
		}
		return rssFeed("Spans", items...), ""
	case "gzip-bomb": // a feed that never ends, zipped: size bytes unzip to ~1,000 times more
		var zipped bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestCompression)
		zw.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Zip</title><item><title>x</title><description>`))
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for zipped.Len() < size {
			zw.Write(chunk)
		}
		zw.Close()
		return zipped.Bytes(), "gzip"
	}
	panic("unknown shape " + shape)
}

// addHostile adds the feed served with body once, in a data folder of its
// own; the fetch's error (a refusal) is part of the answer.
func addHostile(tb testing.TB, body []byte, encoding string) {
	srv := newTestServer(tb)
	srv.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		if encoding != "" {
			w.Header().Set("Content-Encoding", encoding)
		}
		w.Write(body)
	})
	env := newTestEnv(tb)
	env.m.Add(context.Background(), srv.URL+"/feed", "", false) // a refusal is an answer
}

// BenchmarkHostileFeeds adds a 4 MiB feed of each shape; peak-MB is the
// most heap in use at once while it does.
func BenchmarkHostileFeeds(b *testing.B) {
	for _, shape := range hostileShapes {
		body, enc := hostileFeed(shape, 4<<20)
		b.Run(shape, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := measure.PeakHeap(&peak)
				addHostile(b, body, enc)
				stop()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

// TestHostileFeedsCostLikePlainFeeds holds every shape, at 512 KiB, under
// 8× the cost of a plain feed of the same size measured in the same run
// (the fastest of three of each, so that one slow moment does not count).
func TestHostileFeedsCostLikePlainFeeds(t *testing.T) {
	cost := func(shape string) time.Duration {
		body, enc := hostileFeed(shape, 512<<10)
		return measure.Fastest(3, func() { addHostile(t, body, enc) })
	}
	plain := cost("plain")
	for _, shape := range hostileShapes[1:] {
		got := cost(shape)
		ratio := float64(got) / float64(plain)
		t.Logf("%-16s %5.2f× plain (%v vs %v)", shape, ratio, got, plain)
		if ratio > 8 {
			t.Errorf("%s: %.1f× the cost of a plain feed of the same size", shape, ratio)
		}
	}
}
