//go:build js && wasm

package main

import (
	"encoding/binary"
	"math"
	"syscall/js"
)

// main publishes globalThis.stretchwiseEngine, the table of exports.go,
// and keeps the Go runtime alive for the page's calls.
func main() {
	engine := map[string]any{}
	buf := &poseBuf{bytes: make([]byte, poseValues*8), vals: make([]float64, poseValues)}
	for _, e := range exports() {
		if e.call == nil {
			engine[e.name] = e.value
			continue
		}
		call := e.call
		engine[e.name] = js.FuncOf(func(this js.Value, a []js.Value) any { return call(jsArgs{a, buf}) })
	}
	js.Global().Set("stretchwiseEngine", js.ValueOf(engine))
	// Tell a page that loaded the engine before it was ready.
	if cb := js.Global().Get("onStretchwiseEngineReady"); cb.Type() == js.TypeFunction {
		cb.Invoke()
	}
	select {}
}

// poseBuf is where a pose is copied between JavaScript and Go: one copy
// each way, no per-element calls into JavaScript. The page's calls run one
// at a time, so one serves them all.
type poseBuf struct {
	bytes []byte
	vals  []float64
}

// jsArgs are a call's arguments from the page.
type jsArgs struct {
	v   []js.Value
	buf *poseBuf
}

func (a jsArgs) len() int { return len(a.v) }

func (a jsArgs) str(i int) (string, bool) {
	if i >= len(a.v) || a.v[i].Type() != js.TypeString {
		return "", false
	}
	return a.v[i].String(), true
}

func (a jsArgs) num(i int) (float64, bool) {
	if i >= len(a.v) || a.v[i].Type() != js.TypeNumber {
		return 0, false
	}
	return a.v[i].Float(), true
}

func (a jsArgs) pose(i int) ([]float64, error) {
	if i >= len(a.v) || a.v[i].IsNull() || a.v[i].IsUndefined() {
		return nil, nil
	}
	arr := a.v[i]
	if arr.Type() != js.TypeObject || arr.Get("length").Int() != poseValues {
		return nil, errPoseLen
	}
	js.CopyBytesToGo(a.buf.bytes, a.bytes(arr))
	for k := range a.buf.vals {
		a.buf.vals[k] = math.Float64frombits(binary.LittleEndian.Uint64(a.buf.bytes[8*k:]))
	}
	return a.buf.vals, nil
}

func (a jsArgs) setPose(i int, v []float64) {
	for k, x := range v {
		binary.LittleEndian.PutUint64(a.buf.bytes[8*k:], math.Float64bits(x))
	}
	js.CopyBytesToJS(a.bytes(a.v[i]), a.buf.bytes)
}

// bytes is a Uint8Array over the bytes of the Float64Array arr.
func (jsArgs) bytes(arr js.Value) js.Value {
	return js.Global().Get("Uint8Array").New(arr.Get("buffer"), arr.Get("byteOffset"), poseValues*8)
}
