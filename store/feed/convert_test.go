package feed

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

var testBase, _ = url.Parse("https://news.example.test/2025/11/story.html")

func TestHTMLToMarkdown(t *testing.T) {
	for _, tc := range []struct {
		in         string
		want, drop []string
	}{
		{in: `<p>Keep</p><script>var x = "script"</script><style>p{color:red}</style><iframe src="https://x/">frame</iframe>` +
			`<object data="x">object</object><embed src="x"><form action="/f"><input value="input"><button>button</button><select><option>option</option></select><textarea>area</textarea></form>` +
			`<svg><text>svg</text></svg><video src="v.mp4">video</video><noscript>noscript</noscript><template>template</template>`,
			want: []string{"Keep"}, drop: []string{"script", "color", "frame", "object", "embed", "input", "button", "option", "area", "svg", "video", "noscript", "template"}},
		{in: `<a href="javascript:alert(1)">click</a> <a href="data:text/html,x">data</a> <a href="vbscript:x">vb</a> <a href="#top">top</a> <a href="mailto:ed@example.test">mail</a>`,
			want: []string{"click", "data", "vb", "[top](https://news.example.test/2025/11/story.html#top)", "[mail](mailto:ed@example.test)"},
			drop: []string{"javascript", "data:", "vbscript"}},
		{in: `<a href="../about">About <img src="/logo.png" alt="Logo"></a> <img src="javascript:alert(1)" alt="Evil"> <img src="data:image/png;base64,AAAA"> <img src="pic.jpg">`,
			want: []string{"[About \\[Image: Logo\\]](https://news.example.test/2025/about)", "\\[Image: Evil]", "\\[Image]", "[Image](https://news.example.test/2025/11/pic.jpg)"},
			drop: []string{"![", "javascript", "base64"}},
		{in: `<p>&amp;lt;b&amp;gt; is text, &lt;i&gt; too; &amp;#27; and &amp;#x202e; are not references; caf&eacute;</p>`,
			want: []string{"&lt;b&gt; is text", "&lt;i&gt; too", " and  are not references", "café"}},
		{in: "<p>bidi \u202eevil\u202c, marks \u200e\u200f\u061c, tags \U000E0041\U000E007F, escape \x1b[31mred, c1 \u009b1m, nul \x00, del \x7f</p>",
			want: []string{"bidi evil, marks , tags , escape red, c1 1m, nul , del "}},
		{in: `<h1>Title</h1><ol start="3"><li>three</li><li>four</li></ol><pre><code class="language-go">x := 1</code></pre><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><del>gone</del>`,
			want: []string{"# Title", "3. three", "4. four", "```go\nx := 1\n```", "| a | b |", "| 1 | 2 |", "~~gone~~"}},
	} {
		got, err := htmlToMarkdown(tc.in, testBase)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%.60q:\n%s\nlacks %q", tc.in, got, w)
			}
		}
		for _, d := range tc.drop {
			if strings.Contains(got, d) {
				t.Errorf("%.60q:\n%s\nkeeps %q", tc.in, got, d)
			}
		}
		assertSafe(t, tc.in, got)
	}
}

func TestHTMLToMarkdownBombs(t *testing.T) {
	// a colspan bomb: the table plugin would make a million cells
	got, err := htmlToMarkdown(`<table><tr><td colspan="1000000" rowspan="1000000">x</td></tr><tr><td>y</td></tr></table>`, nil)
	if err != nil || strings.Count(got, "|") > 4*(maxSpan+1)*maxSpan {
		t.Errorf("colspan bomb: %d bytes, %v", len(got), err)
	}
	// deep nesting is flattened to its text: below maxDepth by prepare,
	// and past what the HTML parser accepts (512) by the tokenizer
	for _, depth := range []int{100, 200, 5_000} {
		deep := strings.Repeat("<div><blockquote>", depth) + "deep <b>text</b>" + strings.Repeat("</blockquote></div>", depth)
		got, err = htmlToMarkdown(deep, nil)
		if err != nil || !strings.Contains(got, "deep text") || strings.Count(got, ">") > maxDepth {
			t.Errorf("nesting %d deep: %.200q, %v", depth, got, err)
		}
	}
}

// TestTableBombs: the grid a table becomes is bounded before conversion.
// Spans that would make it too large are dropped, a table still too large
// becomes its text, and a long cell is not repeated as padding on every
// row. (On the plugin's own, the first took 3 s and 200 MB at 64 KB, the
// second 20 s and 3 GB at 128 KB.) Cells are counted by their "|": each
// row, the empty header row and its underline have one more than cells.
func TestTableBombs(t *testing.T) {
	var spans strings.Builder
	spans.WriteString("<table>")
	for range 50 {
		spans.WriteString("<tr>" + strings.Repeat(`<td colspan="16" rowspan="16">x</td>`, 20) + "</tr>")
	}
	spans.WriteString("</table>")
	got, err := htmlToMarkdown(spans.String(), nil)
	if n := strings.Count(got, "|"); err != nil || n > 52*21 || n < 50*21 || strings.Count(got, "x") != 1000 {
		t.Errorf("spans 16 by 16: %d cell borders, %d bytes, %v", n, len(got), err)
	}

	wide := "<table><tr>" + strings.Repeat("<td>wide</td>", 2000) + "</tr>" + strings.Repeat("<tr><td>tall</td></tr>", 2000) + "</table>"
	got, err = htmlToMarkdown(wide, nil)
	if err != nil || strings.Contains(got, "|") || strings.Count(got, "wide") != 2000 || strings.Count(got, "tall") != 2000 || len(got) > len(wide) {
		t.Errorf("2,000 columns by 2,001 rows: %d bytes, %d cell borders, %v", len(got), strings.Count(got, "|"), err)
	}

	long := "<table><tr><td>" + strings.Repeat("long ", 2000) + "</td></tr>" + strings.Repeat("<tr><td>short</td></tr>", 1000) + "</table>"
	got, err = htmlToMarkdown(long, nil)
	if err != nil || !strings.Contains(got, "| short |") || len(got) > 2*len(long) {
		t.Errorf("a long cell above short ones: %d bytes from %d, %v", len(got), len(long), err)
	}

	// the bound is the document's: many small tables share it
	small := strings.Repeat("<table><tr>"+strings.Repeat(`<td colspan="16" rowspan="16">x</td>`, 6)+"</tr></table>", 2000)
	got, err = htmlToMarkdown(small, nil)
	if n := strings.Count(got, "|"); err != nil || n > 2000*3*7+18*97 || strings.Count(got, "x") != 12000 {
		t.Errorf("2,000 small tables of spans: %d cell borders, %d bytes, %v", n, len(got), err)
	}

	// a table within the bound keeps its spans (as empty cells)
	got, err = htmlToMarkdown(`<table><tr><th colspan="2">head</th></tr><tr><td>a</td><td>b</td></tr></table>`, nil)
	if err != nil || !strings.Contains(got, "| head |") || !strings.Contains(got, "| a | b |") {
		t.Errorf("a small table with a span:\n%s", got)
	}
}

