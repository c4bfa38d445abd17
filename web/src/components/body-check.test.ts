// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BodyCheck, partsSeen, READY_FRAMES } from './body-check';
import type { PoseLandmark } from '../recording';

// The bird dog's parts (shoulders, wrists, hips, knees, ankles), as the engine serves them.
const parts = [['Shoulders', 11, 12], ['Hands', 15, 16], ['Hips', 23, 24], ['Knees', 25, 26], ['Ankles', 27, 28]] as const;

/** A side view: the left side (odd indices in BlazePose) seen, the right hidden. */
const sideView = (): PoseLandmark[] => Array.from({ length: 33 }, (_, i) => ({ x: 0.5, y: 0.5, z: 0, visibility: i % 2 === 1 ? 0.9 : 0.1 }));

describe('the body-parts check before a screening', () => {
  it('needs each part seen on at least one side (a side view hides the far side)', () => {
    const lm = sideView();
    expect(partsSeen(lm, parts, 0.5)).toEqual([true, true, true, true, true]);
    lm[27]!.visibility = 0.3; // the left ankle hidden too
    expect(partsSeen(lm, parts, 0.5)).toEqual([true, true, true, true, false]);
    expect(partsSeen(null, parts, 0.5).some(Boolean)).toBe(false);
  });

  it('lists the parts, marks each frame, and is ready only after every part is seen 3 frames in a row', () => {
    const check = new BodyCheck(0.5);
    check.show(parts);
    const items = () => [...check.el.querySelectorAll<HTMLElement>('li')];
    expect(items().map((li) => li.textContent)).toEqual(['Shoulders: not yet in view', 'Hands: not yet in view', 'Hips: not yet in view', 'Knees: not yet in view', 'Ankles: not yet in view']);
    const all = sideView();
    const noAnkle = sideView();
    noAnkle[27]!.visibility = 0.2;
    expect(check.update(all)).toEqual({ ready: false, missing: [], out: [] });
    expect(check.update(noAnkle)).toEqual({ ready: false, missing: ['Ankles'], out: [] });
    expect(items()[4]!.textContent).toBe('Ankles: not in view');
    expect(items()[4]!.dataset.seen).toBe('false');
    expect(items()[0]!.textContent).toBe('Shoulders: in view ✓');
    expect(items()[0]!.dataset.seen).toBe('true');
    for (let i = 1; i < READY_FRAMES; i++) expect(check.update(all).ready).toBe(false);
    expect(check.update(all).ready).toBe(true);
    expect(check.update(null)).toEqual({ ready: false, missing: ['Shoulders', 'Hands', 'Hips', 'Knees', 'Ankles'], out: [] });
  });

  it('counts again from none after a restart or another test', () => {
    const check = new BodyCheck(0.5);
    check.show(parts);
    for (let i = 0; i < READY_FRAMES; i++) check.update(sideView());
    expect(check.update(sideView()).ready).toBe(true);
    check.restart();
    expect(check.update(sideView()).ready).toBe(false);
    check.show(parts.slice(0, 2));
    expect(check.el.children).toHaveLength(2);
    expect(check.update(sideView()).ready).toBe(false);
  });
});
