// What the clinician's patient page shows for safety, from one request
// (GET /patients/{id}): the red-flag answers of every intake with their
// dates, the questionnaire scores over time, the current plan with its
// reasons, the morning check-ins with their notes and each session's
// guard decisions. The page's charts, replays and exports come after it.
import { h } from '../dom';
import { formatDate, formatDateTime } from '../format';
import type { PatientPage, RedFlagAnswer } from '../components/data';
import { doseText, whyList } from './plan';

const day = formatDate;
const when = formatDateTime;

const GROUP: Record<RedFlagAnswer['group'], string> = { cauda_equina: 'Emergency sign (cauda equina)', refer: 'See a clinician first' };
const ACTION: Record<string, string> = { emergency: 'Emergency: stop and seek emergency care', refer: 'Refer: see a clinician before exercising', exercise: 'Exercise' };
const GUARD_ACTION: Record<string, string> = { continue: 'Continue', lower_intensity: 'Lower the intensity', pause: 'Pause', stop: 'Stop', seek_care: 'Seek care' };
const GUARD_STATE: Record<string, string> = { running: 'ran to the end', paused: 'ended paused', stopped: 'stopped by the guard', seek_care: 'told to seek care' };

function section(id: string, title: string): HTMLElement {
  return h('section', { class: 'clinical-section', 'aria-labelledby': id }, h('h2', { id }, title));
}

function empty(sec: HTMLElement, text: string): HTMLElement {
  sec.append(h('p', { class: 'hint' }, text));
  return sec;
}

export function table(caption: string, head: string[], rows: (string | Node)[][], label?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
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
  const since = st.since ? ` since ${day(st.since)}` : '';
  if (st.state === 'clear') {
    const c = st.clearance;
    return h(
      'p',
      { class: 'safety-now', 'data-testid': 'safety-now', 'data-state': st.state },
      h('strong', {}, 'No warning sign stands. '),
      c ? `On ${when(c.stated_at)} the patient stated that ${c.clinician || 'a clinician'} had cleared them to exercise despite the warning signs of their newest answers.` : '',
    );
  }
  return h(
    'div',
    { class: 'flag-alert', role: 'alert', 'data-testid': 'safety-now', 'data-state': st.state },
    h('p', {}, h('strong', {}, st.state === 'emergency' ? `Emergency${since}: stop and seek emergency care.` : `Referred${since}: see a clinician before exercising.`), ' Camera tests, exercises and sessions are refused until this is resolved.'),
    h('ul', {}, ...st.signs.map((sg) => h('li', {}, `${sg.said.charAt(0).toUpperCase()}${sg.said.slice(1)}: ${sg.meaning}.`))),
  );
}

function redFlagSection(p: PatientPage): HTMLElement {
  const sec = section('rf-title', 'Red flags');
  const [latest, ...earlier] = p.red_flags;
  if (!latest) return empty(sec, 'No intake answered yet.');
  const yes = latest.answers.filter((a) => a.answer === 'yes');
  sec.append(
    yes.length
      ? h(
          'div',
          { class: 'flag-alert', role: 'alert', 'data-testid': 'red-flags-yes' },
          h('p', {}, h('strong', {}, `${yes.length} red flag${yes.length > 1 ? 's' : ''} answered yes`), ` on ${day(latest.answered_at)}:`),
          h('ul', {}, ...yes.map((a) => h('li', {}, `${a.question} `, h('span', { class: 'flag-group' }, `(${GROUP[a.group]})`)))),
        )
      : h('p', { 'data-testid': 'red-flags-none' }, `No red flag answered yes on ${day(latest.answered_at)}.`),
  );
  const answers = (r: (typeof p.red_flags)[number], caption: string) =>
    table(
      caption,
      ['Question', 'Answer'],
      r.answers.map((a) => [a.question, h('span', { class: a.answer === 'yes' ? 'answer-yes' : '' }, a.answer === 'yes' ? 'Yes' : 'No')]),
    );
  sec.append(h('details', {}, h('summary', {}, `All ${latest.answers.length} answers of ${day(latest.answered_at)}`), answers(latest, `Red-flag answers of ${when(latest.answered_at)}`)));
  for (const r of earlier) {
    const n = r.answers.filter((a) => a.answer === 'yes');
    sec.append(
      h(
        'details',
        { 'data-testid': 'red-flags-earlier' },
        h('summary', {}, `Earlier answers of ${day(r.answered_at)}: ${n.length ? `yes to ${n.map((a) => `“${a.question}”`).join(' ')}` : 'no red flag'}`),
        answers(r, `Red-flag answers of ${when(r.answered_at)}`),
      ),
    );
  }
  return sec;
}

