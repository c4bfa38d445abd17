import { describe, expect, it } from 'vitest';
import { PlaybackRate } from './video';

describe("the frame stepper's playback rate", () => {
  it('presents at most 30 frames a second, however long the steps stay clean', () => {
    // The rate before crept up to 2 after clean steps; at 1.25 for a 30 fps
    // video the player skipped a frame within a few steps on the idle
    // machine, and the halving after it slowed the rest of the run.
    const r = new PlaybackRate(1 / 30);
    expect(r.rate).toBe(1);
    for (let i = 0; i < 300; i++) expect(r.clean(1 / 30)).toBe(1);
    expect(new PlaybackRate(1 / 60).rate).toBe(0.5);
    expect(new PlaybackRate(1 / 10).rate).toBeCloseTo(3);
  });

  it('halves once per skipped frame, to an eighth at least, and creeps back by a quarter every 30 clean steps', () => {
    const r = new PlaybackRate(1 / 30);
    expect(r.skipped(1 / 30)).toBe(0.5);
    for (let i = 0; i < 29; i++) expect(r.clean(1 / 30)).toBe(0.5);
    expect(r.clean(1 / 30)).toBe(0.625);
    for (let i = 0; i < 10; i++) r.skipped(1 / 30);
    expect(r.rate).toBe(0.125);
    for (let i = 0; i < 30 * 20; i++) r.clean(1 / 30);
    expect(r.rate).toBe(1);
  });

  it('slows to the cap when the frames turn out closer than the sampling step', () => {
    // Sampling a 30 fps video at 10 fps: the step starts at a tenth of a
    // second, and the first gaps show a thirtieth.
    const r = new PlaybackRate(1 / 10);
    expect(r.clean(1 / 30)).toBe(1);
    expect(new PlaybackRate(1 / 10).skipped(1 / 30)).toBe(1);
  });
});
