package recording

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// jsonStream walks a large JSON document value by value with
// encoding/json's Decoder, so that importers hold one frame at a time.
type jsonStream struct {
	dec *json.Decoder
}

// newJSONStream reads r, failing with ETOOLARGE beyond lim.MaxBytes.
func newJSONStream(r io.Reader, lim Limits) *jsonStream {
	lim = lim.orDefault()
	dec := json.NewDecoder(&byteLimitReader{r: r, max: lim.MaxBytes})
	dec.UseNumber()
	return &jsonStream{dec: dec}
}

// byteLimitReader fails with ETOOLARGE after max bytes.
type byteLimitReader struct {
	r      io.Reader
	max, n int64
}

// Read implements io.Reader.
func (b *byteLimitReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.max {
		return 0, tooLargef("input larger than %d bytes (the size limit)", b.max)
	}
	return n, err
}

// problem turns a decoder error into a domain error (or wraps an I/O error).
func (s *jsonStream) problem(err error) error {
	if e := asDomain(err); e != nil {
		return e
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return invalidf("invalid JSON: the file ends early (truncated?)")
	case errors.As(err, &syn):
		return invalidf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		return invalidf("invalid JSON at byte %d: unexpected %s", typ.Offset, typ.Value)
	}
	return fmt.Errorf("read json: %w", err)
}

// token reads the next token.
func (s *jsonStream) token() (json.Token, error) {
	t, err := s.dec.Token()
	if err != nil {
		return nil, s.problem(err)
	}
	return t, nil
}

// value decodes the next value into an any tree (numbers as json.Number).
func (s *jsonStream) value() (any, error) {
	var v any
	if err := s.dec.Decode(&v); err != nil {
		return nil, s.problem(err)
	}
	return v, nil
}

// skip reads and discards the next value.
func (s *jsonStream) skip() error {
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return s.problem(err)
	}
	return nil
}

// seekKey reads the keys of an object whose '{' was already read, and
// skips their values, up to the key name; it reports false at the end of
// the object, before its '}'.
func (s *jsonStream) seekKey(name string) (bool, error) {
	for s.dec.More() {
		k, err := s.token()
		if err != nil || k == name {
			return err == nil, err
		}
		if err := s.skip(); err != nil {
			return false, err
		}
	}
	return false, nil
}

// end checks that nothing but whitespace follows the document.
func (s *jsonStream) end() error {
	if _, err := s.dec.Token(); err != io.EOF {
		if err != nil {
			return s.problem(err)
		}
		return invalidf("invalid JSON: data after the end of the document")
	}
	return nil
}

// array streams the elements of an array whose '[' was already read.
func (s *jsonStream) array(each func(i int, v any) error) error {
	for i := 0; s.dec.More(); i++ {
		v, err := s.value()
		if err != nil {
			return err
		}
		if err := each(i, v); err != nil {
			return err
		}
	}
	t, err := s.token()
	if err != nil {
		return err
	}
	if t != json.Delim(']') {
		return invalidf("invalid JSON: want ']'")
	}
	return nil
}

// num reads a finite number from a decoded JSON value.
func num(v any) (float64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, invalidf("not a number")
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, invalidf("not a finite number")
	}
	return f, nil
}

// field joins a JSON path and a key for messages.
func field(path, key string) string {
	if path == "" {
		return key
	}
	if strings.HasPrefix(key, "[") {
		return path + key
	}
	return path + "." + key
}
