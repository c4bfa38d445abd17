// What a guided session has done so far, kept so that it can be saved at
// any moment: at the end, when the person or the guard stops it, and when
// the person leaves the page during it (a partial session: stopped_reason
// says so, and the hold under way is an aborted set with no pain, as the
// server's session document wants). Pure: no DOM, no network.
import type { Measure } from '../api';
import { t } from '../i18n';
import type { GuardEvent } from './core';
import type { SessionBody, SetBody } from './data';

/** The words stored and shown when the page was left during a session. */
export const leftPage = (): string => t('session.leftPage');

/** What a saved hold's landmarks gave: the stored recording and its measures. */
export interface Upload {
  id?: number;
  measures?: Measure[];
}

export class SessionLog {
  readonly planId: number;
  readonly events: GuardEvent[] = [];
  readonly sets: SetBody[] = [];
  started = new Date();
  /** The hold under way, not reported yet: saving now makes it an aborted set. */
  private open: { exercise: string; holdS: number } | undefined;

  constructor(planId: number) {
    this.planId = planId;
  }

  /** openSet notes that a hold of exercise has begun. */
  openSet(exercise: string): void {
    this.open = { exercise, holdS: 0 };
  }

  /**
   * held notes the good-form seconds the coach's timer shows now. The timer
   * counts each repetition (a bird-dog reach) from zero, so a hold counts
   * its longest repetition: a new reach that starts the timer again takes
   * nothing away from what the person was shown.
   */
  held(s: number): void {
    if (this.open) this.open.holdS = Math.max(this.open.holdS, s);
  }

  /** heldS is the good-form seconds the hold under way counts (0 without one): what its end words say. */
  get heldS(): number {
    return this.open?.holdS ?? 0;
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** report ends the hold under way with what the person chose after it. */
  report(r: { intensity: number; pain: number; leg_pain: number }, up: Upload = {}): void {
    if (!this.open) return;
    this.sets.push({ exercise: this.open.exercise, hold_s: tenths(this.open.holdS), ...r, ...uploaded(up) });
    this.open = undefined;
  }

  /** abort ends the hold under way as stopped during the hold: its time and landmarks, no pain (nobody entered any). */
  abort(up: Upload = {}): void {
    if (!this.open) return;
    this.sets.push({ exercise: this.open.exercise, hold_s: tenths(this.open.holdS), aborted: true, ...uploaded(up) });
    this.open = undefined;
  }

  /**
   * body is the session document to post: stopped is why it ended early
   * (absent when it was finished), a hold still open is sent as aborted.
   */
  body(o: { exercise: string; painBefore: number | null; legPainBefore: number | null; ended: Date; stopped?: string }): SessionBody {
    const sets = [...this.sets];
    if (this.open) sets.push({ exercise: this.open.exercise, hold_s: tenths(this.open.holdS), aborted: true });
    const last = [...sets].reverse().find((s) => s.pain !== undefined);
    return {
      plan_id: this.planId,
      exercise: o.exercise,
      started_at: this.started.toISOString(),
      ended_at: o.ended.toISOString(),
      ...(o.painBefore !== null ? { pain_before: o.painBefore } : {}),
      ...(o.legPainBefore !== null ? { leg_pain_before: o.legPainBefore } : {}),
      ...(last ? { pain_after: last.pain } : {}),
      sets,
      ...(o.stopped ? { stopped_reason: o.stopped } : {}),
      events: [...this.events],
    };
  }
}

function tenths(s: number): number {
  return Math.round(s * 10) / 10;
}

function uploaded(up: Upload): Partial<SetBody> {
  return { ...(up.measures?.length ? { measures: up.measures } : {}), ...(up.id ? { recording_id: up.id } : {}) };
}

/**
 * sendAsPageCloses posts a session while the page is being closed or
 * reloaded: the browser finishes a keepalive request after the page has
 * gone (up to 64 KiB of body, a session of about half an hour's events).
 */
export function sendAsPageCloses(url: string, body: SessionBody): void {
  void fetch(url, {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => undefined);
}
