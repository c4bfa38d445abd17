//go:build js && wasm

package main

import "syscall/js"

// coachBindings publishes the live coach to the page:
//
//	newCoach(settings: string, aspect: number): number   a coach handle, or an error JSON string;
//	    settings {"target_s": seconds, "exercise": an exercise of coaches()}
//	coach(h, t: number, pose: Float64Array(132) | null): string   coach output JSON (docs/coach.md) or error JSON
//	freeCoach(h)
//	coaches(): string   the registered coaches, JSON [{exercise, timer_note, hold_angle}]
func coachBindings(engine map[string]any) {
	engine["coaches"] = js.FuncOf(func(this js.Value, args []js.Value) any { return coachesText() })
	liveBindings(engine, "coach", func(args []js.Value) (*liveCoach, error) {
		aspect := 1.0
		if len(args) > 1 && args[1].Type() == js.TypeNumber {
			aspect = args[1].Float()
		}
		return newLiveCoach(stringArg(args), aspect)
	}, errCoachArgs, errCoachHandle)
}
