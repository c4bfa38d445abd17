package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// errNUL is the answer to text holding a NUL character: PostgreSQL cannot
// store one in a text column, and no person types one, so it is refused
// everywhere, on both stores alike.
var errNUL = stretchwise.Errorf(stretchwise.EINVALID, "Text may not contain the NUL character (\\u0000).")

// rejectNUL refuses a request whose path or query holds a NUL character
// (%00) before any handler sees it. Header values cannot hold one: net/http
// refuses them. Bodies are checked where they are decoded (unmarshalStrict,
// and package recording for recordings).
func rejectNUL(next http.Handler, fail func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.IndexByte(r.URL.Path, 0) >= 0 || strings.Contains(r.URL.RawQuery, "%00") || strings.IndexByte(r.URL.RawQuery, 0) >= 0 {
			fail(w, r, errNUL)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// jsonHasNUL reports whether a JSON text holds a NUL character in a
// string: a raw NUL byte is not valid JSON anyway, so only the escape
// \u0000 counts, and only when its backslash is not itself escaped.
func jsonHasNUL(raw []byte) bool {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u0000`))
		if j < 0 {
			return false
		}
		j += i
		k := j
		for k > 0 && raw[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return true
		}
		i = j + 1
	}
}

// readBody reads a whole request body of at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, jsonError(err)
		}
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "The body was cut short.")
	}
	return b, nil
}

// unmarshalStrict decodes one JSON value into v: no unknown fields, nothing
// after the value, no NUL character in any string. Every JSON body of the
// API goes through it.
func unmarshalStrict(raw []byte, v any) error {
	if jsonHasNUL(raw) {
		return errNUL
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return stretchwise.Errorf(stretchwise.EINVALID, "The body must hold exactly one JSON value.")
	}
	return nil
}
