package story

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
)

// The saved forms: a magic word and a version, then varints and fixed-size
// fields, then (for a Grouper) a CRC-32C of everything before it. Every
// count and length is checked against the bytes left before anything is
// allocated, so hostile or damaged input is an error, never a panic or a
// huge allocation.
const (
	featuresMagic = "dsf1"
	grouperMagic  = "dsg1"
	maxTerms      = profileWords + profileNames + profileNumbers
	minDocBytes   = 8 // the fewest bytes a saved document takes
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrCorrupt is wrapped by every error of UnmarshalBinary: the saved data
// is damaged or not this package's, and the caller should group again.
var ErrCorrupt = errors.New("story: corrupt saved data")

// MarshalBinary encodes f.
func (f Features) MarshalBinary() ([]byte, error) {
	b := append([]byte(nil), featuresMagic...)
	b = appendString(b, f.Source)
	return appendFeatures(b, &f, 0), nil
}

// UnmarshalBinary decodes what MarshalBinary made.
func (f *Features) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if string(r.bytes(len(featuresMagic))) != featuresMagic {
		return fmt.Errorf("%w: not saved features", ErrCorrupt)
	}
	src := r.string(maxSourceBytes)
	var g Features
	r.features(&g, []string{src})
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*f = g
	return nil
}

