// The parts of the Go core the flows call beyond analysis: the overstretch
// guard (package guard, replayed over the session's events), the
// next-morning check-in and the exercise library. They are functions of the
// same WebAssembly engine (cmd/stretchwise-wasm/guard.go); the guard's
// rules live only in Go.
import { EngineError, loadEngine } from '../engine';

interface RawCore {
  guard?: (json: string) => string;
  checkIn?: (json: string) => string;
  exercise?: (id: string) => string;
}

export interface GuardEvent {
  kind: 'set_started' | 'set_ended' | 'intensity' | 'pain' | 'symptom' | 'hold_angle' | 'jitter';
  t: number;
  exercise?: string;
  value?: number;
  location?: 'back' | 'leg' | 'front-of-hip';
  symptom?: string;
}

export interface Decision {
  action: 'continue' | 'lower_intensity' | 'pause' | 'stop' | 'seek_care';
  code: string;
  message: string;
  source: string;
  undo: string;
  heuristic?: boolean;
}

export interface GuardResult {
  decisions: Decision[];
  state: 'running' | 'paused' | 'stopped' | 'seek_care';
  max_pain: number;
  limit: { max_angle_deg: number; code: string; message: string; source: string };
}

export interface GuardInput {
  back_pain: number;
  leg_pain: number;
  jitter?: number;
  history?: { date: string; angle_deg: number }[];
  today?: string;
  events: GuardEvent[];
}

export interface CheckInResult {
  level: number;
  change: 'raise' | 'keep' | 'lower';
  settled: number;
  code: string;
  message: string;
  source: string;
  undo: string;
}

export interface LibraryExercise {
  id: string;
  name: string;
  kind: string;
  targets: string;
  sided: boolean;
  steps: string[];
  feel: { what: string; where: string };
  faults: string[];
  camera: { views: string[]; checks: string; analysis: string };
  doses: { level: number; hold_s?: number; reps: number }[];
}

async function raw(): Promise<RawCore> {
  await loadEngine();
  const g = (globalThis as unknown as { stretchwiseEngine?: RawCore }).stretchwiseEngine;
  if (!g?.guard || !g.checkIn || !g.exercise) throw new Error('this build of the engine has no guard: rebuild the app (make web)');
  return g;
}

function decode<T>(text: string): T {
  const out = JSON.parse(text) as { error?: { code: string; message: string } };
  if (out.error) throw new EngineError(out.error.code, out.error.message);
  return out as T;
}

/** runGuard replays every event of the session through the guard. */
export async function runGuard(input: GuardInput): Promise<GuardResult> {
  return decode<GuardResult>((await raw()).guard!(JSON.stringify(input)));
}

/** nextMorning runs the guard's next-morning check-in for one exercise. */
export async function nextMorning(input: {
  exercise: string;
  level: number;
  baseline_pain: number;
  morning_pain: number;
  session_max_pain: number;
  stopped: boolean;
  settled: number;
}): Promise<CheckInResult> {
  return decode<CheckInResult>((await raw()).checkIn!(JSON.stringify(input)));
}

/** exercise returns the library entry of an exercise. */
export async function exercise(id: string): Promise<LibraryExercise> {
  return decode<LibraryExercise>((await raw()).exercise!(id));
}
