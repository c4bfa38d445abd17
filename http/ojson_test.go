package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// An ordered JSON value, so that openapi.json can be rewritten with its
// keys in the order people wrote them: an object is a list of members, an
// array a list of values, anything else its JSON text.
type ovalue struct {
	obj    []omember // when isObj
	arr    []*ovalue // when isArr
	isObj  bool
	isArr  bool
	scalar json.RawMessage
}

type omember struct {
	key string
	val *ovalue
}

func parseOrdered(data []byte) (*ovalue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

func readOrdered(dec *json.Decoder) (*ovalue, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v := &ovalue{isObj: true}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				v.obj = append(v.obj, omember{k.(string), val})
			}
			_, err := dec.Token() // }
			return v, err
		case '[':
			v := &ovalue{isArr: true}
			for dec.More() {
				val, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, val)
			}
			_, err := dec.Token() // ]
			return v, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		b, err := marshalText(t)
		return &ovalue{scalar: b}, err
	}
}

// marshalText encodes a scalar without escaping <, > and &, as the file
// is written.
func marshalText(v any) ([]byte, error) {
	if n, ok := v.(json.Number); ok {
		return []byte(n), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func ostring(s string) *ovalue {
	b, _ := marshalText(s)
	return &ovalue{scalar: b}
}

func oobject(members ...omember) *ovalue { return &ovalue{isObj: true, obj: members} }

func (v *ovalue) get(key string) *ovalue {
	if v == nil || !v.isObj {
		return nil
	}
	for _, m := range v.obj {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

func (v *ovalue) set(key string, val *ovalue) {
	for i, m := range v.obj {
		if m.key == key {
			v.obj[i].val = val
			return
		}
	}
	v.obj = append(v.obj, omember{key, val})
}

// write encodes v as the file is laid out: one space of indent a level
// (Python's json.dumps(indent=1)), empty objects and arrays on one line.
func (v *ovalue) write(w *strings.Builder, depth int) {
	switch {
	case v.isObj:
		writeList(w, depth, "{", "}", len(v.obj), func(i int) {
			k, _ := marshalText(v.obj[i].key)
			w.Write(k)
			w.WriteString(": ")
			v.obj[i].val.write(w, depth+1)
		})
	case v.isArr:
		writeList(w, depth, "[", "]", len(v.arr), func(i int) { v.arr[i].write(w, depth+1) })
	default:
		w.Write(v.scalar)
	}
}

// writeList writes n items between open and close, one a line.
func writeList(w *strings.Builder, depth int, open, close string, n int, item func(i int)) {
	w.WriteString(open)
	if n == 0 {
		w.WriteString(close)
		return
	}
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n" + strings.Repeat(" ", depth+1))
		item(i)
	}
	w.WriteString("\n" + strings.Repeat(" ", depth) + close)
}
