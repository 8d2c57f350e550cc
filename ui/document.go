package ui

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/termout"
	"dispatch/store"
)

// document is one article rendered for one width: styled lines ready for the
// terminal, the same lines as plain text, and where each passage starts.
type document struct {
	key          renderKey
	lines        []string // styled; none wider than key.width cells
	plain        []string // lines without styling, for searching and locating
	passageLines []int    // first line of each article passage
	linePassage  []int32  // passage drawn on each line, -1 for none
	bodyStart    int      // first line after the article header
	passageWords []int    // words of each passage, for a position that is the same at every width
	chromeFrom   int      // lines from here on are the reader's own (related articles), not the article's
	chrome       []bool   // header lines that are the reader's own (date, topic shares, rule)

	// words indexes the plain lines joined by "\n", so highlighting a new
	// query does not tokenize the document again; lineStarts are the byte
	// offsets of the lines in that text. Built once, when first needed
	// (see wordIndex).
	an         *store.Analyzer
	wordsOnce  sync.Once
	words      *store.TextIndex
	lineStarts []int
}

// size approximates the memory a cached document holds, its word index
// included (about 64 bytes a word).
func (d *document) size() int {
	n := 0
	for i := range d.lines {
		n += len(d.lines[i]) + 3*len(d.plain[i]) + 40
	}
	return n + 8*len(d.passageLines)
}

// wordIndex returns the document's word index, building it the first
// time. Rendering builds it for an article of ordinary size; for one shown
// without formatting (megabytes of text) it is built in the background
// after the article is shown, so that the first screen does not wait.
func (d *document) wordIndex() (*store.TextIndex, []int) {
	d.wordsOnce.Do(func() {
		d.lineStarts = make([]int, len(d.plain))
		off := 0
		for i, l := range d.plain {
			d.lineStarts[i] = off
			off += len(l) + 1
		}
		d.words = d.an.IndexText(strings.Join(d.plain, "\n"))
	})
	return d.words, d.lineStarts
}

// passageAt returns the passage shown at line y: the last one starting at or
// before it, or 0 before the first.
func (d *document) passageAt(y int) int {
	return max(d.passageStartingBy(y), 0)
}

// passageStartingBy is the last passage starting at or before line y, -1
// for the title block above the first.
func (d *document) passageStartingBy(y int) int {
	return sort.SearchInts(d.passageLines, y+1) - 1
}

// anchor is a place in an article that means the same at every width: a
// passage (-1 for the title block) and how far into its lines, 0 to 1.
// The reader keeps its place as an anchor, changed only by scrolling and
// jumps, so no resize, however many, moves it.
type anchor struct {
	passage int
	within  float64
}

// span is the lines of passage p (the title block for -1): from its first
// line to the next passage's.
func (d *document) span(p int) (start, end int) {
	start, end = 0, len(d.lines)
	if len(d.passageLines) > 0 {
		end = d.passageLines[0]
	}
	if p >= 0 && p < len(d.passageLines) {
		start, end = d.passageLines[p], len(d.lines)
		for q := p + 1; q < len(d.passageLines); q++ {
			if d.passageLines[q] > start {
				end = d.passageLines[q]
				break
			}
		}
	}
	return start, max(end, start+1)
}

// anchorAt is the anchor of line y.
func (d *document) anchorAt(y int) anchor {
	p := d.passageStartingBy(y)
	start, end := d.span(p)
	return anchor{passage: p, within: min(max(float64(y-start)/float64(end-start), 0), 1)}
}

// lineOf is the line an anchor falls on in this rendering.
func (d *document) lineOf(a anchor) int {
	start, end := d.span(min(a.passage, len(d.passageLines)-1))
	return start + int(a.within*float64(end-start)+0.5)
}

// percent is how far through the article an anchor is, by words, so the
// same place reads the same at every width: 0 at the top, 100 at the end.
func (d *document) percent(a anchor) int {
	total, before := 0, 0.0
	for p, w := range d.passageWords {
		total += w
		switch {
		case p < a.passage:
			before += float64(w)
		case p == a.passage:
			before += a.within * float64(w)
		}
	}
	if total == 0 {
		return 0
	}
	return min(int(before*100/float64(total)), 100)
}

// markPassageLines records which passage each line draws: from a passage's
// first line through the lines that follow it without a blank line, up to
// the next passage.
func (d *document) markPassageLines() {
	d.linePassage = make([]int32, len(d.lines))
	for i := range d.linePassage {
		d.linePassage[i] = -1
	}
	for p, start := range d.passageLines {
		end := len(d.lines)
		if p+1 < len(d.passageLines) && d.passageLines[p+1] > start {
			end = d.passageLines[p+1]
		}
		for y := start; y < end && strings.TrimSpace(d.plain[y]) != ""; y++ {
			d.linePassage[y] = int32(p)
		}
	}
}

// fitLines splits rendered text into lines no wider than width, wrapping the
// rare line that is (glamour does not break words longer than a line), and
// passes them through the output wall: glamour decodes character
// references of its own, so nothing but styling may come out of it.
func fitLines(rendered string, width int) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimRight(rendered, "\n"), "\n") {
		line = termout.Clean(line, termout.Styled)
		if ansi.StringWidth(line) > width {
			out = append(out, strings.Split(ansi.Hardwrap(line, width, true), "\n")...)
			continue
		}
		out = append(out, line)
	}
	return out
}

// locatePassages finds the first line of each passage in the rendered body.
// It compares letters and digits only, so wrapping, hyphenation, bullets and
// list numbers do not matter; passages are searched in order, each after the
// previous one. A passage that cannot be found starts where the previous did.
func locatePassages(plain []string, from int, passages []string) []int {
	var stream strings.Builder
	var lineOf []int
	for y := from; y < len(plain); y++ {
		for _, r := range plain[y] {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				stream.WriteRune(unicode.ToLower(r))
				for range len(string(unicode.ToLower(r))) {
					lineOf = append(lineOf, y)
				}
			}
		}
	}
	hay := stream.String()
	starts := make([]int, len(passages))
	cursor, last := 0, from
	for i, p := range passages {
		starts[i] = last
		full := normalizeForMatch(p)
		for _, n := range []int{48, 24, 12} {
			k := full[:min(len(full), n)]
			if k == "" {
				break
			}
			if at := strings.Index(hay[cursor:], k); at >= 0 {
				starts[i] = lineOf[cursor+at]
				// The rendered passage holds at least its own text (links add
				// their address), so skipping that much never passes the next.
				cursor = min(len(hay), cursor+at+len(full))
				break
			}
		}
		last = starts[i]
	}
	return starts
}

// normalizeForMatch keeps the lower-cased letters and digits of s. Byte
// prefixes of the result may end inside a rune; they still match byte-wise.
func normalizeForMatch(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
