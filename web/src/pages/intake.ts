// The intake: the red-flag questions first, every one answered yes or no
// with nothing preselected (their words come from the server's one
// catalogue, GET /red-flags). A cauda equina sign saves the answers at once
// and the safety banner says to get emergency care; otherwise STarT Back,
// the Oswestry Disability Index and pain now follow, each item unset until
// chosen. Save with anything unanswered points out what is missing; the
// server refuses the same. Nothing is scored here: the server's plan does it.
// The answers are kept as a draft on this device until they are sent (a
// reload loses nothing), and each step has its own address, so Back goes
// from the questionnaires to the safety questions, not out of the intake.
import { field, h, select, uid } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data, latest, type IntakeBody, type RedFlag } from '../components/data';
import { Draft, fillForm, formValues } from '../components/draft';
import { currentSafety, refreshSafetyBanner } from '../components/safety';
import { painWords } from '../components/slider';
import { errorText, statusLine } from './common';

/** STarT Back Tool items 1-8 (agree/disagree), Hill et al. 2008, in plain words. */
const START_BACK: readonly MessageKey[] = [
  'intake.startBack.1',
  'intake.startBack.2',
  'intake.startBack.3',
  'intake.startBack.4',
  'intake.startBack.5',
  'intake.startBack.6',
  'intake.startBack.7',
  'intake.startBack.8',
];

/** Oswestry Disability Index sections (Fairbank & Pynsent 2000), answers 0-5 shortened. */
const ODI: ReadonlyArray<readonly [MessageKey, readonly MessageKey[]]> = [
  ['intake.odi.1.title', ['intake.odi.1.0', 'intake.odi.1.1', 'intake.odi.1.2', 'intake.odi.1.3', 'intake.odi.1.4', 'intake.odi.1.5']],
  ['intake.odi.2.title', ['intake.odi.2.0', 'intake.odi.2.1', 'intake.odi.2.2', 'intake.odi.2.3', 'intake.odi.2.4', 'intake.odi.2.5']],
  ['intake.odi.3.title', ['intake.odi.3.0', 'intake.odi.3.1', 'intake.odi.3.2', 'intake.odi.3.3', 'intake.odi.3.4', 'intake.odi.3.5']],
  ['intake.odi.4.title', ['intake.odi.4.0', 'intake.odi.4.1', 'intake.odi.4.2', 'intake.odi.4.3', 'intake.odi.4.4', 'intake.odi.4.5']],
  ['intake.odi.5.title', ['intake.odi.5.0', 'intake.odi.5.1', 'intake.odi.5.2', 'intake.odi.5.3', 'intake.odi.5.4', 'intake.odi.5.5']],
  ['intake.odi.6.title', ['intake.odi.6.0', 'intake.odi.6.1', 'intake.odi.6.2', 'intake.odi.6.3', 'intake.odi.6.4', 'intake.odi.6.5']],
  ['intake.odi.7.title', ['intake.odi.7.0', 'intake.odi.7.1', 'intake.odi.7.2', 'intake.odi.7.3', 'intake.odi.7.4', 'intake.odi.7.5']],
  ['intake.odi.8.title', ['intake.odi.8.0', 'intake.odi.8.1', 'intake.odi.8.2', 'intake.odi.8.3', 'intake.odi.8.4', 'intake.odi.8.5']],
  ['intake.odi.9.title', ['intake.odi.9.0', 'intake.odi.9.1', 'intake.odi.9.2', 'intake.odi.9.3', 'intake.odi.9.4', 'intake.odi.9.5']],
  ['intake.odi.10.title', ['intake.odi.10.0', 'intake.odi.10.1', 'intake.odi.10.2', 'intake.odi.10.3', 'intake.odi.10.4', 'intake.odi.10.5']],
];

/** The ages the server takes, in whole years (stretchwise.MinAge, MaxAge). */
const MIN_AGE = 1;
const MAX_AGE = 120;

