import { describe, expect, it } from 'vitest';
import { cueSource, holdEndWords } from './cues';
import type { PoseLandmark } from '../recording';

function pose(vis: number): PoseLandmark[] {
  return Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: vis }));
}

describe('the in-view cue source', () => {
  // The engine's visibility gate; the page loads the engine before it asks for cues.
  (globalThis as unknown as { stretchwiseEngine: object }).stretchwiseEngine = { visibilityGate: 0.5 };
  it('counts hold time only while the body is in view, at most 0.25 s per frame, up to the target', () => {
    const c = cueSource('glute-bridge', 2);
    let out = c.update(0, pose(0.9));
    expect(out.holdS).toBe(0);
    expect(out.cue).toBe('Good. Hold it there and breathe.');
    out = c.update(0.1, pose(0.9));
    expect(out.holdS).toBeCloseTo(0.1, 9);
    expect(out.cue).toBeNull(); // not said twice
    out = c.update(0.6, pose(0.9)); // a 0.5 s stall counts 0.25 s
    expect(out.holdS).toBeCloseTo(0.35, 9);
    out = c.update(0.7, pose(0.2)); // out of view: no time
    expect(out.holdS).toBeCloseTo(0.35, 9);
    expect(out.state).toBe('out_of_view');
    expect(out.cue).toMatch(/Move back into view/);
    out = c.update(0.8, null);
    expect(out.holdS).toBeCloseTo(0.35, 9);
    let t = 0.8;
    while (out.holdS < 2 && t < 10) out = c.update((t += 0.1), pose(0.9));
    expect(out.holdS).toBe(2);
    expect(out.showing).toMatch(/^Time\./);
    expect(out.showing).not.toMatch(/stretch/);
    expect(out.checksForm).toBe(false);
    c.reset();
    expect(c.update(20, pose(0.9)).holdS).toBe(0);
  });
});

describe('the words at the end of a hold', () => {
  it('praise only a hold that reached its target, and never a stretch for a strength exercise', () => {
    expect(holdEndWords(true, 0, 8)).toMatch(/did not count/);
    expect(holdEndWords(true, 0, 8)).not.toMatch(/Well done|stretch/);
    expect(holdEndWords(false, 0, 10)).not.toMatch(/Well done/);
    expect(holdEndWords(true, 3.6, 8)).toBe('You held it in good form for 3 of 8 seconds. Lower your arm and leg slowly, then tell me how it felt.');
    expect(holdEndWords(true, 8, 8)).toMatch(/^Well done\. Lower your arm and leg/);
    expect(holdEndWords(false, 10, 10)).toMatch(/^Well done\. Come out of the stretch slowly/);
  });
});
