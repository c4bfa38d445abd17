// The patient's access log: who else (a linked clinician) looked at or
// downloaded their data, and when, in plain words, newest first and grouped
// by visit, with the whole list (one entry per access) to download. Only the patient can read it and nobody can
// change it (GET /api/v1/audit-log).
import { h } from '../dom';
import { formatDateTime } from '../format';
import { data, type AuditEntry } from './data';
import { table } from '../pages/clinician-patient';
import { t } from '../i18n';

/** visitGapMs: accesses less than 10 minutes apart are one visit (our choice: one sitting). */
const visitGapMs = 10 * 60 * 1000;

export async function accessLogSection(): Promise<HTMLElement> {
  const entries = (await data.auditLog()).slice().reverse();
  const sec = h(
    'section',
    { class: 'access-log', 'aria-labelledby': 'access-log-title' },
    h('h2', { id: 'access-log-title' }, t('components.whoHasLookedAt')),
    h('p', {}, t('components.eachTimeAClinician')),
  );
  if (entries.length === 0) {
    sec.append(h('p', { 'data-testid': 'access-log-empty' }, t('components.nobodyElseHasLooked')));
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
      t('components.accesses', { count: entries.length, visits: t('components.visits', { count: visits.length }) }),
      [t('components.when'), t('components.who'), t('components.whatTheyDid')],
      visits.map((v) => [
        formatDateTime(v.first.created_at),
        t('components.actor', { email: v.first.actor_email, role: v.first.actor_role === 'clinician' ? t('components.yourClinician') : v.first.actor_role }),
        h('ul', { class: 'access-what' }, ...[...v.what].map(([what, n]) => h('li', {}, n > 1 ? t('components.times', { what, count: n }) : what))),
      ]),
      'access-log',
    ),
    h(
      'p',
      { class: 'actions' },
      h('a', { href: '/api/v1/audit-log.csv', download: 'access-log.csv', class: 'button' }, t('components.downloadThisListSpreadsheet')),
      h('a', { href: '/api/v1/audit-log', download: 'access-log.json', class: 'button' }, t('components.downloadThisListJson')),
    ),
  );
  return sec;
}
