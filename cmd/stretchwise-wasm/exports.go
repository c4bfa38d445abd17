package main

import (
	"fmt"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/tsgen"
)

// The engine's exports: every value and function it puts on
// globalThis.stretchwiseEngine, in one table. main_js.go registers the table
// as it is, and types.go writes it as the TypeScript interface RawEngine
// (engine.gen.d.ts), so the page's calls are checked by tsc against what Go
// registers; TestExportsReadTheirParameters holds each function to its
// declared parameters.

// kind is the JavaScript type of a parameter or an answer.
type kind int

const (
	kString       kind = iota // a string
	kNumber                   // a number
	kPose                     // a Float64Array of poseValues numbers
	kPoseOrNull               // kPose, or null for no person
	kVoid                     // no answer (undefined)
	kHandleOrText             // a number (a handle), or a string (an error answer)
)

// ts is the TypeScript of k.
func (k kind) ts() string {
	return [...]string{"string", "number", "Float64Array", "Float64Array | null", "void", "number | string"}[k]
}

// param is a declared parameter of an exported function.
type param struct {
	name string
	kind kind
}

// args are the arguments of a call from the page: js.Value in the browser
// (main_js.go), a plain list in the tests. Each reader answers false (or
// nil) when the argument is missing or of another type.
type args interface {
	len() int
	str(i int) (string, bool)
	num(i int) (float64, bool)
	// pose copies a Float64Array(132) into a buffer it reuses: nil for
	// null or undefined, errPoseLen for another length.
	pose(i int) ([]float64, error)
	// setPose writes v back into the Float64Array argument i.
	setPose(i int, v []float64)
}

// export is a value or a function of the engine.
type export struct {
	name, doc string
	value     any // a value export (a string or a float64); nil for a function
	params    []param
	result    kind             // the value's type, or the function's answer
	call      func(a args) any // the function: answers a string, an int or nil
}

// exports returns the engine's exports with fresh live-object tables.
func exports() []export {
	str := []param{{"text", kString}}
	out := []export{
		{name: "version", doc: "The engine's version (stretchwise.Version).", value: stretchwise.Version, result: kString},
		{name: "visibilityGate", doc: "The visibility at which a landmark counts as seen (stretchwise.VisibilityGate).", value: stretchwise.VisibilityGate, result: kNumber},
		{name: "analyze", doc: "The report of a recording (JSON Lines) as JSON, or an error answer.", params: str, result: kString,
			call: func(a args) any {
				text, ok := a.str(0)
				if a.len() != 1 || !ok {
					return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "analyze takes the recording text"))
				}
				return analyzeText(text)
			}},
		{name: "guard", doc: "The guard's replay of a session (guard.ReplayInput JSON) as JSON, or an error answer.", params: []param{{"input", kString}}, result: kString,
			call: func(a args) any { return guardText(stringArg(a)) }},
		{name: "exercise", doc: "A library exercise with its doses (LibraryExercise JSON), or an error answer.", params: []param{{"id", kString}}, result: kString,
			call: func(a args) any { return exerciseText(stringArg(a)) }},
		{name: "screenings", doc: "The library's screening tests (ScreeningTest[] JSON).", params: []param{}, result: kString,
			call: func(args) any { return screeningsText() }},
		{name: "demoCatalog", doc: "The demonstrations the engine draws (DemoEntry[] JSON), or an error answer.", params: []param{}, result: kString,
			call: func(args) any { return demoCatalogText() }},
		{name: "demo", doc: "A demonstration drawn (Animation JSON) for a DemoRequest (JSON), or an error answer.", params: []param{{"request", kString}}, result: kString,
			call: func(a args) any { return demoText(stringArg(a)) }},
		{name: "coaches", doc: "The registered live coaches (CoachInfo[] JSON).", params: []param{}, result: kString,
			call: func(args) any { return coachesText() }},
	}
	out = append(out, filterExports()...)
	out = append(out, liveExports("coach", "a live coach", "CoachAnswer",
		[]param{{"settings", kString}, {"aspect", kNumber}}, kHandleOrText,
		func(a args) (*liveCoach, error) {
			aspect := 1.0
			if v, ok := a.num(1); ok {
				aspect = v
			}
			return newLiveCoach(stringArg(a), aspect)
		}, errCoachArgs, errCoachHandle)...)
	out = append(out, liveExports("framing", "a live framing check", "FramingAnswer",
		[]param{{"width", kNumber}, {"height", kNumber}}, kNumber,
		func(a args) (*liveFraming, error) {
			w, h := 1, 1
			wf, okw := a.num(0)
			hf, okh := a.num(1)
			if a.len() == 2 && okw && okh {
				w, h = int(wf), int(hf)
			}
			return newLiveFraming(w, h), nil
		}, errFramingArgs, errFramingHandle)...)
	return out
}

// stringArg is the first argument as a string, or "" when it is not one.
func stringArg(a args) string {
	s, _ := a.str(0)
	return s
}

