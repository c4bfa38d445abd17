// Where the session page gets its live cue, its hold timer and its state
// from: one function, cueSource, so the page does not care which source it
// is. The live coach of package coach (the half-kneeling stretch, with form
// checks) takes over through cueSource once the engine exports it; until
// then, and for exercises the coach does not know, the in-view source below
// runs the timer only while the needed body parts are in view and says
// plainly that form is not checked.
import type { PoseLandmark } from '../recording';

export interface CueOutput {
  /** getting_into_position, holding, fault, released; out_of_view for the in-view source. */
  state: string;
  /** Good-form seconds held in this hold, and the target. */
  holdS: number;
  targetS: number;
  /** A new cue to show and say now, or null. */
  cue: string | null;
  /** The caption to keep showing. */
  showing: string;
  /** True when form is checked (the coach); false when only presence is. */
  checksForm: boolean;
}

export interface CueSource {
  update(t: number, lm: readonly PoseLandmark[] | null): CueOutput;
  reset(): void;
  free(): void;
}

/** Visibility a landmark needs to count as seen (geom.DefaultGate, CLINICAL.md 0.5-0.7). */
const SEEN = 0.5;
/** Longest time one frame may add to the timer: coach.DefaultConfig.MaxStepS, so a stalled camera does not count as held. */
const MAX_STEP_S = 0.25;

// Hips, knees and shoulders: the parts every exercise of the library moves
// or holds still.
const PARTS: ReadonlyArray<readonly [number, number]> = [[11, 12], [23, 24], [25, 26]];

class InViewCues implements CueSource {
  private readonly target: number;
  private hold = 0;
  private lastT = Number.NaN;
  private state = 'getting_into_position';
  private showing = 'Get into position.';
  private said = '';

  constructor(targetS: number) {
    this.target = targetS;
  }

  update(t: number, lm: readonly PoseLandmark[] | null): CueOutput {
    const inView = !!lm && PARTS.every(([l, r]) => Math.max(lm[l]?.visibility ?? 0, lm[r]?.visibility ?? 0) >= SEEN);
    const dt = Number.isNaN(this.lastT) ? 0 : Math.min(MAX_STEP_S, Math.max(0, t - this.lastT));
    this.lastT = t;
    let next: string;
    if (this.hold >= this.target) {
      this.state = 'released';
      next = 'Time. Gently come out of the stretch.';
    } else if (inView) {
      this.hold = Math.min(this.target, this.hold + dt);
      this.state = 'holding';
      next = 'Good. Hold it there and breathe.';
      if (this.hold >= this.target) next = 'Time. Gently come out of the stretch.';
    } else {
      this.state = 'out_of_view';
      next = 'I can’t see you well. Move back into view.';
    }
    let cue: string | null = null;
    if (next !== this.said) {
      cue = next;
      this.said = next;
      this.showing = next;
    }
    return { state: this.state, holdS: this.hold, targetS: this.target, cue, showing: this.showing, checksForm: false };
  }

  reset(): void {
    this.hold = 0;
    this.lastT = Number.NaN;
    this.state = 'getting_into_position';
    this.said = '';
    this.showing = 'Get into position.';
  }

  free(): void {}
}

/** cueSource returns the live cue source for an exercise and a hold target in seconds. */
export function cueSource(_exercise: string, targetS: number): CueSource {
  return new InViewCues(targetS);
}
