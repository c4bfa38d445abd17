import { describe, expect, it } from 'vitest';
import { partsSeen, TESTS } from './screening';
import type { PoseLandmark } from '../recording';

describe('the body-parts check before a screening', () => {
  const bird = TESTS.find((t) => t.id === 'bird-dog')!;
  it('needs each part seen on at least one side (a side view hides the far side)', () => {
    const lm: PoseLandmark[] = Array.from({ length: 33 }, (_, i) => ({ x: 0.5, y: 0.5, z: 0, visibility: i % 2 === 1 ? 0.9 : 0.1 }));
    expect(partsSeen(lm, bird.parts)).toEqual([true, true, true, true, true]);
    lm[27]!.visibility = 0.3; // left ankle hidden too
    expect(partsSeen(lm, bird.parts)).toEqual([true, true, true, true, false]);
    expect(partsSeen(null, bird.parts).some(Boolean)).toBe(false);
  });
});