function scoreSection(p: PatientPage): HTMLElement {
  const sec = section('scores-title', 'Questionnaire scores over time');
  if (p.scores.length === 0) return empty(sec, 'No questionnaire answered yet.');
  sec.append(
    table(
      'STarT Back (0-9, distress 0-5; Hill et al. 2008), Oswestry Disability Index (%; Fairbank & Pynsent 2000) and pain now (0-10)',
      ['Answered', 'STarT Back', 'Oswestry', 'Pain now'],
      p.scores.map((s) => [
        when(s.answered_at),
        s.start_back ? `${s.start_back.score} (distress ${s.start_back.distress}), ${s.start_back.risk} risk` : '–',
        s.odi ? `${s.odi.percent} % (${s.odi.band}, ${s.odi.answered} of 10 sections)` : '–',
        s.nprs === null || s.nprs === undefined ? '–' : `${s.nprs} of 10`,
      ]),
      'scores',
    ),
  );
  return sec;
}

function planSection(p: PatientPage): HTMLElement {
  const sec = section('plan-title', 'Current plan');
  if (!p.plan) return empty(sec, 'No plan made yet.');
  const plan = p.plan.plan;
  sec.append(
    h('p', { class: `plan-action plan-${plan.action}`, 'data-testid': 'clinician-plan-action' }, ACTION[plan.action] ?? plan.action),
    h('p', { class: 'hint' }, `Made ${when(p.plan.created_at)} from the intake of that day and ${p.plan.screening_ids?.length ?? 0} screening test(s).`),
    h('h3', {}, 'Reasons'),
    h('ul', { class: 'reasons' }, ...plan.reasons.map((r) => h('li', {}, r))),
  );
  if (plan.do.length) {
    sec.append(
      h('h3', {}, 'Exercises'),
      h('ul', { class: 'plan-items' }, ...plan.do.map((it) => h('li', { class: 'plan-item', 'data-exercise': it.exercise }, h('h4', {}, it.name), h('p', { class: 'dose' }, doseText(it)), h('details', {}, h('summary', {}, `Why ${it.name.toLowerCase()}`), whyList(it.why, it.reasons))))),
    );
  }
  if (plan.avoid.length) {
    sec.append(
      h('h3', {}, 'Avoided for now'),
      h('ul', { class: 'plan-items' }, ...plan.avoid.map((it) => h('li', { class: 'plan-item avoid', 'data-exercise': it.exercise }, h('h4', {}, it.name), h('details', {}, h('summary', {}, `Why not ${it.name.toLowerCase()}`), whyList(it.why, it.reasons))))),
    );
  }
  return sec;
}

function checkInSection(p: PatientPage): HTMLElement {
  const sec = section('checkins-title', 'Morning check-ins');
  if (p.checkins.length === 0) return empty(sec, 'No check-in yet.');
  const n = (v?: number) => (v === undefined || v === null ? '–' : String(v));
  sec.append(
    table(
      'Newest first; pain, leg pain and stiffness 0-10',
      ['Morning', 'Pain', 'Leg pain', 'Stiffness', 'Notes'],
      p.checkins.map((c) => [c.date ? day(c.date + 'T12:00:00') : day(c.created_at), n(c.pain), n(c.leg_pain), n(c.stiffness), h('span', { class: 'notes' }, c.notes || '–')]),
      'checkins',
    ),
  );
  return sec;
}

function sessionSection(p: PatientPage): HTMLElement {
  const sec = section('guard-title', 'Sessions and the guard’s decisions');
  if (p.sessions.length === 0) return empty(sec, 'No session yet.');
  sec.append(
    h(
      'ul',
      { class: 'session-log', 'data-testid': 'guard-sessions' },
      ...p.sessions.map((s) => {
        const pains = s.sets.map((x) => x.pain).filter((v): v is number => typeof v === 'number');
        const facts = [`${s.sets.length} hold(s)`, pains.length ? `pain after holds ${pains.join(', ')}` : '', s.guard?.level ? `dose level ${s.guard.level}` : '', s.guard?.state ? GUARD_STATE[s.guard.state] ?? s.guard.state : ''].filter(Boolean);
        return h(
          'li',
          { class: 'plan-item' },
          h('h3', {}, when(s.started_at)),
          h('p', {}, facts.join(' · ')),
          s.stopped_reason ? h('p', { class: 'stopped' }, `Stopped: ${s.stopped_reason}`) : null,
          s.notes ? h('p', {}, `Notes: ${s.notes}`) : null,
          s.guard === null
            ? h('p', { class: 'hint' }, 'No record of the guard for this session.')
            : s.guard.decisions.length
              ? h('ol', { class: 'guard-log', 'aria-label': `The guard’s decisions on ${when(s.started_at)}` }, ...s.guard.decisions.map((d) => h('li', { class: `decision decision-${d.action}` }, h('strong', {}, `${GUARD_ACTION[d.action] ?? d.action}: `), d.message)))
              : h('p', { class: 'hint' }, 'The guard made no decision.'),
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
