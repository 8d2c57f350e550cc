package store

import (
	_ "embed"
	"strings"
	"sync"
)

// stemsText is the English stem of every word the embedded articles, the
// default topics and the generic word list use, one "word<TAB>stem" per line
// (a lone word is its own stem). Stemming is most of the work of indexing
// the embedded articles, which never change: looking their words up saves
// milliseconds at every start. TestRegenerateKnownStems (go test -run TestRegenerateKnownStems -update-stems) rewrites it.
//
//go:embed stems.txt
var stemsText string

// knownStems is stemsText as a map from folded word to stem.
var knownStems = sync.OnceValue(func() map[string]string {
	out := make(map[string]string, strings.Count(stemsText, "\n"))
	for line := range strings.Lines(stemsText) {
		line = strings.TrimSuffix(line, "\n")
		word, stem, ok := strings.Cut(line, "\t")
		if !ok {
			stem = word
		}
		out[word] = stem
	}
	return out
})
