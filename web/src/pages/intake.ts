// The intake: the red-flag questions first (a cauda equina sign stops
// everything and shows the emergency screen), then STarT Back, the
// Oswestry Disability Index and pain now. The answers go to the server,
// which scores them and makes the plan with package plan; nothing is
// scored here.
import { field, h, select, uid } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data, type IntakeBody } from '../components/data';
import { painWords, slider } from '../components/slider';
import { errorText, statusLine } from './common';

/** The red-flag questions of intake/redflags.go, cauda equina signs first. */
export const CAUDA_EQUINA: ReadonlyArray<readonly [string, string]> = [
  ['bladder_bowel', 'Have you had new trouble passing or holding urine or stools?'],
  ['saddle_numbness', 'Is there new numbness around your bottom, genitals or inner thighs (where you would sit on a saddle)?'],
  ['bilateral_leg_symptoms', 'Do you have pain, numbness or weakness going down both legs?'],
  ['progressive_weakness', 'Is one or both of your legs getting weaker, or does your foot drop or catch?'],
  ['sexual_dysfunction', 'Have you had new changes in sexual function or sensation?'],
];

export const OTHER_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['cancer_history', 'Have you ever had cancer?'],
  ['unexplained_weight_loss', 'Have you lost weight recently without trying?'],
  ['night_pain', 'Is the pain constant at night, not eased by lying down or changing position?'],
  ['fever', 'Have you had a fever or a recent infection?'],
  ['immunosuppression', 'Do you take medicines that weaken the immune system, or have a condition that does?'],
  ['iv_drug_use', 'Have you injected drugs?'],
  ['major_trauma', 'Did the pain start after a major accident or fall?'],
  ['osteoporosis_or_steroids', 'Do you have osteoporosis, or have you taken steroid tablets for months?'],
  ['gait_disturbance', 'Has your walking become unsteady or changed?'],
];

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

function yesNo(name: string, question: string): { el: HTMLElement; yes: HTMLInputElement } {
  const yid = uid('yes');
  const nid = uid('no');
  const yes = h('input', { type: 'radio', name, value: 'yes', id: yid });
  const no = h('input', { type: 'radio', name, value: 'no', id: nid, checked: true });
  const el = h('fieldset', { class: 'question' }, h('legend', {}, question), h('label', { for: yid }, yes, ' Yes'), h('label', { for: nid }, no, ' No'));
  return { el, yes };
}

/** emergencyScreen replaces the page: nothing else is offered. */
export function emergencyScreen(root: HTMLElement, signs: string[]): void {
  root.replaceChildren(
    h(
      'section',
      { class: 'emergency', role: 'alert', 'aria-labelledby': 'emergency-title' },
      h('h1', { id: 'emergency-title', tabindex: '-1' }, 'Stop. Get emergency care now.'),
      h('p', { class: 'lead' }, 'What you told us can be a sign of pressure on the nerves at the base of the spine (cauda equina syndrome). It needs to be seen by a doctor today, urgently.'),
      h('ul', {}, ...signs.map((s) => h('li', {}, s))),
      h('p', {}, 'Go to an emergency department now, or call your local emergency number. Do not do any exercises. Do not wait to see if it passes.'),
      h('p', { class: 'hint' }, 'stretchwise will not suggest any exercise while these signs are present.'),
    ),
  );
  root.querySelector<HTMLElement>('h1')?.focus();
}

export async function renderIntake(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Before we start', 'patient');
  if (!me) return;
  const status = statusLine();

  // Step 1: red flags, the cauda equina signs first.
  const cauda = CAUDA_EQUINA.map(([code, q]) => ({ code, q, ...yesNo(code, q) }));
  const other = OTHER_FLAGS.map(([code, q]) => ({ code, q, ...yesNo(code, q) }));
  const next = h('button', { type: 'submit', class: 'primary' }, 'Continue');
  const step1 = h(
    'form',
    { 'aria-labelledby': 'flags-title' },
    h('h2', { id: 'flags-title' }, 'First, a few safety questions'),
    h('p', {}, 'These come first because a few rare problems need a doctor, not exercise. Answer for how things are now.'),
    ...cauda.map((c) => c.el),
    ...other.map((c) => c.el),
    h('div', { class: 'actions' }, next),
  );

  // Step 2: questionnaires and pain now.
  const age = h('input', { type: 'number', name: 'age', min: '1', max: '120', step: '1', inputmode: 'numeric', required: true });
  const newPain = h('input', { type: 'checkbox', name: 'new_pain', id: uid('new') });
  const sb = START_BACK.map((q, i) => {
    const s = select(`start_back_${i + 1}`, [['0', 'Disagree'], ['1', 'Agree']], '0');
    return { s, el: field(`${i + 1}. ${q}`, s) };
  });
  const bother = select('start_back_9', [['0', 'Not at all'], ['1', 'Slightly'], ['2', 'Moderately'], ['3', 'Very much'], ['4', 'Extremely']], '0');
  const odi = ODI.map(([title, answers], i) => {
    const s = select(`odi_${i + 1}`, [['', 'Skip this section'], ...answers.map((a, k) => [String(k), a] as const)], '0');
    return { s, el: field(`${i + 1}. ${title}`, s) };
  });
  const pain = slider('Back pain right now (0 = none, 10 = worst imaginable)', 0, painWords, 'nprs');
  const send = h('button', { type: 'submit', class: 'primary' }, 'Save my answers');
  const step2 = h(
    'form',
    { hidden: true, 'aria-labelledby': 'q-title' },
    h('h2', { id: 'q-title' }, 'About you and your back'),
    h('div', { class: 'fields' }, field('Your age in years', age), h('div', { class: 'field check' }, newPain, h('label', { for: newPain.id }, 'This back pain is new (a first episode, or clearly different from before)'))),
    h('h3', {}, 'How things have been over the last 2 weeks'),
    h('div', { class: 'fields one' }, ...sb.map((x) => x.el), field('9. Overall, how bothersome has your back pain been in the last 2 weeks?', bother)),
    h('h3', {}, 'How your back affects daily life today'),
    h('p', { class: 'hint' }, 'Choose the sentence closest to today. Skip a section that does not apply.'),
    h('div', { class: 'fields one' }, ...odi.map((x) => x.el)),
    h('h3', {}, 'Pain now'),
    pain.el,
    h('div', { class: 'actions' }, send),
    status,
  );

  step1.addEventListener('submit', (e) => {
    e.preventDefault();
    const signs = cauda.filter((c) => c.yes.checked);
    if (signs.length > 0) return emergencyScreen(ctx.root, signs.map((s) => s.q));
    step1.hidden = true;
    step2.hidden = false;
    step2.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    step2.querySelector<HTMLElement>('h2')?.focus();
  });

  step2.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: IntakeBody = {
      age: Number(age.value),
      red_flags: other.filter((c) => c.yes.checked).map((c) => c.code),
      // Item 9 scores 1 for "very much" or "extremely" (STarT Back scoring guide).
      start_back: [...sb.map((x) => Number(x.s.value)), Number(bother.value) >= 3 ? 1 : 0],
      odi: odi.map((x) => (x.s.value === '' ? null : Number(x.s.value))),
      nprs: pain.value(),
      new_pain: newPain.checked,
    };
    send.disabled = true;
    try {
      status.textContent = 'Saving…';
      await data.postIntake(body);
      ctx.navigate('/screening');
    } catch (err) {
      status.textContent = errorText(err);
      status.classList.add('error');
      send.disabled = false;
    }
  });

  ctx.root.append(h('h1', { tabindex: '-1' }, 'Before we start'), step1, step2);
}
