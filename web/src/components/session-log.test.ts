import { describe, expect, it } from 'vitest';
import { leftPage, SessionLog } from './session-log';

const ended = new Date('2026-12-07T10:05:00Z');
const pains = { exercise: 'bird-dog', painBefore: 2, legPainBefore: 0, ended };

describe('the session log', () => {
  it('saves a hold still under way as stopped during the hold, with its time and no pain', () => {
    const log = new SessionLog(7);
    log.started = new Date('2026-12-07T10:00:00Z');
    log.events.push({ kind: 'set_started', t: 0, exercise: 'bird-dog' });
    log.openSet('bird-dog');
    log.held(3.14);
    const b = log.body({ ...pains, stopped: leftPage() });
    expect(b).toEqual({
      plan_id: 7,
      exercise: 'bird-dog',
      started_at: '2026-12-07T10:00:00.000Z',
      ended_at: '2026-12-07T10:05:00.000Z',
      pain_before: 2,
      leg_pain_before: 0,
      sets: [{ exercise: 'bird-dog', hold_s: 3.1, aborted: true }],
      stopped_reason: leftPage(),
      events: [{ kind: 'set_started', t: 0, exercise: 'bird-dog' }],
    });
    // body() does not close the hold: the page may still go on.
    expect(log.isOpen).toBe(true);
  });

  it('keeps reported holds with their pain, and the last pain as the pain after', () => {
    const log = new SessionLog(1);
    log.openSet('bird-dog');
    log.held(10);
    log.report({ intensity: 3, pain: 2, leg_pain: 0 }, { id: 5, measures: [] });
    log.openSet('bird-dog');
    log.held(4);
    log.abort({ id: 6 });
    expect(log.isOpen).toBe(false);
    const b = log.body({ ...pains, stopped: 'You stopped the session. That is always all right.' });
    expect(b.sets).toEqual([
      { exercise: 'bird-dog', hold_s: 10, intensity: 3, pain: 2, leg_pain: 0, recording_id: 5 },
      { exercise: 'bird-dog', hold_s: 4, aborted: true, recording_id: 6 },
    ]);
    expect(b.pain_after).toBe(2);
    expect(b.stopped_reason).toBe('You stopped the session. That is always all right.');
  });

  it('sends no stop reason for a finished session, and no pain nobody chose', () => {
    const log = new SessionLog(1);
    const b = log.body({ exercise: 'bird-dog', painBefore: null, legPainBefore: null, ended });
    expect('stopped_reason' in b).toBe(false);
    expect('pain_before' in b).toBe(false);
    expect('pain_after' in b).toBe(false);
    expect(b.sets).toEqual([]);
  });

  it('ignores a report or an abort with no hold under way', () => {
    const log = new SessionLog(1);
    log.report({ intensity: 1, pain: 1, leg_pain: 1 });
    log.abort();
    log.held(5);
    expect(log.sets).toEqual([]);
  });

  it('counts a hold by its longest good-form repetition: a new reach restarting the timer takes nothing away', () => {
    // The coach's timer counts each repetition (reach) from zero; the words at the end of the
    // hold and the stored set must not say less than the timer showed during the hold.
    const log = new SessionLog(1);
    log.openSet('bird-dog');
    for (const s of [0, 0.4, 1.1, 1.3]) log.held(s); // the first reach: 1.3 s in good form
    for (const s of [0, 0.2]) log.held(s); // a second reach begins: the timer starts again
    log.report({ intensity: 3, pain: 1, leg_pain: 0 });
    expect(log.sets[0]!.hold_s).toBe(1.3);
    // What the page's words at the end of the hold are made of.
    expect(log.heldS).toBe(0); // no hold under way
    log.openSet('bird-dog');
    expect(log.heldS).toBe(0); // a new hold starts from nothing
    for (const s of [2.5, 0, 0.7]) log.held(s);
    expect(log.heldS).toBe(2.5);
  });
});
