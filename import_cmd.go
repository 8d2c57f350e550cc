package main

import (
	"fmt"
	"strings"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store/article"
)

// runImport prints the markdown, with front matter, that each plain-text file
// becomes, so it can be saved and edited: dispatch import notes.txt > notes.md.
func runImport(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("import", g)
	files, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import takes one or more text files")
	}
	var out []string
	for _, f := range files {
		data, err := safefile.ReadFile(f, maxImportBytes)
		if err != nil {
			return fmt.Errorf("import %s: %w", termout.Name(f), err)
		}
		md, err := article.ImportText(f, data)
		if err != nil {
			return fmt.Errorf("import %w", err)
		}
		out = append(out, md)
	}
	_, err = fmt.Fprint(e.stdout, strings.Join(out, "\n"))
	return err
}

// maxImportBytes is the size limit of an article file, as for --dir.
const maxImportBytes = 4 << 20
