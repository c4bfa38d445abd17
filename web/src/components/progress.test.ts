// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// Two bird dog screenings: one judged, one the app could not judge.
vi.mock('./data', () => {
  const rec = (id: number, verdict: string, value: number) => ({
    id,
    kind: 'screening',
    exercise: 'bird-dog',
    created_at: `2026-12-0${id}T10:00:00Z`,
    duration_s: 6,
    report: { exercise: 'bird-dog', view: 'rear', verdict, findings: [], reasons: [], measures: [{ name: 'shoulder_roll_deg', side: 'right', value, uncertainty: 1, unit: 'deg' }] },
  });
  const none = () => Promise.resolve([]);
  return { data: { intakes: none, sessions: none, checkins: none, recordings: () => Promise.resolve([rec(1, 'stable', 3.2), rec(2, 'inconclusive', 23.6)]) } };
});
vi.mock('./replay', () => ({ skeletonReplay: () => ({ el: document.createElement('div'), stop: () => {} }) }));

import { progressView } from './progress';

describe('the progress charts', () => {
  it('plot the measures of judged screenings only: a recording the app could not judge is no progress', async () => {
    const el = await progressView();
    const text = el.textContent ?? '';
    expect(text).toContain('3.2');
    expect(text).not.toContain('23.6');
  });
});
