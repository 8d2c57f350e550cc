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
// Several files are each headed "==> FILE <==", as head(1) heads them:
// their front matters run together otherwise, and no one file could be
// told from the next.
func runImport(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("import", g)
	files, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import takes one or more text files")
	}
	var b strings.Builder
	for i, f := range files {
		data, err := safefile.ReadFile(f, maxImportBytes)
		if err != nil {
			return fmt.Errorf("import %s: %w", termout.Name(f), err)
		}
		md, err := article.ImportText(f, data)
		if err != nil {
			return fmt.Errorf("import %w", err)
		}
		if len(files) > 1 {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "==> %s <==\n", termout.Name(f))
		}
		b.WriteString(md)
		if !strings.HasSuffix(md, "\n") {
			b.WriteString("\n")
		}
	}
	// nothing is printed unless every file could be imported
	_, err = fmt.Fprint(e.stdout, b.String())
	return err
}

// maxImportBytes is the size limit of an article file, as for --dir.
const maxImportBytes = 4 << 20
