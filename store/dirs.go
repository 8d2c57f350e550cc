package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// maxArticleBytes bounds an article file; larger ones are skipped.
const maxArticleBytes = 4 << 20

// Warning is a file left out, or changed to be shown safely, on loading.
type Warning struct {
	Path    string
	Skipped bool
	Msg     string
}

func (w Warning) String() string {
	if w.Skipped {
		return "skipped " + w.Path + ": " + w.Msg
	}
	return w.Path + ": " + w.Msg
}

// articleKind says how a file is read, by its extension; false for files
// that are not articles (images, notes in other formats).
func articleKind(name string) (fileKind, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return markdown, true
	case ".txt":
		return plain, true
	}
	return 0, false
}

// LoadDir reads the articles under fsys, recursively and in path order:
// markdown (.md, .markdown; front matter optional) and plain text (.txt,
// structured like the seeds). label names the directory in warnings. Nothing
// in it can stop the rest from loading: files that cannot be shown safely
// are skipped with a warning, and those shown after cleaning are named too.
// Hidden files and directories are left alone; symbolic links to
// directories are not followed, so a link loop cannot trap the walk.
func LoadDir(fsys fs.FS, label string) ([]Article, []Warning) {
	p := newParser()
	var arts []Article
	var warns []Warning
	at := func(name string) string { return path.Join(label, name) }
	skip := func(name, format string, args ...any) {
		warns = append(warns, Warning{Path: at(name), Skipped: true, Msg: fmt.Sprintf(format, args...)})
	}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			skip(name, "%s", walkError(err))
			return nil
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, name)
			if err == nil && info.IsDir() {
				// not followed, whatever its name: it may lead back up
				skip(name, "symbolic link to a directory, not followed")
				return nil
			}
			if _, ok := articleKind(name); ok && err != nil {
				skip(name, "broken symbolic link")
				return nil
			}
			if err == nil {
				mode = info.Mode().Type()
			}
		}
		kind, ok := articleKind(name)
		if !ok {
			return nil
		}
		if !mode.IsRegular() {
			skip(name, "not a regular file (%s)", fileType(mode))
			return nil
		}
		data, err := readCapped(fsys, name)
		if err != nil {
			skip(name, "%s", err)
			return nil
		}
		a, notes, err := p.parseKind(at(name), data, kind)
		if err != nil {
			skip(name, "%s", strings.TrimPrefix(err.Error(), at(name)+": "))
			return nil
		}
		for _, n := range notes {
			warns = append(warns, Warning{Path: at(name), Msg: n})
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		warns = append(warns, Warning{Path: label, Skipped: true, Msg: walkError(err)})
	}
	return arts, warns
}

// readCapped reads a regular file of at most maxArticleBytes.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	if !info.Mode().IsRegular() { // replaced since the directory was read
		return nil, fmt.Errorf("not a regular file (%s)", fileType(info.Mode().Type()))
	}
	if info.Size() > maxArticleBytes {
		return nil, fmt.Errorf("file larger than %d MiB", maxArticleBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	if len(data) > maxArticleBytes {
		return nil, fmt.Errorf("file larger than %d MiB", maxArticleBytes>>20)
	}
	return data, nil
}

// walkError is the reason in a path error, without the path (the warning
// names the file already).
func walkError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// fileType names a non-regular file type.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "irregular"
	}
	return m.String()
}
