// A screening's result, once the camera is off: the report, for an
// inconclusive test why that is no failure, the replay of the recorded
// skeleton, and what next ("Make my plan", "Do another test"). It takes the
// place of the guide and the live view until the camera starts again.
import type { Report } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { errorText } from '../pages/common';
import { renderReport } from '../pages/report';
import { skeletonReplay } from './replay';

export interface ScreeningResultOptions {
  /** The parts of the page the result takes the place of: hidden while it shows. */
  covers: readonly HTMLElement[];
  /** navigate opens another address of the app. */
  navigate: (path: string) => void;
  /** makePlan makes a new plan from the latest answers and tests (POST /plans). */
  makePlan: () => Promise<unknown>;
}

export class ScreeningResult {
  readonly el: HTMLElement = h('div', { class: 'result' });
  private readonly o: ScreeningResultOptions;
  private stopReplay: (() => void) | undefined;

  constructor(o: ScreeningResultOptions) {
    this.o = o;
  }

  /** show shows the server's report of a recording (its text, JSON Lines) of the test with id testId, and moves the focus to it. */
  show(report: Report, text: string, testId: string): void {
    this.clear();
    const replay = skeletonReplay(text, t('screening.replay'));
    this.stopReplay = replay.stop;
    const plan = h('button', { type: 'button', class: 'primary' }, t('screening.makePlan'));
    // The button makes the plan (the plan page only shows it), so Back to the plan never makes another.
    const status = h('p', { role: 'status' });
    plan.addEventListener('click', async () => {
      plan.disabled = true;
      status.textContent = t('plan.making');
      try {
        await this.o.makePlan();
        this.o.navigate('/plan');
      } catch (err) {
        status.textContent = errorText(err);
        plan.disabled = false;
      }
    });
    const again = h('button', { type: 'button' }, t('screening.another'));
    again.addEventListener('click', () => this.o.navigate(`/screening?test=${testId}`));
    const why = report.verdict === 'inconclusive' ? h('p', { class: 'lead' }, t('screening.inconclusive')) : null;
    for (const el of this.o.covers) el.hidden = true;
    this.el.replaceChildren(renderReport(report), ...(why ? [why] : []), replay.el, h('div', { class: 'actions' }, plan, again), status);
    const heading = this.el.querySelector<HTMLElement>('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  /** clear removes the result and shows what it covered again. */
  clear(): void {
    this.stopReplay?.();
    this.stopReplay = undefined;
    this.el.replaceChildren();
    for (const el of this.o.covers) el.hidden = false;
  }
}
