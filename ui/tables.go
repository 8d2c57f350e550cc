package ui

import (
	"strings"

	"dispatch/store/article"
)

// minColumnCells is the room a table column needs to be readable: glamour
// shares a table's width evenly, and below this it cuts headers to nothing
// and cells to a letter a line.
const minColumnCells = 10

// narrowTables returns body with every table that cannot give each of its
// columns minColumnCells of width as paragraphs instead: one a row, each
// cell after its column's header ("**Price**: 12 · **Date**: May").
func narrowTables(body string, tables []article.Table, width int) string {
	var b strings.Builder
	last := 0
	for _, t := range tables {
		cols := 0
		for _, row := range t.Rows {
			cols = max(cols, len(row))
		}
		if cols*minColumnCells <= width || t.Start < last || t.End > len(body) {
			continue
		}
		b.WriteString(body[last:t.Start])
		b.WriteString(tableAsParagraphs(t.Rows))
		last = t.End
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// tableAsParagraphs writes a table's rows as markdown paragraphs.
func tableAsParagraphs(rows [][]string) string {
	if len(rows) == 0 {
		return ""
	}
	header := rows[0]
	var b strings.Builder
	b.WriteString("\n")
	if len(rows) == 1 {
		b.WriteString(article.EscapeMarkdown(strings.Join(header, " · ")) + "\n\n")
		return b.String()
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if i > 0 {
				b.WriteString(" · ")
			}
			if i < len(header) && header[i] != "" {
				b.WriteString("**" + article.EscapeMarkdown(header[i]) + "**: ")
			}
			b.WriteString(article.EscapeMarkdown(cell))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}
