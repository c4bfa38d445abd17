// Package web gives Go programs the built browser app (the Vite output of
// this directory, normally web/dist) as an fs.FS. The server serves it at /
// and `stretchwise extract` loads its extraction page in headless Chromium.
//
// By default the files are read from disk (Dir), so a fresh clone builds
// without npm. Release builds compile them into the binary with the build
// tag embedweb (go build -tags embedweb, after make web); then Embedded
// returns them.
package web

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultDir is where `make web` writes the built app, relative to the
// repository root.
const DefaultDir = "web/dist"

// ErrNotBuilt reports that the built app is missing: web/dist was never
// built (run `make web`) or the path points elsewhere.
var ErrNotBuilt = errors.New("web app not built")

// Dir returns the built app in the directory path. It checks that the
// directory holds an index.html, so a missing build is reported at start-up
// rather than as a 404 later; the error wraps ErrNotBuilt and says how to
// build it.
func Dir(path string) (fs.FS, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("web app directory %s: %w", path, err)
	}
	fsys := os.DirFS(abs)
	if err := check(fsys); err != nil {
		return nil, fmt.Errorf("%w: %s has no index.html (run 'make web' in the repository root): %v", ErrNotBuilt, abs, err)
	}
	return fsys, nil
}

// Open returns the embedded app when the binary was built with the embedweb
// tag and dir is empty, and the app in dir otherwise; an empty dir without
// an embedded app means DefaultDir. Commands use it for their --web flag.
func Open(dir string) (fs.FS, error) {
	if dir == "" {
		if e := Embedded(); e != nil {
			return e, nil
		}
		dir = DefaultDir
	}
	return Dir(dir)
}

// check reports whether fsys looks like a built app.
func check(fsys fs.FS) error {
	st, err := fs.Stat(fsys, "index.html")
	if err != nil {
		return err
	}
	if st.IsDir() {
		return errors.New("index.html is a directory")
	}
	return nil
}
