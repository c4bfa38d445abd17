// The patient's access log: who else (a linked clinician) looked at or
// downloaded their data, and when, in plain words, newest first and grouped
// by visit, with the whole list (one entry per access) to download. Only the patient can read it and nobody can
// change it (GET /api/v1/audit-log).
import { h } from '../dom';
import { formatDateTime } from '../format';
import { data, type AuditEntry } from './data';
import { table } from '../pages/clinician-patient';

/** visitGapMs: accesses less than 10 minutes apart are one visit (our choice: one sitting). */
const visitGapMs = 10 * 60 * 1000;

export async function accessLogSection(): Promise<HTMLElement> {
  const entries = (await data.auditLog()).slice().reverse();
  const sec = h(
    'section',
    { class: 'access-log', 'aria-labelledby': 'access-log-title' },
    h('h2', { id: 'access-log-title' }, 'Who has looked at your data'),
    h('p', {}, 'Each time a clinician you linked opens your results, replays a recording or downloads your data, it is written here. Only you can see this list, and nobody can change or remove what it says.'),
  );
  if (entries.length === 0) {
    sec.append(h('p', { 'data-testid': 'access-log-empty' }, 'Nobody else has looked at your data yet.'));
    return sec;
  }
  // One row per visit: the entries of one person less than visitGapMs
  // apart, each kind of access once with how many times.
  const visits: { first: AuditEntry; last: AuditEntry; what: Map<string, number> }[] = [];
  for (const e of entries) {
    const v = visits[visits.length - 1];
    if (v && v.last.actor_email === e.actor_email && Date.parse(v.last.created_at) - Date.parse(e.created_at) < visitGapMs) {
      v.what.set(e.what, (v.what.get(e.what) ?? 0) + 1);
      v.last = e;
    } else {
      visits.push({ first: e, last: e, what: new Map([[e.what, 1]]) });
    }
  }
  sec.append(
    table(
      `${entries.length} access${entries.length > 1 ? 'es' : ''} in ${visits.length} visit${visits.length > 1 ? 's' : ''}, newest first`,
      ['When', 'Who', 'What they did'],
      visits.map((v) => [
        formatDateTime(v.first.created_at),
        `${v.first.actor_email} (${v.first.actor_role === 'clinician' ? 'your clinician' : v.first.actor_role})`,
        h('ul', { class: 'access-what' }, ...[...v.what].map(([what, n]) => h('li', {}, n > 1 ? `${what} (${n} times)` : what))),
      ]),
      'access-log',
    ),
    h(
      'p',
      { class: 'actions' },
      h('a', { href: '/api/v1/audit-log.csv', download: 'access-log.csv', class: 'button' }, 'Download this list (spreadsheet)'),
      h('a', { href: '/api/v1/audit-log', download: 'access-log.json', class: 'button' }, 'Download this list (JSON)'),
    ),
  );
  return sec;
}
