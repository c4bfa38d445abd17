package http

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
	"github.com/stretchwise/stretchwise/internal/tsgen"
)

var updateOpenAPI = flag.Bool("update", false, "rewrite the schemas of openapi.json from the Go types")

// wireTypes are the Go types of the API's JSON bodies, by the name of
// their schema in openapi.json. The schemas' properties, their JSON types
// and required lists are generated from these types (and the named struct
// types they hold, named after the Go type unless listed here);
// descriptions, formats, ranges and enums are written by hand in the file
// and kept.
var wireTypes = []struct {
	name string
	typ  reflect.Type
}{
	{"AccountCreated", reflect.TypeFor[accountCreated]()},
	{"AuditEntry", reflect.TypeFor[auditEntry]()},
	{"CheckIn", reflect.TypeFor[stretchwise.CheckIn]()},
	{"CheckInResult", reflect.TypeFor[stretchwise.CheckInResult]()},
	{"Clearance", reflect.TypeFor[stretchwise.Clearance]()},
	{"Credentials", reflect.TypeFor[credentials]()},
	{"Document", reflect.TypeFor[stretchwise.Document]()},
	{"Dose", reflect.TypeFor[ExerciseDose]()},
	{"Error", reflect.TypeFor[errorBody]()},
	{"GuardDecision", reflect.TypeFor[stretchwise.GuardDecision]()},
	{"GuardEvent", reflect.TypeFor[stretchwise.GuardEvent]()},
	{"GuardLimit", reflect.TypeFor[stretchwise.GuardLimit]()},
	{"GuardOutcome", reflect.TypeFor[stretchwise.GuardOutcome]()},
	{"GuardReplayInput", reflect.TypeFor[guard.ReplayInput]()}, // the WebAssembly engine's guard call
	{"GuardReplayResult", reflect.TypeFor[guard.ReplayResult]()},
	{"GuardTrailDecision", reflect.TypeFor[guardDecision]()},
	{"Intake", reflect.TypeFor[stretchwise.Intake]()},
	{"IntakeRedFlagAnswer", reflect.TypeFor[redFlagAnswer]()},
	{"Invite", reflect.TypeFor[invite]()},
	{"IssueReport", reflect.TypeFor[stretchwise.IssueReport]()},
	{"IssueReportRequest", reflect.TypeFor[issueReportRequest]()},
	{"Link", reflect.TypeFor[stretchwise.Link]()},
	{"Login", reflect.TypeFor[loginAnswer]()},
	{"Measure", reflect.TypeFor[stretchwise.Measure]()},
	{"NewAccount", reflect.TypeFor[newAccount]()},
	{"PasswordReset", reflect.TypeFor[passwordReset]()},
	{"PatientPage", reflect.TypeFor[patientPage]()},
	{"PatientSummary", reflect.TypeFor[patientSummary]()},
	{"Plan", reflect.TypeFor[stretchwise.Plan]()},
	{"PlanDocument", reflect.TypeFor[stretchwise.PlanDocument]()},
	{"PlanDose", reflect.TypeFor[stretchwise.Dose]()},
	{"Recording", reflect.TypeFor[stretchwise.StoredRecording]()},
	{"RecoveryCode", reflect.TypeFor[recoveryCode]()},
	{"RedFlag", reflect.TypeFor[stretchwise.RedFlag]()},
	{"RedFlagAnswer", reflect.TypeFor[stretchwise.RedFlagAnswer]()},
	{"Report", reflect.TypeFor[stretchwise.Report]()},
	{"Safety", reflect.TypeFor[stretchwise.Safety]()},
	{"Session", reflect.TypeFor[stretchwise.Session]()},
	{"Set", reflect.TypeFor[stretchwise.Set]()},
	{"User", reflect.TypeFor[stretchwise.User]()},
}

