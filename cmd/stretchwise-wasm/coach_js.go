//go:build js && wasm

package main

import (
	"encoding/binary"
	"math"
	"syscall/js"
)

// coachBindings publishes the live coach to the page:
//
//	newCoach(settings: string, aspect: number): number   a coach handle, or an error JSON string;
//	    settings {"target_s": seconds, "exercise": "half-kneeling-hip-flexor" | "bird-dog"}
//	coach(h, t: number, pose: Float64Array(132) | null): string   coach output JSON (docs/coach.md) or error JSON
//	freeCoach(h)
func coachBindings(engine map[string]any) {
	coaches := map[int]*liveCoach{}
	next := 0
	buf := make([]byte, poseValues*8)
	vals := make([]float64, poseValues)
	engine["newCoach"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		aspect := 1.0
		if len(args) > 1 && args[1].Type() == js.TypeNumber {
			aspect = args[1].Float()
		}
		l, err := newLiveCoach(stringArg(args), aspect)
		if err != nil {
			return marshalError(err)
		}
		next++
		coaches[next] = l
		return next
	})
	engine["coach"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 3 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeNumber {
			return marshalError(errCoachArgs)
		}
		l, ok := coaches[args[0].Int()]
		if !ok {
			return marshalError(errCoachHandle)
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
	engine["freeCoach"] = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 1 && args[0].Type() == js.TypeNumber {
			delete(coaches, args[0].Int())
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
