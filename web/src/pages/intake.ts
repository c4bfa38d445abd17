// The intake: the red-flag questions first, every one answered yes or no
// with nothing preselected (their words come from the server's one
// catalogue, GET /red-flags). A cauda equina sign saves the answers at once
// and the safety banner says to get emergency care; otherwise STarT Back,
// the Oswestry Disability Index and pain now follow, each item unset until
// chosen. Save with anything unanswered points out what is missing; the
// server refuses the same. Nothing is scored here: the server's plan does it.
import { field, h, select, uid } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data, type IntakeBody, type RedFlag } from '../components/data';
import { currentSafety, refreshSafetyBanner } from '../components/safety';
import { painWords } from '../components/slider';
import { errorText, statusLine } from './common';

/** STarT Back Tool items 1-8 (agree/disagree), Hill et al. 2008, in plain words. */
const START_BACK = [
  'My back pain has spread down my leg(s) at some time in the last 2 weeks.',
  'I have had pain in the shoulder or neck at some time in the last 2 weeks.',
  'I have only walked short distances because of my back pain.',
  'In the last 2 weeks, I have dressed more slowly than usual because of back pain.',
  'It is not really safe for a person with a condition like mine to be physically active.',
  'Worrying thoughts have been going through my mind a lot of the time.',
  'I feel that my back pain is terrible and it is never going to get any better.',
  'In general, I have not enjoyed all the things I used to enjoy.',
];

/** Oswestry Disability Index sections (Fairbank & Pynsent 2000), answers 0-5 shortened. */
const ODI: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Pain intensity', ['No pain at the moment', 'Very mild pain', 'Moderate pain', 'Fairly severe pain', 'Very severe pain', 'The worst imaginable pain']],
  ['Personal care (washing, dressing)', ['Normal, no extra pain', 'Normal, but very painful', 'Painful; I am slow and careful', 'Need some help', 'Need help every day in most of it', 'I do not get dressed; I stay in bed']],
  ['Lifting', ['Heavy weights, no extra pain', 'Heavy weights, but extra pain', 'Not heavy weights off the floor, but if conveniently placed', 'Only light to medium weights if conveniently placed', 'Only very light weights', 'Cannot lift or carry anything']],
  ['Walking', ['Pain does not stop me walking any distance', 'Pain stops me walking more than 1 mile', 'Pain stops me walking more than half a mile', 'Pain stops me walking more than 100 yards', 'Only with a stick or crutches', 'In bed most of the time']],
  ['Sitting', ['Any chair, as long as I like', 'My favourite chair, as long as I like', 'Not more than 1 hour', 'Not more than half an hour', 'Not more than 10 minutes', 'Pain stops me sitting at all']],
  ['Standing', ['As long as I want, no extra pain', 'As long as I want, but extra pain', 'Not more than 1 hour', 'Not more than half an hour', 'Not more than 10 minutes', 'Pain stops me standing at all']],
  ['Sleeping', ['Never disturbed by pain', 'Occasionally disturbed', 'Less than 6 hours', 'Less than 4 hours', 'Less than 2 hours', 'Pain stops me sleeping at all']],
  ['Sex life (if it applies)', ['Normal, no extra pain', 'Normal, but some extra pain', 'Nearly normal, but very painful', 'Severely restricted by pain', 'Nearly absent because of pain', 'Prevented by pain']],
  ['Social life', ['Normal, no extra pain', 'Normal, but more pain', 'Limits only energetic interests', 'Limited; I go out less often', 'Restricted to my home', 'I have no social life because of pain']],
  ['Travelling', ['Anywhere, no pain', 'Anywhere, but extra pain', 'Painful, but journeys over 2 hours are possible', 'Restricted to journeys under 1 hour', 'Restricted to short necessary journeys under 30 minutes', 'Only to receive treatment']],
];

