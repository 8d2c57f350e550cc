package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// The state file's form. Every file this version writes is compact JSON
// (what is read is what was written: an indented file took a fifth more
// than the read limit allows for) and starts with a format marker:
//
//	{"format":"dispatch-state","version":1,"articles":{…},…}
//
// Files written before the marker existed (version 1 too) are recognised
// by their exact shape: an object whose keys are all the state's own, one
// of them "version": 1. Anything else at the path — a package.json or a
// settings.json named by mistake, whatever its "version" — is not
// dispatch's: never moved aside, never written over.

// formatMarker is the value of the "format" key that says a file is a
// dispatch state file.
const formatMarker = "dispatch-state"

// legacyVersion is the version of the files written before the marker.
const legacyVersion = "1"

// legacyKeys are the keys a state file without the marker may have.
var legacyKeys = map[string]bool{
	"version": true, "articles": true, "last": true, "last_at": true,
	"back": true, "forward": true, "history_at": true,
}

// errForeign: a file that is not a dispatch state file at all.
var errForeign = errors.New("not a dispatch state file")

// fileForm is State as written: the marker first, then its fields.
type fileForm struct {
	Format string `json:"format"`
	State
}

// encode is the file form of st.
func encode(st State) ([]byte, error) {
	st.Version = Version
	data, err := json.Marshal(fileForm{Format: formatMarker, State: st})
	if err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	return append(data, '\n'), nil
}

// head is what the top level of a file shows before any damage in it.
type head struct {
	keys    []string // the keys read, in order
	marked  bool     // a "format" key was read…
	marker  bool     // …and it is formatMarker
	version string   // the JSON text of "version", if read
}

// readHead reads the top-level keys of data, up to where it stops
// parsing. A file with the marker is read only until its version: the
// rest is the decoder's.
func readHead(data []byte) head {
	var h head
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return h
	}
	for dec.More() && !(h.marker && h.version != "") {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			break
		}
		h.keys = append(h.keys, key)
		// other values are only passed over: decoded into nothing, which
		// fails on their type but reads them, and keeps no copy
		var v json.RawMessage
		target := any(&struct{}{})
		if key == "format" || key == "version" {
			target = &v
		}
		var typeErr *json.UnmarshalTypeError
		if err := dec.Decode(target); err != nil && !errors.As(err, &typeErr) {
			break
		}
		switch key {
		case "format":
			var s string
			h.marked = true
			h.marker = json.Unmarshal(v, &s) == nil && s == formatMarker
		case "version":
			h.version = string(v)
		}
	}
	return h
}

// ours reports whether the file is a dispatch state file, whole or
// damaged: it has the marker, or the exact shape of one written before
// the marker.
func (h head) ours() bool {
	if h.marked {
		return h.marker
	}
	if h.version != legacyVersion {
		return false
	}
	for _, k := range h.keys {
		if !legacyKeys[k] {
			return false
		}
	}
	return true
}

// decode parses a state file. It returns errForeign for a file that is
// not dispatch's, ErrNewer for one of a later version, and otherwise any
// error of a state file that is damaged: such a file is never
// half-trusted.
func decode(data []byte) (State, error) {
	h := readHead(data)
	if !h.ours() {
		return State{}, errForeign
	}
	var version int
	if err := json.Unmarshal([]byte(h.version), &version); err != nil {
		return State{}, fmt.Errorf("not a state file: version %q", h.version)
	}
	switch {
	case version > Version:
		return State{}, fmt.Errorf("%w (version %d, this one reads %d)", ErrNewer, version, Version)
	case version < 1:
		return State{}, fmt.Errorf("not a state file: version %d", version)
	}
	var form fileForm
	dec := json.NewDecoder(bytes.NewReader(data))
	if !h.marked {
		dec.DisallowUnknownFields() // the exact shape, to the last field
	}
	if err := dec.Decode(&form); err != nil {
		return State{}, fmt.Errorf("not a state file: %w", err)
	}
	if dec.More() {
		return State{}, errors.New("not a state file: data after the end")
	}
	st := form.State
	if err := st.validate(); err != nil {
		return State{}, fmt.Errorf("not a state file: %w", err)
	}
	if st.Articles == nil {
		st.Articles = map[string]ArticleState{}
	}
	return st, nil
}
