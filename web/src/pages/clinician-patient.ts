// What the clinician's patient page shows for safety, from one request
// (GET /patients/{id}): the red-flag answers of every intake with their
// dates, the questionnaire scores over time, the current plan with its
// reasons, the morning check-ins with their notes and each session's
// guard decisions. The page's charts, replays and exports come after it.
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import type { PatientPage, RedFlagAnswer } from '../components/data';
import { doseText, whyList } from './plan';
import { t } from '../i18n';

const day = formatDate;
const when = formatDateTime;

const GROUP: Record<RedFlagAnswer['group'], string> = { cauda_equina: t('clinician.emergencySignCaudaEquina'), refer: t('clinician.seeAClinicianFirst') };
const ACTION: Record<string, string> = { emergency: t('clinician.emergencyStopAndSeek'), refer: t('clinician.referSeeAClinician'), exercise: t('clinician.exercise') };
const GUARD_ACTION: Record<string, string> = { continue: t('clinician.continue'), lower_intensity: t('clinician.lowerTheIntensity'), pause: t('clinician.pause'), stop: t('clinician.stop'), seek_care: t('clinician.seekCare') };
const GUARD_STATE: Record<string, string> = { running: t('clinician.state.running'), paused: t('clinician.state.paused'), stopped: t('clinician.state.stopped'), seek_care: t('clinician.state.seekCare') };

function section(id: string, title: string): HTMLElement {
  return h('section', { class: 'clinical-section', 'aria-labelledby': id }, h('h2', { id }, title));
}

function empty(sec: HTMLElement, text: string): HTMLElement {
  sec.append(h('p', { class: 'hint' }, text));
  return sec;
}

/** table is one of the clinician's tables: technical figures (percentiles, +/-) are allowed in it (data-technical). */
export function table(caption: string, head: string[], rows: (string | Node)[][], label?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', 'data-technical': true },
    h(
      'table',
      { class: 'measures clinical', ...(label ? { 'data-testid': label } : {}) },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map(([first, ...rest]) => h('tr', {}, h('th', { scope: 'row' }, first ?? ''), ...rest.map((c, i) => h('td', { 'data-label': head[i + 1] }, c))))),
    ),
  );
}

/** safetyNow says what stands now: an emergency or a referral from the newest intake, or clear (and who cleared it). */
function safetyNow(p: PatientPage): HTMLElement {
  const st = p.safety;
  const since = st.since ? t('clinician.since', { when: day(st.since) }) : '';
  if (st.state === 'clear') {
    const c = st.clearance;
    return h(
      'p',
      { class: 'safety-now', 'data-testid': 'safety-now', 'data-state': st.state },
      h('strong', {}, t('clinician.noWarningSignStands')),
      c ? t('clinician.cleared', { when: when(c.stated_at), who: c.clinician || t('clinician.aClinician') }) : '',
    );
  }
  return h(
    'div',
    { class: 'flag-alert', role: 'alert', 'data-testid': 'safety-now', 'data-state': st.state },
    h('p', {}, h('strong', {}, st.state === 'emergency' ? t('clinician.emergencySince', { since }) : t('clinician.referredSince', { since })), t('clinician.cameraTestsExercisesAnd')),
    h('ul', {}, ...st.signs.map((sg) => h('li', {}, `${sg.said.charAt(0).toUpperCase()}${sg.said.slice(1)}: ${sg.meaning}.`))),
  );
}

