import { describe, expect, it } from 'vitest';
import type { Frame } from '../recording';
import { replayFit } from './replay';

/** A frame of 33 landmarks at (x, y), the ankles (27, 28) at (ax, ay). */
function frame(t: number, x: number, y: number, ax: number, ay: number): Frame {
  return { t, lm: Array.from({ length: 33 }, (_, i) => (i === 27 || i === 28 ? [ax, ay, 0, 0.9] : [x, y, 0, 0.9])) };
}

describe('replayFit', () => {
  it('keeps legs that ran past the picture’s right edge on the drawing, with a margin', () => {
    // A 640x360 picture; the body in its middle, the ankles a third of a picture beyond its right edge.
    const frames = [frame(0, 0.5, 0.4, 1.3, 0.8), frame(0.1, 0.45, 0.35, 1.35, 0.85), { t: 0.2, lm: null }];
    const fit = replayFit(frames, 640, 360);
    expect(Math.max(fit.width, fit.height)).toBe(480);
    for (const f of frames) {
      for (const [x, y] of f.lm ? fit.place(f.lm) : []) {
        expect(x).toBeGreaterThanOrEqual(0.05);
        expect(x).toBeLessThanOrEqual(0.95);
        expect(y).toBeGreaterThanOrEqual(0.05);
        expect(y).toBeLessThanOrEqual(0.95);
      }
    }
    // The drawing keeps the person's proportions: a pixel across is a pixel down.
    const [a, b] = [fit.place(frames[0]!.lm!)[0]!, fit.place(frames[0]!.lm!)[27]!];
    expect(((b[0] - a[0]) * fit.width) / ((b[1] - a[1]) * fit.height)).toBeCloseTo(((1.3 - 0.5) * 640) / ((0.8 - 0.4) * 360), 6);
  });

  it('shows the whole picture when nobody was found', () => {
    const fit = replayFit([{ t: 0, lm: null }], 640, 360);
    expect(fit.width / fit.height).toBeCloseTo(640 / 360, 2);
  });
});
