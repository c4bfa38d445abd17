//go:build js && wasm

package main

import "syscall/js"

// framingBindings publishes the live framing check to the page:
//
//	newFraming(width, height: number): number   a handle
//	framing(h, t: number, pose: Float64Array(132) | null): string   {"t", "notes": [{"problem", "part", "message"}]} or error JSON
//	freeFraming(h)
func framingBindings(engine map[string]any) {
	checks := map[int]*liveFraming{}
	next := 0
	buf := make([]byte, poseValues*8)
	vals := make([]float64, poseValues)
	engine["newFraming"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		w, h := 1, 1
		if len(args) == 2 && args[0].Type() == js.TypeNumber && args[1].Type() == js.TypeNumber {
			w, h = args[0].Int(), args[1].Int()
		}
		next++
		checks[next] = newLiveFraming(w, h)
		return next
	})
	engine["framing"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 3 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeNumber {
			return marshalError(errFramingArgs)
		}
		l, ok := checks[args[0].Int()]
		if !ok {
			return marshalError(errFramingHandle)
		}
		pose, err := readPose(args[2], buf, vals)
		if err != nil {
			return marshalError(err)
		}
		out, err := l.step(args[1].Float(), pose)
		if err != nil {
			return marshalError(err)
		}
		return out
	})
	engine["freeFraming"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 1 && args[0].Type() == js.TypeNumber {
			delete(checks, args[0].Int())
		}
		return nil
	})
}
