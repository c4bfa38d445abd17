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
import { t } from '../i18n';

export async function renderClinician(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('route.clinician.title'), 'clinician');
  if (!me) return;
  const pid = Number(ctx.params.get('patient') ?? '');
  if (pid > 0) return renderPatient(ctx, pid);

  const status = statusLine();
  const invite = h('button', { type: 'button', class: 'primary' }, t('clinician.createAnInviteCode'));
  const code = h('p', { class: 'invite-code', 'data-testid': 'invite-code', 'aria-live': 'polite' });
  invite.addEventListener('click', async () => {
    try {
      const c = await data.createInvite();
      code.textContent = c.code;
      status.textContent = t('clinician.inviteGiven', { until: new Date(c.expires_at) });
    } catch (err) {
      status.textContent = errorText(err);
    }
  });
  const patients = await data.patients();
  const table = patients.length
    ? h(
        'table',
        { class: 'measures patients' },
        h('caption', {}, t('clinician.yourPatients')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('clinician.patient')), h('th', { scope: 'col' }, t('clinician.linked')), h('th', { scope: 'col' }, t('clinician.recordings')))),
        h(
          'tbody',
          {},
          ...patients.map((p) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: `/clinician?patient=${p.id}` }, p.email)),
              h('td', { 'data-label': t('clinician.linked') }, p.linked_at ? formatDate(p.linked_at) : '–'),
              h('td', { 'data-label': t('clinician.recordings') }, String(p.recordings)),
            ),
          ),
        ),
      )
    : h('p', {}, t('clinician.noPatientsLinkedYet'));
  ctx.root.append(h('h1', { tabindex: '-1' }, t('route.clinician.title')), table, h('h2', {}, t('clinician.linkANewPatient')), h('div', { class: 'actions' }, invite), code, status);
}

async function renderPatient(ctx: RouteContext, id: number): Promise<void> {
  try {
    const p = await data.patient(id);
    ctx.root.append(
      h('p', {}, h('a', { href: '/clinician' }, t('clinician.allPatients'))),
      h('h1', { tabindex: '-1' }, p.email),
      h(
        'p',
        { class: 'actions' },
        h('a', { href: `/api/v1/patients/${id}/export.csv`, download: `patient-${id}.csv`, class: 'button' }, t('clinician.exportCsv')),
        h('a', { href: `/api/v1/patients/${id}/fhir`, download: `patient-${id}.fhir.json`, class: 'button' }, t('clinician.exportFhirJson')),
      ),
      patientSafety(p),
      await progressView(id),
      await issueReportsSection(id),
    );
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      ctx.root.append(h('h1', { tabindex: '-1' }, t('clinician.patientNotFound')), h('p', { role: 'alert' }, t('clinician.thereIsNoPatient')), h('p', {}, h('a', { href: '/clinician' }, t('clinician.allPatients'))));
      return;
    }
    throw err;
  }
}
