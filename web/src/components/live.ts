// The live view shared by the screening and the guided session: the camera
// with the skeleton, the one current cue in very large type and the timer,
// with large buttons. While a countdown, a recording or a hold is under
// way (on()), it fills the screen and is scrolled into view, so a person on
// the floor two or three metres away sees all of it; Full screen hides the
// rest of the browser too. Camera and pose model: LiveCamera (live-camera.ts).
import { h } from '../dom';
import { t } from '../i18n';
import { Stage } from '../pose/stage';
import { FrameRateNote } from './framerate';

/** Characters above which a cue is set smaller: at the big size a longer one (the hips cue, 71; a body part out of the picture, up to 72) took five lines on a laptop and ran over the heading above. */
const LONG_CUE = 48;

export interface LiveViewOptions {
  /** The section's accessible name. */
  label: string;
  /** The cue's data-testid (the pages' tests find it by it). */
  cueTestId: string;
  /** The cue before anything happens. */
  cue?: string;
  /** The timer's accessible name and data-testid. */
  timerLabel: string;
  timerTestId: string;
}

export class LiveView {
  /** The section: line, cue, timer, notes, camera and buttons. */
  readonly el: HTMLElement;
  /** A short line above the cue (which hold of how many). */
  readonly line: HTMLParagraphElement;
  readonly cue: HTMLParagraphElement;
  readonly timer: HTMLParagraphElement;
  readonly bar: HTMLProgressElement;
  /** A hint under the timer (what the timer counts). */
  readonly note: HTMLParagraphElement;
  readonly rate = new FrameRateNote();
  readonly stage: Stage;
  /** The buttons: the page adds its own before Full screen. */
  readonly actions: HTMLElement;
  readonly fullscreen: HTMLButtonElement;

  constructor(o: LiveViewOptions) {
    this.line = h('p', { class: 'live-line' });
    this.cue = h('p', { class: 'big-cue live-cue', 'aria-live': 'assertive', 'data-testid': o.cueTestId }, o.cue ?? '');
    this.timer = h('p', { class: 'hold-timer', 'data-testid': o.timerTestId, role: 'timer', 'aria-label': o.timerLabel });
    this.bar = h('progress', { max: '1', value: '0', 'aria-label': t('live.progress', { label: o.timerLabel }), hidden: true });
    this.note = h('p', { class: 'hint live-note' });
    this.stage = new Stage(t('live.skeleton'));
    this.fullscreen = h('button', { type: 'button', class: 'fullscreen' }, t('live.fullscreen'));
    this.actions = h('div', { class: 'actions live-actions' }, this.fullscreen);
    this.el = h(
      'section',
      { class: 'live', 'aria-label': o.label },
      h('div', { class: 'live-words' }, this.line, this.cue, h('div', { class: 'live-timer' }, this.timer, this.bar), this.note, this.rate.el),
      this.stage.el,
      this.actions,
    );
    this.fullscreen.addEventListener('click', () => this.toggleFullscreen());
  }

  /** isOn says whether the view fills the screen now. */
  get isOn(): boolean {
    return this.el.classList.contains('on');
  }

  /** on shows the view filling the screen and scrolls it into view. */
  on(): void {
    this.el.hidden = false;
    this.el.classList.add('on');
    this.el.scrollIntoView({ block: 'start' });
  }

  /** off returns the view to the page's flow and leaves full screen. */
  off(): void {
    this.el.classList.remove('on');
    if (document.fullscreenElement === this.el) void document.exitFullscreen?.().catch(() => undefined);
  }

  /** add puts the page's buttons before Full screen. */
  add(...buttons: HTMLElement[]): void {
    this.fullscreen.before(...buttons);
  }

  /** addNote puts a page's own live note (framing guidance) under the timer. */
  addNote(el: HTMLElement): void {
    this.rate.el.before(el);
  }

  /** show sets the cue; a long one (a framing problem named in full) is set smaller, so that it stays in its place. */
  show(cue: string, state?: string): void {
    this.cue.textContent = cue;
    this.cue.classList.toggle('long-cue', cue.length > LONG_CUE);
    if (state === undefined) delete this.cue.dataset.state;
    else this.cue.dataset.state = state;
  }

  /**
   * time shows s seconds of target in the timer (whole seconds, large; the
   * target smaller) with the bar; the exact seconds go in data-hold-s for
   * tests and assistive tools.
   */
  time(s: number, target: number): void {
    this.timer.replaceChildren(h('span', { class: 'timer-now' }, t('live.timerNow', { s: Math.floor(s) })), h('span', { class: 'timer-of' }, t('live.timerOf', { target })));
    this.timer.dataset.holdS = s.toFixed(2);
    this.bar.hidden = false;
    this.bar.max = target || 1;
    this.bar.value = Math.min(s, target || 1);
  }

  /** countdown shows the seconds left before a recording in the timer, large, without the bar. */
  countdown(left: number): void {
    this.timer.replaceChildren(h('span', { class: 'timer-of' }, t('live.countdownIn')), h('span', { class: 'timer-now' }, t('live.timerNow', { s: left })));
    delete this.timer.dataset.holdS;
    this.bar.hidden = true;
  }

  /** clear empties the timer and hides the bar. */
  clear(): void {
    this.timer.replaceChildren();
    delete this.timer.dataset.holdS;
    this.bar.hidden = true;
  }

  private toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void this.el.requestFullscreen?.().catch(() => undefined);
  }
}