function redFlagSection(p: PatientPage): HTMLElement {
  const sec = section('rf-title', t('clinician.redFlags'));
  const [latest, ...earlier] = p.red_flags;
  if (!latest) return empty(sec, t('clinician.noIntakeAnsweredYet'));
  const yes = latest.answers.filter((a) => a.answer === 'yes');
  sec.append(
    yes.length
      ? h(
          'div',
          { class: 'flag-alert', role: 'alert', 'data-testid': 'red-flags-yes' },
          h('p', {}, h('strong', {}, t('clinician.flagsYes', { count: yes.length })), t('clinician.flagsOn', { when: day(latest.answered_at) })),
          h('ul', {}, ...yes.map((a) => h('li', {}, `${a.question} `, h('span', { class: 'flag-group' }, `(${GROUP[a.group]})`)))),
        )
      : h('p', { 'data-testid': 'red-flags-none' }, t('clinician.noFlag', { when: day(latest.answered_at) })),
  );
  // Warning signs the patient took back themselves (a confirmed second step, not a clinician's clearance).
  const withdrawn = latest.answers.filter((a) => a.withdrawn);
  if (withdrawn.length)
    sec.append(
      h(
        'div',
        { class: 'flag-alert', 'data-testid': 'red-flags-withdrawn' },
        h('p', {}, h('strong', {}, t('clinician.flagsWithdrawn', { count: withdrawn.length })), t('clinician.flagsWithdrawnOn', { when: day(latest.answered_at) })),
        h('ul', {}, ...withdrawn.map((a) => h('li', {}, `${a.question} `, h('span', { class: 'flag-group' }, `(${GROUP[a.group]})`)))),
      ),
    );
  const answers = (r: (typeof p.red_flags)[number], caption: string) =>
    table(
      caption,
      [t('clinician.question'), t('clinician.answer')],
      r.answers.map((a) => [a.question, h('span', { class: a.answer === 'yes' ? 'answer-yes' : '' }, a.answer === 'yes' ? t('clinician.yes') : a.withdrawn ? t('clinician.noWithdrawn') : t('clinician.no'))]),
    );
  sec.append(h('details', {}, h('summary', {}, t('clinician.allAnswers', { count: latest.answers.length, when: day(latest.answered_at) })), answers(latest, t('clinician.answersOf', { when: when(latest.answered_at) }))));
  for (const r of earlier) {
    const n = r.answers.filter((a) => a.answer === 'yes');
    sec.append(
      h(
        'details',
        { 'data-testid': 'red-flags-earlier' },
        h('summary', {}, t('clinician.earlier', { when: day(r.answered_at), what: n.length ? t('clinician.yesTo', { questions: n.map((a) => `“${a.question}”`).join(' ') }) : t('clinician.noRedFlag') })),
        answers(r, t('clinician.answersOf', { when: when(r.answered_at) })),
      ),
    );
  }
  return sec;
}

function scoreSection(p: PatientPage): HTMLElement {
  const sec = section('scores-title', t('clinician.questionnaireScoresOverTime'));
  if (p.scores.length === 0) return empty(sec, t('clinician.noQuestionnaireAnsweredYet'));
  sec.append(
    table(
      'STarT Back (0-9, distress 0-5; Hill et al. 2008), Oswestry Disability Index (%; Fairbank & Pynsent 2000) and pain now (0-10)',
      [t('clinician.answered'), 'STarT Back', t('clinician.oswestry'), t('clinician.painNow')],
      p.scores.map((s) => [
        when(s.answered_at),
        s.start_back ? t('clinician.startBack', { score: s.start_back.score, distress: s.start_back.distress, risk: s.start_back.risk }) : '–',
        s.odi ? t('clinician.odi', { percent: s.odi.percent, band: s.odi.band, answered: s.odi.answered }) : '–',
        s.nprs === null || s.nprs === undefined ? '–' : t('clinician.of10', { v: s.nprs }),
      ]),
      'scores',
    ),
  );
  return sec;
}

function planSection(p: PatientPage): HTMLElement {
  const sec = section('plan-title', t('clinician.currentPlan'));
  if (!p.plan) return empty(sec, t('clinician.noPlanMadeYet'));
  const plan = p.plan.plan;
  sec.append(
    h('p', { class: `plan-action plan-${plan.action}`, 'data-testid': 'clinician-plan-action' }, ACTION[plan.action] ?? plan.action),
    h('p', { class: 'hint' }, t('clinician.planMade', { when: when(p.plan.created_at), count: p.plan.screening_ids?.length ?? 0 })),
    h('h3', {}, t('clinician.reasons')),
    h('ul', { class: 'reasons' }, ...plan.reasons.map((r) => h('li', {}, r))),
  );
  if (plan.do.length) {
    sec.append(
      h('h3', {}, t('clinician.exercises')),
      h('ul', { class: 'plan-items' }, ...plan.do.map((it) => h('li', { class: 'plan-item', 'data-exercise': it.exercise }, h('h4', {}, it.name), h('p', { class: 'dose' }, doseText(it)), h('details', {}, h('summary', {}, t('plan.why', { name: it.name.toLowerCase() })), whyList(it.why, it.reasons))))),
    );
  }
  if (plan.avoid.length) {
    sec.append(
      h('h3', {}, t('clinician.avoidedForNow')),
      h('ul', { class: 'plan-items' }, ...plan.avoid.map((it) => h('li', { class: 'plan-item avoid', 'data-exercise': it.exercise }, h('h4', {}, it.name), h('details', {}, h('summary', {}, t('plan.whyNot', { name: it.name.toLowerCase() })), whyList(it.why, it.reasons))))),
    );
  }
  return sec;
}