func TestCapBody(t *testing.T) {
	long := strings.Repeat("Paragraph of text.\n\n", maxBodyBytes/10)
	if got := capBody(long); len(got) > maxBodyBytes+100 || !strings.HasSuffix(got, "shortened.)*") || strings.Contains(got, "text.\n\n\n") {
		t.Errorf("capped to %d bytes, ends %q", len(got), got[len(got)-60:])
	}
	oneWord := strings.Repeat("é", maxBodyBytes)
	if got := capBody(oneWord); !utf8.ValidString(got) || len(got) > maxBodyBytes+100 {
		t.Errorf("capped a single word to %d bytes", len(got))
	}
}

func TestHTMLTextForTitles(t *testing.T) {
	for in, want := range map[string]string{
		"Caf&eacute; &amp; bar":               "Café & bar",
		"<b>Bold</b> and <i>italic</i>":       "Bold and italic",
		"Hello<b>World</b>":                   "HelloWorld",
		"<p>one</p><p>two</p>":                "one two",
		"a < b and c > d":                     "a < b and c > d",
		"x<script>alert(1)</script>y":         "xy",
		"  spaced \n\t out \u2028 line  ":     "spaced out line",
		"&amp;#27;[31m &#x202e;rtl":           "[31m rtl",
		"plain title with no markup":          "plain title with no markup",
		"\x1b[1mbold\x1b[0m \u200fmark\u200e": "bold mark",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanTextIsIdempotent(t *testing.T) {
	nested := "x"
	for range 40 { // deeper than article.Sanitize's eight rounds
		nested = "&#" + nested + "27;"
	}
	for _, s := range append(hostile,
		nested,
		"&#2\U000E00417;", // removing a TAG character splices a reference
		"&#x2\u200f02e;",  // removing a mark splices one to a bidi override
		"&#\x1b[31m27;",   // so does removing an escape sequence
		"&l\u200erm;", "&#x1\U000E0001b;",
		"\xff\xfe invalid \xc3 utf-8",
		"a\r\nb\rc",
		"&#169; &copy; &amp; stay",
	) {
		once := cleanText(s)
		if twice := cleanText(once); twice != once {
			t.Errorf("cleanText(%q) = %q, then %q", s, once, twice)
		}
		assertSafe(t, s, once)
		line := cleanLine(s)
		if cleanLine(line) != line || strings.ContainsAny(line, "\n\t") {
			t.Errorf("cleanLine(%q) = %q", s, line)
		}
	}
	// article.Sanitize settles numeric references once (to the character,
	// or to canonical decimal for ASCII, where it may be markup); named ones
	// are decoded alike by every renderer and stay.
	if got := cleanText("&#169; &copy; &amp; stay"); got != "© &copy; &amp; stay" {
		t.Errorf("safe references: %q", got)
	}
}

func TestCleanURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.test/p?q=1&r=2":      "https://a.test/p?q=1&r=2",
		"https://a.test/p?q=\u009b1m":   "https://a.test/p?q=%C2%9B1m",
		"https://a.test/p?q=&#27;x":     "https://a.test/p?q=%26#27;x",
		"https://a.test/p?q=&#169;x":    "https://a.test/p?q=%26#169;x",
		"https://a.test/\u202eevil q":   "https://a.test/%E2%80%AEevil%20q",
		"https://a.test/p?q=&rlm;&lrm;": "https://a.test/p?q=%26rlm;%26lrm;",
	} {
		if got := cleanURL(in); got != want {
			t.Errorf("cleanURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReplaceIllegalRefs(t *testing.T) {
	for in, want := range map[string]string{
		"a &#39; &#x27; &#169; b":                           "a &#39; &#x27; &#169; b",
		"&#27;&#x1B;&#0;&#xFFFE;&#xD800;":                   "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
		"&#00000000027; &#x110000; &#99999999999999999999;": "\uFFFD \uFFFD \uFFFD",
		"&#; &#x; &#12 &#&#27;; &amp;#27;":                  "&#; &#x; &#12 &#\uFFFD; &amp;#27;",
		"&#9;&#10;&#13;":                                    "&#9;&#10;&#13;",
	} {
		if got := string(replaceIllegalRefs([]byte(in))); got != want {
			t.Errorf("replaceIllegalRefs(%q) = %q, want %q", in, got, want)
		}
	}
}
