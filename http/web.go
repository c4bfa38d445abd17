package http

import (
	"errors"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"
)

// contentTypes are the types the web app's files need that Go's table
// lacks or gets wrong on some systems: browsers refuse to stream-compile
// WebAssembly unless it is application/wasm, and refuse module scripts
// served with a non-JavaScript type. MediaPipe's model (.tflite), graph
// (.binarypb) and packed files (.data) are opaque bytes.
var contentTypes = map[string]string{
	".wasm":     "application/wasm",
	".js":       "text/javascript; charset=utf-8",
	".mjs":      "text/javascript; charset=utf-8",
	".data":     "application/octet-stream",
	".tflite":   "application/octet-stream",
	".binarypb": "application/octet-stream",
	".json":     "application/json",
	".css":      "text/css; charset=utf-8",
	".html":     "text/html; charset=utf-8",
	".svg":      "image/svg+xml",
	".map":      "application/json",
}

// ContentType returns the type the server sends for a file name.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// hashedAsset matches Vite's content-hashed output names (name-HASH.ext
// with an 8-character base64url hash): their content never changes under
// the same name, so they may be cached for a year.
var hashedAsset = regexp.MustCompile(`-[A-Za-z0-9_-]{8}\.[a-z0-9]+$`)

func cacheControl(name string) string {
	switch {
	case name == "index.html":
		return "no-cache"
	case strings.HasPrefix(name, "assets/") && hashedAsset.MatchString(name):
		return "public, max-age=31536000, immutable"
	}
	// Other files (MediaPipe's, the engine) keep their names across
	// versions: revalidate every time.
	return "no-cache"
}

// serveWeb serves the built app, with the single-page-app fallback: a path
// that is not a file and has no extension gets index.html, so client-side
// routes like /history load the app.
func (s *Server) serveWeb(w http.ResponseWriter, r *http.Request) {
	if s.web == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		msg := s.webErr
		if msg == "" {
			msg = "no web app directory was given"
		}
		io.WriteString(w, `<!doctype html><meta charset="utf-8"><title>stretchwise: web app not built</title>
<h1>The web app is not built</h1>
<p>This server runs and its JSON API answers under <a href="/api/v1/openapi.json">/api/v1</a>, but the browser app is missing: `+html.EscapeString(msg)+`.</p>
<p>Build it with <code>make web</code> in the repository root (it needs Node.js and npm), then restart <code>stretchwise serve</code>, or point <code>--web DIR</code> at a built app.</p>
`)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	f, err := s.web.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && st.IsDir() {
			f.Close()
			f, err = s.web.Open(path.Join(name, "index.html"))
			name = path.Join(name, "index.html")
		}
	}
	if errors.Is(err, fs.ErrNotExist) && path.Ext(name) == "" {
		name = "index.html"
		f, err = s.web.Open(name)
	}
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ContentType(name))
	w.Header().Set("Cache-Control", cacheControl(name))
	if rs, ok := f.(io.ReadSeeker); ok {
		http.ServeContent(w, r, name, st.ModTime(), rs)
		return
	}
	b, err := io.ReadAll(f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, strings.NewReader(string(b)))
}
