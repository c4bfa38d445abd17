//go:build js && wasm

package main

import (
	"encoding/binary"
	"math"
	"syscall/js"

	"github.com/stretchwise/stretchwise"
)

// main publishes globalThis.stretchwiseEngine and keeps the Go runtime
// alive for the page's calls:
//
//	version: string
//	analyze(text: string): string          report JSON or {"error":{...}}
//	newFilter(aspect: number): number      a live filter handle
//	filter(h, t: number, pose: Float64Array(132)): string  in place; "" or an error message
//	resetFilter(h), freeFilter(h)
//	visibilityGate: number                 stretchwise.VisibilityGate
//	screenings(): string                   the library's screening tests, JSON
func main() {
	filters := map[int]*liveFilter{}
	next := 0
	buf := make([]byte, poseValues*8)
	vals := make([]float64, poseValues)
	engine := map[string]any{
		"version":        stretchwise.Version,
		"visibilityGate": stretchwise.VisibilityGate,
		"analyze": js.FuncOf(func(this js.Value, args []js.Value) any {
			if len(args) != 1 || args[0].Type() != js.TypeString {
				return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "analyze takes the recording text"))
			}
			return analyzeText(args[0].String())
		}),
		// guard(json), exercise(id): guard.go.
		"guard":    js.FuncOf(func(this js.Value, args []js.Value) any { return guardText(stringArg(args)) }),
		"exercise": js.FuncOf(func(this js.Value, args []js.Value) any { return exerciseText(stringArg(args)) }),
		// screenings(): guard.go.
		"screenings": js.FuncOf(func(this js.Value, args []js.Value) any { return screeningsText() }),
		// demoCatalog(), demo(json): demo.go.
		"demoCatalog": js.FuncOf(func(this js.Value, args []js.Value) any { return demoCatalogText() }),
		"demo":        js.FuncOf(func(this js.Value, args []js.Value) any { return demoText(stringArg(args)) }),
		"newFilter": js.FuncOf(func(this js.Value, args []js.Value) any {
			aspect := 1.0
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				aspect = args[0].Float()
			}
			next++
			filters[next] = newLiveFilter(aspect)
			return next
		}),
		"filter": js.FuncOf(func(this js.Value, args []js.Value) any {
			if len(args) != 3 {
				return "filter takes a handle, a time and a Float64Array"
			}
			l, ok := filters[args[0].Int()]
			if !ok {
				return "unknown filter handle"
			}
			arr := args[2]
			if arr.Get("length").Int() != poseValues {
				return errPoseLen.Error()
			}
			// Copy through the array's bytes: one copy each way, no
			// per-element calls into JavaScript.
			u8 := js.Global().Get("Uint8Array").New(arr.Get("buffer"), arr.Get("byteOffset"), poseValues*8)
			js.CopyBytesToGo(buf, u8)
			for i := range vals {
				vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(buf[8*i:]))
			}
			if err := l.apply(args[1].Float(), vals); err != nil {
				return err.Error()
			}
			for i, v := range vals {
				binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(v))
			}
			js.CopyBytesToJS(u8, buf)
			return ""
		}),
		"resetFilter": js.FuncOf(func(this js.Value, args []js.Value) any {
			if len(args) == 1 {
				if l, ok := filters[args[0].Int()]; ok {
					l.f.Reset()
				}
			}
			return nil
		}),
		"freeFilter": js.FuncOf(func(this js.Value, args []js.Value) any {
			if len(args) == 1 {
				delete(filters, args[0].Int())
			}
			return nil
		}),
	}
	coachBindings(engine)   // newCoach, coach, freeCoach: coach_js.go
	framingBindings(engine) // newFraming, framing, freeFraming: framing_js.go
	js.Global().Set("stretchwiseEngine", js.ValueOf(engine))
	// Tell a page that loaded the engine before it was ready.
	if cb := js.Global().Get("onStretchwiseEngineReady"); cb.Type() == js.TypeFunction {
		cb.Invoke()
	}
	select {}
}