// schemaKeep are the keywords of a property or schema written by hand and
// kept when the schemas are generated.
var schemaKeep = []string{"description", "format", "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength",
	"pattern", "enum", "example", "default", "readOnly", "writeOnly", "minItems", "maxItems", "additionalProperties"}

// TestOpenAPISchemasFromGoTypes checks that every schema of openapi.json
// is the one generated from its Go type (wireTypes): the same properties
// with the same JSON types and required lists, so renaming a Go field, or
// changing its type or omitempty, fails here until the file is regenerated
// with go test ./http -run TestOpenAPISchemasFromGoTypes -update.
func TestOpenAPISchemasFromGoTypes(t *testing.T) {
	doc, err := parseOrdered(openAPI)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	old := doc.get("components").get("schemas")
	g := &schemaGen{old: old, names: map[reflect.Type]string{}, byName: map[string]reflect.Type{}, inline: map[string]*ovalue{}}
	for _, w := range wireTypes {
		if prev, ok := g.byName[w.name]; ok {
			t.Fatalf("schema %s named twice (%v and %v)", w.name, prev, w.typ)
		}
		g.names[w.typ], g.byName[w.name] = w.name, w.typ
		g.order = append(g.order, w.name)
	}
	g.schemas = map[string]*ovalue{}
	for i := 0; i < len(g.order); i++ { // g.order grows with the named types found
		name := g.order[i]
		o := old.get(name)
		if o == nil {
			o = g.inline[name] // first written inline where it is used
		}
		g.schemas[name] = g.object(g.byName[name], o)
	}
	for _, e := range g.errs {
		t.Error(e)
	}
	fresh := oobject()
	names := append([]string(nil), g.order...)
	sort.Strings(names)
	for _, n := range names {
		fresh.obj = append(fresh.obj, omember{n, g.schemas[n]})
	}
	var want, got strings.Builder
	fresh.write(&want, 2)
	old.write(&got, 2)
	// Key order is the writer's: compare the values.
	if string(compactJSON([]byte(want.String()))) == string(compactJSON([]byte(got.String()))) {
		return
	}
	if *updateOpenAPI {
		doc.get("components").set("schemas", fresh)
		var out strings.Builder
		doc.write(&out, 0)
		out.WriteString("\n")
		if err := os.WriteFile("openapi.json", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("openapi.json: schemas rewritten from the Go types")
		return
	}
	var have map[string]json.RawMessage
	json.Unmarshal([]byte(got.String()), &have)
	var wantS map[string]json.RawMessage
	json.Unmarshal([]byte(want.String()), &wantS)
	for _, n := range names {
		if string(compactJSON(have[n])) != string(compactJSON(wantS[n])) {
			t.Errorf("schema %s is not the one of its Go type %v:\n have %s\n want %s", n, g.byName[n], compactJSON(have[n]), compactJSON(wantS[n]))
		}
	}
	for n := range have {
		if _, ok := wantS[n]; !ok {
			t.Errorf("schema %s has no Go type (add it to wireTypes)", n)
		}
	}
	t.Errorf("openapi.json schemas differ from the Go types; after checking the change, run: go test ./http -run TestOpenAPISchemasFromGoTypes -update")
}

func compactJSON(b []byte) []byte {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return b
	}
	out, _ := json.Marshal(v)
	return out
}

// schemaGen generates object schemas from Go struct types.
type schemaGen struct {
	old     *ovalue                 // components.schemas as written
	names   map[reflect.Type]string // schema name of each named type
	byName  map[string]reflect.Type
	order   []string
	schemas map[string]*ovalue
	inline  map[string]*ovalue // a new named schema's inline schema in the file
	errs    []string
}

var timeType = reflect.TypeFor[time.Time]()
var rawType = reflect.TypeFor[json.RawMessage]()

