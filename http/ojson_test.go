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
	pad := func(d int) { w.WriteString("\n" + strings.Repeat(" ", d)) }
	switch {
	case v.isObj:
		if len(v.obj) == 0 {
			w.WriteString("{}")
			return
		}
		w.WriteString("{")
		for i, m := range v.obj {
			if i > 0 {
				w.WriteString(",")
			}
			pad(depth + 1)
			k, _ := marshalText(m.key)
			w.Write(k)
			w.WriteString(": ")
			m.val.write(w, depth+1)
		}
		pad(depth)
		w.WriteString("}")
	case v.isArr:
		if len(v.arr) == 0 {
			w.WriteString("[]")
			return
		}
		w.WriteString("[")
		for i, e := range v.arr {
			if i > 0 {
				w.WriteString(",")
			}
			pad(depth + 1)
			e.write(w, depth+1)
		}
		pad(depth)
		w.WriteString("]")
	default:
		w.Write(v.scalar)
	}
}
