// The guided session's safety check: the overstretch guard's decisions
// (package guard, replayed in the engine) as the person reads them. The
// newest and most serious decision is said first, in large type, with its
// source and how to undo it; every other decision is listed the same way
// under it, so each is said once; today's range cap is shown when the guard
// sets one. The panel decides nothing itself.
import { h } from '../dom';
import { t, type MessageKey } from '../i18n';
import type { Decision, GuardResult } from './core';

const ACTION_WORDS: Record<Decision['action'], MessageKey> = {
  continue: 'session.action.continue',
  lower_intensity: 'session.action.lowerIntensity',
  pause: 'session.action.pause',
  stop: 'session.action.stop',
  seek_care: 'session.action.seekCare',
};

/** The guard's actions from the mildest to the most serious. */
const SERIOUSNESS: readonly Decision['action'][] = ['continue', 'lower_intensity', 'pause', 'stop', 'seek_care'];

/** topDecision returns the most serious of decisions (the newest of equals); decisions must not be empty. */
export function topDecision(decisions: readonly Decision[]): Decision {
  return decisions.reduce((a, b) => (SERIOUSNESS.indexOf(b.action) >= SERIOUSNESS.indexOf(a.action) ? b : a));
}

/** why is a decision's fold: its source, how to undo it, and whether it is a rule of thumb. */
function why(d: Decision): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, t('session.decisionWhy')),
    h('p', {}, t('session.decisionSource', { source: d.source })),
    h('p', {}, t('session.decisionUndo', { undo: d.undo })),
    d.heuristic ? h('p', {}, t('session.ruleOfThumb')) : null,
  );
}

/** decisionItem is one decision in the list: what to do, why, its source and how to undo it. */
export function decisionItem(d: Decision): HTMLElement {
  return h(
    'li',
    { class: `decision decision-${d.action}`, 'data-code': d.code, 'data-action': d.action },
    h('strong', {}, t('session.decisionAction', { action: t(ACTION_WORDS[d.action]) })),
    d.message,
    why(d),
  );
}

export class GuardPanel {
  /** The section, hidden until the guard has answered once. */
  readonly el: HTMLElement;
  private readonly now: HTMLParagraphElement;
  /** The newest, most serious decision: its words (now) and its fold. */
  private readonly current: HTMLElement;
  private readonly cap: HTMLParagraphElement;
  private readonly log: HTMLOListElement;
  /** The list item of each decision; the one said on top is left out of the list while it is. */
  private readonly items: HTMLElement[] = [];

  constructor() {
    this.now = h('p', { class: 'guard-now', 'aria-live': 'polite', 'data-testid': 'guard-now' });
    this.current = h('div', { class: 'guard-current' }, this.now);
    this.cap = h('p', { class: 'hint' });
    this.log = h('ol', { class: 'guard-log', 'aria-label': t('session.guardLog') });
    this.el = h('section', { class: 'guard', hidden: true, 'aria-labelledby': 'guard-title' }, h('h2', { id: 'guard-title' }, t('session.guardTitle')), this.current, this.cap, this.log);
  }

  /**
   * show says the most serious of the guard's fresh decisions (those of the
   * events just told; not empty) on top, which it returns, and lists every
   * other decision under it: each decision is said once. Once the guard has
   * stopped the session, its repeats ("The session is over: ...") are said
   * on top but not listed.
   */
  show(result: GuardResult, fresh: readonly Decision[]): Decision {
    this.el.hidden = false;
    const listed = new Map<Decision, HTMLElement>();
    for (const d of fresh) {
      const ends = d.action === 'stop' || d.action === 'seek_care';
      if (ends && this.items.some((li) => li.matches('.decision-stop, .decision-seek_care'))) continue;
      const li = decisionItem(d);
      this.items.push(li);
      listed.set(d, li);
    }
    const top = topDecision(listed.size > 0 ? [...listed.keys()] : fresh);
    const topItem = listed.get(top);
    this.log.replaceChildren(...this.items.filter((li) => li !== topItem));
    this.current.className = `guard-current decision-${top.action}`;
    this.current.dataset.code = top.code;
    this.current.dataset.action = top.action;
    this.current.replaceChildren(this.now, why(top));
    this.now.textContent = top.message;
    this.now.dataset.action = top.action;
    this.now.dataset.state = result.state;
    if (result.limit.max_angle_deg > 0) this.cap.textContent = t('session.rangeCap', { deg: result.limit.max_angle_deg, why: result.limit.message });
    return top;
  }

  /**
   * ended leaves on the end screen only the decision that holds, said on
   * top: the earlier ones ("Carry on", "Set done") are no longer listed
   * under it, where they read as if they still held beside a stop.
   */
  ended(): void {
    this.log.replaceChildren();
    this.log.hidden = true;
  }
}
