//go:build js && wasm

package main

import "syscall/js"

// framingBindings publishes the live framing check to the page:
//
//	newFraming(width, height: number): number   a handle
//	framing(h, t: number, pose: Float64Array(132) | null): string   {"t", "notes": [{"problem", "part", "message"}]} or error JSON
//	freeFraming(h)
func framingBindings(engine map[string]any) {
	liveBindings(engine, "framing", func(args []js.Value) (*liveFraming, error) {
		w, h := 1, 1
		if len(args) == 2 && args[0].Type() == js.TypeNumber && args[1].Type() == js.TypeNumber {
			w, h = args[0].Int(), args[1].Int()
		}
		return newLiveFraming(w, h), nil
	}, errFramingArgs, errFramingHandle)
}