interface Choice {
  el: HTMLElement;
  /** value is the chosen value, or undefined while nothing is chosen. */
  value: () => string | undefined;
  /** mark shows or clears the "not answered" note (or the words given instead). */
  mark: (missing: boolean, words?: string) => void;
  /** problem says why a given answer is not taken (an age out of range), or undefined. */
  problem?: () => string | undefined;
}

/** markable adds a "please answer" note that mark(true) shows (or mark(true, words) with other words). */
function markable(el: HTMLElement, controls: HTMLElement[]): (missing: boolean, words?: string) => void {
  const note = h('p', { class: 'missing-note', hidden: true }, t('intake.answerThis'));
  el.append(note);
  return (missing, words) => {
    el.classList.toggle('unanswered', missing);
    note.hidden = !missing;
    note.textContent = words ?? t('intake.answerThis');
    for (const c of controls) {
      if (missing) c.setAttribute('aria-invalid', 'true');
      else c.removeAttribute('aria-invalid');
    }
  };
}

/** radios is a fieldset of choices with none checked. */
function radios(name: string, legend: string, options: ReadonlyArray<readonly [string, string]>, cls = 'question'): Choice {
  const inputs = options.map(([v]) => h('input', { type: 'radio', name, value: v, id: uid(name) }));
  const group = h('div', { class: 'choices', role: 'radiogroup' }, ...options.map(([, label], i) => h('label', { for: inputs[i]!.id }, inputs[i]!, ` ${label}`)));
  const el = h('fieldset', { class: cls }, h('legend', {}, legend), group);
  const mark = markable(el, [group]);
  for (const i of inputs) i.addEventListener('change', () => mark(false));
  return { el, value: () => inputs.find((i) => i.checked)?.value, mark };
}

/** chosen is a select that starts on "Choose an answer" (value ''). */
function chosen(label: string, s: HTMLSelectElement): Choice {
  s.prepend(h('option', { value: '' }, t('intake.choose')));
  s.value = '';
  const el = field(label, s);
  const mark = markable(el, [s]);
  s.addEventListener('change', () => mark(false));
  return { el, value: () => (s.value === '' ? undefined : s.value), mark };
}

/**
 * check marks every unanswered choice and every answer not taken (with its
 * reason), focusing the first, and returns the words for the status line
 * ('' when all is answered): how many are not answered, and how many need
 * a change.
 */
function check(choices: Choice[], every: 'intake.answerEverySafety' | 'intake.answerEvery'): string {
  let missing = 0;
  let wrong = 0;
  let first: Choice | undefined;
  for (const c of choices) {
    const problem = c.problem?.();
    const unanswered = !problem && c.value() === undefined;
    c.mark(!!problem || unanswered, problem);
    if (problem) wrong++;
    if (unanswered) missing++;
    if ((problem || unanswered) && !first) first = c;
  }
  first?.el.querySelector<HTMLElement>('input, select')?.focus();
  return [missing > 0 ? t(every, { missing: missingText(missing) }) : '', wrong > 0 ? t('intake.needsChange', { count: wrong }) : ''].filter(Boolean).join(' ');
}

/**
 * earlierAnswers gives the questionnaire fields of an earlier intake as the
 * form's values, so answering again starts from them: age, new pain, STarT
 * Back items 1-8, the Oswestry sections (a skipped one as "skip") and pain
 * now. Item 9 is stored as 0/1 (its 5-point answer is not kept), so it is
 * asked again. An emergency intake without the questionnaires gives nothing.
 */
export function earlierAnswers(body: IntakeBody): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body.age) return out;
  out['age'] = String(body.age);
  if (body.new_pain !== undefined) out['new_pain'] = body.new_pain ? 'yes' : 'no';
  body.start_back?.slice(0, 8).forEach((v, i) => (out[`start_back_${i + 1}`] = String(v)));
  body.odi?.forEach((v, i) => (out[`odi_${i + 1}`] = v === null ? 'skip' : String(v)));
  if (body.nprs !== undefined && body.nprs !== null) out['nprs'] = String(body.nprs);
  return out;
}

function missingText(n: number): string {
  return t('intake.missing', { count: n });
}

