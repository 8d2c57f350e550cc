package story

import (
	"bytes"
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
)

// Profile sizes: a document is compared by at most this many of its most
// frequent words, names and numbers.
const (
	profileWords   = 30
	profileNames   = 8
	profileNumbers = 4
	titleWeight    = 3 // a title word counts as this many occurrences
	maxTitleBytes  = 300
	maxSourceBytes = 200
)

// Copy detection: shingles of shingleWords words, a signature of sigBins
// 16-bit MinHash values, made only for texts of at least minCopyWords
// words (shorter ones are too short to tell a copy from a brief).
const (
	shingleWords = 5
	sigBins      = 64
	minCopyWords = 30
)

// termKind tells the words, names and numbers of a profile apart.
type termKind uint8

const (
	wordTerm termKind = iota
	nameTerm
	numberTerm
)

// boost is how much a shared term of the kind says about two reports
// being of one event, against a shared word: names and figures are what
// reports of the same event share and reports of the same topic do not.
func (k termKind) boost() float64 {
	switch k {
	case nameTerm:
		return 1.5
	case numberTerm:
		return 1.5
	}
	return 1
}

// term is one entry of a profile.
type term struct {
	hash uint32
	kind termKind
	tf   uint8
}

// Features is what the grouping keeps of a document: its identity and date,
// keys and a signature to find copies, and a profile of its words, names
// and numbers to find its story. It is small (a few hundred bytes), made
// by Extract in time linear in the document, and kept in the caller's
// cache (MarshalBinary) so that grouping new documents never reads old ones
// again.
type Features struct {
	ID     int
	Date   int64 // Unix seconds
	Source string
	Title  string

	guid, url, text uint64 // copy keys, 0 when the document has none
	sig             []uint16
	terms           []term // sorted by hash
}

//go:embed stopwords.txt
var stopwordsText string

// functionWords are never names nor what a number counts; stopwords,
// which include them, are left out of profiles.
var functionWords, stopwords = func() (map[string]bool, map[string]bool) {
	fn, all := map[string]bool{}, map[string]bool{}
	generic := false
	for _, line := range strings.Split(stopwordsText, "\n") {
		if strings.HasPrefix(line, "## generic") {
			generic = true
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			all[w] = true
			if !generic {
				fn[w] = true
			}
		}
	}
	return fn, all
}()

// Extract computes a document's Features.
func Extract(d Doc) Features {
	f := Features{ID: d.ID, Source: clip(d.Source, maxSourceBytes), Title: clip(d.Title, maxTitleBytes)}
	if !d.Date.IsZero() {
		f.Date = d.Date.Unix()
	}
	if g := strings.TrimSpace(d.GUID); g != "" {
		if globalGUID(g) {
			f.guid = hash64("guid\x00" + g)
		} else {
			f.guid = hash64("guid\x00" + d.Source + "\x00" + g)
		}
	}
	if u := canonicalURL(d.URL); u != "" {
		f.url = hash64("url\x00" + u)
	}
	x := extractors.Get().(*extractor)
	defer extractors.Put(x)
	x.counts.reset()
	x.words, x.whole = x.words[:0], fnvOffset
	x.text(d.Title, titleWeight, false)
	x.text(d.Dek, 1, false)
	for _, p := range d.Passages {
		x.text(p.Text, 1, true)
	}
	f.terms = x.profile()
	f.text, f.sig = x.signature()
	return f
}

// clip cuts s to at most n bytes at a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// extractor gathers a document's counts and word hashes. It allocates
// little per word: a document's features are computed for every document
// the index reads.
type extractor struct {
	toks   []token
	counts tally    // occurrences of each term
	words  []uint64 // hashes of the body's folded words, in order
	whole  uint64   // FNV-1a of the body's folded words
	buf    []byte   // the word at hand, folded
	next   []byte   // the word after it, folded
}

// extractors keep their maps and buffers from one document to the next.
var extractors = sync.Pool{New: func() any { return new(extractor) }}

func (x *extractor) text(s string, weight int, body bool) {
	x.toks = tokenize(s, x.toks)
	for i, t := range x.toks {
		x.buf = foldInto(x.buf, s[t.start:t.end])
		w := x.buf
		if body {
			h := hashBytes(fnvOffset, w)
			x.words = append(x.words, h)
			x.whole = (x.whole ^ h) * fnvPrime
		}
		switch {
		case t.digit:
			if i+1 < len(x.toks) && !x.toks[i+1].stopBefore && !x.toks[i+1].digit {
				x.next = foldInto(x.next, s[x.toks[i+1].start:x.toks[i+1].end])
				if !stopwords[string(x.next)] {
					h := hashBytes(hashBytes(fnvOffset, w), []byte{' '})
					x.counts.add(numberTerm, hashBytes(h, pluralBytes(x.next)), weight)
				}
			} else if bytes.IndexByte(w, '-') > 0 {
				x.counts.add(numberTerm, hashBytes(fnvOffset, w), weight)
			}
		case len(w) < 3 || stopwords[string(w)]:
		case t.upper && !t.initial && weight == 1:
			x.counts.add(nameTerm, hashBytes(fnvOffset, w), weight)
		default:
			x.counts.add(wordTerm, hashBytes(fnvOffset, pluralBytes(w)), weight)
		}
	}
}

