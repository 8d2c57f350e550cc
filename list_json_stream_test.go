package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// A JSON list written element by element is the same text as the array
// written whole, across chunk boundaries, and for none.
func TestJSONArrayWrittenInChunks(t *testing.T) {
	for _, n := range []int{0, 1, listChunkRows, listChunkRows + 3} {
		elems := make([]map[string]any, n)
		for i := range elems {
			elems[i] = map[string]any{"id": i + 1, "title": strings.Repeat("<a & b> ", i%3), "esc": "x\u001by", "nested": []int{i, i}}
		}
		var whole, streamed bytes.Buffer
		e := env2(nil, &whole, &bytes.Buffer{}, nil)
		if err := writeJSON(e, elems); err != nil {
			t.Fatal(err)
		}
		e = env2(nil, &streamed, &bytes.Buffer{}, nil)
		if err := writeJSONArray(e, n, func(i int) any { return elems[i] }); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Errorf("%d elements: streamed\n%s\nwhole\n%s", n, streamed.String(), whole.String())
		}
		if !json.Valid(streamed.Bytes()) {
			t.Errorf("%d elements: not JSON", n)
		}
	}
}