// appendFeatures encodes f, its source as index src of a table kept apart.
func appendFeatures(b []byte, f *Features, src int) []byte {
	b = binary.AppendVarint(b, int64(f.ID))
	b = binary.AppendVarint(b, f.Date)
	b = binary.AppendUvarint(b, uint64(src))
	b = appendString(b, f.Title)
	b = binary.LittleEndian.AppendUint64(b, f.guid)
	b = binary.LittleEndian.AppendUint64(b, f.url)
	b = binary.LittleEndian.AppendUint64(b, f.text)
	if len(f.sig) == sigBins {
		b = append(b, 1)
		for _, v := range f.sig {
			b = binary.LittleEndian.AppendUint16(b, v)
		}
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(f.terms)))
	for _, t := range f.terms {
		b = binary.LittleEndian.AppendUint32(b, t.hash)
		b = append(b, byte(t.kind), t.tf)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader decodes; the first error sticks and every later read is empty.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrCorrupt, what)
	}
	r.b = nil
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.fail("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) uvarint(limit uint64) uint64 {
	v, n := binary.Uvarint(r.b)
	if r.err != nil || n <= 0 || v > limit {
		r.fail("bad count")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if r.err != nil || n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) string(limit int) string {
	n := r.uvarint(uint64(min(limit, len(r.b))))
	return string(r.bytes(int(n)))
}

func (r *reader) features(f *Features, sources []string) {
	id := r.varint()
	if int64(int(id)) != id {
		r.fail("id out of range")
	}
	f.ID = int(id)
	f.Date = r.varint()
	src := r.uvarint(uint64(max(0, len(sources)-1)))
	if r.err == nil {
		f.Source = sources[src]
	}
	f.Title = r.string(maxTitleBytes)
	fixed := r.bytes(24)
	if r.err != nil {
		return
	}
	f.guid = binary.LittleEndian.Uint64(fixed)
	f.url = binary.LittleEndian.Uint64(fixed[8:])
	f.text = binary.LittleEndian.Uint64(fixed[16:])
	switch has := r.bytes(1); {
	case r.err != nil:
		return
	case has[0] == 1:
		raw := r.bytes(2 * sigBins)
		if r.err != nil {
			return
		}
		f.sig = make([]uint16, sigBins)
		for i := range f.sig {
			f.sig[i] = binary.LittleEndian.Uint16(raw[2*i:])
		}
	case has[0] != 0:
		r.fail("bad signature flag")
		return
	}
	n := int(r.uvarint(maxTerms))
	raw := r.bytes(6 * n)
	if r.err != nil {
		return
	}
	f.terms = make([]term, n)
	for i := range f.terms {
		t := term{hash: binary.LittleEndian.Uint32(raw[6*i:]), kind: termKind(raw[6*i+4]), tf: raw[6*i+5]}
		if t.kind > numberTerm || t.tf == 0 || i > 0 && cmpTerm(f.terms[i-1], t) >= 0 {
			r.fail("bad profile")
			return
		}
		f.terms[i] = t
	}
}

// MarshalBinary encodes the Grouper: its documents' Features, their
// vectors and the story and copies each belongs to. Removed documents are left out.
func (g *Grouper) MarshalBinary() ([]byte, error) {
	var live []int32
	for i := range g.docs {
		if !g.docs[i].gone {
			live = append(live, int32(i))
		}
	}
	slices.SortFunc(live, g.before)
	pos := make([]int32, len(g.docs)) // by document: its place among the live
	for k, i := range live {
		pos[i] = int32(k)
	}
	var sources []string
	srcIdx := map[string]int{}
	size := len(grouperMagic) + 4 + 2*binary.MaxVarintLen64
	for _, i := range live {
		e := &g.docs[i]
		if _, ok := srcIdx[e.Source]; !ok {
			srcIdx[e.Source] = len(sources)
			sources = append(sources, e.Source)
			size += binary.MaxVarintLen64 + len(e.Source)
		}
		// what appendFeatures and the rest write, at most: grown once
		size += 5*binary.MaxVarintLen64 + len(e.Title) + 25 + 2*len(e.sig) + binary.MaxVarintLen64 + 6*len(e.terms) + len(e.weights)
	}
	b := make([]byte, 0, size)
	b = append(b, grouperMagic...)
	b = binary.AppendUvarint(b, uint64(len(sources)))
	for _, s := range sources {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(live)))
	for _, i := range live {
		e := &g.docs[i]
		b = appendFeatures(b, &e.Features, srcIdx[e.Source])
		b = append(b, e.weights...)
		// a story is saved as the position of its lead, a copy as its first's
		b = binary.AppendUvarint(b, uint64(pos[g.stories[e.story].members[0]]))
		b = binary.AppendUvarint(b, uint64(pos[e.copyOf]))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

// UnmarshalBinary replaces the Grouper with the one MarshalBinary saved.
func (g *Grouper) UnmarshalBinary(data []byte) error {
	if len(data) < len(grouperMagic)+4 || string(data[:len(grouperMagic)]) != grouperMagic {
		return fmt.Errorf("%w: not a saved grouping", ErrCorrupt)
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	r := reader{b: body[len(grouperMagic):]}
	sources := make([]string, r.uvarint(uint64(len(r.b))))
	for i := range sources {
		sources[i] = r.string(maxSourceBytes)
	}
	n := int(r.uvarint(uint64(len(r.b) / minDocBytes)))
	ng := NewGrouper()
	ng.window, ng.copyWin, ng.join, ng.copyMin = g.window, g.copyWin, g.join, g.copyMin
	if ng.window == 0 {
		ng.window, ng.copyWin, ng.join, ng.copyMin = storyWindow, copyWindow, joinLikeness, copyLikeness
	}
	ng.docs = make([]entry, n)
	lead := make([]int32, n)
	for i := range n {
		if len(sources) == 0 {
			r.fail("no sources")
		}
		r.features(&ng.docs[i].Features, sources)
		ng.docs[i].weights = slices.Clone(r.bytes(len(ng.docs[i].terms)))
		lead[i] = int32(r.uvarint(uint64(max(0, n-1))))
		ng.docs[i].copyOf = int32(r.uvarint(uint64(max(0, n-1))))
		if r.err != nil {
			return r.err
		}
		if _, dup := ng.byID[ng.docs[i].ID]; dup {
			return fmt.Errorf("%w: id %d twice", ErrCorrupt, ng.docs[i].ID)
		}
		ng.byID[ng.docs[i].ID] = int32(i)
		if i > 0 && ng.before(int32(i-1), int32(i)) >= 0 {
			return fmt.Errorf("%w: documents out of order", ErrCorrupt)
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	if err := ng.rebuild(lead); err != nil {
		return err
	}
	*g = *ng
	return nil
}

// rebuild derives what is not saved: stories from their leads, document
// frequencies, postings and copy keys. It checks that every story's lead
// is its first member and every copy's first is a first of the same story.
func (g *Grouper) rebuild(lead []int32) error {
	storyOf := map[int32]int32{}
	total := 0
	for i := range g.docs {
		total += len(g.docs[i].terms)
	}
	termIDs := make([]int32, 0, total) // every document's term ids, one after another
	for i := range g.docs {
		l := lead[i]
		if lead[l] != l || l > int32(i) {
			return fmt.Errorf("%w: bad story lead", ErrCorrupt)
		}
		s, ok := storyOf[l]
		if !ok {
			s = int32(len(g.stories))
			storyOf[l] = s
			g.stories = append(g.stories, &storyRec{})
		}
		e := &g.docs[i]
		e.story = s
		c := e.copyOf
		if c > int32(i) || g.docs[c].copyOf != c || lead[c] != l {
			return fmt.Errorf("%w: bad copy", ErrCorrupt)
		}
		g.stories[s].members = append(g.stories[s].members, int32(i))
		g.live++
		ids := g.terms(e)
		for _, id := range ids {
			g.df[id]++
		}
		termIDs = append(termIDs, ids...)
		for _, k := range e.copyKeys() {
			g.keys[k] = append(g.keys[k], int32(i))
		}
	}
	// each term's postings made at their size: appending them one by one
	// was a third of reading a grouper back
	for id, df := range g.df {
		g.post[id] = make([]posting, 0, df)
	}
	for i := range g.docs {
		e := &g.docs[i]
		for _, id := range termIDs[:len(e.terms)] {
			g.post[id] = append(g.post[id], posting{e.story, minuteOf(e.Date)})
		}
		termIDs = termIDs[len(e.terms):]
	}
	for _, ps := range g.post {
		slices.SortStableFunc(ps, func(a, b posting) int { return cmp.Compare(a.minute, b.minute) })
	}
	for s := range g.stories {
		g.centre(int32(s))
	}
	return nil
}
