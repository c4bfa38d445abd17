// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { stopToday, stopTodayNotice } from './stop-today';
import type { Doc, SessionBody } from './data';

const noon = new Date(2026, 11, 7, 12, 0, 0);

function session(started: Date, state: 'running' | 'stopped' | 'seek_care', message = ''): Doc<SessionBody> {
  const decisions = message ? [{ action: state === 'seek_care' ? 'seek_care' : 'stop', code: state === 'seek_care' ? 'symptom_saddle_numbness' : 'back_pain_rise', message, source: '', undo: '' }] : [];
  return { id: 1, created_at: started.toISOString(), body: { started_at: started.toISOString(), sets: [], guard: { level: 1, max_level: 5, state, decisions, limit: {} } } } as unknown as Doc<SessionBody>;
}

describe('a stop for today', () => {
  it('holds for the rest of the day a session was stopped in, with the reason', () => {
    const rise = 'Your back pain went from 3 to 6 out of 10, up 2 points or more. Stop for today.';
    const got = stopToday([session(new Date(2026, 11, 7, 9, 0), 'stopped', rise)], noon);
    expect(got).toEqual({ seekCare: false, painRose: true, reason: rise });
    const el = stopTodayNotice(got!);
    expect(el.querySelector('h2')!.textContent).toBe('Today’s exercises are stopped because your pain went up');
    expect(el.textContent).toContain(rise);
    expect(el.textContent).toContain('no more sessions today');
    expect(el.textContent).toContain('see a clinician');
    expect(el.textContent).not.toContain('Well done');
  });

  it('does not hold on the next day, nor after a session that ended without a stop', () => {
    expect(stopToday([session(new Date(2026, 11, 6, 20, 0), 'stopped', 'Stop for today.')], noon)).toBeNull();
    expect(stopToday([session(new Date(2026, 11, 7, 9, 0), 'running')], noon)).toBeNull();
  });

  it('says to see a clinician when the guard said to seek care', () => {
    const got = stopToday([session(new Date(2026, 11, 7, 8, 0), 'stopped', 'Stop for today.'), session(new Date(2026, 11, 7, 9, 0), 'seek_care', 'You reported numbness.')], noon);
    expect(got).toEqual({ seekCare: true, painRose: false, reason: 'You reported numbness.' });
    expect(stopTodayNotice(got!).querySelector('h2')!.textContent).toBe('Today’s exercises are stopped');
    expect(stopTodayNotice(got!).textContent).toContain('see a clinician about what you told me');
  });
});
