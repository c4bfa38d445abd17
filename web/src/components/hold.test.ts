import { describe, expect, it } from 'vitest';
import { Hold } from './hold';
import type { CueOutput, CueSource } from './cues';
import type { LiveFrame } from '../pose/camera';
import { makeHeader, type PoseLandmark } from '../recording';

/** A cue source that counts every frame with a person as 0.5 s held, at a hip angle rising 1° a frame. */
class FakeSource implements CueSource {
  resets = 0;
  private held = 0;
  private n = 0;
  update(_t: number, lm: readonly PoseLandmark[] | null): CueOutput {
    if (lm) this.held += 0.5;
    this.n++;
    return { state: 'holding', holdS: this.held, targetS: 3, cue: null, showing: 'Hold it.', checksForm: true, timerNote: '', ...(lm ? { holdAngleDeg: 10 + this.n + 0.04 } : {}) };
  }
  reset(): void {
    this.resets++;
    this.held = 0;
    this.n = 0;
  }
  free(): void {}
}

const body: PoseLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.9 }));
const frame = (t: number, person = true): LiveFrame => ({ t, estimate: { image: person ? body : null, world: null }, poseMs: 10, fps: 4 });
const header = makeHeader({ width: 640, height: 480, exercise: 'half-kneeling-hip-flexor', runtime: 'test', model: 'lite' });

describe('a hold of a session', () => {
  it('resets its cue source, and records its landmarks from time zero at its first frame', () => {
    const src = new FakeSource();
    src.update(0, body);
    const hold = new Hold(src, 'half-kneeling-hip-flexor', header);
    expect(src.resets).toBe(1);
    hold.frame(frame(40), 100);
    hold.frame(frame(40.25, false), 100.25);
    const out = hold.frame(frame(40.5), 100.5);
    expect(out.holdS).toBe(1);
    const rec = hold.takeRecording()!;
    expect(rec.frames.map((f) => f.t)).toEqual([0, 0.25, 0.5]);
    expect(rec.header.exercise).toBe('half-kneeling-hip-flexor');
    // Taken once: the recording is uploaded once, and no later frame goes into it.
    expect(hold.takeRecording()).toBeUndefined();
    hold.frame(frame(41), 101);
    expect(rec.frames).toHaveLength(3);
  });

  it('samples the held angle for the guard every 2 s of camera time, at session time, to 0.1°', () => {
    const hold = new Hold(new FakeSource(), 'half-kneeling-hip-flexor', header);
    for (let i = 0; i <= 10; i++) hold.frame(frame(i * 0.5), 7 + i * 0.5);
    const a = hold.takeAngles();
    expect(a.map((e) => e.t)).toEqual([7, 9, 11]);
    expect(a.map((e) => e.value)).toEqual([11, 15, 19]);
    expect(a.every((e) => e.kind === 'hold_angle' && e.exercise === 'half-kneeling-hip-flexor')).toBe(true);
    expect(hold.takeAngles()).toEqual([]);
  });

  it('takes no angle from a frame without one', () => {
    const hold = new Hold(new FakeSource(), 'bird-dog', header);
    hold.frame(frame(0, false), 0);
    hold.frame(frame(3, false), 3);
    expect(hold.takeAngles()).toEqual([]);
  });
});
