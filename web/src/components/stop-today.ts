// A stop for today holds for the rest of that day: once the guard stopped
// a session (pain rose, or new pain) or said to seek care, Home and the
// session page say so and offer no new session until the next calendar
// day on this device (docs/clinical.md, "A stop holds for the day").
import { h } from '../dom';
import { t } from '../i18n';
import type { Doc, SessionBody } from './data';

/** localDay is the person's calendar day of a moment, as YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** StopToday is today's stop: whether to seek care, whether pain rose (or was new), and the guard's reason in words. */
export interface StopToday {
  seekCare: boolean;
  painRose: boolean;
  reason: string;
}

/** stopToday returns the stop of a session started today (on this device's calendar), or null. */
export function stopToday(sessions: ReadonlyArray<Doc<SessionBody>>, now = new Date()): StopToday | null {
  const today = localDay(now);
  let out: StopToday | null = null;
  for (const s of sessions) {
    const g = s.body.guard;
    if (!g || localDay(new Date(s.body.started_at)) !== today) continue;
    if (g.state !== 'stopped' && g.state !== 'seek_care') continue;
    const why = [...g.decisions].reverse().find((d) => d.action === 'stop' || d.action === 'seek_care');
    if (!out || g.state === 'seek_care') out = { seekCare: g.state === 'seek_care', painRose: /pain/.test(why?.code ?? ''), reason: why?.message ?? '' };
  }
  return out;
}

/** stopTodayNotice says that today's exercises are stopped, why, and what to do. */
export function stopTodayNotice(stop: StopToday): HTMLElement {
  return h(
    'section',
    { class: 'stop-today', role: 'alert', 'data-testid': 'stop-today' },
    h('h2', {}, t(stop.painRose && !stop.seekCare ? 'components.stopToday.title' : 'components.stopToday.titleCare')),
    stop.reason ? h('p', {}, stop.reason) : '',
    h('p', {}, t(stop.seekCare ? 'components.stopToday.seekCare' : 'components.stopToday.rest')),
  );
}