function checkInSection(p: PatientPage): HTMLElement {
  const sec = section('checkins-title', t('clinician.morningCheckIns'));
  if (p.checkins.length === 0) return empty(sec, t('clinician.noCheckInYet'));
  const n = (v?: number) => (v === undefined || v === null ? '–' : String(v));
  sec.append(
    table(
      t('clinician.newestFirstPainLeg'),
      [t('clinician.morning'), t('clinician.pain'), t('clinician.legPain'), t('clinician.stiffness'), t('clinician.notes')],
      p.checkins.map((c) => [c.date ? day(c.date + 'T12:00:00') : day(c.created_at), n(c.pain), n(c.leg_pain), n(c.stiffness), h('span', { class: 'notes' }, c.notes || '–')]),
      'checkins',
    ),
  );
  return sec;
}

type Session = PatientPage['sessions'][number];

/**
 * sessionSummary is a session's line of facts and why it stopped, for the
 * clinician: a session stopped early (by the patient, or left) never "ran
 * to the end", and the patient's own stop words ("You stopped the
 * session", "You left the page …", stored as the patient read them) are
 * said of the patient.
 */
export function sessionSummary(s: Session): { facts: string; stopped: string } {
  const pains = s.sets.map((x) => x.pain).filter((v): v is number => typeof v === 'number');
  const early = !!s.stopped_reason;
  const state = s.guard?.state === 'running' && early ? t('clinician.state.stoppedEarly') : s.guard?.state ? GUARD_STATE[s.guard.state] ?? s.guard.state : '';
  const facts = [t('clinician.holds', { count: s.sets.length }), pains.length ? t('clinician.painAfter', { pains: pains.join(', ') }) : '', s.guard?.level ? t('clinician.doseLevel', { level: s.guard.level }) : '', state].filter(Boolean);
  const reason = s.stopped_reason ?? '';
  const stopped = !early ? '' : reason === t('session.youStopped') ? t('clinician.patientStopped') : reason === t('session.leftPage') ? t('clinician.patientLeftPage') : t('clinician.stopped', { reason });
  return { facts: facts.join(' · '), stopped };
}

function sessionSection(p: PatientPage): HTMLElement {
  const sec = section('guard-title', t('clinician.sessionsAndTheGuard'));
  if (p.sessions.length === 0) return empty(sec, t('clinician.noSessionYet'));
  sec.append(
    h(
      'ul',
      { class: 'session-log', 'data-testid': 'guard-sessions' },
      ...p.sessions.map((s) => {
        const { facts, stopped } = sessionSummary(s);
        return h(
          'li',
          { class: 'plan-item' },
          h('h3', {}, when(s.started_at)),
          h('p', {}, facts),
          stopped ? h('p', { class: 'stopped' }, stopped) : null,
          s.notes ? h('p', {}, t('clinician.notesText', { notes: s.notes })) : null,
          s.guard === null
            ? h('p', { class: 'hint' }, t('clinician.noRecordOfThe'))
            : s.guard.decisions.length
              ? h('ol', { class: 'guard-log', 'aria-label': t('clinician.decisionsOn', { when: when(s.started_at) }) }, ...s.guard.decisions.map((d) => h('li', { class: `decision decision-${d.action}` }, h('strong', {}, `${GUARD_ACTION[d.action] ?? d.action}: `), d.message)))
              : h('p', { class: 'hint' }, t('clinician.theGuardMadeNo')),
        );
      }),
    ),
  );
  return sec;
}

/** patientSafety is the clinician's overview of one patient. */
export function patientSafety(p: PatientPage): HTMLElement {
  return h('div', { class: 'patient-safety' }, safetyNow(p), redFlagSection(p), scoreSection(p), planSection(p), checkInSection(p), sessionSection(p));
}
