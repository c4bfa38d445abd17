// The guided session's two small forms: the pain before the session, and
// the report after each hold (the intensity, and back and leg pain). Every
// slider starts unset, and neither form gives its answers until each one
// has been chosen: an untouched slider is not a report of "no pain".
import { h } from '../dom';
import { t } from '../i18n';
import { chosenValues, effortWords, intensityWords, painWords, slider, type Slider } from './slider';

/** PainBefore asks for back and leg pain before the session starts. */
export class PainBefore {
  readonly el: HTMLElement;
  /** "Start session". */
  readonly begin: HTMLButtonElement;
  readonly back: Slider;
  readonly leg: Slider;
  private readonly note: HTMLParagraphElement;

  constructor() {
    this.back = slider(t('session.backPainBefore'), painWords, 'pain_before');
    this.leg = slider(t('session.legPainBefore'), painWords, 'leg_pain_before');
    this.begin = h('button', { type: 'button', class: 'primary' }, t('session.start'));
    this.note = h('p', { class: 'status error', role: 'alert' });
    this.el = h('section', { 'aria-labelledby': 'before-title' }, h('h2', { id: 'before-title' }, t('session.beforeTitle')), this.back.el, this.leg.el, this.note, h('div', { class: 'actions' }, this.begin));
  }

  /** answers returns the back and leg pain, or null (saying what is missing) while either is unset. */
  answers(): { back: number; leg: number } | null {
    const v = chosenValues(this.note, this.back, this.leg);
    return v && { back: v[0]!, leg: v[1]! };
  }
}

/** What the person reported after a hold. */
export interface HoldAnswers {
  intensity: number;
  pain: number;
  leg_pain: number;
}

/** HoldReport is the report after a hold: how the hold went, then the three sliders, Save and Stop. */
export class HoldReport {
  readonly el: HTMLElement;
  readonly save: HTMLButtonElement;
  readonly stop: HTMLButtonElement;
  private intensity: Slider;
  private readonly slot: HTMLElement;
  private readonly back: Slider;
  private readonly leg: Slider;
  private readonly title: HTMLHeadingElement;
  private readonly lead: HTMLParagraphElement;
  private readonly note: HTMLParagraphElement;

  constructor() {
    this.intensity = slider(t('session.stretchStrength'), intensityWords, 'intensity');
    this.slot = h('div', {}, this.intensity.el);
    this.back = slider(t('session.backPainAfter'), painWords, 'pain');
    this.leg = slider(t('session.legPainAfter'), painWords, 'leg_pain');
    this.save = h('button', { type: 'button', class: 'primary' }, t('session.saveHold'));
    this.stop = h('button', { type: 'button', class: 'stop' }, t('session.stop'));
    this.title = h('h2', { id: 'after-title' }, t('session.afterTitle'));
    this.lead = h('p', { class: 'lead', 'data-testid': 'hold-result' });
    this.note = h('p', { class: 'status error', role: 'alert' });
    this.el = h(
      'section',
      { hidden: true, 'aria-labelledby': 'after-title', 'data-testid': 'hold-end' },
      this.title,
      this.lead,
      this.slot,
      this.back.el,
      this.leg.el,
      this.note,
      h('div', { class: 'actions' }, this.save, this.stop),
    );
  }

  /**
   * askAbout sets the intensity question by the exercise's kind: the effort
   * of a strength or stability hold (steady up to maxIntensity), or the
   * strength of a stretch.
   */
  askAbout(effort: boolean, maxIntensity: number): void {
    this.intensity = effort ? slider(t('session.effort'), effortWords(maxIntensity), 'intensity') : slider(t('session.stretchStrength'), intensityWords, 'intensity');
    this.slot.replaceChildren(this.intensity.el);
  }

  /** clear unsets the sliders and the note, for the next hold. */
  clear(): void {
    for (const s of [this.intensity, this.back, this.leg]) s.clear();
    this.note.textContent = '';
  }

  /**
   * open shows the report, with words on how the hold went and the seconds
   * they count (data-hold-s, for tests and assistive tools) when given, and
   * moves the focus to its heading.
   */
  open(words?: string, heldS?: number): void {
    if (words !== undefined) this.lead.textContent = words;
    if (heldS !== undefined) this.lead.dataset.holdS = heldS.toFixed(2);
    this.el.hidden = false;
    this.title.setAttribute('tabindex', '-1');
    this.title.focus();
  }

  /** paused says whether the guard has paused the session: the report then asks again before the next hold. */
  get paused(): boolean {
    return this.el.dataset.paused === '1';
  }

  set paused(on: boolean) {
    if (on) this.el.dataset.paused = '1';
    else delete this.el.dataset.paused;
  }

  /** retitle heads the report as paused by the guard, or as the usual question. */
  retitle(paused: boolean): void {
    this.title.textContent = paused ? t('session.paused') : t('session.afterTitle');
  }

  /** answers returns the three values, or null (saying what is missing) while any is unset. */
  answers(): HoldAnswers | null {
    const v = chosenValues(this.note, this.intensity, this.back, this.leg);
    return v && { intensity: v[0]!, pain: v[1]!, leg_pain: v[2]! };
  }
}
