import { describe, expect, it } from 'vitest';
import { partsSeen } from './screening';
import type { PoseLandmark } from '../recording';

describe('the body-parts check before a screening', () => {
  // The bird dog's parts (shoulders, wrists, hips, knees, ankles), as the engine serves them.
  const parts = [['Shoulders', 11, 12], ['Hands', 15, 16], ['Hips', 23, 24], ['Knees', 25, 26], ['Ankles', 27, 28]] as const;
  it('needs each part seen on at least one side (a side view hides the far side)', () => {
    const lm: PoseLandmark[] = Array.from({ length: 33 }, (_, i) => ({ x: 0.5, y: 0.5, z: 0, visibility: i % 2 === 1 ? 0.9 : 0.1 }));
    expect(partsSeen(lm, parts, 0.5)).toEqual([true, true, true, true, true]);
    lm[27]!.visibility = 0.3; // left ankle hidden too
    expect(partsSeen(lm, parts, 0.5)).toEqual([true, true, true, true, false]);
    expect(partsSeen(null, parts, 0.5).some(Boolean)).toBe(false);
  });
});
