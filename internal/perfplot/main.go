// Command perfplot draws how benchmark times grow with the library's size,
// as an SVG chart, from `go test -bench` output:
//
//	perfplot -o docs/growth.svg results/*.txt
//
// A benchmark whose name holds a size (embedded, 1k, 10k, 100k) is one
// point of the series named with that part replaced by "*"; the point is
// the median of its runs.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// sizes are the article counts behind the names benchmarks use.
var sizes = map[string]float64{"embedded": 5, "1k": 1_000, "10k": 10_000, "100k": 100_000}

// defaultSeries are the costs docs/PERFORMANCE.md plots.
const defaultSeries = "Load/*=load + index (all articles);Related/*/vectors=related-article vectors;" +
	"Search/*/common=search, common word;Search/*/rare=search, rare word;" +
	"Keystroke/*/search-type=keystroke, typing a search;Keystroke/*/list-move=keystroke, list move"

func main() {
	out := flag.String("o", "growth.svg", "the SVG file to write")
	series := flag.String("series", defaultSeries, "PATTERN=LABEL pairs to plot, separated by semicolons")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "perfplot: name the benchmark output files to read")
		os.Exit(2)
	}
	runs := map[string][]float64{}
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(os.Stderr, "perfplot: %v\n", err)
			os.Exit(1)
		}
		err = readBenchmarks(f, runs)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "perfplot: read %s: %v\n", name, err)
			os.Exit(1)
		}
	}
	var plotted []line
	for _, pair := range strings.Split(*series, ";") {
		pattern, label, ok := strings.Cut(pair, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "perfplot: series %q is not PATTERN=LABEL\n", pair)
			os.Exit(2)
		}
		if l := collect(runs, pattern, label); len(l.points) > 0 {
			plotted = append(plotted, l)
		}
	}
	if len(plotted) == 0 {
		fmt.Fprintln(os.Stderr, "perfplot: none of the series has a measurement")
		os.Exit(1)
	}
	if err := os.WriteFile(*out, []byte(chart(plotted)), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "perfplot: %v\n", err)
		os.Exit(1)
	}
}

// readBenchmarks adds the time per operation of every benchmark result in
// r to runs, by name without its GOMAXPROCS suffix.
func readBenchmarks(r io.Reader, runs map[string][]float64) error {
	br := benchfmt.NewReader(r, "")
	for br.Scan() {
		var res *benchfmt.Result
		switch rec := br.Result().(type) {
		case *benchfmt.SyntaxError:
			return rec // a chart from half-read results would mislead
		case *benchfmt.Result:
			res = rec
		default:
			continue // units metadata
		}
		sec, ok := res.Value("sec/op")
		if !ok {
			continue
		}
		base, parts := res.Name.Parts()
		name := string(base)
		for _, p := range parts {
			if p[0] == '/' {
				name += string(p)
			}
		}
		runs[name] = append(runs[name], sec*1e9)
	}
	return br.Err()
}

type point struct{ articles, ms float64 }

type line struct {
	label  string
	points []point // by size
}

// collect is the series of pattern: a point per size it was measured at.
func collect(runs map[string][]float64, pattern, label string) line {
	l := line{label: label}
	for name, size := range sizes {
		if ns := runs[strings.Replace(pattern, "*", name, 1)]; len(ns) > 0 {
			l.points = append(l.points, point{size, median(ns) / 1e6})
		}
	}
	slices.SortFunc(l.points, func(a, b point) int { return int(a.articles - b.articles) })
	return l
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// chart draws the lines on log-log axes: articles across, milliseconds up.
func chart(lines []line) string {
	const width, height, left, right, top, bottom = 760, 440, 70, 250, 20, 50
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		for _, p := range l.points {
			minY, maxY = min(minY, p.ms), max(maxY, p.ms)
		}
	}
	loY, hiY := math.Floor(math.Log10(minY)), math.Ceil(math.Log10(maxY))
	if hiY == loY {
		hiY++
	}
	loX, hiX := 0.0, 5.0 // 1 to 100,000 articles
	x := func(articles float64) float64 {
		return left + (math.Log10(articles)-loX)/(hiX-loX)*(width-left-right)
	}
	y := func(ms float64) float64 {
		return top + (hiY-math.Log10(ms))/(hiY-loY)*(height-top-bottom)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	for e := loX; e <= hiX; e++ {
		px := x(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", px, top, px, height-bottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", px, height-bottom+16, count(math.Pow(10, e)))
	}
	for e := loY; e <= hiY; e++ {
		py := y(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", left, py, width-right, py)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, py+4, duration(math.Pow(10, e)))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">articles in the library (log scale)</text>`+"\n", (left+width-right)/2, height-12)
	fmt.Fprintf(&b, `<text x="14" y="%d" text-anchor="middle" transform="rotate(-90 14 %d)">median time per operation (log scale)</text>`+"\n", (top+height-bottom)/2, (top+height-bottom)/2)
	colours := []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"}
	for i, l := range lines {
		c := colours[i%len(colours)]
		var pts []string
		for _, p := range l.points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(p.articles), y(p.ms)))
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), c)
		for _, p := range l.points {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %s at %s articles</title></circle>`+"\n",
				x(p.articles), y(p.ms), c, l.label, duration(p.ms), count(p.articles))
		}
		ly := top + 10 + i*20
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>`+"\n", width-right+12, ly, width-right+32, ly, c)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", width-right+38, ly+4, l.label)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// count writes an article count the way the benchmarks name sizes.
func count(n float64) string {
	switch {
	case n >= 1000:
		return strconv.FormatFloat(n/1000, 'f', -1, 64) + "k"
	default:
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
}

// duration writes milliseconds in the unit that suits them.
func duration(ms float64) string {
	switch {
	case ms >= 1000:
		return strconv.FormatFloat(ms/1000, 'g', 3, 64) + " s"
	case ms >= 1:
		return strconv.FormatFloat(ms, 'g', 3, 64) + " ms"
	case ms >= 0.001:
		return strconv.FormatFloat(ms*1000, 'g', 3, 64) + " µs"
	default:
		return strconv.FormatFloat(ms*1e6, 'g', 3, 64) + " ns"
	}
}
