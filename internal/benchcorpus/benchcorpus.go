// Package benchcorpus writes synthetic libraries of articles for benchmarks:
// deterministic from a seed, 800–1,500 words each, with headings, lists,
// bylines, dates and the vocabulary of dispatch's topics, so that indexing,
// search, topic scoring and related articles do realistic work.
package benchcorpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Words a benchmark can search for: one in a few articles, one in nearly
// all, and a phrase the generator writes often.
const (
	RareWord   = "zelvorantic"
	CommonWord = "talks"
	Phrase     = `"security guarantees"`
)

// FilesPerDir keeps directories a browsable size.
const FilesPerDir = 1000

// function words, in rough order of frequency
var functionWords = strings.Fields(`the of and to a in that is for on with as was by at it from be
this have are an has not but were their which its or also been more after had will than over
about they would when who into said can new other some could there all before them while
between most those under these during where such only because both many through any same`)

// topic vocabulary, as in store/topics.yaml, so topic scoring finds work
var topicPhrases = strings.Split(`security guarantees|security architecture|air defense|military aid|NATO membership|`+
	`ceasefire zones|buffer corridors|troop withdrawals|prisoner exchanges|de-escalation|truce|monitoring teams|`+
	`reconstruction fund|energy grid|infrastructure modernization|private investment|economic recovery|anti-corruption standards|`+
	`neutral mediators|Gulf nations|international monitors|trilateral consultation|backchannel talks|Türkiye and India`, "|")

var syllables = strings.Fields(`ka lo mer vin tas pel dor fin gra lu sen tor mi bra cal ven ost rum pla ne
qui zor hal dem vis tun bel cor sar fen lin mox tri gal per ron sul ba ter nic`)

// Generator makes articles. Not safe for concurrent use.
type Generator struct {
	rng   *rand.Rand
	vocab []string // content words, most frequent first
	zipf  *rand.Zipf
	names []string
}

// New returns a generator for seed. The same seed makes the same articles.
func New(seed uint64) *Generator {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &Generator{rng: rng}
	seen := map[string]bool{RareWord: true}
	for len(g.vocab) < 20000 {
		n := 2 + rng.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	for range 400 {
		w := g.vocab[rng.IntN(len(g.vocab))]
		g.names = append(g.names, strings.ToUpper(w[:1])+w[1:])
	}
	g.zipf = rand.NewZipf(rand.New(rand.NewPCG(seed+1, seed+2)), 1.07, 2, uint64(len(g.vocab)-1))
	return g
}

func (g *Generator) word() string {
	switch r := g.rng.Float64(); {
	case r < 0.45:
		// function words follow their own steep curve
		return functionWords[int(math.Floor(math.Pow(g.rng.Float64(), 2.2)*float64(len(functionWords))))]
	case r < 0.47:
		return g.names[g.rng.IntN(len(g.names))]
	case r < 0.48:
		return CommonWord
	default:
		return g.vocab[g.zipf.Uint64()]
	}
}

func (g *Generator) sentence(words int) string {
	parts := make([]string, 0, words+2)
	for i := 0; i < words; i++ {
		if g.rng.IntN(40) == 0 {
			parts = append(parts, topicPhrases[g.rng.IntN(len(topicPhrases))])
			i++
			continue
		}
		parts = append(parts, g.word())
	}
	s := strings.Join(parts, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *Generator) title() string {
	words := make([]string, 4+g.rng.IntN(6))
	for i := range words {
		w := g.vocab[g.zipf.Uint64()]
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// Article returns the markdown (with front matter) of article i.
func (g *Generator) Article(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\n", g.title())
	if g.rng.IntN(3) > 0 {
		fmt.Fprintf(&b, "dek: %q\n", g.sentence(10+g.rng.IntN(8)))
	}
	if g.rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "byline: %q\n", g.names[g.rng.IntN(len(g.names))]+" "+g.names[g.rng.IntN(len(g.names))])
	}
	fmt.Fprintf(&b, "published: 2025-%02d-%02d\n---\n\n", 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	target := 800 + g.rng.IntN(701)
	if i%997 == 0 {
		fmt.Fprintf(&b, "A note on %s and its neighbours.\n\n", RareWord)
	}
	words := 0
	for words < target {
		switch r := g.rng.IntN(10); {
		case r == 0 && words > 0:
			fmt.Fprintf(&b, "## %s\n\n", g.title())
		case r == 1:
			items := 3 + g.rng.IntN(4)
			for range items {
				n := 4 + g.rng.IntN(8)
				fmt.Fprintf(&b, "- %s\n", strings.TrimSuffix(g.sentence(n), "."))
				words += n
			}
			b.WriteString("\n")
		default:
			sentences := 2 + g.rng.IntN(4)
			for s := range sentences {
				n := 12 + g.rng.IntN(14)
				if s > 0 {
					b.WriteString(" ")
				}
				b.WriteString(g.sentence(n))
				words += n
			}
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// WriteDir writes n articles into dir, FilesPerDir to a subdirectory, and
// returns the number of bytes written.
func WriteDir(dir string, seed uint64, n int) (int64, error) {
	g := New(seed)
	var total int64
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/FilesPerDir))
		if i%FilesPerDir == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return total, err
			}
		}
		data := g.Article(i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("a%06d.md", i)), []byte(data), 0o644); err != nil {
			return total, err
		}
		total += int64(len(data))
	}
	return total, nil
}

// Seed is the seed of the libraries benchmarks share.
const Seed = 2025

// Dir returns a directory of n articles made from Seed, writing it under
// the system's temporary directory the first time: a 100k library is a
// gigabyte and takes a while to write, so runs share it. A marker written
// last tells a finished directory from one a killed run left half done.
func Dir(n int) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("dispatch-benchcorpus-%d-%d", Seed, n))
	marker := filepath.Join(dir, ".complete")
	if _, err := os.Stat(marker); err == nil {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("benchcorpus: clear %s: %w", dir, err)
	}
	if _, err := WriteDir(dir, Seed, n); err != nil {
		return "", fmt.Errorf("benchcorpus: write %d articles to %s: %w", n, dir, err)
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		return "", fmt.Errorf("benchcorpus: %w", err)
	}
	return dir, nil
}

// Scale is a library size benchmarks can run at.
type Scale struct {
	Name string // "10k"
	N    int
}

// Scales are the sizes above the embedded articles, smallest first.
var Scales = []Scale{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}}

// ParseScales reads a comma-separated list of scale names ("10k,100k"), or
// "all". The empty string is no scale: benchmarks run on the embedded
// articles only, as in CI.
func ParseScales(s string) ([]Scale, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	if s == "all" {
		return Scales, nil
	}
	var out []Scale
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(Scales, func(sc Scale) bool { return sc.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown scale %q (want 1k, 10k, 100k or all)", name)
		}
		out = append(out, Scales[i])
	}
	return out, nil
}
