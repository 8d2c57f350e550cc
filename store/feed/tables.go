package feed

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The table plugin makes a grid of every table: each row padded to the
// widest, each spanned cell copied into the slots it covers, inserted one by
// one. One row of 5,000 cells above 5,000 rows of one (128 KB of HTML) is
// 25 million cells: 20 s and 3 GB; 512 KB of cells spanning 16 by 16, 13 s
// and 1 GB. So the grids tables would make are bounded before conversion:
// a table whose spans would take it past the bound loses its spans, and one
// still too large becomes its text, a paragraph per row.

// maxTableCells bounds the grids the tables of one document may become
// together: far more than the tables a person reads in a terminal (a
// thousand rows of fifty columns), and a bound on many small tables too.
const maxTableCells = 50_000

// boundTables gives the tables of a document, in order, maxTableCells
// between them.
func boundTables(doc *html.Node) {
	var tables []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			tables = append(tables, n)
		}
	})
	budget := maxTableCells
	for _, t := range tables {
		if g := tableGrid(t, true); g <= budget {
			budget -= g
			continue
		}
		if g := tableGrid(t, false); g <= budget {
			dropSpans(t)
			budget -= g
			continue
		}
		tableToText(t)
	}
}

// tableGrid bounds the cells the plugin makes of table t: it counts, as the
// plugin does, every row below the table and every cell below a row
// (nested tables' too), and with spans it allows for the slots each span
// adds, the rows rowspans add and the padding to the widest row.
func tableGrid(t *html.Node, spans bool) int {
	rows, widest, extra := 0, 0, 0
	walk(t, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Tr:
			rows++
			cells := 0
			walk(n, func(c *html.Node) {
				if isCell(c) {
					cells++
				}
			})
			widest = max(widest, cells)
		case atom.Td, atom.Th:
			if spans {
				extra += spanOf(n, "colspan")*spanOf(n, "rowspan") - 1
			}
		}
	})
	rows++ // the header row the plugin adds when there is none
	if extra == 0 {
		return rows * widest
	}
	// each slot a span adds is an insertion into a row, which can widen it
	// past its own cells; rowspans reach up to maxSpan rows past the last
	return (rows + maxSpan) * (2*widest + maxSpan + extra)
}

// spanOf is a cell's colspan or rowspan as keepSpans left it: 1 to maxSpan.
func spanOf(n *html.Node, key string) int {
	v := 0
	for _, c := range attr(n, key) {
		if c < '0' || c > '9' {
			return 1
		}
		v = min(v*10+int(c-'0'), maxSpan)
	}
	return max(v, 1)
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

// dropSpans removes the colspan and rowspan of every cell of table t.
func dropSpans(t *html.Node) {
	walk(t, func(n *html.Node) {
		if isCell(n) {
			n.Attr = nil
		}
	})
}

// tableToText makes table t text the converter renders as such: each row a
// paragraph of its cells, which are separated by a space; the table's other
// parts become plain blocks.
func tableToText(t *html.Node) {
	var cells []*html.Node
	walk(t, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Tr:
			n.Data, n.DataAtom, n.Attr = "p", atom.P, nil
		case atom.Td, atom.Th:
			cells = append(cells, n)
		case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption, atom.Colgroup, atom.Col:
			n.Data, n.DataAtom, n.Attr = "div", atom.Div, nil
		}
	})
	for _, c := range cells {
		c.Data, c.DataAtom, c.Attr = "span", atom.Span, nil
		c.AppendChild(&html.Node{Type: html.TextNode, Data: " "}) // "<td>a</td><td>b</td>" is two words
	}
}

// walk calls fn on n and every node below it, in document order, without
// recursion (the tree may be deep).
func walk(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(n)
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}
