// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { doseInfo, sessionDose } from './session-dose';
import { birdDog, noLimit as limit, planItem as item, serverDose } from './session-testing';

describe('today’s dose in a session', () => {
  it('is the plan’s when the server keeps its level, every side counted', () => {
    expect(sessionDose(item(2, true), birdDog, serverDose(2))).toEqual({ targetS: 8, reps: 12, effort: true, limit });
    expect(sessionDose(item(2, true, ['left']), birdDog, serverDose(2)).reps).toBe(6);
    expect(sessionDose(item(2, false), birdDog, undefined)).toEqual({ targetS: 8, reps: 6, effort: true });
  });

  it('is the library’s dose at the server’s level when the morning check-in moved it, with why', () => {
    const d = sessionDose(item(2, true), birdDog, serverDose(1, 'Your pain this morning was higher: one level gentler.'));
    expect(d.targetS).toBe(5);
    expect(d.reps).toBe(8);
    expect(d.moved).toEqual({ level: 1, holdS: 5, reps: 4, why: 'Your pain this morning was higher: one level gentler.' });
    // A level the library does not have: the plan's dose stands.
    expect(sessionDose(item(2, true), birdDog, serverDose(7)).moved).toBeUndefined();
  });

  it('a stretch rates the stretch, not the effort', () => {
    expect(sessionDose(item(1, false), { ...birdDog, kind: 'stretch' }, undefined).effort).toBe(false);
  });

  it('says the moved level, what a level means, the steps and what to feel', () => {
    const moved = doseInfo(birdDog, sessionDose(item(2, true), birdDog, serverDose(1, 'One level gentler.')));
    const box = document.createElement('div');
    box.append(...moved);
    expect(box.querySelector('[data-testid="todays-level"]')!.textContent).toBe('Today: level 1, hold 5 s, 4 times. One level gentler.');
    expect(box.querySelector('[data-testid="level-means"]')!.textContent).toMatch(/^The level says how much to do: level 1 is the gentlest, level 3 the most\./);
    expect([...box.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(birdDog.steps);
    expect(box.textContent).toContain('You should feel: a steady effort, in your trunk.');
    const kept = document.createElement('div');
    kept.append(...doseInfo(birdDog, sessionDose(item(2, true), birdDog, serverDose(2))));
    expect(kept.querySelector('[data-testid="todays-level"]')).toBeNull();
  });
});
