// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Plan, PlanItem } from '../components/data';
import { plainProblems } from '../i18n/plain';
import { renderPlanBody } from './plan';

const birdDog = {
  exercise: 'bird-dog',
  name: 'Bird dog',
  dose: { level: 1, hold_s: 5, reps: 4, per_side: true, sides: ['left', 'right'], intensity: 'steady effort, back pain no higher than before', max_intensity: 3 },
  reasons: [],
} as unknown as PlanItem;
const plan = (nprs: number) => ({ action: 'exercise', do: [birdDog], avoid: [], reasons: [], nprs }) as unknown as Plan;

describe('the plan’s dose', () => {
  it('says what to do when the pain now is already above the exercise’s limit', () => {
    const dose = renderPlanBody(plan(4)).querySelector('.dose')!.textContent!;
    expect(dose).toContain('at most 3 out of 10');
    expect(dose).toMatch(/Your back pain now \(4 out of 10\) is already above that: keep it from rising/);
    expect(dose).toMatch(/stop if it rises by 2 points or more/);
    expect(plainProblems(dose)).toEqual([]);
  });

  it('says nothing more when the pain now is within the limit', () => {
    expect(renderPlanBody(plan(2)).querySelector('.dose')!.textContent).not.toContain('already above');
  });
});
