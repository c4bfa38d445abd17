//go:build !embedweb

package web

import "io/fs"

// Embedded returns the app compiled into the binary; nil in this build,
// which was made without the embedweb tag.
func Embedded() fs.FS { return nil }