// profile is the document's most frequent words, names and numbers (ties
// by hash, so that the choice is the same on every machine).
func (x *extractor) profile() []term {
	// count and hash in one integer, most frequent first: sorting plain
	// integers is what makes a profile cheap
	var byKind [3][]uint64
	for _, slot := range x.counts.used {
		key, n := x.counts.keys[slot], int(x.counts.n[slot])
		kind := termKind(key >> 62)
		byKind[kind] = append(byKind[kind], uint64(math.MaxUint8-min(n, math.MaxUint8))<<56|key&(1<<62-1)>>6)
	}
	var out []term
	for kind, limit := range []int{profileWords, profileNames, profileNumbers} {
		c := firstOf(byKind[kind], limit)
		for _, e := range c {
			h := uint32(mix64(e&(1<<56-1) + uint64(kind)))
			out = append(out, term{hash: h, kind: termKind(kind), tf: uint8(math.MaxUint8 - e>>56)})
		}
	}
	slices.SortFunc(out, func(a, b term) int { return cmpTerm(a, b) })
	// two keys of one hash: keep the first, so that a profile is a set
	return slices.CompactFunc(out, func(a, b term) bool { return a.hash == b.hash })
}

// firstOf is the limit smallest of keys, sorted, found without sorting
// them all: a key's top byte (the count's complement) is counted first, and
// only the keys at or below the byte where limit is reached are sorted.
func firstOf(keys []uint64, limit int) []uint64 {
	if len(keys) > 2*limit {
		var hist [256]int
		for _, k := range keys {
			hist[k>>56]++
		}
		cut, seen := 0, 0
		for ; cut < 255 && seen+hist[cut] < limit; cut++ {
			seen += hist[cut]
		}
		kept := keys[:0]
		for _, k := range keys {
			if int(k>>56) <= cut {
				kept = append(kept, k)
			}
		}
		keys = kept
	}
	slices.Sort(keys)
	return keys[:min(limit, len(keys))]
}

func cmpTerm(a, b term) int {
	switch {
	case a.hash < b.hash:
		return -1
	case a.hash > b.hash:
		return 1
	}
	return int(a.kind) - int(b.kind)
}

// signature is the body's text key and MinHash signature, or zeros when
// the body is too short to tell a copy by.
func (x *extractor) signature() (uint64, []uint16) {
	if len(x.words) < minCopyWords {
		return 0, nil
	}
	var mins [sigBins]uint64
	var filled [sigBins]bool
	const binShift = 64 - 6 // sigBins = 64 = 2^6
	for i := 0; i+shingleWords <= len(x.words); i++ {
		var h uint64
		for _, w := range x.words[i : i+shingleWords] {
			h = h*0x100000001b3 + w
		}
		h = mix64(h)
		bin, v := h>>binShift, h&(1<<binShift-1)
		if !filled[bin] || v < mins[bin] {
			mins[bin], filled[bin] = v, true
		}
	}
	sig := make([]uint16, sigBins)
	for b := range sigBins {
		// an empty bin borrows the next filled one's value, shifted by the
		// distance, so that two documents with the same bins empty still
		// agree there only as often as their shingles do
		for j := range sigBins {
			if k := (b + j) % sigBins; filled[k] {
				sig[b] = uint16(mix64(mins[k] + uint64(j)*0x9e3779b97f4a7c15))
				break
			}
		}
	}
	return mix64(x.whole) | 1, sig
}

// likeness estimates the Jaccard likeness of two documents' shingles: the
// share of signature bins where they agree. It is 0 when either has none.
func likeness(a, b []uint16) float64 {
	if len(a) != sigBins || len(b) != sigBins {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / sigBins
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hash64 is FNV-1a, 64 bits: stable across versions and machines, as the
// keys and signatures it makes are saved.
func hash64(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// hashBytes continues FNV-1a hash h over b.
func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// mix64 is SplitMix64's finaliser: every bit of the input moves every bit
// of the output, so a bin index and a value taken from one hash are
// independent.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
