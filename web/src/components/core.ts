// The parts of the Go core the flows call beyond analysis: the overstretch
// guard (package guard, replayed over the session's events, for the live
// answers) and the exercise library. They are functions of the same
// WebAssembly engine (cmd/stretchwise-wasm/guard.go); the guard's rules live
// only in Go, and the server replays the same code on every stored session.
import { EngineError, loadEngine, type RawEngine } from '../engine';
import type { EngineErrorAnswer, LibraryExercise, ScreeningTest } from '../engine.gen';
import type { SchemaCheckInResult, SchemaGuardDecision, SchemaGuardEvent, SchemaGuardLimit, SchemaGuardReplayInput, SchemaGuardReplayResult } from '../openapi.gen';

/** The engine's functions this file calls; an engine built before them lacks them. */
type RawCore = Partial<Pick<RawEngine, 'guard' | 'exercise' | 'screenings'>>;

export type GuardEvent = SchemaGuardEvent;
export type Decision = SchemaGuardDecision;
/** Today's hold-angle cap (GuardLimit), from the server's dose. */
export type GuardLimit = SchemaGuardLimit;

export type GuardResult = SchemaGuardReplayResult;
/** A session so far, for the guard; a strength or stability exercise (effort) rates the effort, not a stretch. */
export type GuardInput = SchemaGuardReplayInput;

export type CheckInResult = SchemaCheckInResult;

/** An exercise of the library with the dose of each level (Go's types, engine.gen). */
export type { LibraryExercise, ScreeningTest };

async function raw(): Promise<RawCore> {
  await loadEngine();
  const g = (globalThis as unknown as { stretchwiseEngine?: RawCore }).stretchwiseEngine;
  if (!g?.guard || !g.exercise) throw new Error('this build of the engine has no guard: rebuild the app (make web)');
  return g;
}

function decode<T>(text: string): T {
  const out = JSON.parse(text) as Partial<EngineErrorAnswer>;
  if (out.error) throw new EngineError(out.error.code, out.error.message);
  return out as T;
}

/** runGuard replays every event of the session through the guard. */
export async function runGuard(input: GuardInput): Promise<GuardResult> {
  return decode<GuardResult>((await raw()).guard!(JSON.stringify(input)));
}

/** exercise returns the library entry of an exercise. */
export async function exercise(id: string): Promise<LibraryExercise> {
  return decode<LibraryExercise>((await raw()).exercise!(id));
}

/** screenings returns the library's screening tests. */
export async function screenings(): Promise<ScreeningTest[]> {
  const g = await raw();
  if (!g.screenings) throw new Error('this build of the engine has no screenings: rebuild the app (make web)');
  return decode(g.screenings());
}
