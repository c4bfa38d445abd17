// The plan: the exercises first (what to do, with dose), then what to avoid
// for now, each with its reasons folded away and the publications behind a
// "Sources" fold; the reasons of the plan as a whole last (open when the
// plan says stop or see a clinician). The server computes it (package plan)
// from the latest intake and screenings.
import { h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data, latest, type Doc, type Plan, type PlanBody, type PlanItem, type Why } from '../components/data';
import { t } from '../i18n';
import { errorText, statusLine } from './common';

/**
 * doseText is the dose of a plan item in words: "Hold 30 s, 3 times on each side, once a day. Intensity: ...".
 * With the pain now (pain, 0-10) already above the item's limit, it adds what to do then (docs/clinical.md:
 * 4-5 acceptable if it does not rise, pause above 5, stop when it rises by 2 points).
 */
export function doseText(item: PlanItem, pain?: number | null): string {
  const d = item.dose;
  const sides = d.sides ?? [];
  const side = !d.per_side ? '' : sides.length === 1 ? t('plan.dose.onSide', { side: t(sides[0] === 'right' ? 'side.right' : 'side.left') }) : t('plan.dose.eachSide');
  const reps = d.hold_s ? t('plan.dose.holds', { count: d.reps, hold: d.hold_s, side }) : t('plan.dose.cycles', { count: d.reps, side });
  const text = `${reps} ${t('plan.dose.intensity', { intensity: d.intensity, max: d.max_intensity, level: d.level })}`;
  return pain != null && pain > d.max_intensity ? `${text} ${t('plan.dose.painAbove', { pain })}` : text;
}

/** whyList lists the reasons in plain words, with the publications they rest on behind a "Sources" fold. */
export function whyList(why: Why[] | undefined, reasons: string[]): HTMLElement {
  if (!why?.length) return h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r)));
  const sources = [...new Set(why.map((w) => w.source).filter(Boolean))];
  return h(
    'div',
    {},
    h('ul', { class: 'reasons' }, ...why.map((w) => h('li', {}, `${capitalise(w.finding)}: ${w.rule}.`))),
    sources.length ? h('details', { class: 'sources' }, h('summary', {}, t('plan.sources')), h('p', { class: 'hint' }, t('plan.sourcesNote')), h('ul', {}, ...sources.map((s) => h('li', { class: 'source' }, s)))) : null,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function item(it: PlanItem, pain?: number | null): HTMLElement {
  return h(
    'li',
    { class: 'plan-item', 'data-exercise': it.exercise },
    h('h3', {}, it.name),
    h('p', { class: 'dose' }, doseText(it, pain)),
    h('details', {}, h('summary', {}, t('plan.why', { name: it.name.toLowerCase() })), whyList(it.why, it.reasons)),
  );
}

/** renderPlanBody shows a plan: what to do first, then what to avoid, then why. */
export function renderPlanBody(plan: Plan, opts: { start?: HTMLElement } = {}): HTMLElement {
  const stop = plan.action !== 'exercise';
  const sec = h('section', { class: `plan plan-${plan.action}`, 'data-action': plan.action });
  // With exercises, the headline is the heading of the list; otherwise it is the warning.
  if (stop) sec.append(h('p', { class: 'verdict', 'data-testid': 'plan-action', role: 'alert' }, t(`plan.headline.${plan.action}`)));
  else sec.append(h('h2', { class: 'verdict', 'data-testid': 'plan-action' }, t('plan.headline.exercise')));
  if (plan.do.length) sec.append(...(stop ? [h('h2', {}, t('plan.do'))] : []), h('ul', { class: 'plan-items' }, ...plan.do.map((it) => item(it, plan.nprs))));
  if (opts.start) sec.append(opts.start);
  if (plan.avoid.length) {
    sec.append(
      h('h2', {}, t('plan.avoid')),
      h(
        'ul',
        { class: 'plan-items' },
        ...plan.avoid.map((it) =>
          h('li', { class: 'plan-item avoid', 'data-exercise': it.exercise }, h('h3', {}, it.name), h('details', {}, h('summary', {}, t('plan.whyNot', { name: it.name.toLowerCase() })), whyList(it.why, it.reasons))),
        ),
      ),
    );
  }
  const facts: string[] = [];
  if (plan.start_back?.risk) facts.push(t('plan.fact.startBack', { score: plan.start_back.score, distress: plan.start_back.distress, risk: plan.start_back.risk }));
  if (plan.odi?.band) facts.push(t('plan.fact.odi', { percent: plan.odi.percent, band: plan.odi.band }));
  if (plan.nprs != null) facts.push(t('plan.fact.pain', { pain: plan.nprs }));
  const why = h(
    'details',
    { class: 'plan-why', ...(stop ? { open: true } : {}) },
    h('summary', {}, t('plan.whyPlan')),
    plan.why?.length ? whyList(plan.why, plan.reasons) : h('ul', { class: 'reasons' }, ...plan.reasons.map((r) => h('li', {}, r))),
    facts.length ? h('div', {}, h('h3', {}, t('plan.scored')), h('ul', {}, ...facts.map((f) => h('li', {}, f)))) : null,
  );
  sec.append(why);
  return sec;
}

export async function renderPlan(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('route.plan.title'), 'patient');
  if (!me) return;
  const status = statusLine();
  const body = h('div', {});
  const remake = h('button', { type: 'button' }, t('plan.remake'));
  const start = h('a', { href: '/session', class: 'button primary' }, t('plan.start'));
  ctx.root.append(h('h1', { tabindex: '-1' }, t('route.plan.title')), status, body, h('div', { class: 'actions' }, remake));

  const show = (doc: Doc<PlanBody>) => {
    const p = doc.body.plan;
    const go = p.action === 'exercise' && p.do.length > 0 ? h('div', { class: 'actions' }, start) : undefined;
    body.replaceChildren(renderPlanBody(p, go ? { start: go } : {}), h('p', { class: 'hint' }, t('plan.made', { when: new Date(doc.created_at), count: doc.body.screening_ids?.length ?? 0 })));
  };
  const make = async () => {
    status.textContent = t('plan.making');
    try {
      show(await data.makePlan());
      status.textContent = '';
      remake.textContent = t('plan.remake');
      remake.className = '';
    } catch (err) {
      status.textContent = errorText(err);
    }
  };
  remake.addEventListener('click', () => void make());

  const intakes = await data.intakes();
  if (intakes.length === 0) {
    body.replaceChildren(h('p', {}, t('plan.needIntake')), h('p', {}, h('a', { href: '/intake', class: 'button primary' }, t('plan.answer'))));
    remake.hidden = true;
    return;
  }
  // Opening the page only shows the plan: a plan is made by the button alone,
  // so neither a visit nor Back to this address makes or changes one.
  const last = latest(await data.plans());
  if (last) show(last);
  else {
    body.replaceChildren(h('p', {}, t('plan.none')));
    remake.textContent = t('plan.makeFirst');
    remake.className = 'primary';
  }
}