/** ageProblem says why an age typed is not taken ("" is not answered yet), or undefined for a whole number of years from 1 to 120 (as the server checks). */
export function ageProblem(v: string): string | undefined {
  if (v === '') return t('intake.answerThis');
  return /^\d+$/.test(v) && Number(v) >= MIN_AGE && Number(v) <= MAX_AGE ? undefined : t('intake.ageRange', { min: MIN_AGE, max: MAX_AGE });
}

export async function renderIntake(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('route.intake.title'), 'patient');
  if (!me) return;
  const [flags, safety, intakes] = await Promise.all([data.redFlags(), currentSafety(), data.intakes()]);
  const title = h('h1', { tabindex: '-1' }, t('route.intake.title'));

  // A standing emergency: the banner says what to do; the form waits until asked for.
  if (safety?.state === 'emergency' && ctx.params.get('again') !== '1') {
    ctx.root.append(
      title,
      h('p', { class: 'lead' }, t('intake.savedEmergency')),
      h('p', {}, t('intake.getCare')),
      h('p', { class: 'actions' }, h('a', { href: '/intake?again=1', class: 'button' }, t('intake.doctorSeen'))),
    );
    return;
  }
  const status1 = statusLine();
  const draft = new Draft('intake', me.id);
  const again = ctx.params.get('again') === '1' ? 'again=1&' : '';

  // Step 1: red flags, the cauda equina signs first (the server's order).
  const asked = flags.map((f: RedFlag) => ({ f, c: radios(f.code, f.question, [['yes', t('intake.yes')], ['no', t('intake.no')]]) }));
  // A warning sign in force answered no now: a second, explained step confirms each one
  // (docs/clinical.md, "A warning sign is not cleared silently"); the server refuses it otherwise.
  const standing = safety?.state === 'emergency' || safety?.state === 'refer' ? safety.signs : [];
  const confirms = new Map<string, HTMLInputElement>();
  const withdrawList = h('div', { class: 'fields one' });
  const keep = h('button', { type: 'button' }, t('intake.withdrawKeep'));
  const withdraw = h(
    'section',
    { hidden: true, class: 'withdraw', 'aria-labelledby': 'withdraw-title', 'data-testid': 'withdraw' },
    h('h2', { id: 'withdraw-title', tabindex: '-1' }, t('intake.withdrawTitle')),
    h('p', {}, t('intake.withdrawWhy')),
    withdrawList,
    h('div', { class: 'actions' }, keep),
  );
  const withdrawals = () => (withdrawn().length > 0 ? { withdrawn_flags: withdrawn() } : {});
  const dropped = () => standing.filter((s) => asked.find((a) => a.f.code === s.flag)?.c.value() === 'no');
  const withdrawn = () => dropped().map((s) => s.flag);
  /** confirmedDrops says whether every warning sign answered no now is confirmed; if not, it shows the step that asks. */
  const confirmedDrops = (): boolean => {
    const list = dropped();
    if (list.length === 0 || list.every((s) => confirms.get(s.flag)?.checked)) return true;
    withdrawList.replaceChildren(
      ...list.map((s) => {
        const box = confirms.get(s.flag) ?? h('input', { type: 'checkbox', id: `withdraw-${s.flag}` });
        confirms.set(s.flag, box);
        return h('div', { class: 'field check' }, box, h('label', { for: box.id }, t('intake.withdrawSign', { said: s.said })));
      }),
    );
    withdraw.hidden = false;
    withdraw.querySelector<HTMLElement>('h2')?.focus();
    return false;
  };
  keep.addEventListener('click', () => {
    for (const s of dropped()) {
      const a = asked.find((x) => x.f.code === s.flag);
      a?.c.el.querySelector<HTMLInputElement>('input[value="yes"]')?.click();
    }
    withdraw.hidden = true;
    status1.textContent = '';
  });

  const next = h('button', { type: 'submit', class: 'primary' }, t('intake.continue'));
  const step1 = h(
    'form',
    { 'aria-labelledby': 'flags-title', novalidate: true },
    h('h2', { id: 'flags-title' }, t('intake.flagsTitle')),
    h('p', {}, t('intake.flagsWhy')),
    ...asked.map((a) => a.c.el),
    withdraw,
    h('div', { class: 'actions' }, next),
    status1,
  );
  const emergencySaid = () => asked.some((a) => a.f.group === 'cauda_equina' && a.c.value() === 'yes');
  // The answers given: all of them once Continue has checked; for an emergency sign saved at once, those given so far.
  const answers = () => asked.filter((a) => a.c.value() !== undefined).map((a) => ({ flag: a.f.code, answer: a.c.value() as 'yes' | 'no' }));

  // Step 2: questionnaires and pain now, every item unset.
  const age = h('input', { type: 'number', name: 'age', min: String(MIN_AGE), max: String(MAX_AGE), step: '1', inputmode: 'numeric' });
  const ageField = field(t('intake.age'), age);
  const ageMark = markable(ageField, [age]);
  age.addEventListener('input', () => ageMark(false));
  const ageChoice: Choice = {
    el: ageField,
    value: () => (ageProblem(age.value) === undefined ? age.value : undefined),
    // An age typed but out of range is answered: it says why it is not taken, not "please answer".
    problem: () => (age.value !== '' ? ageProblem(age.value) : undefined),
    mark: ageMark,
  };
  const newPain = radios('new_pain', t('intake.newPain'), [['yes', t('intake.yes')], ['no', t('intake.no')]]);
  const sb = START_BACK.map((q, i) => chosen(t('intake.numbered', { n: i + 1, text: t(q) }), select(`start_back_${i + 1}`, [['0', t('intake.disagree')], ['1', t('intake.agree')]])));
  const bother = chosen(t('intake.numbered', { n: 9, text: t('intake.startBack.9') }), select('start_back_9', [['0', t('intake.bother.0')], ['1', t('intake.bother.1')], ['2', t('intake.bother.2')], ['3', t('intake.bother.3')], ['4', t('intake.bother.4')]]));
  const odi = ODI.map(([title, answers], i) =>
    chosen(t('intake.numbered', { n: i + 1, text: t(title) }), select(`odi_${i + 1}`, [...answers.map((a, k) => [String(k), t(a)] as const), ['skip', t('intake.skip')]])),
  );
  const pain = radios('nprs', t('intake.painNow'), Array.from({ length: 11 }, (_, v) => [String(v), `${v}`] as const), 'question scale');
  pain.el.append(h('p', { class: 'hint' }, t('intake.painScale', { none: painWords(0), mild: painWords(2), moderate: painWords(4), severe: painWords(8) })));
  const send = h('button', { type: 'submit', class: 'primary' }, t('intake.save'));
  const status = statusLine();
  const step2 = h(
    'form',
    { hidden: true, 'aria-labelledby': 'q-title', novalidate: true },
    h('h2', { id: 'q-title' }, t('intake.aboutTitle')),
    h('div', { class: 'fields' }, ageField),
    newPain.el,
    h('h3', {}, t('intake.twoWeeks')),
    h('div', { class: 'fields one' }, ...sb.map((x) => x.el), bother.el),
    h('h3', {}, t('intake.dailyLife')),
    h('p', { class: 'hint' }, t('intake.odiHint')),
    h('div', { class: 'fields one' }, ...odi.map((x) => x.el)),
    h('h3', {}, t('intake.painTitle')),
    pain.el,
    h('div', { class: 'actions' }, send),
    status,
  );

  const showQuestions = () => {
    step1.hidden = true;
    step2.hidden = false;
    step2.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    step2.querySelector<HTMLElement>('h2')?.focus();
  };

  const save = async (body: IntakeBody, button: HTMLButtonElement, line: HTMLElement): Promise<boolean> => {
    button.disabled = true;
    line.classList.remove('error');
    try {
      line.textContent = t('intake.saving');
      await data.postIntake(body);
      line.textContent = '';
      return true;
    } catch (err) {
      line.textContent = errorText(err);
      line.classList.add('error');
      button.disabled = false;
      return false;
    }
  };

  // An emergency sign answered yes is saved at once, whatever else is still unanswered: no more questions before getting care.
  // A warning sign in force answered no but not confirmed yet is left out: the emergency does not wait for that step.
  const saveEmergency = async () => {
    const unconfirmed = dropped().filter((s) => !confirms.get(s.flag)?.checked).map((s) => s.flag);
    const confirmed = withdrawn().filter((f) => !unconfirmed.includes(f));
    const body = { red_flag_answers: answers().filter((a) => !unconfirmed.includes(a.flag)), ...(confirmed.length > 0 ? { withdrawn_flags: confirmed } : {}) };
    if (await save(body, next, status1)) {
      draft.clear();
      ctx.navigate('/intake');
    }
  };
  for (const a of asked) if (a.f.group === 'cauda_equina') a.c.el.addEventListener('change', () => void (a.c.value() === 'yes' && saveEmergency()));
  // Once Continue has said how many are unanswered, the count follows each answer.
  step1.addEventListener('change', () => {
    if (!status1.classList.contains('error') || next.disabled) return;
    const n = asked.filter((a) => a.c.value() === undefined).length;
    status1.classList.toggle('error', n > 0);
    status1.textContent = n > 0 ? t('intake.answerEverySafety', { missing: missingText(n) }) : '';
  });

  step1.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (emergencySaid()) return saveEmergency();
    const words = check(asked.map((a) => a.c), 'intake.answerEverySafety');
    status1.classList.toggle('error', words !== '');
    status1.textContent = words;
    if (words) return;
    if (!confirmedDrops()) {
      status1.classList.add('error');
      status1.textContent = t('intake.withdrawFirst');
      return;
    }
    // The questionnaires get an address of their own (no new render: the answers stay as they are),
    // so Back comes here again from them; the page built from the draft shows the step of its address.
    history.pushState(null, '', `/intake?${again}step=questions`);
    showQuestions();
  });

  step2.addEventListener('submit', async (e) => {
    e.preventDefault();
    const words = check([ageChoice, newPain, ...sb, bother, ...odi, pain], 'intake.answerEvery');
    status.classList.toggle('error', words !== '');
    status.textContent = words;
    if (words) return;
    const body: IntakeBody = {
      age: Number(age.value),
      red_flag_answers: answers(),
      ...withdrawals(),
      // Item 9 scores 1 for "very much" or "extremely" (STarT Back scoring guide).
      start_back: [...sb.map((x) => Number(x.value())), Number(bother.value()) >= 3 ? 1 : 0],
      odi: odi.map((x) => (x.value() === 'skip' ? null : Number(x.value()))),
      nprs: Number(pain.value()),
      new_pain: newPain.value() === 'yes',
    };
    if (!(await save(body, send, status))) return;
    draft.clear();
    await refreshSafetyBanner();
    const s = await currentSafety();
    // With a warning sign the plan says what to do; otherwise on to the camera test.
    // The plan is made here, by saving, not by opening the plan page (Back there makes none);
    // if making it fails, the plan page offers its button.
    if (s?.state === 'refer' || s?.state === 'emergency') await data.makePlan().catch(() => undefined);
    ctx.navigate(s?.state === 'refer' || s?.state === 'emergency' ? '/plan' : '/screening');
  });

  // The draft: every answer as it is given, restored on the next visit.
  const saved = draft.load();
  const earlier = latest(intakes);
  if (saved) {
    fillForm(step1, saved);
    fillForm(step2, saved);
  } else if (earlier) {
    // Answering again: the questionnaires start from the earlier answers; the safety questions are asked afresh.
    fillForm(step2, earlierAnswers(earlier.body));
  }
  for (const f of [step1, step2]) {
    f.addEventListener('change', () => draft.save({ ...formValues(step1), ...formValues(step2) }));
    f.addEventListener('input', () => draft.save({ ...formValues(step1), ...formValues(step2) }));
  }
  ctx.root.append(title, step1, step2);
  // The questionnaires only once every safety question has its answer and none is an emergency sign.
  if (ctx.params.get('step') === 'questions' && asked.every((a) => a.c.value() !== undefined) && !emergencySaid()) showQuestions();
}
