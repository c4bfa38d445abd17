// The clinician dashboard: invite codes, the list of linked patients, and
// per patient the red flags, scores, plan, check-ins and guard decisions
// (clinician-patient.ts), the charts, the skeleton replays and the exports
// (CSV, FHIR). Every read of a patient's data is in that patient's access
// log.
// The server shows a clinician only their linked patients; an unlinked one
// answers "not found".
import { formatDate } from '../format';
import { ApiError } from '../api';
import { h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data } from '../components/data';
import { progressView } from '../components/progress';
import { errorText, statusLine } from './common';
import { patientSafety } from './clinician-patient';
import { issueReportsSection } from '../report-issue/list';

export async function renderClinician(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Clinician dashboard', 'clinician');
  if (!me) return;
  const pid = Number(ctx.params.get('patient') ?? '');
  if (pid > 0) return renderPatient(ctx, pid);

  const status = statusLine();
  const invite = h('button', { type: 'button', class: 'primary' }, 'Create an invite code');
  const code = h('p', { class: 'invite-code', 'data-testid': 'invite-code', 'aria-live': 'polite' });
  invite.addEventListener('click', async () => {
    try {
      const c = await data.createInvite();
      code.textContent = c.code;
      status.textContent = `Give this code to your patient. It works once, until ${formatDate(c.expires_at)}.`;
    } catch (err) {
      status.textContent = errorText(err);
    }
  });
  const patients = await data.patients();
  const table = patients.length
    ? h(
        'table',
        { class: 'measures patients' },
        h('caption', {}, 'Your patients'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Patient'), h('th', { scope: 'col' }, 'Linked'), h('th', { scope: 'col' }, 'Recordings'))),
        h(
          'tbody',
          {},
          ...patients.map((p) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: `/clinician?patient=${p.id}` }, p.email)),
              h('td', {}, p.linked_at ? formatDate(p.linked_at) : '–'),
              h('td', {}, String(p.recordings)),
            ),
          ),
        ),
      )
    : h('p', {}, 'No patients linked yet. Create an invite code and give it to your patient; they enter it on their account page.');
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Clinician dashboard'), table, h('h2', {}, 'Link a new patient'), h('div', { class: 'actions' }, invite), code, status);
}

async function renderPatient(ctx: RouteContext, id: number): Promise<void> {
  try {
    const p = await data.patient(id);
    ctx.root.append(
      h('p', {}, h('a', { href: '/clinician' }, '← All patients')),
      h('h1', { tabindex: '-1' }, p.email),
      h(
        'p',
        { class: 'actions' },
        h('a', { href: `/api/v1/patients/${id}/export.csv`, download: `patient-${id}.csv`, class: 'button' }, 'Export CSV'),
        h('a', { href: `/api/v1/patients/${id}/fhir`, download: `patient-${id}.fhir.json`, class: 'button' }, 'Export FHIR (JSON)'),
      ),
      patientSafety(p),
      await progressView(id),
      await issueReportsSection(id),
    );
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      ctx.root.append(h('h1', { tabindex: '-1' }, 'Patient not found'), h('p', { role: 'alert' }, 'There is no patient linked to you with that number.'), h('p', {}, h('a', { href: '/clinician' }, '← All patients')));
      return;
    }
    throw err;
  }
}
