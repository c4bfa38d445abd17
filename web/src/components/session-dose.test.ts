// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { doseInfo, sessionDose } from './session-dose';
import type { LibraryExercise } from './core';
import type { ExerciseDose, PlanItem } from './data';

const dosing = { sets_per_day: 1, days_per_week: 5, per_side: true, intensity: 'steady', max_intensity: 5, source: '' };

const birdDog: LibraryExercise = {
  id: 'bird-dog',
  name: 'Bird dog',
  kind: 'stability',
  targets: 'trunk',
  moves_lumbar_spine: false,
  sided: true,
  steps: ['Kneel on all fours.', 'Reach one arm and the opposite leg.'],
  feel: { what: 'a steady effort', where: 'in your trunk' },
  faults: [],
  contraindications: [],
  camera: { views: ['rear'], checks: '', analysis: '' },
  default_level: 2,
  sources: [],
  doses: [
    { level: 1, hold_s: 5, reps: 4, ...dosing },
    { level: 2, hold_s: 8, reps: 6, ...dosing },
    { level: 3, hold_s: 10, reps: 8, ...dosing },
  ],
};

const item = (level: number, perSide: boolean, sides?: string[]): PlanItem => ({
  exercise: 'bird-dog',
  name: 'Bird dog',
  reasons: [],
  why: [],
  dose: { level, hold_s: 8, reps: 6, sets_per_day: 1, days_per_week: 5, per_side: perSide, ...(sides ? { sides } : {}), intensity: 'steady', max_intensity: 5, source: '' },
});

const limit = { max_angle_deg: 0, recent_average_deg: 0, session_cap_deg: 0, code: 'none', message: '', source: '' };
const serverDose = (level: number, why?: string): ExerciseDose => ({ exercise: 'bird-dog', level, max_level: 3, settled: 0, limit, ...(why ? { last: { level, change: 'lower', settled: 0, code: 'c', message: why, source: '', undo: '' } } : {}) });

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
