// Package tsgen writes TypeScript declarations of Go types as
// encoding/json writes them, so that the web app's types of what the Go
// core sends it are the Go types themselves (docs/web.md, "Types from Go"):
// a field renamed in Go is renamed in TypeScript, and tsc finds every use
// of the old name.
//
// A struct becomes an interface of its JSON properties (the json tag's name,
// embedded structs' properties in place, "-" left out); omitempty makes a
// property optional; a pointer is T | null (optional with omitempty). Slices
// are T[] (as the OpenAPI schemas of package http: the Go side writes an
// empty slice, not null), arrays of up to four elements tuples, maps
// Record<string, T>, json.RawMessage and interfaces unknown, time.Time a
// string. A string type registered with Enum is the union of its values.
package tsgen

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Gen collects the declarations of a TypeScript file.
type Gen struct {
	names  map[reflect.Type]string
	byName map[string]reflect.Type
	enums  map[reflect.Type][]string
	docs   map[reflect.Type]string
	order  []reflect.Type
	ifaces []string // interfaces declared with Interface, as TypeScript
	errs   []string
}

// New returns an empty generator.
func New() *Gen {
	return &Gen{names: map[reflect.Type]string{}, byName: map[string]reflect.Type{},
		enums: map[reflect.Type][]string{}, docs: map[reflect.Type]string{}}
}

// Enum declares the string type T as the union of values, named name.
func Enum[T ~string](g *Gen, name string, values ...T) {
	t := reflect.TypeFor[T]()
	vs := make([]string, len(values))
	for i, v := range values {
		vs[i] = string(v)
	}
	g.enums[t] = vs
	g.name(t, name)
}

// Add declares the struct type T as the interface name with the doc comment
// doc, and the named struct types it holds under their Go names unless
// added under another.
func Add[T any](g *Gen, name, doc string) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		g.errs = append(g.errs, fmt.Sprintf("%s: %v is not a struct", name, t))
		return
	}
	g.name(t, name)
	g.docs[t] = doc
}

// A Member is a property or a method of an interface declared with
// Interface; Type is the property's TypeScript type or the method's result.
type Member struct {
	Name, Doc string
	Method    bool
	Params    []Param
	Type      string
}

// A Param is a method's parameter: its name and TypeScript type.
type Param struct{ Name, Type string }

// Interface declares the interface name of members with the doc comment
// doc, after the Go types: for what no Go type describes, such as the
// functions a WebAssembly module registers.
func Interface(g *Gen, name, doc string, members []Member) {
	if _, ok := g.byName[name]; ok {
		g.errs = append(g.errs, fmt.Sprintf("two declarations would be %s", name))
		return
	}
	g.byName[name] = nil
	var b strings.Builder
	fmt.Fprintf(&b, "/** %s */\nexport interface %s {\n", doc, name)
	for _, m := range members {
		if m.Doc != "" {
			fmt.Fprintf(&b, "  /** %s */\n", m.Doc)
		}
		if !m.Method {
			fmt.Fprintf(&b, "  readonly %s: %s;\n", prop(m.Name), m.Type)
			continue
		}
		ps := make([]string, len(m.Params))
		for i, p := range m.Params {
			ps[i] = p.Name + ": " + p.Type
		}
		fmt.Fprintf(&b, "  %s(%s): %s;\n", prop(m.Name), strings.Join(ps, ", "), m.Type)
	}
	b.WriteString("}\n")
	g.ifaces = append(g.ifaces, b.String())
}

// name gives t the TypeScript name n.
func (g *Gen) name(t reflect.Type, n string) {
	if prev, ok := g.byName[n]; ok && prev != t {
		g.errs = append(g.errs, fmt.Sprintf("two Go types would be %s: %v and %v (add one under another name)", n, prev, t))
		return
	}
	if old, ok := g.names[t]; ok {
		if old != n {
			g.errs = append(g.errs, fmt.Sprintf("%v added as %s and %s", t, old, n))
		}
		return
	}
	g.names[t], g.byName[n] = n, t
	g.order = append(g.order, t)
}

