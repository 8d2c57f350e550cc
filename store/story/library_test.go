package story_test

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"

	"dispatch/store/article"
	"dispatch/store/story"
)

// judgedDir holds the judged stories (see its README.md).
const judgedDir = "../testdata/stories"

// manifest is library.yaml.
type manifest struct {
	Docs []struct {
		ID        int        `yaml:"id"`
		File      string     `yaml:"file"`
		CopyOf    int        `yaml:"copy_of"`
		Source    string     `yaml:"source"`
		URL       string     `yaml:"url"`
		GUID      string     `yaml:"guid"`
		Published string     `yaml:"published"`
		Title     string     `yaml:"title"`
		Drop      []int      `yaml:"drop"`
		Replace   [][]string `yaml:"replace"`
	} `yaml:"docs"`
	Stories map[string][]int `yaml:"stories"`
	Copies  [][]int          `yaml:"copies"`
}

// judgedLibrary is the library of library.yaml as Docs by id, with its
// expected stories and copies.
type judgedLibrary struct {
	docs    map[int]story.Doc
	ids     []int // in the manifest's order
	stories map[string][]int
	copies  [][]int
}

func readYAML(t testing.TB, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(path.Join(judgedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// loadLibrary reads library.yaml and the files it names.
func loadLibrary(t testing.TB) judgedLibrary {
	t.Helper()
	var m manifest
	readYAML(t, "library.yaml", &m)
	files := map[string]article.Article{}
	for _, dir := range []string{"reports", "library"} {
		arts, err := article.ParseFS(os.DirFS(path.Join(judgedDir, dir)))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			files[dir+"/"+a.Path] = a
		}
	}
	lib := judgedLibrary{docs: map[int]story.Doc{}, stories: m.Stories, copies: m.Copies}
	for _, e := range m.Docs {
		var d story.Doc
		if e.File != "" {
			a, ok := files[e.File]
			if !ok {
				t.Fatalf("library.yaml: doc %d: no file %s", e.ID, e.File)
			}
			d = docOf(t, a)
		} else {
			orig, ok := lib.docs[e.CopyOf]
			if !ok {
				t.Fatalf("library.yaml: doc %d copies unknown doc %d", e.ID, e.CopyOf)
			}
			d = copyDoc(orig, e.Drop, e.Replace)
		}
		d.ID = e.ID
		for _, o := range []struct {
			to *string
			v  string
		}{{&d.Source, e.Source}, {&d.URL, e.URL}, {&d.GUID, e.GUID}, {&d.Title, e.Title}} {
			if o.v != "" {
				*o.to = o.v
			}
		}
		if e.Published != "" {
			dt, err := time.Parse(time.DateOnly, e.Published)
			if err != nil {
				t.Fatal(err)
			}
			d.Date = dt
		}
		lib.docs[e.ID] = d
		lib.ids = append(lib.ids, e.ID)
	}
	return lib
}

func docOf(t testing.TB, a article.Article) story.Doc {
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	d := story.Doc{Source: a.Source, GUID: a.GUID, URL: a.URL, Title: a.Title, Dek: a.Dek, Date: a.Published}
	for _, p := range c.Passages {
		d.Passages = append(d.Passages, story.Passage{Text: p.Text, Kind: p.Kind})
	}
	return d
}

// copyDoc is orig with passages dropped (negative indices from the end)
// and words replaced.
func copyDoc(orig story.Doc, drop []int, replace [][]string) story.Doc {
	d := orig
	d.Passages = nil
	for i, p := range orig.Passages {
		if slices.ContainsFunc(drop, func(k int) bool { return k == i || k < 0 && len(orig.Passages)+k == i }) {
			continue
		}
		for _, r := range replace {
			p.Text = strings.ReplaceAll(p.Text, r[0], r[1])
		}
		d.Passages = append(d.Passages, p)
	}
	return d
}

// locate finds span, verbatim, in doc's passages.
func locate(d story.Doc, span string) (story.Span, error) {
	for p, ps := range d.Passages {
		if i := strings.Index(ps.Text, span); i >= 0 {
			return story.Span{Doc: d.ID, Passage: p, Start: i, End: i + len(span)}, nil
		}
	}
	return story.Span{}, fmt.Errorf("doc %d does not say %q", d.ID, span)
}

func overlap(a, b story.Span) bool {
	return a.Doc == b.Doc && a.Passage == b.Passage && a.Start < b.End && b.Start < a.End
}
