// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreeningChoice } from './screening-choice';
import type { ScreeningTest } from './core';

/** Two of the library's screening tests as the engine serves them: one filmed from behind, one side on. */
const TESTS: ScreeningTest[] = [
  {
    id: 'bird-dog',
    name: 'Bird dog',
    plain: 'the bird dog',
    posture: 'quadruped',
    views: ['rear'],
    verdicts: ['stable', 'inconclusive'],
    steps: ['Kneel on all fours.', 'Reach one arm forward.'],
    seconds: 30,
    parts: [{ name: 'Shoulders', landmarks: [11, 12] }, { name: 'Hands', landmarks: [15, 16] }],
  },
  {
    id: 'thomas-test',
    name: 'Hip test',
    plain: 'the hip test',
    posture: 'supine',
    views: ['left', 'right'],
    verdicts: ['normal', 'inconclusive'],
    steps: ['Lie back.'],
    seconds: 20,
    parts: [{ name: 'Hips', landmarks: [23, 24] }],
  },
];

afterEach(() => localStorage.clear());

function choose(sel: HTMLSelectElement, value: string): void {
  sel.value = value;
  sel.dispatchEvent(new Event('change'));
}

function fields(c: ScreeningChoice) {
  const [test, side, countdown] = [...c.el.querySelectorAll('select')];
  const sideField = side!.closest<HTMLElement>('.field')!;
  return { test: test!, side: side!, countdown: countdown!, sideField };
}

describe('the screening’s choices', () => {
  it('lists the library’s tests and starts at the one the address names, or the bird dog', () => {
    const c = new ScreeningChoice(TESTS, null, () => undefined);
    const f = fields(c);
    expect([...f.test.options].map((o) => o.textContent)).toEqual(['Bird dog', 'Hip test']);
    expect(c.test.id).toBe('bird-dog');
    expect(new ScreeningChoice(TESTS, 'thomas-test', () => undefined).test.id).toBe('thomas-test');
    // An address naming no test of the library still gives a test.
    expect(new ScreeningChoice(TESTS, 'no-such-test', () => undefined).test.id).toBe('bird-dog');
  });

  it('gives each test its camera placement and its parts as landmark pairs', () => {
    const c = new ScreeningChoice(TESTS, 'bird-dog', () => undefined);
    expect(c.test.placement).toBe('rear');
    expect(c.test.parts).toEqual([['Shoulders', 11, 12], ['Hands', 15, 16]]);
    choose(fields(c).test, 'thomas-test');
    expect(c.test.placement).toBe('side');
    expect(c.test.parts).toEqual([['Hips', 23, 24]]);
  });

  it('asks which side faces the phone only for a test filmed side on, and records from that side', () => {
    const c = new ScreeningChoice(TESTS, 'bird-dog', () => undefined);
    const f = fields(c);
    expect(f.sideField.hidden).toBe(true);
    expect(c.view).toBe('rear');
    choose(f.test, 'thomas-test');
    expect(f.sideField.hidden).toBe(false);
    expect(c.view).toBe('left');
    choose(f.side, 'right');
    expect(c.side).toBe('right');
    expect(c.view).toBe('right');
    choose(f.test, 'bird-dog');
    expect(f.sideField.hidden).toBe(true);
    expect(c.view).toBe('rear');
  });

  it('tells the page when the test or the side changes, not the countdown', () => {
    const changed = vi.fn();
    const c = new ScreeningChoice(TESTS, 'thomas-test', changed);
    const f = fields(c);
    choose(f.side, 'right');
    expect(changed).toHaveBeenCalledTimes(1);
    choose(f.test, 'bird-dog');
    expect(changed).toHaveBeenCalledTimes(2);
    choose(f.countdown, '20');
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('gives the countdown chosen, in seconds', () => {
    const c = new ScreeningChoice(TESTS, null, () => undefined);
    expect(c.countdownS).toBe(10);
    choose(fields(c).countdown, '5');
    expect(c.countdownS).toBe(5);
  });
});