interface Choice {
  el: HTMLElement;
  /** value is the chosen value, or undefined while nothing is chosen. */
  value: () => string | undefined;
  /** mark shows or clears the "not answered" note. */
  mark: (missing: boolean) => void;
}

/** markable adds a "please answer" note that mark(true) shows. */
function markable(el: HTMLElement, controls: HTMLElement[]): (missing: boolean) => void {
  const note = h('p', { class: 'missing-note', hidden: true }, 'Please answer this question.');
  el.append(note);
  return (missing) => {
    el.classList.toggle('unanswered', missing);
    note.hidden = !missing;
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
  s.prepend(h('option', { value: '' }, 'Choose an answer'));
  s.value = '';
  const el = field(label, s);
  const mark = markable(el, [s]);
  s.addEventListener('change', () => mark(false));
  return { el, value: () => (s.value === '' ? undefined : s.value), mark };
}

/** check marks every unanswered choice and returns how many there are, focusing the first. */
function check(choices: Choice[]): number {
  const missing = choices.filter((c) => c.value() === undefined);
  for (const c of choices) c.mark(c.value() === undefined);
  missing[0]?.el.querySelector<HTMLElement>('input, select')?.focus();
  return missing.length;
}

function missingText(n: number): string {
  return n === 1 ? '1 question is not answered yet. It is marked in red.' : `${n} questions are not answered yet. They are marked in red.`;
}

export async function renderIntake(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Before we start', 'patient');
  if (!me) return;
  const [flags, safety] = await Promise.all([data.redFlags(), currentSafety()]);
  const title = h('h1', { tabindex: '-1' }, 'Before we start');

  // A standing emergency: the banner says what to do; the form waits until asked for.
  if (safety?.state === 'emergency' && ctx.params.get('again') !== '1') {
    ctx.root.append(
      title,
      h('p', { class: 'lead' }, 'Your answers are saved. The warning above stays until you answer the safety questions again.'),
      h('p', {}, 'Please get emergency care first. Once a doctor has seen you, answer the questions again.'),
      h('p', { class: 'actions' }, h('a', { href: '/intake?again=1', class: 'button' }, 'A doctor has seen me: answer the questions again')),
    );
    return;
  }
  const status1 = statusLine();

  // Step 1: red flags, the cauda equina signs first (the server's order).
  const asked = flags.map((f: RedFlag) => ({ f, c: radios(f.code, f.question, [['yes', 'Yes'], ['no', 'No']]) }));
  const next = h('button', { type: 'submit', class: 'primary' }, 'Continue');
  const step1 = h(
    'form',
    { 'aria-labelledby': 'flags-title', novalidate: true },
    h('h2', { id: 'flags-title' }, 'First, a few safety questions'),
    h('p', {}, 'These come first because a few rare problems need a doctor, not exercise. Answer each one, yes or no, for how things are now.'),
    ...asked.map((a) => a.c.el),
    h('div', { class: 'actions' }, next),
    status1,
  );
  const answers = () => asked.map((a) => ({ flag: a.f.code, answer: a.c.value() as 'yes' | 'no' }));

  // Step 2: questionnaires and pain now, every item unset.
  const age = h('input', { type: 'number', name: 'age', min: '1', max: '120', step: '1', inputmode: 'numeric' });
  const ageField = field('Your age in years', age);
  const ageMark = markable(ageField, [age]);
  age.addEventListener('input', () => ageMark(false));
  const ageChoice: Choice = {
    el: ageField,
    value: () => (/^\d+$/.test(age.value) && Number(age.value) >= 1 && Number(age.value) <= 120 ? age.value : undefined),
    mark: ageMark,
  };
  const newPain = radios('new_pain', 'Is this back pain new (a first episode, or clearly different from before)?', [['yes', 'Yes'], ['no', 'No']]);
  const sb = START_BACK.map((q, i) => chosen(`${i + 1}. ${q}`, select(`start_back_${i + 1}`, [['0', 'Disagree'], ['1', 'Agree']])));
  const bother = chosen('9. Overall, how bothersome has your back pain been in the last 2 weeks?', select('start_back_9', [['0', 'Not at all'], ['1', 'Slightly'], ['2', 'Moderately'], ['3', 'Very much'], ['4', 'Extremely']]));
  const odi = ODI.map(([t, answers], i) =>
    chosen(`${i + 1}. ${t}`, select(`odi_${i + 1}`, [...answers.map((a, k) => [String(k), a] as const), ['skip', 'Skip: this does not apply to me']])),
  );
  const pain = radios('nprs', 'Back pain right now (0 = none, 10 = worst imaginable)', Array.from({ length: 11 }, (_, v) => [String(v), `${v}`] as const), 'question scale');
  pain.el.append(h('p', { class: 'hint' }, `0 is ${painWords(0)}, 1-3 ${painWords(2)}, 4-5 ${painWords(4)}, 6-10 ${painWords(8)}.`));
  const send = h('button', { type: 'submit', class: 'primary' }, 'Save my answers');
  const status = statusLine();
  const step2 = h(
    'form',
    { hidden: true, 'aria-labelledby': 'q-title', novalidate: true },
    h('h2', { id: 'q-title' }, 'About you and your back'),
    h('div', { class: 'fields' }, ageField),
    newPain.el,
    h('h3', {}, 'How things have been over the last 2 weeks'),
    h('div', { class: 'fields one' }, ...sb.map((x) => x.el), bother.el),
    h('h3', {}, 'How your back affects daily life today'),
    h('p', { class: 'hint' }, 'Choose the sentence closest to today. If a section does not apply to you, choose “Skip”.'),
    h('div', { class: 'fields one' }, ...odi.map((x) => x.el)),
    h('h3', {}, 'Pain now'),
    pain.el,
    h('div', { class: 'actions' }, send),
    status,
  );

  const save = async (body: IntakeBody, button: HTMLButtonElement, line: HTMLElement): Promise<boolean> => {
    button.disabled = true;
    line.classList.remove('error');
    try {
      line.textContent = 'Saving…';
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

  step1.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = check(asked.map((a) => a.c));
    status1.classList.toggle('error', n > 0);
    status1.textContent = n > 0 ? `Please answer every safety question: ${missingText(n)}` : '';
    if (n > 0) return;
    if (asked.some((a) => a.f.group === 'cauda_equina' && a.c.value() === 'yes')) {
      // Saved at once: no more questions before getting care.
      if (await save({ red_flag_answers: answers() }, next, status1)) ctx.navigate('/intake');
      return;
    }
    step1.hidden = true;
    step2.hidden = false;
    step2.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    step2.querySelector<HTMLElement>('h2')?.focus();
  });

  step2.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = check([ageChoice, newPain, ...sb, bother, ...odi, pain]);
    status.classList.toggle('error', n > 0);
    status.textContent = n > 0 ? `Please answer every question: ${missingText(n)}` : '';
    if (n > 0) return;
    const body: IntakeBody = {
      age: Number(age.value),
      red_flag_answers: answers(),
      // Item 9 scores 1 for "very much" or "extremely" (STarT Back scoring guide).
      start_back: [...sb.map((x) => Number(x.value())), Number(bother.value()) >= 3 ? 1 : 0],
      odi: odi.map((x) => (x.value() === 'skip' ? null : Number(x.value()))),
      nprs: Number(pain.value()),
      new_pain: newPain.value() === 'yes',
    };
    if (!(await save(body, send, status))) return;
    await refreshSafetyBanner();
    const s = await currentSafety();
    // With a warning sign the plan says what to do; otherwise on to the camera test.
    ctx.navigate(s?.state === 'refer' || s?.state === 'emergency' ? '/plan?new=1' : '/screening');
  });

  ctx.root.append(title, step1, step2);
}
