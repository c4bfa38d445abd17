package main

import (
	"slices"
	"strings"
	"testing"
)

// fakeArgs are a call's arguments in a test: a string, a float64, a
// []float64 (a Float64Array) or nil (null) each. It records how each
// argument was read.
type fakeArgs struct {
	v    []any
	read map[int]kind
}

func (a *fakeArgs) len() int { return len(a.v) }

func (a *fakeArgs) str(i int) (string, bool) {
	a.read[i] = kString
	if i >= len(a.v) {
		return "", false
	}
	s, ok := a.v[i].(string)
	return s, ok
}

func (a *fakeArgs) num(i int) (float64, bool) {
	a.read[i] = kNumber
	if i >= len(a.v) {
		return 0, false
	}
	f, ok := a.v[i].(float64)
	return f, ok
}

func (a *fakeArgs) pose(i int) ([]float64, error) {
	a.read[i] = kPose
	if i >= len(a.v) || a.v[i] == nil {
		return nil, nil
	}
	p, ok := a.v[i].([]float64)
	if !ok || len(p) != poseValues {
		return nil, errPoseLen
	}
	return slices.Clone(p), nil
}

func (a *fakeArgs) setPose(i int, v []float64) { copy(a.v[i].([]float64), v) }

// TestExportsReadTheirParameters calls every function of the engine's
// table (what main_js.go registers and RawEngine declares) with arguments
// of its declared types, handles from its own newX, and checks that it
// reads exactly its declared parameters, each as its declared type, and
// answers its declared type: a parameter added, dropped or retyped in the
// code but not in the table (or the other way round) fails here, and a
// rename fails tsc where the page calls the old name.
func TestExportsReadTheirParameters(t *testing.T) {
	pose := make([]float64, poseValues)
	for i := range pose {
		pose[i] = 0.3 + float64(i%4)/10
	}
	handles := map[string]float64{}
	names := map[string]bool{}
	for _, e := range exports() {
		if names[e.name] {
			t.Errorf("%s is exported twice", e.name)
		}
		names[e.name] = true
		if e.call == nil {
			if !answers(e.value, e.result) || e.result == kVoid {
				t.Errorf("%s = %#v, declared %s", e.name, e.value, e.result.ts())
			}
			continue
		}
		obj := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(e.name, "new"), "free"), "reset"))
		a := &fakeArgs{read: map[int]kind{}}
		for _, p := range e.params {
			switch p.kind {
			case kString:
				a.v = append(a.v, "")
			case kNumber:
				h, ok := handles[obj]
				if p.name != "handle" || !ok {
					h = 2
				}
				a.v = append(a.v, h)
			case kPose, kPoseOrNull:
				a.v = append(a.v, slices.Clone(pose))
			default:
				t.Fatalf("%s: parameter %s is %s", e.name, p.name, p.kind.ts())
			}
		}
		out := e.call(a)
		if !answers(out, e.result) {
			t.Errorf("%s answered %#v, declared %s", e.name, out, e.result.ts())
		}
		if h, ok := out.(int); ok && strings.HasPrefix(e.name, "new") {
			handles[obj] = float64(h)
		}
		if s, ok := out.(string); ok && (strings.Contains(s, "takes") || strings.Contains(s, "handle") || strings.Contains(s, errPoseLen.Error())) {
			t.Errorf("%s refused its declared arguments: %s", e.name, s)
		}
		for i, p := range e.params {
			got, ok := a.read[i]
			if p.kind == kPoseOrNull {
				p.kind = kPose
			}
			if !ok {
				t.Errorf("%s does not read its parameter %s", e.name, p.name)
			} else if got != p.kind {
				t.Errorf("%s reads its parameter %s as %s, declared %s", e.name, p.name, got.ts(), p.kind.ts())
			}
		}
		for i := range a.read {
			if i >= len(e.params) {
				t.Errorf("%s reads argument %d, declared %d parameters", e.name, i, len(e.params))
			}
		}
	}
	for _, n := range []string{"newFilter", "filter", "newCoach", "coach", "newFraming", "framing"} {
		if !names[n] {
			t.Errorf("no export %s", n)
		}
	}
	if len(handles) != 3 {
		t.Errorf("handles %v, want filter, coach and framing", handles)
	}
}

// answers reports whether v is an answer of kind k.
func answers(v any, k kind) bool {
	switch v.(type) {
	case string:
		return k == kString || k == kHandleOrText
	case int, float64:
		return k == kNumber || k == kHandleOrText
	case nil:
		return k == kVoid
	}
	return false
}
