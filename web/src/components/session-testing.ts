// Test data and fakes for the guided session's unit tests (not part of the
// app): the bird dog's library entry, a plan item of it, the server's dose,
// a camera and a cue source.
import type { LiveFrame } from '../pose/camera';
import type { PoseLandmark } from '../recording';
import type { LibraryExercise } from './core';
import type { CueOutput, CueSource } from './cues';
import type { ExerciseDose, PlanItem } from './data';
import type { HoldCamera } from './session-live';

const dosing = { sets_per_day: 1, days_per_week: 5, per_side: true, intensity: 'steady', max_intensity: 5, source: '' };

export const birdDog: LibraryExercise = {
  id: 'bird-dog',
  name: 'Bird dog', // not text
  kind: 'stability',
  targets: 'trunk',
  moves_lumbar_spine: false,
  sided: true,
  steps: ['Kneel on all fours.', 'Reach one arm and the opposite leg.'], // not text
  feel: { what: 'a steady effort', where: 'in your trunk' },
  faults: [],
  contraindications: [],
  camera: { views: ['rear'], checks: '', analysis: '' },
  default_level: 2,
  sources: [],
  doses: [
    { level: 1, hold_s: 5, reps: 4, ...dosing },
    { level: 2, hold_s: 8, reps: 6, ...dosing },
    { level: 3, hold_s: 10, reps: 8, ...dosing },
  ],
};

/** planItem is the bird dog in a plan at level (8 s holds, 6 reps; per side unless perSide is false). */
export const planItem = (level: number, perSide: boolean, sides?: string[], exercise = 'bird-dog', name = 'Bird dog'): PlanItem => ({ // not text
  exercise,
  name,
  reasons: [],
  why: [],
  dose: { level, hold_s: 8, reps: 6, sets_per_day: 1, days_per_week: 5, per_side: perSide, ...(sides ? { sides } : {}), intensity: 'steady', max_intensity: 5, source: '' },
});

export const noLimit = { max_angle_deg: 0, recent_average_deg: 0, session_cap_deg: 0, code: 'none', message: '', source: '' };

/** serverDose is the server's dose of the bird dog at level, moved for why when given. */
export const serverDose = (level: number, why?: string): ExerciseDose => ({ exercise: 'bird-dog', level, max_level: 3, settled: 0, limit: noLimit, ...(why ? { last: { level, change: 'lower', settled: 0, code: 'c', message: why, source: '', undo: '' } } : {}) });

/** A camera that delivers the frames a test hands it: person or not, at camera time t. */
export class FakeCamera implements HoldCamera {
  running = false;
  readonly size = { width: 640, height: 480 };
  readonly runtime = 'test';
  calls: string[] = [];
  /** The error the next start throws. */
  fail: Error | undefined;
  onError: ((err: unknown) => void) | undefined;
  private onFrame: ((f: LiveFrame) => void) | undefined;

  async start(onFrame: (f: LiveFrame) => void, onError: (err: unknown) => void): Promise<void> {
    this.calls.push('start');
    if (this.fail) throw this.fail;
    this.running = true;
    this.onFrame = onFrame;
    this.onError = onError;
  }
  async pause(): Promise<void> {
    this.calls.push('pause');
    this.running = false;
    this.onFrame = undefined;
  }
  async stop(): Promise<void> {
    this.calls.push('stop');
    this.running = false;
    this.onFrame = undefined;
  }
  /** frame hands the page one frame, with a person seen unless person is false. */
  frame(t: number, person = true): void {
    this.onFrame?.({ t, estimate: { image: person ? body : null, world: null }, poseMs: 10, fps: 10 });
  }
}

const body: PoseLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.9 }));

/** A cue source that counts every frame with a person as 0.5 s held, and says "hold it" on the first. */
export class FakeCues implements CueSource {
  held = 0;
  resets = 0;
  freed = false;
  constructor(readonly targetS: number) {}
  update(_t: number, lm: readonly PoseLandmark[] | null): CueOutput {
    const first = lm !== null && this.held === 0;
    if (lm) this.held += 0.5;
    return { state: lm ? 'holding' : 'out_of_view', holdS: this.held, targetS: this.targetS, cue: first ? 'hold it' : null, showing: lm ? 'holding' : 'step into view', checksForm: false, timerNote: 'counts time in view' };
  }
  reset(): void {
    this.resets++;
    this.held = 0;
  }
  free(): void {
    this.freed = true;
  }
}

/** stageless lets a live view be built without a 2D canvas (happy-dom has none). */
export function stageless(): void {
  HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as typeof HTMLCanvasElement.prototype.getContext;
}
