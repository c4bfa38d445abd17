// Where the session page gets its live cue, its hold timer and its state
// from: one function, cueSource, so the page does not care which source it
// is. The live coaches registered in package coach (with form checks) take
// over through cueSource for the exercises the engine lists in coaches();
// for the others, the in-view source below runs the timer only while the
// needed body parts are in view and says plainly that form is not checked.
import type { CoachAnswer, CoachInfo, CoachSettings, EngineErrorAnswer, RawEngine } from '../engine.gen';
import type { PoseLandmark } from '../recording';
import { t as say } from '../i18n';

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
  /** What the timer counts, in plain words for the page. */
  timerNote: string;
  /** How far into the stretch, degrees (the coach's hip extension), when measured: the guard's hold angle. */
  holdAngleDeg?: number;
}

export interface CueSource {
  update(t: number, lm: readonly PoseLandmark[] | null): CueOutput;
  reset(): void;
  free(): void;
}

/** Longest time one frame may add to the timer: coach.DefaultConfig.MaxStepS, so a stalled camera does not count as held. */
const MAX_STEP_S = 0.25;

// Hips, knees and shoulders: the parts every exercise of the library moves
// or holds still.
const PARTS: ReadonlyArray<readonly [number, number]> = [[11, 12], [23, 24], [25, 26]];

class InViewCues implements CueSource {
  private readonly target: number;
  /** Visibility a landmark needs to count as seen: the engine's (stretchwise.VisibilityGate). */
  private readonly gate: number;
  private hold = 0;
  private lastT = Number.NaN;
  private state = 'getting_into_position';
  private showing = say('cue.getIntoPosition');
  private said = '';

  constructor(targetS: number, gate: number) {
    this.target = targetS;
    this.gate = gate;
  }

  update(t: number, lm: readonly PoseLandmark[] | null): CueOutput {
    const inView = !!lm && PARTS.every(([l, r]) => Math.max(lm[l]?.visibility ?? 0, lm[r]?.visibility ?? 0) >= this.gate);
    const dt = Number.isNaN(this.lastT) ? 0 : Math.min(MAX_STEP_S, Math.max(0, t - this.lastT));
    this.lastT = t;
    let next: string;
    if (this.hold >= this.target) {
      this.state = 'released';
      next = say('cue.timeSlowlyComeOut');
    } else if (inView) {
      this.hold = Math.min(this.target, this.hold + dt);
      this.state = 'holding';
      next = say('cue.goodHoldItThere');
      if (this.hold >= this.target) next = say('cue.timeSlowlyComeOut');
    } else {
      this.state = 'out_of_view';
      next = say('cue.cantSeeYou');
    }
    let cue: string | null = null;
    if (next !== this.said) {
      cue = next;
      this.said = next;
      this.showing = next;
    }
    return {
      state: this.state,
      holdS: this.hold,
      targetS: this.target,
      cue,
      showing: this.showing,
      checksForm: false,
      timerNote: say('cue.theTimerRunsWhile'),
    };
  }

  reset(): void {
    this.hold = 0;
    this.lastT = Number.NaN;
    this.state = 'getting_into_position';
    this.said = '';
    this.showing = say('cue.getIntoPosition');
  }

  free(): void {}
}

/** The engine's coach functions and visibility gate; an engine built before the coach lacks them. */
type RawCoach = Partial<Pick<RawEngine, 'newCoach' | 'coach' | 'freeCoach' | 'coaches' | 'visibilityGate'>>;

/** A live coach of package coach (cmd/stretchwise-wasm coach.go), with its form checks. */
class CoachCues implements CueSource {
  private h = 0;
  private readonly buf = new Float64Array(132);

  constructor(
    private readonly raw: Required<RawCoach>,
    private readonly info: CoachInfo,
    private readonly targetS: number,
    private readonly aspect: number,
  ) {
    this.reset();
  }

  update(t: number, lm: readonly PoseLandmark[] | null): CueOutput {
    if (lm) {
      lm.forEach((p, i) => {
        this.buf[4 * i] = p.x;
        this.buf[4 * i + 1] = p.y;
        this.buf[4 * i + 2] = p.z;
        this.buf[4 * i + 3] = p.visibility ?? 0;
      });
    }
    const o = JSON.parse(this.raw.coach(this.h, t, lm ? this.buf : null)) as CoachAnswer | EngineErrorAnswer;
    if ('error' in o) throw new Error(o.error.message);
    const angle = this.info.hold_angle ? o.angles[this.info.hold_angle] : undefined;
    return {
      state: o.state,
      holdS: o.hold_s,
      targetS: o.target_s,
      cue: o.cue_text || null,
      showing: o.showing_text || say('cue.getIntoPosition'),
      checksForm: true,
      timerNote: this.info.timer_note,
      ...(angle !== undefined && o.in_position ? { holdAngleDeg: angle } : {}),
    };
  }

  reset(): void {
    if (this.h) this.raw.freeCoach(this.h);
    const h = this.raw.newCoach(JSON.stringify({ target_s: this.targetS, exercise: this.info.exercise } satisfies CoachSettings), this.aspect);
    if (typeof h !== 'number') throw new Error(`the coach did not start: ${h}`);
    this.h = h;
  }

  free(): void {
    if (this.h) this.raw.freeCoach(this.h);
    this.h = 0;
  }
}

/**
 * cueSource returns the live cue source for an exercise, a hold target in
 * seconds and the picture's aspect (width/height): the coach when the
 * engine (loaded before) has one registered for the exercise, else the in-view
 * source with the engine's visibility gate.
 */
export function cueSource(exercise: string, targetS: number, aspect = 1): CueSource {
  const raw = (globalThis as unknown as { stretchwiseEngine?: RawCoach }).stretchwiseEngine;
  const info = raw?.coaches ? (JSON.parse(raw.coaches()) as CoachInfo[]).find((c) => c.exercise === exercise) : undefined;
  if (info && raw?.newCoach && raw.coach && raw.freeCoach) {
    return new CoachCues(raw as Required<RawCoach>, info, targetS, aspect);
  }
  if (raw?.visibilityGate === undefined) throw new Error('the engine is not loaded: load it before asking for cues');
  return new InViewCues(targetS, raw.visibilityGate);
}

/**
 * holdEndWords is what the page says when a hold ends (the target reached or
 * "End this hold"): it matches what happened. Praise only for a hold that
 * reached its good-form target; the seconds that counted for a shorter one;
 * and for a hold with no good-form time, that it did not count. effort:
 * a strength or stability exercise (no "stretch").
 */
export function holdEndWords(effort: boolean, holdS: number, targetS: number): string {
  const out = effort ? say('cue.lowerYourArmAnd') : say('cue.comeOutOfThe');
  const s = Math.floor(holdS);
  if (targetS > 0 && holdS >= targetS) return say('cue.wellDone', { out });
  if (s >= 1) return say('cue.heldFor', { s, target: targetS, out });
  return say(effort ? 'cue.notCountedReach' : 'cue.notCountedStretch', { out });
}