// object generates the schema of struct type t, keeping the hand-written
// keywords of old.
func (g *schemaGen) object(t reflect.Type, old *ovalue) *ovalue {
	s := oobject()
	keep(s, old, "description")
	s.set("type", ostring("object"))
	keep(s, old, "readOnly")
	var required []*ovalue
	props := oobject()
	for _, f := range tsgen.Fields(t) {
		always := !f.OmitEmpty && !f.OmitZero // required
		props.obj = append(props.obj, omember{f.Name, g.value(f.Type, old.get("properties").get(f.Name), always)})
		if always {
			required = append(required, ostring(f.Name))
		}
	}
	if len(required) > 0 {
		s.set("required", &ovalue{isArr: true, arr: required})
	}
	keep(s, old, "additionalProperties")
	s.set("properties", props)
	return s
}

// property generates the schema of a value of type t, keeping the
// hand-written keywords of old.
func (g *schemaGen) property(t reflect.Type, old *ovalue) *ovalue {
	return g.value(t, old, false)
}

// value generates the schema of a value of type t; nullable: a pointer
// always written, so null when nil. A pointer property already in the file
// keeps the file's choice (a pointer the server always sets is not null).
func (g *schemaGen) value(t reflect.Type, old *ovalue, always bool) *ovalue {
	nullable := false
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
		nullable = always && (old == nil || (old.get("type") != nil && old.get("type").isArr) || old.get("anyOf") != nil)
	}
	s := oobject()
	jsonType := ""
	switch {
	case t == rawType || t.Kind() == reflect.Interface:
		if old != nil {
			return old // any JSON: as written
		}
		return oobject()
	case t == timeType:
		jsonType = "string"
		if old == nil {
			s.set("format", ostring("date-time"))
		}
	case t.Kind() == reflect.Struct:
		name, ok := g.names[t]
		if !ok {
			name = t.Name()
			if name == "" { // an anonymous struct: inline
				return g.object(t, old)
			}
			name = strings.ToUpper(name[:1]) + name[1:]
			if prev, dup := g.byName[name]; dup && prev != t {
				g.errs = append(g.errs, "two Go types would be schema "+name+": "+prev.String()+" and "+t.String()+" (name one in wireTypes)")
			}
			g.names[t], g.byName[name] = name, t
			g.order = append(g.order, name)
			if old != nil && old.get("$ref") == nil {
				g.inline[name] = old
			}
		}
		ref := oobject(omember{"$ref", ostring("#/components/schemas/" + name)})
		if nullable {
			ref = oobject(omember{"anyOf", &ovalue{isArr: true, arr: []*ovalue{ref, oobject(omember{"type", ostring("null")})}}})
		}
		keep(ref, old, "description")
		keep(ref, old, "readOnly")
		return ref
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		jsonType = "string"
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		keep(s, old, "description")
		s.set("type", ostring("array"))
		s.set("items", g.value(t.Elem(), old.get("items"), true)) // a nil element is written null
		for _, k := range []string{"minItems", "maxItems", "readOnly"} {
			keep(s, old, k)
		}
		return s
	case t.Kind() == reflect.Map:
		keep(s, old, "description")
		s.set("type", ostring("object"))
		s.set("additionalProperties", g.property(t.Elem(), old.get("additionalProperties")))
		return s
	case t.Kind() == reflect.String:
		jsonType = "string"
	case t.Kind() == reflect.Bool:
		jsonType = "boolean"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		jsonType = "integer"
		if old == nil && t.Kind() == reflect.Int64 {
			s.set("format", ostring("int64"))
		}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		jsonType = "number"
	default:
		g.errs = append(g.errs, "no JSON type for Go type "+t.String())
	}
	typ := ostring(jsonType)
	if nullable {
		typ = &ovalue{isArr: true, arr: []*ovalue{ostring(jsonType), ostring("null")}}
	}
	s.obj = append([]omember{{"type", typ}}, s.obj...)
	for _, k := range schemaKeep {
		keep(s, old, k)
	}
	return s
}

// keep copies keyword k from old to s when old has it.
func keep(s, old *ovalue, k string) {
	if v := old.get(k); v != nil {
		s.set(k, v)
	}
}
