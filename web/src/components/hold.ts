// One hold of a guided session, frame by frame: the cue source's answer
// (components/cues: the live coach, or the in-view timer), the hold's
// landmarks recorded from its first frame, and the held angle sampled for
// the guard's falling-hold rule. The page shows the answer; the hold keeps
// what the session will save.
import type { LiveFrame } from '../pose/camera';
import { Recorder, type Header } from '../recording';
import type { GuardEvent } from './core';
import type { CueOutput, CueSource } from './cues';

/**
 * Seconds between two held-angle samples for the guard: our choice, because
 * the rule compares against the set's peak, and a sample every 2 s keeps the
 * event list short.
 */
export const ANGLE_EVERY_S = 2;

export class Hold {
  private recorder: Recorder | undefined;
  private angles: GuardEvent[] = [];
  private lastAngleT = -Infinity;
  private readonly source: CueSource;
  private readonly exercise: string;

  /** The source is reset for this hold; header heads the hold's recording. */
  constructor(source: CueSource, exercise: string, header: Header) {
    this.source = source;
    this.exercise = exercise;
    this.recorder = new Recorder(header);
    source.reset();
  }

  /** frame takes one camera frame, seen at session time now (seconds), and returns the cue source's answer. */
  frame(f: LiveFrame, now: number): CueOutput {
    const lm = f.estimate.image;
    this.recorder?.addLive(f.t, lm, f.estimate.world);
    const out = this.source.update(f.t, lm);
    if (out.holdAngleDeg !== undefined && f.t - this.lastAngleT >= ANGLE_EVERY_S) {
      this.angles.push({ kind: 'hold_angle', t: now, value: Math.round(out.holdAngleDeg * 10) / 10, exercise: this.exercise });
      this.lastAngleT = f.t;
    }
    return out;
  }

  /** takeAngles returns the held angles sampled since the last call, for the guard. */
  takeAngles(): GuardEvent[] {
    const a = this.angles;
    this.angles = [];
    return a;
  }

  /** takeRecording returns the hold's recording once (undefined after that), to be uploaded. */
  takeRecording(): Recorder | undefined {
    const r = this.recorder;
    this.recorder = undefined;
    return r;
  }
}
