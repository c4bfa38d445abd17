//go:build embedweb

package web

import (
	"embed"
	"io/fs"
)

// dist is the built app; `make web` must have run before go build -tags embedweb.
//
//go:embed all:dist
var dist embed.FS

// Embedded returns the app compiled into the binary.
func Embedded() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path; fs.Sub cannot fail here
	}
	return sub
}