// Source returns the file: header (a comment), then every declaration in
// the order added, the named types they hold after them.
func (g *Gen) Source(header string) (string, error) {
	var b strings.Builder
	b.WriteString(header)
	for i := 0; i < len(g.order); i++ { // g.order grows as nested types are named
		t := g.order[i]
		n := g.names[t]
		b.WriteString("\n")
		if d := g.docs[t]; d != "" {
			fmt.Fprintf(&b, "/** %s */\n", d)
		}
		if vs, ok := g.enums[t]; ok {
			q := make([]string, len(vs))
			for i, v := range vs {
				q[i] = strconv.Quote(v)
			}
			fmt.Fprintf(&b, "export type %s = %s;\n", n, strings.Join(q, " | "))
			continue
		}
		fmt.Fprintf(&b, "export interface %s %s\n", n, g.object(t, ""))
	}
	for _, d := range g.ifaces {
		b.WriteString("\n" + d)
	}
	if len(g.errs) > 0 {
		return "", fmt.Errorf("tsgen: %s", strings.Join(g.errs, "; "))
	}
	return b.String(), nil
}

// Field is one JSON property of a struct: its name, its Go type and the
// options of its json tag.
type Field struct {
	Name                string
	Type                reflect.Type
	OmitEmpty, OmitZero bool
}

// Fields lists the JSON properties of struct type t in declaration order,
// embedded structs' properties in place; an embedded property shadowed by
// one of t's own is left out, as encoding/json does. The OpenAPI schema
// test of package http reads the Go types through it too.
func Fields(t reflect.Type) []Field {
	type item struct {
		own bool // one property of t's own, else an embedded struct's
		fs  []Field
	}
	var items []item // in field order
	own := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case f.Anonymous && name == "" && ft.Kind() == reflect.Struct:
			items = append(items, item{false, Fields(ft)})
		case f.IsExported():
			if name == "" {
				name = f.Name
			}
			own[name] = true
			o := strings.Split(opts, ",")
			items = append(items, item{true, []Field{{Name: name, Type: f.Type, OmitEmpty: slices.Contains(o, "omitempty"), OmitZero: slices.Contains(o, "omitzero")}}})
		}
	}
	var out []Field
	for _, it := range items {
		for _, f := range it.fs {
			if it.own || !own[f.Name] {
				out = append(out, f)
			}
		}
	}
	return out
}

// object returns the TypeScript object type of struct t, indented by ind.
func (g *Gen) object(t reflect.Type, ind string) string {
	var b strings.Builder
	b.WriteString("{\n")
	for _, f := range Fields(t) {
		ft, null := f.Type, false
		if ft.Kind() == reflect.Pointer {
			ft, null = ft.Elem(), !f.OmitEmpty
		}
		ts := g.value(ft, ind+"  ")
		if null {
			ts += " | null"
		}
		opt := ""
		if f.OmitEmpty {
			opt = "?"
		}
		fmt.Fprintf(&b, "%s  %s%s: %s;\n", ind, prop(f.Name), opt, ts)
	}
	b.WriteString(ind + "}")
	return b.String()
}

// prop quotes a property name that is not a plain identifier.
func prop(n string) string {
	for i, r := range n {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return strconv.Quote(n)
		}
	}
	return n
}

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// value returns the TypeScript type of a value of Go type t.
func (g *Gen) value(t reflect.Type, ind string) string {
	if n, ok := g.names[t]; ok {
		return n
	}
	switch {
	case t == rawType || t.Kind() == reflect.Interface:
		return "unknown"
	case t == timeType:
		return "string"
	case t.Kind() == reflect.Pointer:
		return g.value(t.Elem(), ind) + " | null"
	case implements(t):
		g.errs = append(g.errs, t.String()+" writes its own JSON: declare it with Enum or by hand")
		return "unknown"
	case t.Kind() == reflect.Struct:
		if t.Name() == "" {
			return g.object(t, ind)
		}
		g.name(t, t.Name())
		return t.Name()
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return "string"
	case t.Kind() == reflect.Array && t.Len() <= 4:
		el := g.value(t.Elem(), ind)
		parts := make([]string, t.Len())
		for i := range parts {
			parts[i] = el
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		el := g.value(t.Elem(), ind)
		if strings.Contains(el, " ") && !strings.HasPrefix(el, "[") && !strings.HasPrefix(el, "{") {
			el = "(" + el + ")"
		}
		return el + "[]"
	case t.Kind() == reflect.Map:
		return "Record<string, " + g.value(t.Elem(), ind) + ">"
	case t.Kind() == reflect.String:
		return "string"
	case t.Kind() == reflect.Bool:
		return "boolean"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return "number"
	}
	g.errs = append(g.errs, "no JSON type for Go type "+t.String())
	return "unknown"
}

var marshaler = reflect.TypeFor[json.Marshaler]()

// implements reports whether t or *t has its own MarshalJSON.
func implements(t reflect.Type) bool {
	return t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler)
}
