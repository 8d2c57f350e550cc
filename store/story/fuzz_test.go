package story

import (
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dispatch/store/article"
)

// sealed is body with the checksum UnmarshalBinary expects, so that the
// fuzzer reaches the decoder behind it.
func sealed(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.Checksum(body, castagnoli))
}

func fuzzDoc(id int, text string) Doc {
	d := Doc{ID: id, Source: "S" + string(rune('A'+id%26)), Date: time.Unix(int64(id)*3600, 0), Title: "t",
		URL: "https://x.example/" + clip(text, 12), GUID: clip(text, 8)}
	for i, line := range strings.Split(text, "\n") {
		d.Passages = append(d.Passages, Passage{Text: line, Kind: article.PassageKind(i % 5), Topics: []string{clip(line, 3)}})
	}
	return d
}

func FuzzUnmarshalGrouper(f *testing.F) {
	g := NewGrouper()
	g.Add(Extract(fuzzDoc(1, "Kharkiv Mayor Ihor Terekhov said 40,000 homes lost power on Tuesday after a strike.")),
		Extract(fuzzDoc(2, "Kharkiv Mayor Ihor Terekhov said 40,000 homes lost power on Tuesday after a strike.")),
		Extract(fuzzDoc(3, "The ferry at Izmail reopened.")))
	data, _ := g.MarshalBinary()
	f.Add(data)
	f.Add(data[:len(data)-4])
	f.Add([]byte("dsg1"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, data := range [][]byte{in, sealed(in)} {
			var g Grouper
			if g.UnmarshalBinary(data) != nil {
				continue
			}
			out, err := g.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var again Grouper
			if err := again.UnmarshalBinary(out); err != nil {
				t.Fatalf("a grouper read back does not read again: %v", err)
			}
			g.Add(Extract(fuzzDoc(99, "Ihor Terekhov said 40,000 homes lost power.")))
			g.Remove(99)
			_ = g.Stories()
		}
	})
}

func FuzzUnmarshalFeatures(f *testing.F) {
	data, _ := Extract(fuzzDoc(1, "Kharkiv Mayor Ihor Terekhov said 40,000 homes lost power on Tuesday after a strike on a substation near the city late on Monday night.")).MarshalBinary()
	f.Add(data)
	f.Add([]byte("dsf1\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var fs Features
		if fs.UnmarshalBinary(in) != nil {
			return
		}
		g := NewGrouper()
		g.Add(fs, Extract(fuzzDoc(2, "x")))
		_ = g.Stories()
	})
}

// FuzzCompare holds Compare to its promise on any text: no panic, and
// every span inside its passage, on rune boundaries.
func FuzzCompare(f *testing.F) {
	for _, s := range []string{
		"Kharkiv Mayor Ihor Terekhov said 40,000 homes lost power on Tuesday.\n1. “Crews worked,” he said.",
		"Kharkiv Mayor Oleh Syniehubov said 45,000 homes lost power on Wednesday. The Biden administration’s plan.",
		"U.S.–Ukraine–Russia: the 28-point plan, millions of lives, late November 2025, 5 pm. \"",
		"“ ” \" \"\" 2,,0 1.2.3 U.S U. .S. ’s ’ - – Mr. A.B.C.D.",
	} {
		f.Add(s, s+" Also the Trump administration’s doctrine.")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // passages are cleaned text
		}
		docs := []Doc{fuzzDoc(1, a), fuzzDoc(2, b), fuzzDoc(3, a+"\n"+b)}
		v := Compare(docs)
		text := map[[2]int]string{}
		for _, d := range docs {
			for p, ps := range d.Passages {
				text[[2]int{d.ID, p}] = ps.Text
			}
		}
		check := func(sp Span) {
			s, ok := text[[2]int{sp.Doc, sp.Passage}]
			if !ok || sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End ||
				!utf8.ValidString(s[sp.Start:sp.End]) {
				t.Fatalf("span %+v out of its passage", sp)
			}
		}
		for _, fc := range v.Facets {
			if !utf8.ValidString(fc.Label) {
				t.Fatalf("label %q", fc.Label)
			}
			for _, c := range fc.Cells {
				for _, sp := range c.Spans {
					check(sp)
				}
			}
		}
		for _, d := range v.Disagreements {
			for _, s := range d.Sides {
				for _, c := range s.Claims {
					check(c.Span)
				}
			}
		}
		for _, i := range append(v.Common, v.Only...) {
			if i < 0 || i >= len(v.Facets) {
				t.Fatalf("facet %d of %d", i, len(v.Facets))
			}
		}
	})
}
