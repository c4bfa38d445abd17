// The plan with its reasons: what to do (with dose), what to avoid, and
// why, each reason with its source. The server computes it (package plan)
// from the latest intake and screenings.
import { h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data, latest, type Doc, type Plan, type PlanBody, type PlanItem, type Why } from '../components/data';
import { errorText, statusLine } from './common';

const HEADLINES: Record<Plan['action'], string> = {
  emergency: 'Stop. Get emergency care now.',
  refer: 'Please see a clinician before starting.',
  exercise: 'Your exercises',
};

export function doseText(item: PlanItem): string {
  const d = item.dose;
  const hold = d.hold_s ? `hold ${d.hold_s} s, ` : '';
  const side = d.per_side ? (d.sides?.length ? ` on the ${d.sides.join(' and ')} side` : ' on each side') : '';
  return `${hold}${d.reps} ${d.hold_s ? 'times' : 'slow cycles'}${side}, once a day. Intensity: ${d.intensity} (at most ${d.max_intensity} out of 10). Level ${d.level}.`;
}

export function whyList(why: Why[] | undefined, reasons: string[]): HTMLElement {
  if (why?.length) {
    return h(
      'ul',
      { class: 'reasons' },
      ...why.map((w) => h('li', {}, h('span', {}, `${w.finding} ${w.rule}`), h('span', { class: 'source' }, ` Source: ${w.source}`))),
    );
  }
  return h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r)));
}

export function renderPlanBody(plan: Plan): HTMLElement {
  const sec = h('section', { class: `plan plan-${plan.action}`, 'data-action': plan.action });
  sec.append(
    h('p', { class: 'verdict', 'data-testid': 'plan-action', ...(plan.action !== 'exercise' ? { role: 'alert' } : {}) }, HEADLINES[plan.action]),
    h('h2', {}, 'Why'),
    h('ul', { class: 'reasons' }, ...plan.reasons.map((r) => h('li', {}, r))),
  );
  const facts: string[] = [];
  if (plan.start_back?.risk) facts.push(`STarT Back: ${plan.start_back.score} of 9 (distress ${plan.start_back.distress} of 5), ${plan.start_back.risk} risk`);
  if (plan.odi?.band) facts.push(`Oswestry Disability Index: ${plan.odi.percent} % (${plan.odi.band})`);
  if (plan.nprs != null) facts.push(`Pain now: ${plan.nprs} out of 10`);
  if (facts.length) sec.append(h('h2', {}, 'Your answers, scored'), h('ul', {}, ...facts.map((f) => h('li', {}, f))));
  if (plan.do.length) {
    sec.append(
      h('h2', {}, 'Do'),
      h(
        'ul',
        { class: 'plan-items' },
        ...plan.do.map((it) => h('li', { class: 'plan-item', 'data-exercise': it.exercise }, h('h3', {}, it.name), h('p', { class: 'dose' }, doseText(it)), h('details', {}, h('summary', {}, `Why ${it.name.toLowerCase()}`), whyList(it.why, it.reasons)))),
      ),
    );
  }
  if (plan.avoid.length) {
    sec.append(
      h('h2', {}, 'Avoid for now'),
      h(
        'ul',
        { class: 'plan-items' },
        ...plan.avoid.map((it) => h('li', { class: 'plan-item avoid', 'data-exercise': it.exercise }, h('h3', {}, it.name), h('details', {}, h('summary', {}, `Why not ${it.name.toLowerCase()}`), whyList(it.why, it.reasons)))),
      ),
    );
  }
  return sec;
}

export async function renderPlan(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Your plan', 'patient');
  if (!me) return;
  const status = statusLine();
  const body = h('div', {});
  const remake = h('button', { type: 'button' }, 'Make a new plan from my latest answers and tests');
  const start = h('a', { href: '/session', class: 'button primary', hidden: true }, 'Start today’s session');
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Your plan'), status, body, h('div', { class: 'actions' }, start, remake));

  const show = (doc: Doc<PlanBody>) => {
    body.replaceChildren(renderPlanBody(doc.body.plan), h('p', { class: 'hint' }, `Made ${new Date(doc.created_at).toLocaleString()} from your intake and ${doc.body.screening_ids?.length ?? 0} screening test(s).`));
    start.hidden = doc.body.plan.action !== 'exercise' || doc.body.plan.do.length === 0;
  };
  const make = async () => {
    status.textContent = 'Making your plan…';
    try {
      show(await data.makePlan());
      status.textContent = '';
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  remake.addEventListener('click', () => void make());

  const intakes = await data.intakes();
  if (intakes.length === 0) {
    body.replaceChildren(h('p', {}, 'First answer the questions, so the plan fits you. '), h('p', {}, h('a', { href: '/intake', class: 'button primary' }, 'Answer the questions')));
    remake.hidden = true;
    return;
  }
  const plans = await data.plans();
  const last = latest(plans);
  if (ctx.params.get('new') === '1' || !last) await make();
  else show(last);
}
