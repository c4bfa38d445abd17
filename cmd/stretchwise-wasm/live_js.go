//go:build js && wasm

package main

import (
	"encoding/binary"
	"math"
	"strings"
	"syscall/js"
)

// stepper is a live object of the page: it takes one pose at t seconds
// (poseValues numbers, nil for no person) and answers with JSON.
type stepper interface {
	step(t float64, pose []float64) (string, error)
}

// liveBindings publishes a kind of live object as three functions, for
// name "coach": newCoach(args...) makes one with open and returns its
// handle (or an error JSON string), coach(h, t, pose: Float64Array(132) |
// null) steps it and returns its JSON (or an error JSON string), and
// freeCoach(h) drops it. errArgs and errHandle answer a step with wrong
// arguments or an unknown handle.
func liveBindings[T stepper](engine map[string]any, name string, open func(args []js.Value) (T, error), errArgs, errHandle error) {
	objs := map[int]T{}
	next := 0
	buf := make([]byte, poseValues*8)
	vals := make([]float64, poseValues)
	title := strings.ToUpper(name[:1]) + name[1:]
	engine["new"+title] = js.FuncOf(func(this js.Value, args []js.Value) any {
		l, err := open(args)
		if err != nil {
			return marshalError(err)
		}
		next++
		objs[next] = l
		return next
	})
	engine[name] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 3 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeNumber {
			return marshalError(errArgs)
		}
		l, ok := objs[args[0].Int()]
		if !ok {
			return marshalError(errHandle)
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
	engine["free"+title] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 1 && args[0].Type() == js.TypeNumber {
			delete(objs, args[0].Int())
		}
		return nil
	})
}

// readPose copies the page's pose (a Float64Array(132), or null for no
// person) into vals through buf, one copy without per-element calls into
// JavaScript; nil for no person.
func readPose(arr js.Value, buf []byte, vals []float64) ([]float64, error) {
	if arr.IsNull() || arr.IsUndefined() {
		return nil, nil
	}
	if arr.Get("length").Int() != poseValues {
		return nil, errPoseLen
	}
	u8 := js.Global().Get("Uint8Array").New(arr.Get("buffer"), arr.Get("byteOffset"), poseValues*8)
	js.CopyBytesToGo(buf, u8)
	for i := range vals {
		vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(buf[8*i:]))
	}
	return vals, nil
}