// filterExports are the live landmark filter's functions: newFilter(aspect)
// returns a handle, filter(handle, t, pose) smooths pose in place and
// answers "" or an error message, resetFilter and freeFilter.
func filterExports() []export {
	filters := map[int]*liveFilter{}
	next := 0
	handle := []param{{"handle", kNumber}}
	lookup := func(a args) (*liveFilter, bool) {
		h, ok := a.num(0)
		if !ok {
			return nil, false
		}
		l, ok := filters[int(h)]
		return l, ok
	}
	return []export{
		{name: "newFilter", doc: "A live landmark filter for pictures of the given aspect (width/height): its handle.", params: []param{{"aspect", kNumber}}, result: kNumber,
			call: func(a args) any {
				aspect := 1.0
				if v, ok := a.num(0); ok {
					aspect = v
				}
				next++
				filters[next] = newLiveFilter(aspect)
				return next
			}},
		{name: "filter", doc: "Smooths the pose seen at t seconds in place: \"\" or an error message.", params: []param{{"handle", kNumber}, {"t", kNumber}, {"pose", kPose}}, result: kString,
			call: func(a args) any {
				if a.len() != 3 {
					return "filter takes a handle, a time and a Float64Array"
				}
				l, ok := lookup(a)
				if !ok {
					return "unknown filter handle"
				}
				t, _ := a.num(1)
				vals, err := a.pose(2)
				if err == nil && vals == nil {
					err = errPoseLen
				}
				if err != nil {
					return err.Error()
				}
				if err := l.apply(t, vals); err != nil {
					return err.Error()
				}
				a.setPose(2, vals)
				return ""
			}},
		{name: "resetFilter", doc: "Forgets a filter's history.", params: handle, result: kVoid,
			call: func(a args) any {
				if l, ok := lookup(a); ok && a.len() == 1 {
					l.f.Reset()
				}
				return nil
			}},
		{name: "freeFilter", doc: "Drops a filter.", params: handle, result: kVoid,
			call: func(a args) any {
				if h, ok := a.num(0); ok && a.len() == 1 {
					delete(filters, int(h))
				}
				return nil
			}},
	}
}

// stepper is a live object of the page: it takes one pose at t seconds
// (poseValues numbers, nil for no person) and answers with JSON.
type stepper interface {
	step(t float64, pose []float64) (string, error)
}

// liveExports are the three functions of a kind of live object, for name
// "coach": newCoach(params...) makes one with open and answers its handle
// (or an error answer when open fails), coach(handle, t, pose | null) steps
// it and answers its JSON (the TypeScript type answer) or an error answer,
// and freeCoach(handle) drops it. errArgs and errHandle answer a step with
// wrong arguments or an unknown handle; what names the object in the docs.
func liveExports[T stepper](name, what, answer string, params []param, newResult kind, open func(a args) (T, error), errArgs, errHandle error) []export {
	objs := map[int]T{}
	next := 0
	title := strings.ToUpper(name[:1]) + name[1:]
	handle := []param{{"handle", kNumber}}
	return []export{
		{name: "new" + title, doc: starts(what, newResult), params: params, result: newResult,
			call: func(a args) any {
				l, err := open(a)
				if err != nil {
					return marshalError(err)
				}
				next++
				objs[next] = l
				return next
			}},
		{name: name, doc: fmt.Sprintf("Steps %s with the pose seen at t seconds (null: no person): %s JSON, or an error answer.", what, answer),
			params: []param{{"handle", kNumber}, {"t", kNumber}, {"pose", kPoseOrNull}}, result: kString,
			call: func(a args) any {
				h, okh := a.num(0)
				t, okt := a.num(1)
				if a.len() != 3 || !okh || !okt {
					return marshalError(errArgs)
				}
				l, ok := objs[int(h)]
				if !ok {
					return marshalError(errHandle)
				}
				pose, err := a.pose(2)
				if err != nil {
					return marshalError(err)
				}
				out, err := l.step(t, pose)
				if err != nil {
					return marshalError(err)
				}
				return out
			}},
		{name: "free" + title, doc: "Drops " + what + ".", params: handle, result: kVoid,
			call: func(a args) any {
				if h, ok := a.num(0); ok && a.len() == 1 {
					delete(objs, int(h))
				}
				return nil
			}},
	}
}

// starts is the doc of a newX function answering result.
func starts(what string, result kind) string {
	if result == kHandleOrText {
		return "Starts " + what + ": its handle, or an error answer."
	}
	return "Starts " + what + ": its handle."
}

// rawEngine declares the exports as the TypeScript interface RawEngine.
func rawEngine(g *tsgen.Gen) {
	var ms []tsgen.Member
	for _, e := range exports() {
		m := tsgen.Member{Name: e.name, Doc: e.doc, Method: e.call != nil, Type: e.result.ts()}
		for _, p := range e.params {
			m.Params = append(m.Params, tsgen.Param{Name: p.name, Type: p.kind.ts()})
		}
		ms = append(ms, m)
	}
	tsgen.Interface(g, "RawEngine", "What the WebAssembly engine puts on globalThis.stretchwiseEngine (cmd/stretchwise-wasm, exports.go).", ms)
}
